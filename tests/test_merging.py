from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.article import article_from_text
from summarizer.chunking import split_passages
from summarizer.engines.base import Extraction, Passage
from summarizer.merging import merge_extractions
from summarizer.reply import Reply, ReplyAgreement, ReplyParty, ReplyThreat
from summarizer.schema import AgreementStatus, Severity, ThreatDomain, Usage

TEXT = (
    "The United States and Japan agreed to strengthen military cooperation. "
    "Antony Blinken said China is the greatest strategic challenge.\n\n"
    "The talks continued in Tokyo.\n\n"
    "Blinken and Kamikawa agreed to further strengthen military cooperation. "
    "The US said China is the greatest strategic challenge. "
    "Both sides agreed to boost missile production. "
    "The talks continued in Tokyo."
)
SPLIT = TEXT.index("Blinken and Kamikawa")
FIRST = Passage(text=TEXT[: TEXT.index("\n\nBlinken") + 2], offset=0)
SECOND = Passage(text=TEXT[SPLIT - len("The talks continued in Tokyo.\n\n") :], offset=0)
SECOND = Passage(text=SECOND.text, offset=len(TEXT) - len(SECOND.text))


def party(name: str, *aliases: str, quotes: list[str] | None = None, **kw: Any) -> ReplyParty:
    values: dict[str, Any] = {"kind": "state", "role": None, "affiliation": None}
    values.update(kw)
    return ReplyParty(name=name, aliases=list(aliases), quotes=quotes or [], **values)


def agreement(
    what: str, parties: list[str], quotes: list[str], date: str | None = None
) -> ReplyAgreement:
    return ReplyAgreement(
        what=what, parties=parties, status=AgreementStatus.AGREED, date=date, quotes=quotes
    )


def threat(what: str, source: str, targets: list[str], quotes: list[str]) -> ReplyThreat:
    return ReplyThreat(
        what=what,
        source=source,
        targets=targets,
        domain=ThreatDomain.MILITARY,
        severity=Severity.HIGH,
        quotes=quotes,
    )


def extraction(
    headline: str = "Talks",
    parties: list[ReplyParty] | None = None,
    agreements: list[ReplyAgreement] | None = None,
    threats: list[ReplyThreat] | None = None,
    **kw: Any,
) -> Extraction:
    reply = Reply(
        headline=headline,
        summary=f"{headline} summary.",
        parties=parties or [],
        agreements=agreements or [],
        threats=threats or [],
    )
    values: dict[str, Any] = {
        "attempts": 1,
        "usage": Usage(prompt_tokens=100, completion_tokens=20, total_tokens=120),
        "model": "m",
        "output_mode": "json_schema",
        "raw": "{}",
    }
    values.update(kw)
    return Extraction(reply=reply, **values)


def test_parties_are_unified_by_name_and_alias() -> None:
    first = extraction(
        parties=[
            party("United States", "US", quotes=["The United States and Japan agreed"]),
            party(
                "Antony Blinken",
                kind="person",
                role="Secretary of State",
                quotes=["Antony Blinken said China"],
            ),
        ]
    )
    second = extraction(
        parties=[
            party("US", "Washington", quotes=["The US said China"]),
            party(
                "Blinken",
                "Secretary Blinken",
                kind="person",
                affiliation="US",
                quotes=["Blinken and Kamikawa agreed"],
            ),
            party("Yoko Kamikawa", kind="person", quotes=["Blinken and Kamikawa agreed"]),
        ]
    )
    merged = merge_extractions([(FIRST, first), (SECOND, second)]).reply
    assert [p.name for p in merged.parties] == ["United States", "Antony Blinken", "Yoko Kamikawa"]
    usa, blinken, _ = merged.parties
    assert usa.aliases == ["US", "Washington"]
    assert usa.quotes == ["The United States and Japan agreed", "The US said China"]
    assert blinken.aliases == ["Blinken", "Secretary Blinken"]
    assert blinken.role == "Secretary of State"
    assert blinken.affiliation == "United States"
    assert blinken.kind == "person"


def test_two_parties_of_one_passage_are_left_apart() -> None:
    only = extraction(parties=[party("Lloyd Austin", kind="person"), party("Austin", kind="other")])
    merged = merge_extractions([(FIRST, only), (SECOND, extraction())]).reply
    assert [p.name for p in merged.parties] == ["Lloyd Austin", "Austin"]


def test_references_are_renamed_and_duplicates_collapsed() -> None:
    first = extraction(
        parties=[party("United States", "US"), party("Japan")],
        agreements=[
            agreement(
                "strengthen military cooperation",
                ["United States", "Japan"],
                ["agreed to strengthen military cooperation"],
            ),
        ],
    )
    second = extraction(
        parties=[party("US"), party("Japanese government")],
        agreements=[
            agreement(
                "further strengthen military cooperation",
                ["Japanese government", "US"],
                ["agreed to further strengthen military cooperation"],
                date="Sunday",
            ),
            agreement("boost missile production", ["US", "Japan"], ["boost missile production"]),
        ],
    )
    merged = merge_extractions([(FIRST, first), (SECOND, second)]).reply
    assert [p.name for p in merged.parties] == ["United States", "Japan"]
    assert [(a.what, a.parties) for a in merged.agreements] == [
        ("strengthen military cooperation", ["United States", "Japan"]),
        ("boost missile production", ["United States", "Japan"]),
    ]
    assert merged.agreements[0].quotes == [
        "agreed to strengthen military cooperation",
        "agreed to further strengthen military cooperation",
    ]
    assert merged.agreements[0].date == "Sunday"


def test_the_same_what_between_other_parties_is_another_agreement() -> None:
    first = extraction(agreements=[agreement("boost missile production", ["US", "Japan"], ["a"])])
    second = extraction(agreements=[agreement("boost missile production", ["US", "Korea"], ["b"])])
    merged = merge_extractions([(FIRST, first), (SECOND, second)]).reply
    assert len(merged.agreements) == 2


@pytest.mark.parametrize(
    ("first_what", "second_what"),
    [
        ("phase 2 of the ceasefire", "phase 3 of the ceasefire"),
        ("sanctions on Russia", "sanctions on Iran"),
    ],
)
def test_different_things_between_the_same_parties_stay_apart(
    first_what: str, second_what: str
) -> None:
    first = extraction(agreements=[agreement(first_what, ["US", "EU"], ["a"])])
    second = extraction(agreements=[agreement(second_what, ["United States", "EU"], ["b"])])
    merged = merge_extractions([(FIRST, first), (SECOND, second)]).reply
    assert [a.what for a in merged.agreements] == [first_what, second_what]


def test_threats_sharing_a_quote_collapse_even_when_described_differently() -> None:
    quote = "China is the greatest strategic challenge"
    first = extraction(threats=[threat("strategic challenge", "China", ["US"], [quote])])
    second = extraction(
        threats=[
            threat(
                "coercion in the region", "Beijing", ["United States"], [f"The US said {quote}"]
            ),
            threat("coercion in the region", "Russia", ["United States"], [quote]),
        ]
    )
    merged = merge_extractions([(FIRST, first), (SECOND, second)]).reply
    assert [(t.what, t.source) for t in merged.threats] == [
        ("strategic challenge", "China"),
        ("coercion in the region", "Russia"),
    ]
    assert merged.threats[0].quotes == [quote, f"The US said {quote}"]


def test_anchors_move_to_whole_article_offsets() -> None:
    quote = "The talks continued in Tokyo."
    assert TEXT.count(quote) == 2
    second = extraction(parties=[party("Japan", quotes=[quote])], anchors={quote: 0})
    merged = merge_extractions([(FIRST, extraction()), (SECOND, second)])
    assert merged.anchors[quote] == SECOND.offset
    assert TEXT[merged.anchors[quote] :].startswith(quote)


def test_quotes_without_anchors_are_anchored_in_their_own_passage() -> None:
    quote = "China is the greatest strategic challenge"
    assert TEXT.count(quote) == 2
    assert quote not in SECOND.text[: FIRST.offset + len(FIRST.text) - SECOND.offset]
    second = extraction(parties=[party("China", quotes=[quote])])
    merged = merge_extractions([(FIRST, extraction()), (SECOND, second)])
    assert merged.anchors[quote] == TEXT.rindex(quote)  # not the occurrence in the first passage


def test_accounting_and_the_lead_passage() -> None:
    first = extraction("US and Japan agree", problems=["quote not found: 'x'"], raw='{"a": 1}')
    second = extraction(
        "Talks go on",
        attempts=2,
        usage=Usage(prompt_tokens=7, completion_tokens=3, total_tokens=10),
        model=None,
        problems=["no quotes"],
        raw='{"b": 2}',
    )
    merged = merge_extractions([(FIRST, first), (SECOND, second)])
    assert (merged.reply.headline, merged.reply.summary) == (
        "US and Japan agree",
        "US and Japan agree summary.",
    )
    assert merged.attempts == 3
    assert merged.usage == Usage(prompt_tokens=107, completion_tokens=23, total_tokens=130)
    assert (merged.model, merged.output_mode) == ("m", "json_schema")
    assert merged.raw == '{"a": 1}\n{"b": 2}'
    assert merged.problems == ["passage 1/2: quote not found: 'x'", "passage 2/2: no quotes"]
    assert merged.served_model is None


def test_the_models_that_answered_are_named_once_each_in_order() -> None:
    """A router (OpenRouter's ``openrouter/auto``) may answer passages with other models."""
    served = ["openai/gpt-4o-mini", None, "google/gemini-2.5-flash", "openai/gpt-4o-mini"]
    passages = [Passage(text=TEXT, offset=0)] * len(served)
    parts = [extraction() for _ in served]
    for part, name in zip(parts, served, strict=True):
        part.served_model = name
    merged = merge_extractions(list(zip(passages, parts, strict=True)))
    assert merged.served_model == "openai/gpt-4o-mini, google/gemini-2.5-flash"


def test_one_whole_passage_merges_into_itself() -> None:
    only = extraction(
        parties=[party("Japan", quotes=["Japan agreed"])],
        agreements=[agreement("cooperate", ["Japan"], ["Japan agreed"])],
        problems=["p"],
    )
    merged = merge_extractions([(Passage(text=TEXT), only)])
    assert merged.reply == only.reply
    assert merged.problems == ["p"]
    assert merged.anchors == {"Japan agreed": TEXT.index("Japan agreed")}


def test_nothing_to_merge() -> None:
    with pytest.raises(ValueError, match="at least one passage"):
        merge_extractions([])


sentences = st.lists(
    st.tuples(st.sampled_from(["Japan", "Korea", "China", "NATO"]), st.integers(0, 30)).map(
        lambda t: f"{t[0]} reported event {t[1]}."
    ),
    min_size=3,
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(
    parts=sentences,
    breaks=st.lists(st.booleans(), min_size=60, max_size=60),
    anchored=st.lists(st.booleans(), min_size=200, max_size=200),
    picks=st.lists(st.integers(0, 1000), min_size=200, max_size=200),
)
def test_merged_anchors_point_at_their_quotes(
    parts: list[str], breaks: list[bool], anchored: list[bool], picks: list[int]
) -> None:
    text = "".join(s + ("\n\n" if b else " ") for s, b in zip(parts, breaks, strict=False))
    article = article_from_text(text)
    passages = split_passages(article, 30, overlap_tokens=10)
    extracted = []
    for index, passage in enumerate(passages):
        own = [s for s in parts if s in passage.text]
        quotes = [own[picks[index + k] % len(own)] for k in range(2)] if own else []
        anchors = {
            q: passage.text.index(q) for k, q in enumerate(quotes) if anchored[index * 2 + k]
        }
        extracted.append(
            (passage, extraction(parties=[party("Japan", quotes=quotes)], anchors=anchors))
        )
    merged = merge_extractions(extracted)
    for quote in merged.reply.quotes():
        start = merged.anchors[quote]
        assert article.text[start : start + len(quote)] == quote
        assert any(
            p.offset <= start < p.offset + len(p.text) and quote in e.reply.quotes()
            for p, e in extracted
        )
