"""lexicon: the word lists the rules read are lower case and do not contradict each other."""

from __future__ import annotations

from summarizer.engines.offline import lexicon


def word_lists() -> dict[str, frozenset[str]]:
    return {
        name: value
        for name, value in vars(lexicon).items()
        if name.isupper() and isinstance(value, frozenset)
    }


def test_every_word_is_lower_case() -> None:
    for name, words in word_lists().items():
        assert all(w == w.lower() for w in words), name
    for table in (lexicon.DEAL_VERBS, lexicon.AGREEMENT_FATES, lexicon.READY_ADJECTIVES):
        assert all(w == w.lower() for w in table)


def test_no_verb_both_makes_an_event_and_blocks_one() -> None:
    makers = lexicon.AGREE_VERBS | lexicon.PLEDGE_VERBS | lexicon.COERCION_VERBS
    assert not makers & lexicon.BLOCKING_VERBS
    assert not lexicon.NAMED_AGREEMENT_NOUNS - lexicon.AGREEMENT_NOUNS - {"agreements", "accords"}


def test_coercion_is_blocked_by_neither_purpose_nor_accusation() -> None:
    assert lexicon.AIMING_VERBS <= lexicon.BLOCKING_VERBS
    assert "threaten" not in lexicon.COERCION_VERBS  # read by its own rule
