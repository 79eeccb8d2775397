"""syntax: reading a clause of a hand-built parse."""

from __future__ import annotations

from summarizer.engines.offline.syntax import is_forceful, is_unreal, lemma, subjects
from tests.engines.offline.parses import (
    ADMITTING_TO_THREATENING,
    CLAIMED_PLEDGED,
    FIGHT_CORRUPTION,
    HOPES_WILL_SIGN,
    IN_ORDER_TO,
    LIVE_FIRE,
    VOWED_TO_PRESS_AHEAD,
)


def test_lemma_corrects_spacy_on_hopes() -> None:
    hopes = HOPES_WILL_SIGN[1]
    assert hopes.lemma_ == "hop" and lemma(hopes) == "hope"


def test_hoping_that_someone_signs_is_no_event() -> None:
    sign = next(t for t in HOPES_WILL_SIGN if t.lower_ == "sign")
    assert is_unreal(sign)


def test_a_purpose_in_order_to_has_the_subject_of_its_clause() -> None:
    intimidate = next(t for t in IN_ORDER_TO if t.lower_ == "intimidate")
    assert [t.text for t in subjects(intimidate)] == ["Russia"]


def test_a_root_without_subject_takes_the_one_of_the_clause_parsed_under_it() -> None:
    vowed = next(t for t in CLAIMED_PLEDGED if t.lower_ == "vowed")
    assert [t.text for t in subjects(vowed)] == ["He"]


def test_subject_found_more_than_six_steps_up() -> None:
    threatening = next(t for t in ADMITTING_TO_THREATENING if t.lower_ == "threatening")
    assert [t.text for t in subjects(threatening)] == ["Doe"]
    assert not is_unreal(threatening)


def test_forceful_acts() -> None:
    press = next(t for t in VOWED_TO_PRESS_AHEAD if t.lower_ == "press")
    use = next(t for t in LIVE_FIRE if t.lower_ == "use")
    fight = next(t for t in FIGHT_CORRUPTION if t.lower_ == "fight")
    assert is_forceful(press) and is_forceful(use)
    assert not is_forceful(fight)
