import base64
import hashlib
import html as html_lib
import re

import pytest

from summarizer.render.markup import Markup, asset, el, escape, join, page, safe_href


def test_escape_turns_markup_characters_into_entities() -> None:
    assert escape('<a href="x">&\'</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;&lt;/a&gt;"


def test_escape_shows_bidirectional_controls_that_would_reorder_the_page() -> None:
    # An override inside a name would reverse the figures after it on its line.
    assert escape("\u202eabc\u2066d\u2069 \u200fرسالة") == "\ufffdabc\ufffdd\ufffd \u200fرسالة"


def test_escape_keeps_markup_as_it_is() -> None:
    safe = Markup("<b>kept</b>")
    assert escape(safe) is safe


def test_el_escapes_text_children_and_attribute_values() -> None:
    html = el("p", "<script>", Markup("<b>ok</b>"), 3, None, title='"><script>')
    assert html == '<p title="&quot;&gt;&lt;script&gt;">&lt;script&gt;<b>ok</b>3</p>'


def test_el_names_attributes_the_html_way() -> None:
    html = el("li", class_="item", data_ev="p0e0", hidden=True, open=False, lang=None)
    assert html == '<li class="item" data-ev="p0e0" hidden></li>'


def test_el_flattens_nested_children() -> None:
    assert el("ul", [el("li", "a"), [el("li", "b"), ["<"]]]) == "<ul><li>a</li><li>b</li>&lt;</ul>"


def test_void_elements_have_no_closing_tag() -> None:
    assert el("meta", charset="utf-8") == '<meta charset="utf-8">'
    with pytest.raises(ValueError, match="cannot have children"):
        el("br", "text")


@pytest.mark.parametrize("tag", ["", "a b", "script>", "1p", "P"])
def test_el_refuses_what_is_not_a_tag_name(tag: str) -> None:
    with pytest.raises(ValueError, match="not an HTML tag name"):
        el(tag)


def test_el_refuses_what_is_not_an_attribute_name() -> None:
    with pytest.raises(ValueError, match="not an HTML attribute name"):
        el("p", **{"on click": "x"})


def test_join_of_nothing_is_empty() -> None:
    assert join(None) == "" and join([]) == ""


@pytest.mark.parametrize(
    "url",
    [
        "page.html",
        "sub/dir/page.html#top",
        "https://example.com/a?b=c",
        "http://x",
        "file:///tmp/a",
    ],
)
def test_safe_href_keeps_relative_and_web_links(url: str) -> None:
    assert safe_href(url) == url


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", ""],
)
def test_safe_href_drops_links_that_could_run_script(url: str) -> None:
    assert safe_href(url) is None


def _hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()


def test_page_allows_only_its_own_style_and_script_and_no_requests() -> None:
    html = page("T", el("p", "body"), css="p{color:red}", script="console.log(1)")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    text = html_lib.unescape(policy.group(1))
    rules = dict(rule.split(" ", 1) for rule in text.split("; "))
    assert rules["default-src"] == "'none'"
    assert rules["style-src"] == f"'{_hash(asset('page.css') + 'p{color:red}')}'"
    assert rules["script-src"] == f"'{_hash('console.log(1)')}'"
    assert "<script>console.log(1)</script></body>" in html


def test_page_without_script_forbids_every_script() -> None:
    html = page("T", "x")
    assert "script-src &#x27;none&#x27;" in html
    assert "<script" not in html


def test_page_escapes_its_title() -> None:
    assert "<title>&lt;/title&gt;&lt;script&gt;</title>" in page("</title><script>", "")


@pytest.mark.parametrize(("css", "script"), [("</style>", ""), ("", "'</SCRIPT>'")])
def test_page_refuses_inline_code_that_would_close_its_tag(css: str, script: str) -> None:
    with pytest.raises(ValueError, match="closing tag"):
        page("T", "", css=css, script=script)
