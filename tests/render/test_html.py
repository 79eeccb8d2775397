from collections import defaultdict
from html.parser import HTMLParser

import pytest

from summarizer.article import Article
from summarizer.render.html import briefing_page
from summarizer.render.view import items
from summarizer.schema import Briefing


class Page(HTMLParser):
    """What a browser would build from the page: elements, their attributes, mark texts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.marks: dict[str, str] = defaultdict(str)
        self.article = ""
        self._open: list[str] = []
        self._mark: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.elements.append((tag, found))
        if tag not in {"meta", "link"}:
            self._open.append(found.get("id") or "")
        if tag == "mark":
            self._mark = (found.get("data-ev") or "").split()

    def handle_endtag(self, tag: str) -> None:
        if tag not in {"meta", "link"}:
            self._open.pop()
        if tag == "mark":
            self._mark = None

    def handle_data(self, data: str) -> None:
        if "article-text" in self._open:
            self.article += data
        for key in self._mark or []:
            self.marks[key] += data

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]


@pytest.fixture
def page(briefing: Briefing, article: Article) -> Page:
    return Page(briefing_page(briefing, article.text))


def test_the_article_is_shown_whole(page: Page, article: Article) -> None:
    assert page.article == article.text


def test_every_located_evidence_span_is_highlighted(
    page: Page, briefing: Briefing, article: Article
) -> None:
    expected = {
        item.evidence_key(n): article.text[e.start : e.end]
        for item in items(briefing)
        for n, e in enumerate(item.evidence)
        if e.start is not None and e.end is not None
    }
    assert len(expected) == len(briefing.evidence()) - 1
    assert dict(page.marks) == expected


def test_overlapping_spans_share_their_marks(page: Page, briefing: Briefing) -> None:
    marks = page.all("mark")
    kamikawa_and_kihara = [m for m in marks if m["data-ev"] == "p7e0 p8e0"]
    assert len(kamikawa_and_kihara) == 1 and kamikawa_and_kihara[0]["data-depth"] == "2"
    nested = next(m for m in marks if m["data-ev"] == "t2e0 p3e0")
    assert (nested["data-sec"], nested["data-outer"]) == ("parties", "threats")
    assert nested["title"] == (
        "Threat: North Korea's nuclear programme and its deepening cooperation with Russia "
        "(exact)\nParty: North Korea (normalised)"
    )


def test_items_name_their_evidence_and_sections(page: Page, briefing: Briefing) -> None:
    listed = {attrs["data-item"]: attrs for attrs in page.all("li") if attrs.get("data-item")}
    assert list(listed) == [item.key for item in items(briefing)]
    assert listed["p6"]["data-ev"] == "p6e0 p6e1"
    assert listed["p6"]["class"] == "item sec-parties"
    assert listed["t2"]["data-ev"] == "t2e0"
    assert listed["t2"]["id"] == "item-t2" and listed["t2"]["data-section"] == "threats"


def test_unverified_evidence_is_marked(page: Page) -> None:
    unverified = [a for a in page.all("li") if "is-unverified" in (a.get("class") or "")]
    assert len(unverified) == 1 and "data-ev" not in unverified[0]


def test_party_references_link_to_the_party(page: Page) -> None:
    refs = [(a["href"], a["data-ref"]) for a in page.all("a") if a.get("class") == "ref"]
    assert ("#item-p0", "p0") in refs and ("#item-p1", "p1") in refs


def test_provenance_is_in_the_footer(briefing: Briefing, article: Article) -> None:
    html = briefing_page(briefing, article.text)
    footer = html[html.index("<footer") :]
    for fact in ["openai", "qwen2.5-7b-instruct", "json_schema", "extract-1"]:
        assert f"<dd>{fact}</dd>" in footer
    assert "<dd>3,485 (2,614 prompt, 871 completion)</dd>" in footer
    assert briefing.provenance.source_sha256 in footer


def test_without_the_article_evidence_is_shown_as_excerpts(briefing: Briefing) -> None:
    html = briefing_page(briefing, None)
    page = Page(html)
    assert 'id="article"' not in html and page.all("mark") == []
    assert "Without the article text, evidence is shown as excerpts only." in html
    assert "US Secretary of State Antony Blinken" in html


def test_a_different_article_text_is_not_highlighted(briefing: Briefing, article: Article) -> None:
    html = briefing_page(briefing, article.text.replace("Tokyo", "Kyoto"))
    assert "is not the one this briefing was made from" in html
    assert Page(html).all("mark") == [] and 'id="article"' not in html


def test_evidence_whose_offsets_do_not_fit_is_not_highlighted(
    briefing: Briefing, article: Article
) -> None:
    moved = briefing.parties[0].evidence[0].model_copy(update={"start": 0, "end": 35})
    party = briefing.parties[0].model_copy(update={"evidence": [moved]})
    broken = briefing.model_copy(update={"parties": [party, *briefing.parties[1:]]})
    page = Page(briefing_page(broken, article.text))
    assert "p0e0" not in page.marks
    missing = [a for a in page.all("li") if "is-missing" in (a.get("class") or "")]
    assert len(missing) == 1


HOSTILE_TAGS = {"script", "img", "svg", "iframe", "b", "i", "time", "style"}


def test_hostile_article_and_model_text_stays_text(hostile: tuple[Article, Briefing]) -> None:
    article, briefing = hostile
    html = briefing_page(briefing, article.text)
    page = Page(html)
    tags = [tag for tag, _ in page.elements]
    assert tags.count("script") == 1 and tags.count("style") == 1
    assert not {"img", "svg", "iframe", "b", "i", "time"} & set(tags)
    assert not [
        (tag, name) for tag, attrs in page.elements for name in attrs if name.startswith("on")
    ]
    assert not [a for a in page.all("a") if "javascript" in (a.get("href") or "").lower()]
    assert page.article == article.text
    assert page.marks["a0e1"] == "the </mark></div><script>window.pwned = 4</script> deal"
    assert "&lt;script&gt;window.pwned = 11&lt;/script&gt;Talks" in html
