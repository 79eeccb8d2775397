"""agreements: the rules on hand-built parses."""

from __future__ import annotations

from spacy.tokens import Doc

from summarizer.engines.offline.agreements import FoundAgreement, find_agreements
from summarizer.schema import AgreementStatus
from tests.engines.offline.parses import (
    ACCEPTED_CEASEFIRE,
    ADOPTED_RESOLUTION,
    BROKE_AN_OATH,
    CLAIMED_PLEDGED,
    DECISION_TO_WITHDRAW,
    HOPES_WILL_SIGN,
    NEVER_STRUCK_TREATY,
    PACT_NAMED_AGAIN,
    PLEDGED_AMNESTY,
    PULLED_OUT_OF_THE_ACCORD,
    SEEKING_DEAL,
    SIGNED_AFTER_REFUSAL,
    TOOK_EFFECT,
    TOOK_THE_OATH,
    VOWED_THAT,
    VOWED_TO_PRESS_AHEAD,
    WITHDREW_FROM_THE_TREATY,
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


def parties_and_status(found: FoundAgreement) -> tuple[list[str], AgreementStatus]:
    return [a.name for a in found.parties], found.status


def test_taking_an_oath_is_a_commitment_of_who_takes_it() -> None:
    (found,) = agreements(TOOK_THE_OATH)
    assert parties_and_status(found) == (["Truman"], AgreementStatus.AGREED)
    assert "oath of office" in found.what


def test_breaking_an_oath_violates_it() -> None:
    (found,) = agreements(BROKE_AN_OATH, [(0, 1, "Snowden")])
    assert parties_and_status(found) == (["Snowden"], AgreementStatus.VIOLATED)


def test_withdrawing_from_an_agreement_suspends_it() -> None:
    (treaty,) = agreements(WITHDREW_FROM_THE_TREATY)
    assert parties_and_status(treaty) == (["Russia"], AgreementStatus.SUSPENDED)
    (accord,) = agreements(PULLED_OUT_OF_THE_ACCORD)
    assert parties_and_status(accord) == (["Iran"], AgreementStatus.SUSPENDED)


def test_a_vow_that_something_will_happen_is_a_commitment() -> None:
    (found,) = agreements(VOWED_THAT, [(0, 1, "Trump")])
    assert parties_and_status(found) == (["Trump"], AgreementStatus.AGREED)


def test_pledges_coordinated_after_a_claim_keep_its_subject() -> None:
    found = agreements(CLAIMED_PLEDGED, [(0, 1, "Donald Trump")])
    assert [a.what for a in found] == ["deport them en masse", "build a wall on the Mexican border"]
    assert all(a.parties[0].name == "Donald Trump" for a in found)


def test_a_decision_to_withdraw_is_its_owners_and_real_under_its_verb() -> None:
    (found,) = agreements(DECISION_TO_WITHDRAW)
    assert parties_and_status(found) == (["Putin"], AgreementStatus.SUSPENDED)


def test_a_refusal_does_not_reach_into_a_clause_of_time() -> None:
    (found,) = agreements(SIGNED_AFTER_REFUSAL)
    assert parties_and_status(found) == (["Iran", "Iraq"], AgreementStatus.SIGNED)
