from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.grounding import Grounder, fold, locate
from summarizer.schema import EvidenceStatus

ARTICLE = (
    "Defense chiefs and top US and Japanese diplomats agreed to further strengthen military "
    "cooperation. They described the growing threat from China as the “greatest strategic "
    "challenge”.\n\nSecretary Austin said that China “is pursuing a coercive approach” — "
    "adding that North Korea’s nuclear program threatens the region."
)


def test_exact_quote_gets_its_offsets() -> None:
    quote = "the growing threat from China"
    evidence = locate(quote, ARTICLE)
    assert evidence.status is EvidenceStatus.EXACT
    assert evidence.start == ARTICLE.index(quote)
    assert ARTICLE[evidence.start : evidence.end] == quote == evidence.text
    assert evidence.score == 100.0


def test_normalised_quote_marks_dashes_case_and_spaces() -> None:
    quote = 'described the growing  threat from CHINA as the "greatest strategic challenge"'
    evidence = locate(quote, ARTICLE)
    assert evidence.status is EvidenceStatus.NORMALISED
    assert evidence.text == ARTICLE[evidence.start : evidence.end]
    assert evidence.text.startswith("described the growing threat from China")
    assert fold(evidence.text).strip('"') == fold(quote).strip('"')


def test_normalised_dash_and_apostrophe() -> None:
    quote = "coercive approach\" - adding that North Korea's nuclear program"
    evidence = locate(quote, ARTICLE)
    assert evidence.status is EvidenceStatus.NORMALISED
    assert evidence.text == "coercive approach” — adding that North Korea’s nuclear program"


def test_normalised_quote_across_a_paragraph_break() -> None:
    quote = 'strategic challenge". Secretary Austin said'
    evidence = locate(quote, ARTICLE)
    assert evidence.status is EvidenceStatus.NORMALISED
    assert evidence.text == "strategic challenge”.\n\nSecretary Austin said"


def test_normalised_quote_with_an_ellipsis() -> None:
    text = "The talks\u2026 ended without a deal on Monday."
    evidence = locate("the talks... ended without a deal", text)
    assert evidence.status is EvidenceStatus.NORMALISED
    assert evidence.text == "The talks\u2026 ended without a deal"


def test_fuzzy_match_is_one_contiguous_span_on_word_boundaries() -> None:
    quote = "Defence chiefs and top U.S. and Japanese diplomats agreed to strengthen military "
    quote += "cooperation"
    evidence = locate(quote, ARTICLE)
    assert evidence.status is EvidenceStatus.FUZZY
    assert evidence.start is not None and evidence.end is not None
    assert evidence.text == ARTICLE[evidence.start : evidence.end]
    assert evidence.text.startswith("Defense chiefs") and evidence.text.endswith("cooperation")
    assert 90 <= evidence.score < 100


def test_invented_quote_is_unverified_with_null_offsets() -> None:
    evidence = locate("Japan agreed to buy a fleet of submarines from France", ARTICLE)
    assert evidence.status is EvidenceStatus.UNVERIFIED
    assert (evidence.start, evidence.end, evidence.text) == (None, None, None)
    assert not evidence.verified


def test_short_quotes_never_match_fuzzily() -> None:
    assert locate("Chinaa", ARTICLE).status is EvidenceStatus.UNVERIFIED


def test_blank_quote_is_unverified() -> None:
    assert locate("  ", ARTICLE).status is EvidenceStatus.UNVERIFIED
    assert locate('""', ARTICLE).status is EvidenceStatus.UNVERIFIED


def test_nearest_occurrence_to_the_hint_wins() -> None:
    text = "China warned. " * 50
    grounder = Grounder(text)
    assert grounder.locate("China warned.").start == 0
    hinted = grounder.locate("China warned.", near=300)
    assert hinted.start == 294
    assert grounder.locate("china WARNED.", near=300).start == 294


def test_fuzzy_search_prefers_the_hinted_region() -> None:
    paragraph = "The ministers agreed to boost production of US-licensed missiles in Japan. "
    text = paragraph * 40
    quote = "The ministers agreed to boost the production of US licensed missiles in Japan"
    evidence = Grounder(text).locate(quote, near=len(paragraph) * 30)
    assert evidence.status is EvidenceStatus.FUZZY
    assert evidence.start is not None
    assert abs(evidence.start - len(paragraph) * 30) < len(paragraph)


def test_casefold_expansion_maps_back_to_the_original() -> None:
    text = "Die Straße nach Berlin wurde gesperrt."
    evidence = locate("STRASSE NACH BERLIN", text)
    assert evidence.status is EvidenceStatus.NORMALISED
    assert evidence.text == "Straße nach Berlin"


_alphabet = st.sampled_from(list(string.ascii_letters + "   \n\t.,;'\"-“”‘’—–ßİ") + ["é", "\u00a0"])
_texts = st.text(alphabet=_alphabet, min_size=1, max_size=300)


@settings(max_examples=300, deadline=None)
@given(_texts, st.data())
def test_any_slice_is_found_exactly_at_offsets_that_reproduce_it(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    evidence = locate(quote, text)
    if not quote.strip():
        assert evidence.status is EvidenceStatus.UNVERIFIED
        return
    assert evidence.status is EvidenceStatus.EXACT
    assert evidence.start is not None and evidence.end is not None
    assert text[evidence.start : evidence.end] == quote == evidence.text


@settings(max_examples=300, deadline=None)
@given(_texts, st.data())
def test_located_evidence_always_points_at_its_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = data.draw(
        st.sampled_from(
            [
                text[start:end].upper(),
                " ".join(text[start:end].split()),
                text[start:end].replace("“", '"'),
            ]
        )
    )
    evidence = locate(quote, text)
    if evidence.verified:
        assert evidence.start is not None and evidence.end is not None
        assert 0 <= evidence.start < evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
    else:
        assert evidence.start is None and evidence.text is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["China", "warned", "Japan", "agreed", "the", "US", ",", "."]),
        min_size=3,
        max_size=40,
    ),
    st.data(),
)
def test_word_level_changes_ground_normalised_with_offsets_of_the_original(
    words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words)
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    original = " ".join(words[i:j])
    quote = "  ".join(words[i:j]).upper()
    evidence = locate(quote, text)
    if fold(original).strip("\"' \t\n.,;:…"):
        assert evidence.verified
        assert evidence.text == text[evidence.start : evidence.end]  # type: ignore[index]
        assert fold(evidence.text or "") in fold(original) or fold(original).strip(
            "\"' .,;:"
        ) in fold(evidence.text or "")
