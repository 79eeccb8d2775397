from __future__ import annotations

from summarizer.digest import build_digest, diff_digests, diff_markdown, diff_page
from summarizer.schema import AgreementStatus, Briefing, Party, PartyKind, Severity
from tests.digest.conftest import ARTICLES

NAMES = list(ARTICLES)


def _two(briefings: dict[str, Briefing]) -> tuple[Briefing, Briefing]:
    old = briefings[NAMES[3]]
    return old, old.model_copy(deep=True)


def test_the_same_briefing_has_no_changes(briefings: dict[str, Briefing]) -> None:
    old, new = _two(briefings)
    found = diff_digests(build_digest([old]), build_digest([new]))
    assert found.same
    assert diff_markdown(found).endswith("No changes.\n")


def test_a_party_named_otherwise_is_the_same_party(briefings: dict[str, Briefing]) -> None:
    old, new = _two(briefings)
    us = next(p for p in new.parties if p.name == "United States")
    us.name, us.aliases = "Washington", ["U.S."]
    assert diff_digests(build_digest([old]), build_digest([new])).same


def test_parties_appearing_and_dropping_out(briefings: dict[str, Briefing]) -> None:
    old, new = _two(briefings)
    russia = next(p for p in new.parties if p.name == "Russia")
    new.parties.remove(russia)
    for threat in new.threats:
        threat.target_ids = [t for t in threat.target_ids if t != russia.id]
    new.parties.append(
        Party(
            id="australia",
            name="Australia",
            kind=PartyKind.STATE,
            aliases=[],
            role=None,
            affiliation=None,
            affiliation_id=None,
            evidence=[],
        )
    )
    found = diff_digests(build_digest([old]), build_digest([new]), "monday", "tuesday")
    assert [p.name for p in found.parties_added] == ["Australia"]
    assert [p.name for p in found.parties_removed] == ["Russia"]
    assert not found.same


def test_a_status_change_and_an_escalation_carry_their_evidence(
    briefings: dict[str, Briefing],
) -> None:
    old, new = _two(briefings)
    new.agreements[0].status = AgreementStatus.SIGNED
    new.threats[0].severity = Severity.CRITICAL
    found = diff_digests(build_digest([old]), build_digest([new]))
    changes = [(e.kind, e.change, e.old, e.new) for e in found.events]
    assert ("agreement", "status", AgreementStatus.AGREED, AgreementStatus.SIGNED) in changes
    threat = next(e for e in found.events if e.kind == "threat")
    assert (threat.change, threat.old, threat.new) == (
        "escalated",
        Severity.HIGH,
        Severity.CRITICAL,
    )
    assert threat.evidence and threat.evidence[0].text
    document = diff_markdown(found)
    assert "## Status changed agreements" in document and "agreed → signed" in document
    assert "## Escalated threats" in document and "high → critical" in document
    page = diff_page(found)
    assert "Escalated threats" in page and "<script" not in page


def test_new_and_gone_events(briefings: dict[str, Briefing]) -> None:
    old, new = _two(briefings)
    gone = new.threats.pop(0)
    new.agreements[0].what = "Open a new naval base on Okinawa"
    new.agreements[0].evidence = []
    found = diff_digests(build_digest([old]), build_digest([new]))
    changes = {(e.kind, e.change, e.what) for e in found.events}
    assert ("threat", "gone", gone.what) in changes
    assert ("agreement", "new", "Open a new naval base on Okinawa") in changes
    assert ("agreement", "gone", old.agreements[0].what) in changes
