from collections import defaultdict
from html import unescape as html_unescape
from html.parser import HTMLParser

import pytest

from summarizer.article import Article
from summarizer.grounding import Grounder
from summarizer.render.html import EXCERPT_CHARS, briefing_page
from summarizer.render.view import items
from summarizer.schema import Briefing, Usage


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
    listed = {
        attrs["data-item"]: attrs
        for tag, attrs in page.elements
        if tag in {"li", "tr"} and attrs.get("data-item")
    }
    assert list(listed) == [item.key for item in items(briefing)]
    assert listed["p6"]["data-ev"] == "p6e0 p6e1"
    assert listed["p6"]["class"] == "item sec-parties"
    assert listed["t2"]["data-ev"] == "t2e0"
    assert listed["t2"]["id"] == "item-t2" and listed["t2"]["data-section"] == "threats"
    assert listed["t2"]["class"] == "item card sec-threats"


def test_agreements_and_threats_come_before_the_parties(page: Page) -> None:
    sections = [attrs["aria-label"] for attrs in page.all("section")]
    assert sections == ["Agreements", "Threats", "Parties"]
    assert [attrs["data-item"] for attrs in page.all("li") if attrs.get("data-item")] == [
        "a0",
        "a1",
        "t0",
        "t1",
        "t2",
    ]


def test_parties_are_rows_of_a_table_with_their_evidence_folded(
    briefing: Briefing, article: Article
) -> None:
    html = briefing_page(briefing, article.text)
    table = html[html.index('<table class="parties">') : html.index("</table>")]
    rows = Page(table).all("tr")
    assert len(rows) == 1 + len(briefing.parties)  # the head, then one row a party
    blinken = table[table.index('id="item-p5"') : table.index('id="item-p6"')]
    assert '<span class="title">Antony Blinken</span>' in blinken
    assert (
        '<span class="role">US Secretary of State · of '
        '<a href="#item-p0" class="ref" data-ref="p0">United States</a></span>'
    ) in blinken
    assert "<details><summary>1 passage</summary>" in blinken
    austin = table[table.index('id="item-p6"') : table.index('id="item-p7"')]
    assert "<summary>2 passages</summary>" in austin
    assert '<span class="also">also US</span>' in table


def test_the_title_shows_once_in_the_header(briefing: Briefing, article: Article) -> None:
    def header(title: str | None, author: str | None = None) -> str:
        info = briefing.article.model_copy(update={"title": title, "author": author})
        html = briefing_page(briefing.model_copy(update={"article": info}), article.text)
        return html[html.index("<header") : html.index("</header>")]

    same = header(briefing.headline.upper() + " ", "Jane Doe; John Roe")
    assert same.count("US and Japan deepen military ties") + same.count("US AND JAPAN") == 1
    assert "article-title" not in same
    assert "<span>Jane Doe, John Roe</span>" in same
    other = header("Allies meet in Tokyo")
    assert '<span class="article-title">Allies meet in Tokyo</span>' in other


def test_a_first_line_repeating_the_headline_is_the_articles_heading(
    briefing: Briefing, article: Article
) -> None:
    assert article.text.startswith("US-Japan security talks, the threat from China is highlighted")
    same = briefing.model_copy(
        update={"headline": "US-Japan security talks: the threat from China is highlighted"}
    )
    html = briefing_page(same, article.text)
    assert '<span class="title-line">US-Japan security talks, the threat from China' in html
    assert Page(html).article == article.text
    assert 'class="title-line"' not in briefing_page(briefing, article.text)


def test_long_evidence_is_cut_around_the_parties_it_is_about(
    briefing: Briefing, article: Article
) -> None:
    grounder = Grounder(article.text)
    sentence = grounder.locate(
        "Secretary Austin, in his opening remarks, said that China “is pursuing a coercive "
        "approach, trying to change the status quo in the East and South China Seas, as well "
        "as around Taiwan and throughout the region,” adding that North Korea’s nuclear "
        "program and its deepening cooperation with Russia “threaten regional and global "
        "security.”"
    )
    assert sentence.verified
    threat = briefing.threats[2].model_copy(update={"evidence": [sentence]})
    html = briefing_page(
        briefing.model_copy(update={"threats": [*briefing.threats[:2], threat]}), article.text
    )
    card = html[html.index('id="item-t2"') :]
    start = card.index('<span class="quote">') + len('<span class="quote">')
    quote = html_unescape(card[start : card.index("</span>", start)])
    assert len(sentence.text or "") > EXCERPT_CHARS >= len(quote)
    assert quote.startswith("…") and "North Korea’s nuclear program" in quote


def test_relative_dates_are_resolved_against_the_articles_date(
    briefing: Briefing, article: Article
) -> None:
    agreement = briefing.agreements[0].model_copy(update={"date": "on Sunday"})
    info = briefing.article.model_copy(update={"date": "2024-07-29"})
    html = briefing_page(
        briefing.model_copy(update={"agreements": [agreement], "article": info}), article.text
    )
    assert "<dt>Date</dt><dd>on Sunday (2024-07-28)</dd>" in html
    undated = briefing.model_copy(update={"agreements": [agreement]})
    assert "<dt>Date</dt><dd>on Sunday</dd>" in briefing_page(undated, article.text)


def test_no_token_figures_without_tokens(briefing: Briefing, article: Article) -> None:
    offline = briefing.provenance.model_copy(update={"engine": "offline", "usage": Usage()})
    html = briefing_page(briefing.model_copy(update={"provenance": offline}), article.text)
    assert "<dt>Tokens</dt>" not in html and "0 prompt" not in html


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
