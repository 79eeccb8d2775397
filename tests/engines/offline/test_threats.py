"""threats: the rules on hand-built parses."""

from __future__ import annotations

from spacy.tokens import Doc

from summarizer.engines.offline.threats import FoundThreat, find_threats
from summarizer.schema import Severity, ThreatDomain
from tests.engines.offline.parses import (
    ADMITTING_TO_THREATENING,
    BRIBERY_AND_BLACKMAIL,
    CONDITIONAL_REFUSAL,
    CRITICS_THREATEN,
    ENGAGE_IN_BLACKMAIL,
    FIGHT_CORRUPTION,
    FORCES_THAT_THREATEN,
    GAVE_AN_ULTIMATUM,
    GIVEN_AN_ULTIMATUM,
    INTIMIDATED,
    LIVE_FIRE,
    NOT_INTIMIDATED,
    PULL_OUT,
    SEAS_THREATEN,
    VOWED_TO_PRESS_AHEAD,
    cast,
)


def threats(doc: Doc, groups: list[tuple[int, int, str]] | None = None) -> list[FoundThreat]:
    return find_threats(cast(doc, groups or []))


def parties(found: FoundThreat) -> tuple[str | None, list[str]]:
    return (found.source.name if found.source else None, [t.name for t in found.targets])


def test_intimidation_is_a_threat_of_the_subject_against_the_object() -> None:
    (found,) = threats(INTIMIDATED)
    assert parties(found) == ("Russia", ["Estonia"])
    assert found.domain is ThreatDomain.MILITARY


def test_police_threatening_live_fire_against_protesters() -> None:
    (found,) = threats(LIVE_FIRE, [(0, 2, "police"), (9, 10, "protesters")])
    assert parties(found) == ("police", ["protesters"])
    assert found.domain is ThreatDomain.MILITARY


def test_a_vow_to_press_on_with_an_offensive_threatens_its_target() -> None:
    (found,) = threats(VOWED_TO_PRESS_AHEAD)
    assert parties(found) == ("Israel", ["Hamas"])
    assert found.severity is Severity.HIGH


def test_threatening_to_pull_out_of_an_alliance_is_political() -> None:
    (found,) = threats(PULL_OUT)
    assert parties(found)[0] == "Trump"
    assert found.domain is ThreatDomain.POLITICAL


def test_admitting_to_threatening_to_kill() -> None:
    (found,) = threats(ADMITTING_TO_THREATENING)
    assert parties(found) == ("John Doe", ["Jane Roe"])
    assert found.severity is Severity.HIGH


def test_a_refusal_until_a_condition_is_met_is_a_threat() -> None:
    (found,) = threats(CONDITIONAL_REFUSAL)
    assert parties(found)[0] == "Turkey"
    assert "Sweden" in parties(found)[1]


def test_fighting_corruption_is_no_threat() -> None:
    assert threats(FIGHT_CORRUPTION) == []


def test_engaging_in_blackmail_is_a_threat() -> None:
    (found,) = threats(ENGAGE_IN_BLACKMAIL, [(4, 6, "political parties")])
    assert parties(found)[0] == "political parties"


def test_coercion_is_a_threat_even_when_its_source_is_not_a_party() -> None:
    (found,) = threats(ENGAGE_IN_BLACKMAIL)
    assert parties(found) == (None, [])
    assert "blackmail" in found.what


def test_coercion_named_as_a_deed_is_a_threat() -> None:
    (found,) = threats(BRIBERY_AND_BLACKMAIL)
    assert (found.source, found.what) == (None, "blackmail")


def test_people_threatening_are_a_threat_named_or_not() -> None:
    (unnamed,) = threats(CRITICS_THREATEN)
    assert parties(unnamed) == (None, [])
    (named,) = threats(FORCES_THAT_THREATEN, [(2, 3, "forces")])
    assert parties(named) == ("forces", [])


def test_a_risk_is_no_threat() -> None:
    assert threats(SEAS_THREATEN) == []


def test_refusing_to_be_intimidated_names_a_threat_against_the_subject() -> None:
    (found,) = threats(NOT_INTIMIDATED)
    assert parties(found) == (None, ["United States"])


def test_an_ultimatum_given_is_a_threat_of_the_giver() -> None:
    (found,) = threats(GAVE_AN_ULTIMATUM)
    assert parties(found) == ("United States", ["Iran"])
    (passive,) = threats(GIVEN_AN_ULTIMATUM, [(0, 1, "workers")])
    assert parties(passive) == (None, ["workers"])
