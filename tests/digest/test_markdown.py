from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

from summarizer.digest import build_digest, digest_folder, digest_markdown
from summarizer.schema import Briefing, EvidenceStatus
from tests.digest.conftest import ARTICLES, article_text

NAMES = list(ARTICLES)


def _section(document: str, heading: str) -> str:
    start = document.index(f"\n## {heading}\n")
    end = document.find("\n## ", start + 1)
    return document[start : end if end >= 0 else None]


def test_the_digest_reads_as_a_report(batch: Path) -> None:
    with (batch / "manifest.jsonl").open("a") as manifest:
        manifest.write('{"id": "x", "source": "x.txt", "status": "refused", "error": "refused"}\n')
    document = digest_markdown(digest_folder(batch))
    assert document.startswith(
        "# Digest of 4 articles\n\n"
        "4 articles · 10 parties · 4 agreements · 3 threats · 1 input skipped\n"
    )
    articles = _section(document, "Articles")
    assert (
        "| A4 | *voa-us-japan-2plus2.txt* | US and Japan agree to deepen military cooperation, "
        "citing China as the greatest strategic challenge | 9 | 2 | 2 |"
    ) in articles
    assert "**Most-mentioned parties:** Japan (4), China (3), United States (3)," in document
    assert (
        "**Reported by most articles:**\n\n1. agreement Upgrade the US military command in "
        "Japan and expand production of US-designed missiles there (2 articles)\n"
    ) in document
    assert "**Newest:**\n\n1. agreement Upgrade the US military command" in document
    assert document.index("**Newest:**") < document.index("## Agreements")
    parties = _section(document, "Parties")
    assert (
        "| **Japan** | state | JPN | 4 articles (A1, A2, A3, A4) | Japanese, Tokyo |"
    ) in parties
    assert "| **Lloyd Austin** | person · " in parties
    assert "of United States | USA USAGOVMIL | 2 articles (A3, A4) | " in parties
    assert "## Skipped\n\n- x.txt: refused in the manifest: refused\n" in document
    assert document.endswith("*briefing 0.1.0, digest schema 2.1*\n")


def test_a_shared_event_shows_each_article_and_its_evidence(batch: Path) -> None:
    document = digest_markdown(digest_folder(batch))
    agreements = _section(document, "Agreements")
    first = agreements.split("\n### ")[1]
    assert first.startswith(
        "1. Upgrade the US military command in Japan and expand production of US-designed "
        "missiles there\n\n**Status:** agreed · **Parties:** United States, Japan · "
        "**PLOVER:** AGREE · **Reported by:** 2 articles (A3, A4)\n\n"
        "**A3** *authored-us-japan-command.txt* (agreed, Sunday)\n\n> “agreed on Sunday"
    )
    assert (
        "**A4** *voa-us-japan-2plus2.txt*: Strengthen military cooperation: improve command and "
        "control of US forces in Japan and boost production of US-licensed missiles there "
        "(agreed)"
    ) in first
    quotes = re.findall(r"> “(.+)”\n> — (A\d) \*(.+?)\*, \*exact, chars (\d+)–(\d+)\*", first)
    assert [q[1:3] for q in quotes] == [
        ("A3", "authored-us-japan-command.txt"),
        ("A4", "voa-us-japan-2plus2.txt"),
    ]
    for text, _, name, start, end in quotes:
        assert article_text(name)[int(start) : int(end)] == text


def test_threats_show_who_threatens_whom(batch: Path) -> None:
    threats = _section(digest_markdown(digest_folder(batch)), "Threats")
    assert re.search(
        r"### 1\. North Korea's nuclear program and growing military cooperation with Russia\n\n"
        r"\*\*Severity:\*\* high · \*\*Domain:\*\* nuclear · \*\*From:\*\* North Korea · "
        r"\*\*Against:\*\* Japan, United States · \*\*PLOVER:\*\* THREATEN( [a-z]+)? · "
        r"\*\*Reported by:\*\* 2 articles \(A2, A4\)",
        threats,
    )
    assert "**A2** *authored-blinken-north-korea.txt* (high, nuclear)" in threats
    assert "*exact, chars 1312–1423*" in threats


def test_unverified_evidence_and_empty_sections_are_said(briefings: dict[str, Briefing]) -> None:
    access = briefings[NAMES[0]]
    evidence = access.agreements[0].evidence[0]
    evidence.status = EvidenceStatus.UNVERIFIED
    evidence.start = evidence.end = None
    evidence.text = None
    access.agreements[0].evidence.append(
        evidence.model_copy(
            update={
                "status": EvidenceStatus.FUZZY,
                "text": "Japan",
                "start": 0,
                "end": 5,
                "score": 91.6,
            }
        )
    )
    document = digest_markdown(build_digest([access]))
    assert (
        "> ⚠ **Unverified**, not found in A1 *authored-access-pact.txt*: “signed a reciprocal "
        "access agreement in Manila"
    ) in document
    assert "> “Japan”\n> — A1 *authored-access-pact.txt*, *fuzzy 92%, chars 0–5*" in document
    assert "## Threats\n\nNo threats found." in document
    assert "Skipped" not in document


def test_text_from_articles_cannot_become_markup(briefings: dict[str, Briefing]) -> None:
    access = briefings[NAMES[0]]
    access.headline = "# Breaking | <script>x</script> [link](http://x) *bold*"
    access.article.title = "1. Title_with_underscores"
    document = digest_markdown(build_digest([access]))
    assert (
        "| A1 | *1\\. Title_with_underscores* | \\# Breaking \\| \\<script>x\\</script> "
        "[link\\](http://x) \\*bold\\* | 3 | 1 | 0 |"
    ) in document
    html = MarkdownIt("commonmark").enable("table").render(document)
    assert "<script>" not in html and "<a " not in html and "<em>bold" not in html


def test_long_lists_say_how_many_more(briefings: dict[str, Briefing]) -> None:
    voa = briefings[NAMES[3]]
    copies = []
    for n in range(60):
        copy = voa.model_copy(deep=True)
        copy.article.sha256 = f"{n:064x}"
        copies.append(copy)
    document = digest_markdown(build_digest(copies))
    assert "*and 57 more reports*" in document  # 3 quoted of 60
    assert "*and 10 more articles*" in _section(document, "Articles")
    assert "60 articles (A1, A2," in document and "A20 and 40 more)" in document


HOSTILE = "<b>x</b> | \x1b]8;;http://evil.example\x07link\x1b]8;;\x07 \u202eesrever\u2069"


def test_codes_and_names_cannot_drive_a_terminal_or_reorder_text(
    briefings: dict[str, Briefing],
) -> None:
    # Codes are a briefing's too: untrusted as its names are.
    access = briefings[NAMES[0]]
    party = access.parties[0]
    party.name, party.cameo_code, party.country_code = f"Name {HOSTILE}", HOSTILE, "X|Y"
    document = digest_markdown(build_digest([access]))
    row = next(line for line in document.splitlines() if line.startswith("| **Name"))
    assert row.count(" | ") == 4  # five cells: no pipe of the briefing's splits one
    assert "\x1b" not in document
    assert "\u202e" not in document and "\u2069" not in document
    assert "\\<b>x\\</b> \\| \ufffd]8;;http://evil.example\ufffdlink" in row
    html = MarkdownIt("commonmark").enable("table").render(document)
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt; | \ufffd]8;;http://evil.example" in html
