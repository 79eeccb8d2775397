import dataclasses

import pytest

from summarizer.article import Article
from summarizer.render.view import (
    Section,
    article_mismatch,
    evidence_text,
    excerpt,
    items,
    located,
    party_name,
    printable,
    status_label,
)
from summarizer.schema import Briefing, Evidence, EvidenceStatus


def test_items_come_section_by_section_with_short_keys(briefing: Briefing) -> None:
    listed = items(briefing)
    assert [i.key for i in listed] == [
        *(f"p{n}" for n in range(len(briefing.parties))),
        *(f"a{n}" for n in range(len(briefing.agreements))),
        *(f"t{n}" for n in range(len(briefing.threats))),
    ]
    assert listed[5].title == "Antony Blinken" and listed[5].section is Section.PARTIES
    assert listed[-1].title == briefing.threats[-1].what
    assert listed[-1].evidence is briefing.threats[-1].evidence
    assert listed[6].evidence_key(1) == "p6e1"


def test_sections_name_themselves() -> None:
    assert [(s.heading, s.singular) for s in Section] == [
        ("Parties", "party"),
        ("Agreements", "agreement"),
        ("Threats", "threat"),
    ]


def test_party_name_falls_back_to_the_id(briefing: Briefing) -> None:
    assert party_name(briefing, "north-korea") == "North Korea"
    assert party_name(briefing, "atlantis") == "atlantis"


def test_status_labels(briefing: Briefing) -> None:
    labels = {e.status: status_label(e) for e in briefing.evidence()}
    assert labels == {
        EvidenceStatus.EXACT: "exact",
        EvidenceStatus.NORMALISED: "normalised",
        EvidenceStatus.FUZZY: "fuzzy 98%",
        EvidenceStatus.UNVERIFIED: "unverified",
    }


def test_excerpt_flattens_whitespace_and_cuts_at_a_word() -> None:
    assert excerpt("  one\n\ntwo\tthree ") == "one two three"
    assert excerpt("alpha beta gamma, delta", 18) == "alpha beta gamma…"
    assert len(excerpt("word " * 100, 50)) <= 50
    assert excerpt("x" * 30, 10) == "x" * 9 + "…"


def test_printable_replaces_control_characters() -> None:
    assert printable("a\x1b[31mb\x07\tc\n") == "a\ufffd[31mb\ufffd\tc\n"
    assert printable("\u202e12\u202c \u200fرسالة") == "\ufffd12\ufffd \u200fرسالة"


def test_evidence_text_is_the_located_text_or_the_quote(briefing: Briefing) -> None:
    located_one, unverified = briefing.threats[-1].evidence
    assert evidence_text(located_one) == located_one.text
    assert evidence_text(unverified) == unverified.quote


def test_article_mismatch_tells_when_the_text_is_another(
    briefing: Briefing, article: Article
) -> None:
    assert article_mismatch(briefing, article.text) is None
    reason = article_mismatch(briefing, article.text + " More.")
    assert reason is not None and "not the one this briefing was made from" in reason


def test_located_checks_offsets_against_the_text(briefing: Briefing, article: Article) -> None:
    evidence = briefing.parties[0].evidence[0]
    assert located(evidence, article.text)
    assert not located(evidence, "x" + article.text)
    assert not located(evidence, article.text[:10])
    assert not located(briefing.threats[-1].evidence[1], article.text)


@pytest.mark.parametrize(("start", "end"), [(5, 5), (-1, 3), (10, 4)])
def test_located_refuses_impossible_offsets(start: int, end: int) -> None:
    text = "0123456789"
    evidence = Evidence(
        quote="x",
        start=start,
        end=end,
        text=text[start:end],
        status=EvidenceStatus.EXACT,
        score=100,
    )
    assert not located(evidence, text)


def test_item_is_immutable(briefing: Briefing) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        items(briefing)[0].index = 3  # type: ignore[misc]
