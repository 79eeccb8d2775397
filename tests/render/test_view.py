import dataclasses

import pytest

from summarizer.article import Article
from summarizer.render.view import (
    Section,
    article_mismatch,
    byline,
    distinct_title,
    evidence_text,
    excerpt,
    excerpt_around,
    items,
    located,
    named_parties,
    party_name,
    status_label,
    token_figures,
)
from summarizer.schema import Briefing, Evidence, EvidenceStatus, Usage


def test_items_come_section_by_section_with_short_keys(briefing: Briefing) -> None:
    listed = items(briefing)
    assert [i.key for i in listed] == [
        *(f"a{n}" for n in range(len(briefing.agreements))),
        *(f"t{n}" for n in range(len(briefing.threats))),
        *(f"p{n}" for n in range(len(briefing.parties))),
    ]
    assert listed[10].title == "Antony Blinken" and listed[10].section is Section.PARTIES
    assert listed[4].title == briefing.threats[-1].what
    assert listed[4].evidence is briefing.threats[-1].evidence
    assert listed[11].evidence_key(1) == "p6e1"


def test_sections_name_themselves() -> None:
    assert [(s.heading, s.singular) for s in Section] == [
        ("Agreements", "agreement"),
        ("Threats", "threat"),
        ("Parties", "party"),
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


SENTENCE = (
    "Secretary Austin, in his opening remarks, said that China “is pursuing a coercive "
    "approach, trying to change the status quo in the East and South China Seas, as well "
    "as around Taiwan and throughout the region,” adding that North Korea’s nuclear program "
    "and its deepening cooperation with Russia “threaten regional and global security.”"
)


def test_excerpt_around_shows_the_main_party_from_a_clause_start() -> None:
    shown = excerpt_around(SENTENCE, 110, [["North Korea"], ["Japan"]])
    assert shown.startswith("…adding that North Korea’s nuclear program")
    assert shown.endswith("…") and len(shown) <= 110


def test_excerpt_around_prefers_the_main_party_to_more_of_the_others() -> None:
    shown = excerpt_around(SENTENCE, 110, [["China"], ["Taiwan"], ["Russia"]])
    assert shown.startswith("…said that China “is pursuing a coercive approach")


def test_excerpt_around_skips_a_name_inside_a_longer_one() -> None:
    text = "The navy patrolled the South China Sea for weeks. " * 3 + "Later, China warned."
    assert excerpt_around(text, 60, [["China"]]) == "…Later, China warned."


def test_excerpt_around_matches_short_capitals_by_case() -> None:
    text = "Some of us thought it over at length. " * 4 + "The US agreed."
    assert excerpt_around(text, 50, [["United States", "US"]]) == "…The US agreed."


def test_excerpt_around_leaves_short_or_unnamed_passages_as_excerpt_does() -> None:
    assert excerpt_around("Short.", 50, [["Nobody"]]) == "Short."
    assert excerpt_around(SENTENCE, 60, [["Nobody"]]) == excerpt(SENTENCE, 60)


def test_named_parties_puts_the_threats_source_first(briefing: Briefing) -> None:
    assert named_parties(briefing, briefing.threats[2]) == [
        ["North Korea"],
        ["Japan", "Japanese"],
        ["United States", "US"],
    ]
    assert named_parties(briefing, briefing.parties[0]) == [["United States", "US"]]
    assert named_parties(briefing, briefing.agreements[1]) == [
        ["United States", "US"],
        ["Japan", "Japanese"],
    ]


def test_title_byline_and_tokens_as_shown(briefing: Briefing) -> None:
    info = briefing.article.model_copy(
        update={"title": briefing.headline.lower(), "author": "Jane Doe; John Roe"}
    )
    same = briefing.model_copy(update={"article": info})
    assert distinct_title(same) is None and byline(same) == "Jane Doe, John Roe"
    other = briefing.model_copy(update={"article": info.model_copy(update={"title": "Talks"})})
    assert distinct_title(other) == "Talks"
    assert token_figures(briefing.provenance.usage) == "3,485 (2,614 prompt, 871 completion)"
    assert token_figures(Usage()) is None
