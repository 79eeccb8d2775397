"""engine: the event cases of real news wording, end to end through the model's parse."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from summarizer.article import article_from_text
from summarizer.config import Settings
from summarizer.engines.offline import OfflineEngine
from summarizer.engines.offline.engine import read_reply
from summarizer.engines.offline.nlp import pipeline
from summarizer.names import same_party
from summarizer.pipeline import summarize
from summarizer.schema import AgreementStatus, Briefing, Severity, ThreatMode

OFFLINE = Settings(engine="offline")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def engine() -> OfflineEngine:
    return OfflineEngine()


def brief(engine: OfflineEngine, text: str) -> Briefing:
    return summarize(article_from_text(text), settings=OFFLINE, engine=engine)


def names(briefing: Briefing, ids: Sequence[str | None]) -> list[str]:
    return [p.name for i in ids if i and (p := briefing.party(i)) is not None]


def is_(name: str, found: list[str]) -> bool:
    return len(found) == 1 and same_party([name], found)


def test_intimidation(engine: OfflineEngine) -> None:
    b = brief(engine, "Russia intimidated Estonia with snap military drills near the border.")
    (threat,) = b.threats
    assert is_("Russia", names(b, [threat.source_id]))
    assert is_("Estonia", names(b, threat.target_ids))
    assert b.agreements == []


def test_an_agreement_taking_effect(engine: OfflineEngine) -> None:
    b = brief(
        engine, "The ceasefire agreement between Armenia and Azerbaijan took effect at midnight."
    )
    (agreement,) = b.agreements
    assert sorted(names(b, agreement.party_ids)) == ["Armenia", "Azerbaijan"]
    assert agreement.status is AgreementStatus.IN_FORCE


def test_a_resolution_adopted(engine: OfflineEngine) -> None:
    b = brief(engine, "The UN Security Council adopted a resolution demanding a truce in Sudan.")
    (agreement,) = b.agreements
    assert names(b, agreement.party_ids) == ["UN Security Council"]


def test_police_threatening_protesters(engine: OfflineEngine) -> None:
    b = brief(engine, "Police officers threatened to use live fire against the protesters.")
    (threat,) = b.threats
    assert names(b, [threat.source_id])[0].lower().startswith("police")
    assert names(b, threat.target_ids)[0].lower() == "protesters"
    assert threat.plover_mode is ThreatMode.VIOLENCE


def test_rebels_accepting_a_ceasefire(engine: OfflineEngine) -> None:
    b = brief(engine, "Rebels accepted the ceasefire on Sunday.")
    (agreement,) = b.agreements
    assert [n.lower() for n in names(b, agreement.party_ids)] == ["rebels"]


def test_a_vow_to_press_on_is_a_threat_not_an_agreement(engine: OfflineEngine) -> None:
    b = brief(engine, "Israel vowed to press ahead with its offensive against Hamas.")
    assert b.agreements == []
    (threat,) = b.threats
    assert is_("Israel", names(b, [threat.source_id]))
    assert names(b, threat.target_ids) == ["Hamas"]


@pytest.mark.parametrize(
    "text",
    [
        "Ankara hopes that Athens will sign the accord.",
        "Officials suggested that both sides could sign a deal next week.",
        "Moscow denied threatening Kyiv.",
        "The mayor vowed to fight corruption in the city.",
        "Clinton could have killed the bill two years ago.",
        "The FBI warning came amid concerns about hackers.",
        "We discussed and agreed that the whole system has failed the athletes.",
        "The United States is prepared to impose sanctions on South Sudan's leaders.",
        "The dairy company said it would close its operations in Tampere.",
        "Rising seas threaten the coast of Florida.",
        "Rising costs pressured profits at the firm.",
        "The US urged Iran to stop enrichment so that the powers would sign the deal.",
    ],
)
def test_no_event(engine: OfflineEngine, text: str) -> None:
    b = brief(engine, text)
    assert b.agreements == [] and b.threats == []


def test_threatening_to_pull_out(engine: OfflineEngine) -> None:
    b = brief(engine, "Trump threatened to pull out of NATO.")
    (threat,) = b.threats
    assert names(b, [threat.source_id]) == ["Trump"]
    assert threat.plover_mode is ThreatMode.RELATIONS


def test_admitting_to_threatening_to_kill(engine: OfflineEngine) -> None:
    b = brief(
        engine,
        "John Doe may get five years in jail and have to pay a fine after admitting to "
        "threatening to kill Mayor Jane Roe.",
    )
    (threat,) = b.threats
    assert names(b, [threat.source_id]) == ["John Doe"]
    assert names(b, threat.target_ids) == ["Jane Roe"]
    assert threat.severity is Severity.HIGH


def test_the_reply_quotes_every_sentence_of_an_agreement() -> None:
    text = "Japan and Australia signed a pact on Monday. The pact with Australia covers defence."
    reply, anchors = read_reply(pipeline()(text))
    (agreement,) = reply.agreements
    assert agreement.quotes == [
        "Japan and Australia signed a pact on Monday.",
        "The pact with Australia covers defence.",
    ]
    assert [anchors[q] for q in agreement.quotes] == [0, text.index("The pact")]


def test_a_pledge_to_destroy_ones_own_arms_is_no_threat(engine: OfflineEngine) -> None:
    b = brief(
        engine, "Under the deal, Iran pledged to eliminate its stockpile of enriched uranium."
    )
    assert b.threats == []
    assert [names(b, a.party_ids) for a in b.agreements] == [["Iran"]]


def test_a_named_vow_of_force_is_its_owners_threat(engine: OfflineEngine) -> None:
    b = brief(engine, "Hamas repeated its vow to destroy Israel.")
    assert b.agreements == []
    (threat,) = b.threats
    assert names(b, [threat.source_id]) == ["Hamas"] and names(b, threat.target_ids) == ["Israel"]
    assert threat.severity is Severity.HIGH


def test_a_named_promise_is_its_owners_commitment(engine: OfflineEngine) -> None:
    b = brief(engine, "Snowden pointed to a campaign promise by Justin Trudeau to amend the law.")
    (agreement,) = b.agreements
    assert names(b, agreement.party_ids) == ["Justin Trudeau"]
    reneged = brief(engine, "President Levy Mwanawasa reneged on his commitment to hold elections.")
    assert reneged.agreements == []
