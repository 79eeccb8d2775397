"""agreements: the rules on hand-built parses."""

from __future__ import annotations

from spacy.tokens import Doc

from summarizer.engines.offline.agreements import FoundAgreement, find_agreements
from summarizer.schema import AgreementStatus
from tests.engines.offline.parses import (
    ACCEPTED_CEASEFIRE,
    ADOPTED_RESOLUTION,
    HOPES_WILL_SIGN,
    NEVER_STRUCK_TREATY,
    PACT_NAMED_AGAIN,
    PLEDGED_AMNESTY,
    SEEKING_DEAL,
    TOOK_EFFECT,
    VOWED_TO_PRESS_AHEAD,
    cast,
)


def agreements(doc: Doc, groups: list[tuple[int, int, str]] | None = None) -> list[FoundAgreement]:
    return find_agreements(cast(doc, groups or []))


def test_an_agreement_that_took_effect_is_in_force() -> None:
    (found,) = agreements(TOOK_EFFECT)
    assert [a.name for a in found.parties] == ["Armenia", "Azerbaijan"]
    assert found.status is AgreementStatus.IN_FORCE
    assert found.what == "ceasefire agreement between Armenia and Azerbaijan"


def test_adopting_a_resolution_is_an_agreement_of_the_adopter_only() -> None:
    (found,) = agreements(ADOPTED_RESOLUTION)
    assert [a.name for a in found.parties] == ["UN Security Council"]
    assert found.status is AgreementStatus.AGREED


def test_a_group_accepting_a_ceasefire() -> None:
    (found,) = agreements(ACCEPTED_CEASEFIRE, [(0, 1, "rebels")])
    assert [a.name for a in found.parties] == ["rebels"]
    assert found.date == "Sunday"


def test_hoping_another_will_sign_is_no_agreement() -> None:
    assert agreements(HOPES_WILL_SIGN) == []


def test_a_vow_to_press_on_with_an_offensive_is_no_agreement() -> None:
    assert agreements(VOWED_TO_PRESS_AHEAD) == []


def test_an_agreement_named_again_joins_the_first_as_evidence() -> None:
    (found,) = agreements(PACT_NAMED_AGAIN)
    assert [a.name for a in found.parties] == ["Japan", "Australia"]
    assert found.status is AgreementStatus.SIGNED
    assert [s.text for s in found.sentences] == [
        "Japan and Australia signed a pact on Monday.",
        "The pact with Australia covers defence.",
    ]


def test_a_treaty_never_struck_is_no_agreement() -> None:
    assert agreements(NEVER_STRUCK_TREATY, [(0, 3, "the two countries")]) == []


def test_a_deal_sought_is_no_agreement() -> None:
    assert agreements(SEEKING_DEAL) == []


def test_a_pledge_of_a_thing() -> None:
    (found,) = agreements(PLEDGED_AMNESTY)
    assert [a.name for a in found.parties] == ["Hillary Clinton"]
    assert found.what == "amnesty"
