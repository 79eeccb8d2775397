from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from summarizer.digest import build_digest, digest_folder, digest_page
from summarizer.schema import Briefing, EvidenceStatus
from tests.digest.conftest import ARTICLES, article_text

NAMES = list(ARTICLES)
WORDS = [f"{a}{b}" for a in "bcdfghjklmnpqrstvwxz" for b in ("ar", "ev", "il", "os", "un", "ay")]


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tags: list[str] = []
        self.policy = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if values.get("http-equiv") == "Content-Security-Policy":
            self.policy = values.get("content") or ""


def _parse(document: str) -> _Anchors:
    parser = _Anchors()
    parser.feed(document)
    return parser


def test_the_page_is_self_contained_and_every_link_lands(batch: Path) -> None:
    document = digest_page(digest_folder(batch))
    assert document.startswith("<!doctype html>")
    parsed = _parse(document)
    assert "default-src 'none'" in parsed.policy
    assert parsed.tags.count("script") == 1  # the filters, inline
    assert "script-src 'sha256-" in parsed.policy
    assert parsed.links and all(link.startswith("#") for link in parsed.links)
    assert {link[1:] for link in parsed.links} <= parsed.ids
    assert {"article-A1", "party-united-states", "agreement-1", "threat-3"} <= parsed.ids


def test_each_report_shows_its_article_and_located_evidence(batch: Path) -> None:
    document = digest_page(digest_folder(batch))
    card = document[document.index('id="agreement-1"') : document.index('id="agreement-2"')]
    assert "Upgrade the US military command in Japan" in card
    assert "Reported by</dt><dd>2: " in card
    spans = re.findall(
        r'<a href="#article-(A\d)" class="aid">\1</a> (\S+?\.txt).*?'
        r'<span class="quote">(.+?)</span><span class="status">exact · chars (\d+)–(\d+)</span>',
        card,
    )
    assert [(a, name) for a, name, *_ in spans] == [
        ("A3", "authored-us-japan-command.txt"),
        ("A4", "voa-us-japan-2plus2.txt"),
    ]
    for _, name, text, start, end in spans:
        assert article_text(name)[int(start) : int(end)] == text


def test_text_from_articles_is_escaped(briefings: dict[str, Briefing]) -> None:
    access = briefings[NAMES[0]]
    access.headline = "<script>alert(1)</script>"
    access.agreements[0].what = '"><img src=x onerror=alert(1)>'
    evidence = access.agreements[0].evidence[0]
    evidence.status = EvidenceStatus.UNVERIFIED
    evidence.quote = "<b>not there</b>"
    evidence.start = evidence.end = None
    evidence.text = None
    document = digest_page(build_digest([access]))
    parsed = _parse(document)
    assert parsed.tags.count("script") == 1
    assert "img" not in parsed.tags and "b" not in parsed.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "&lt;b&gt;not there&lt;/b&gt;" in document
    assert "⚠ unverified: not found in the article" in document
    assert "No threats found." in document


def test_the_summary_comes_first(batch: Path) -> None:
    document = digest_page(digest_folder(batch))
    order = [document.index(m) for m in ('class="overview"', 'class="filters"', 'id="agreement-1"')]
    assert order == sorted(order)
    overview = document[order[0] : order[1]]
    assert "Most-mentioned parties" in overview and ">Japan</a>" in overview
    assert "Reported by most articles" in overview and "Newest" in overview


def test_long_lists_are_folded(briefings: dict[str, Briefing]) -> None:
    many = []
    for n in range(120):
        copy = briefings[NAMES[0]].model_copy(deep=True)
        copy.article.sha256 = f"{n:064x}"
        partner = copy.parties[0].model_copy(
            update={"id": f"p{n}", "name": f"{WORDS[n]} Corp", "kind": "company"}
        )
        partner.country_code = partner.cameo_code = None
        copy.parties.append(partner)
        copy.agreements[0].party_ids = [partner.id]
        copy.agreements[0].evidence = []
        many.append(copy)
    document = digest_page(build_digest(many))
    assert '<details class="more"><summary>and 70 more</summary>' in document
    assert "and 100 more" in document  # a party's article list: 20 listed of 120


def test_text_cannot_reorder_the_page_around_it(briefings: dict[str, Briefing]) -> None:
    # A right-to-left override in a name would flip what follows it on its line.
    access = briefings[NAMES[0]]
    access.parties[0].name = "\u202eNaJ\u2066"
    access.headline = "\u202bHead"
    document = digest_page(build_digest([access]))
    assert not any(c in document for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "\ufffdNaJ\ufffd" in document and "\ufffdHead" in document
