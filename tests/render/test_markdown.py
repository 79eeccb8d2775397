import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from summarizer.article import Article
from summarizer.render.markdown import markdown, md, md_inline
from summarizer.render.view import excerpt
from summarizer.schema import Briefing, Usage
from summarizer.text import printable

COMMONMARK = MarkdownIt("commonmark")
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _tags(html: str) -> set[str]:
    return set(re.findall(r"<([a-z][a-z0-9]*)", html))


def test_briefing_reads_as_a_report(briefing: Briefing, article: Article) -> None:
    text = markdown(briefing, article.text)
    lines = text.splitlines()
    assert (
        lines[0]
        == "# US and Japan deepen military ties, call China their greatest strategic challenge"
    )
    assert [line for line in lines if line.startswith("## ")] == [
        "## Agreements",
        "## Threats",
        "## Parties",
        "## Provenance",
    ]
    assert "### 6. Antony Blinken" in lines
    assert "*person* · US Secretary of State · of United States" in lines
    assert "**Status:** agreed · **Parties:** United States, Japan" in text
    assert "**Severity:** critical · **Domain:** nuclear · **From:** North Korea" in text
    assert "| Tokens | 3,485 (2,614 prompt, 871 completion) |" in lines


def test_evidence_is_quoted_with_its_offsets(briefing: Briefing, article: Article) -> None:
    text = markdown(briefing, article.text)
    blinken = briefing.parties[5].evidence[0]
    assert blinken.start is not None and blinken.end is not None
    assert (
        f"> “US Secretary of State Antony Blinken”\n"
        f"> — *exact, chars {blinken.start}–{blinken.end}*"
    ) in text
    assert article.text[blinken.start : blinken.end] == "US Secretary of State Antony Blinken"
    assert "— *fuzzy 98%, chars 63–111*" in text


def test_unverified_evidence_is_flagged(briefing: Briefing) -> None:
    text = markdown(briefing, None)
    assert (
        "> ⚠ **Unverified**, not found in the article: "
        "“North Korea fired ballistic missiles over Japan days before the talks”"
    ) in text


def test_renders_to_clean_html(briefing: Briefing) -> None:
    html = COMMONMARK.render(markdown(briefing, None))
    assert _tags(html) <= {"h1", "h2", "h3", "p", "em", "strong", "blockquote", "ul", "li", "code"}
    assert html.count("<blockquote>") == sum(len(i.evidence) for i in briefing.parties) + sum(
        len(i.evidence) for i in [*briefing.agreements, *briefing.threats]
    )
    assert "<table>" in GFM.render(markdown(briefing, None))


def test_hostile_text_stays_text(hostile: tuple[Article, Briefing]) -> None:
    article, briefing = hostile
    source = markdown(briefing, article.text)
    html = GFM.render(source)
    assert _tags(html) <= {
        "h1",
        "h2",
        "h3",
        "p",
        "em",
        "strong",
        "blockquote",
        "ul",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "code",
    }
    assert "&lt;script&gt;window.pwned = 11&lt;/script&gt;Talks" in html
    assert "[link](javascript:alert(1))" in html
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # only in text, never in a tag
    assert "\x1b" not in source


def test_a_different_article_text_is_flagged(briefing: Briefing) -> None:
    assert "is not the one this briefing was made from" in markdown(briefing, "Other text.")


def test_no_items_say_so(briefing: Briefing) -> None:
    empty = briefing.model_copy(update={"parties": [], "agreements": [], "threats": []})
    assert "## Parties\n\nNo parties found." in markdown(empty, None)


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60))
def test_escaped_text_renders_as_itself(raw: str) -> None:
    flat = excerpt(printable(raw))  # bidirectional controls shown as U+FFFD
    html = COMMONMARK.renderInline(md(raw))
    assert "<" not in html.replace("<br />", "")
    shown = (
        html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )
    assert shown == flat


def _shown(html: str) -> str:
    return (
        html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60))
def test_escaped_text_renders_as_itself_at_the_start_of_a_block(raw: str) -> None:
    flat = excerpt(printable(raw))
    if not flat:
        return
    html = COMMONMARK.render(md(raw))
    assert html.startswith("<p>") and html.endswith("</p>\n"), html
    assert _shown(html.removeprefix("<p>").removesuffix("</p>\n")) == flat


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60))
def test_inline_escaped_text_renders_as_itself_after_other_text(raw: str) -> None:
    html = COMMONMARK.renderInline("Source: " + md_inline(raw))
    assert _shown(html) == "Source: " + excerpt(printable(raw))


@pytest.mark.parametrize(
    "plain",
    ["0.5 s", "-", "#1 priority", "a * b", "2+2 talks", "U.S.-Japan", "(AP) —", "50,000 troops"],
)
def test_prose_is_not_escaped_where_markdown_would_not_read_it(plain: str) -> None:
    assert md_inline(plain) == plain


def test_no_escapes_leak_into_the_report(briefing: Briefing, article: Article) -> None:
    stdin = briefing.article.model_copy(update={"source": "-"})
    made = briefing.provenance.model_copy(update={"duration_s": 0.5})
    text = markdown(briefing.model_copy(update={"article": stdin, "provenance": made}), None)
    assert "Source: -\n" in text
    assert "| Time | 0.5 s |" in text
    assert "\\" not in text


def test_relative_dates_are_resolved_keeping_the_words(briefing: Briefing) -> None:
    agreement = briefing.agreements[0].model_copy(update={"date": "last Friday"})
    info = briefing.article.model_copy(update={"date": "2024-07-29"})
    text = markdown(briefing.model_copy(update={"agreements": [agreement], "article": info}), None)
    assert "**Date:** last Friday (2024-07-26)" in text


def test_no_token_figures_without_tokens(briefing: Briefing) -> None:
    offline = briefing.provenance.model_copy(update={"engine": "offline", "usage": Usage()})
    text = markdown(briefing.model_copy(update={"provenance": offline}), None)
    assert "Tokens" not in text and "0 prompt" not in text
