"""Properties that hold for any input hypothesis can think of.

They add to the properties in ``tests/test_grounding.py`` (slices of restricted text
found exactly, normalised and word-level variants located), ``tests/test_merging.py``
(merged anchors point at their quotes) and ``tests/test_chunking.py`` (passages cover
the article within the budget): any Unicode and any position hint for grounding, no
false positives, merges that lose nothing, and parsers of what comes from outside
(files, reply bodies, retry headers) that answer with a result or a typed error only.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import httpx2
import openai
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.article import load_article
from summarizer.assemble import assemble, reply_problems
from summarizer.engines.base import Extraction, OutputMode, Passage
from summarizer.engines.exchange import Exchange
from summarizer.engines.retry import server_delay
from summarizer.errors import EngineError, InputError
from summarizer.grounding import Grounder, locate
from summarizer.merging import merge_extractions
from summarizer.names import name_key, same_name
from summarizer.prompts import load_prompts
from summarizer.reply import Reply, ReplyAgreement, ReplyParty, ReplyThreat
from summarizer.schema import Evidence, Usage

ARTICLE = (
    "Japan and the Philippines signed a reciprocal access agreement in Manila on Monday. "
    "China warned that the pact threatens regional stability. "
    "U.S. Secretary of State Antony Blinken welcomed it."
)

# --- grounding -----------------------------------------------------------------------

_any_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200)
_tricky = st.lists(
    st.sampled_from(
        list("abcXYZ .,;'\"-\n\t“”‘’—–…")
        + ["ß", "İ", "ﬁ", "e\u0301", "é", "\u00ad", "\u200b", "\u2028", "ǅ", "Σ", "ς", "①", "Ⅻ"]
    ),
    max_size=150,
).map("".join)


def points_at_its_text(evidence: Evidence, text: str) -> None:
    if evidence.verified:
        assert evidence.start is not None and evidence.end is not None
        assert 0 <= evidence.start < evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
    else:
        assert (evidence.start, evidence.end, evidence.text) == (None, None, None)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_any_text, _tricky), st.data())
def test_any_quote_in_any_text_with_any_hint_is_located_exactly_or_not_at_all(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    quote = data.draw(
        st.one_of(
            _any_text,
            _tricky,
            st.just(text[start:end]),
            st.just(text[start:end].upper()),
            st.just(" ".join(text[start:end].split())),
        )
    )
    near = data.draw(st.one_of(st.none(), st.integers(-10, len(text) + 10)))
    points_at_its_text(locate(quote, text, near), text)


_ARTICLE_WORDS = ["Japan", "agreed", "signed", "troops", "Manila", "pact", "warned", "stability"]
_OTHER_WORDS = ["Brazil", "rejected", "cancelled", "tanks", "Lagos", "treaty", "praised", "export"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*_ARTICLE_WORDS, "the", "of", "on"]), min_size=5, max_size=80),
    st.lists(st.sampled_from(_OTHER_WORDS), min_size=3, max_size=12),
)
def test_a_quote_of_words_the_article_lacks_is_never_located(
    article: list[str], invented: list[str]
) -> None:
    evidence = locate(" ".join(invented), " ".join(article) + ".")
    assert not evidence.verified and evidence.start is None


# --- assembling and merging ----------------------------------------------------------

_names = st.one_of(
    st.sampled_from(
        ["Japan", "Japanese", "Tokyo", "the Philippines", "Manila", "China", "Beijing", "US"]
        + ["United States", "Antony Blinken", "Blinken", "NATO", "", " ", "Japan's"]
    ),
    st.text(max_size=12),
)
_quotes = st.lists(
    st.one_of(
        st.sampled_from(
            ["Japan and the Philippines signed", "China warned", "Blinken welcomed it"]
            + ["nothing like this is in the text", "", "   "]
        ),
        st.text(max_size=30),
    ),
    max_size=3,
)
_parties = st.builds(
    ReplyParty,
    name=_names,
    kind=st.sampled_from(["state", "person", "organization", "armed_group", "company", "other"]),
    aliases=st.lists(_names, max_size=3),
    role=st.none() | st.text(max_size=10),
    affiliation=st.none() | _names,
    quotes=_quotes,
)
_agreements = st.builds(
    ReplyAgreement,
    what=st.sampled_from(["access agreement", "phase 2 deal", "phase 3 deal", "ceasefire"]),
    parties=st.lists(_names, max_size=3),
    status=st.sampled_from(["proposed", "agreed", "signed", "reaffirmed", "violated"]),
    date=st.none() | st.text(max_size=8),
    quotes=_quotes,
)
_threats = st.builds(
    ReplyThreat,
    what=st.sampled_from(["missile strikes", "cyber attacks", "blockade"]),
    source=st.none() | _names,
    targets=st.lists(_names, max_size=3),
    domain=st.sampled_from(["military", "nuclear", "cyber", "political", "other"]),
    severity=st.sampled_from(["low", "medium", "high", "critical"]),
    quotes=_quotes,
)
_replies = st.builds(
    Reply,
    headline=st.text(max_size=20),
    summary=st.text(max_size=20),
    parties=st.lists(_parties, max_size=5),
    agreements=st.lists(_agreements, max_size=3),
    threats=st.lists(_threats, max_size=3),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_replies)
def test_any_schema_valid_reply_assembles_into_a_consistent_briefing(reply: Reply) -> None:
    grounder = Grounder(ARTICLE)
    assert all("\n" not in problem for problem in reply_problems(reply, grounder))
    assembly = assemble(reply, grounder, {})
    ids = [party.id for party in assembly.parties]
    assert len(ids) == len(set(ids))
    for agreement in assembly.agreements:
        assert set(agreement.party_ids) <= set(ids)
    for threat in assembly.threats:
        assert {threat.source_id, *threat.target_ids} - {None} <= set(ids)
    for party in assembly.parties:
        assert party.affiliation_id is None or party.affiliation_id in ids
    for item in [*assembly.parties, *assembly.agreements, *assembly.threats]:
        for evidence in item.evidence:
            points_at_its_text(evidence, ARTICLE)


def _extraction(reply: Reply, index: int) -> Extraction:
    return Extraction(
        reply=reply,
        attempts=index + 1,
        usage=Usage(prompt_tokens=100, completion_tokens=index, total_tokens=100 + index),
        model="m",
        output_mode="json_schema",
        raw="{}",
        problems=[f"problem of passage {index}"],
    )


def _parts(replies: list[Reply]) -> list[tuple[Passage, Extraction]]:
    return [
        (Passage(text="x" * 60, offset=50 * index), _extraction(reply, index))
        for index, reply in enumerate(replies)
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_replies, min_size=1, max_size=4))
def test_merging_passages_loses_no_quote_name_or_token(replies: list[Reply]) -> None:
    parts = _parts(replies)
    merged = merge_extractions(parts)
    assert set(merged.reply.quotes()) == {q for reply in replies for q in reply.quotes()}
    merged_keys = {name_key(n) for p in merged.reply.parties for n in [p.name, *p.aliases]}
    for reply in replies:
        for party in reply.parties:
            for name in [party.name, *party.aliases]:
                assert not name.strip() or name_key(name) in merged_keys, name
    assert merged.attempts == sum(e.attempts for _, e in parts)
    assert merged.usage == sum((e.usage for _, e in parts), Usage())
    assert len(merged.problems) == len(parts)
    assert len(merged.reply.agreements) <= sum(len(r.agreements) for r in replies)
    assert len(merged.reply.threats) <= sum(len(r.threats) for r in replies)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_replies.filter(lambda reply: all(name_key(p.name) for p in reply.parties)))
def test_a_passage_read_twice_in_an_overlap_merges_into_itself(reply: Reply) -> None:
    """Parties are unified by name: one without a name (blank, or punctuation only) has
    nothing to be unified by, so this holds for replies whose parties all have one."""
    once = merge_extractions(_parts([reply])).reply
    twice = merge_extractions(_parts([reply, reply])).reply
    assert len(twice.parties) == len(once.parties)
    assert len(twice.agreements) == len(once.agreements)
    assert len(twice.threats) == len(once.threats)
    names = {n for p in twice.parties for n in [p.name, *p.aliases]}
    known = [n for p in reply.parties for n in [p.name, *p.aliases]]
    for agreement in twice.agreements:
        for name in agreement.parties:
            if any(same_name(name, n) or name == n for n in known):
                assert name in names, "a reference to a party names the merged party"


# --- what comes from outside ---------------------------------------------------------

_markup = st.sampled_from(
    ["<html>", "<body>", "<p>", "</p>", "<div>", "<svg>", "<math>", "<script>", "</script>"]
    + ["<!--", "-->", "<meta charset=utf-16>", "<meta charset=bogus>", "&#0;", "&nbsp;"]
    + ["<table><tr><td>", "\x00", "\ufeff", f"{ARTICLE} "]
)
_pages = st.lists(st.one_of(_markup, st.text(max_size=20)), max_size=30).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), _pages), st.sampled_from([".txt", ".html", ""]))
def test_any_file_is_an_article_or_a_clear_input_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            article = load_article(path)
        except InputError as exc:
            assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        else:
            assert article.text.strip() == article.text and article.text


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["choices", "message", "content", "tool_calls", "function", "arguments"]
                + ["refusal", "finish_reason", "usage", "prompt_tokens", "headline", "parties"]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=30,
)


def _completion(message: Any, finish: Any) -> dict[str, Any]:
    return {"choices": [{"message": message, "finish_reason": finish}], "usage": {"total": 1}}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        _json,
        st.builds(_completion, _json, _json),
        st.builds(
            lambda content, finish: _completion({"content": content}, finish),
            st.one_of(st.text(max_size=40), _json.map(json.dumps)),
            st.sampled_from(["stop", "length", "content_filter", None, 3]),
        ),
    )
)
def test_any_reply_body_is_accepted_reasked_or_a_typed_failure(body: Any) -> None:
    exchange = Exchange(
        passage=Passage(ARTICLE),
        verify=lambda reply: [],
        prompts=load_prompts(),
        model="m",
        mode=OutputMode.JSON_SCHEMA,
        max_attempts=2,
    )
    try:
        result = exchange.accept(json.dumps(body).encode())
    except EngineError as exc:
        assert "\n" not in str(exc)
    else:
        assert result is None or isinstance(result.reply, Reply)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["retry-after", "retry-after-ms"]),
    st.one_of(
        st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
        st.sampled_from(["nan", "inf", "-1", "1e400", "Thu, 31 Dec 9999 23:59:59 GMT"]),
    ),
)
def test_any_retry_header_is_a_delay_or_none(name: str, value: str) -> None:
    request = httpx2.Request("POST", "http://127.0.0.1:1/v1/chat/completions")
    response = httpx2.Response(429, headers={name: value}, request=request)
    delay = server_delay(openai.RateLimitError("slow", response=response, body=None))
    assert delay is None or delay >= 0
