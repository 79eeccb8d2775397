from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from summarizer.digest import build_digest, digest_folder, digest_page
from summarizer.schema import Briefing, EvidenceStatus
from tests.digest.conftest import ARTICLES, article_text

NAMES = list(ARTICLES)


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
    assert parsed.tags.count("script") == 0
    assert parsed.links and all(link.startswith("#") for link in parsed.links)
    assert {link[1:] for link in parsed.links} <= parsed.ids
    assert {"article-A1", "party-united-states", "agreement-1", "threat-3"} <= parsed.ids


def test_each_report_shows_its_article_and_located_evidence(batch: Path) -> None:
    document = digest_page(digest_folder(batch))
    card = document[document.index('id="agreement-1"') : document.index('id="agreement-2"')]
    assert "Upgrade the US military command in Japan" in card
    assert "2 articles: " in card
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
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "&lt;b&gt;not there&lt;/b&gt;" in document
    assert "⚠ unverified: not found in the article" in document
    assert "No threats found." in document
