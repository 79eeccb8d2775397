"""Scoring briefings against gold data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.article import Article
from summarizer.config import Settings
from summarizer.engines.offline import OfflineEngine
from summarizer.errors import (
    EmptyArticle,
    EngineError,
    SourceIsDirectory,
    SourceNotFound,
    UnreadableSource,
)
from summarizer.eval import evaluate, listed_parties, party_matches
from summarizer.gold import GoldParty, GoldRecord, load_gold, sample
from summarizer.pipeline import summarize
from summarizer.schema import Briefing, Party, PartyKind

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "eval"


def record(ident: str, text: str, **gold: object) -> dict[str, object]:
    return {
        "id": ident,
        "text": text,
        "gold": {"parties": [], "agreements": [], "threats": [], **gold},
        "orig": {"event": ident.split("-")[0]},
    }


AUTHORED = [
    record(
        "AGREE-1",
        "Senior Hungarian and Romanian officials agreed on Wednesday to reopen the border.",
        parties=[{"name": "Hungarian", "code": "HUN"}, {"name": "Romanian", "code": "ROU"}],
        agreements=[{"agreer": ["Hungarian", "Romanian"], "counterparty": []}],
    ),
    record(
        "THREATEN-1",
        "Iran threatened to cut off electricity to Azerbaijan over unpaid bills.",
        parties=[{"name": "Iran", "code": "IRN"}, {"name": "Azerbaijan", "code": "AZE"}],
        threats=[{"threatener": ["Iran"], "target": ["Azerbaijan"]}],
    ),
    record(
        "THREATEN-2",
        "The talks went on late into the night.",
        parties=[{"name": "Chile", "code": "CHL"}],
        threats=[{"threatener": ["Chile"], "target": []}],
    ),
    record(
        "DEMAND-1",
        "Moroccan diplomats demanded that Spain agree to new talks.",
        parties=[{"name": "Moroccan diplomats", "code": "MAR"}, {"name": "Spain", "code": "ESP"}],
    ),
]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in AUTHORED) + "\n", "utf-8")
    return path


def offline(article: Article) -> Briefing:
    return summarize(article, settings=Settings(engine="offline"), engine=OfflineEngine())  # type: ignore[arg-type]


def state(name: str) -> Party:
    return Party(
        id=name.lower(),
        name=name,
        kind=PartyKind.STATE,
        aliases=[],
        role=None,
        affiliation=None,
        affiliation_id=None,
        evidence=[],
    )


def test_figures_on_authored_records(gold_file: Path) -> None:
    report = evaluate(load_gold(gold_file), offline, gold="gold", engine="offline", model=None)
    figures = {f.name: (f.count, f.total) for f in report.figures()}
    assert figures["agreement detection (loose)"] == (1, 1)
    assert figures["agreement detection (strict)"] == (0, 0)
    assert figures["agreement arguments"] == (1, 1)
    assert figures["threat detection (loose)"] == (1, 2)
    assert figures["threat arguments"] == (1, 2)
    assert figures["false alarms"] == (0, 1)
    assert figures["party recall"] == (6, 7)
    assert figures["party recall (names only)"] == (5, 7)
    evidence = figures["evidence verified"]
    assert evidence[0] == evidence[1] > 0
    assert report.errors == []
    data = report.to_dict()
    assert data["documents"] == 4 and data["figures"]["false alarms"]["value"] == 0.0


def test_a_failed_briefing_is_scored_empty_and_listed(gold_file: Path) -> None:
    def failing(article: Article) -> Briefing:
        raise EngineError("server down")

    report = evaluate(load_gold(gold_file), failing, gold="gold", engine="x", model=None)
    assert len(report.errors) == 4
    assert report.errors[0].error == "EngineError: server down"
    figures = {f.name: f.count for f in report.figures()}
    assert figures["agreement detection (loose)"] == 0 and figures["party recall"] == 0


@pytest.mark.parametrize(
    ("gold", "predicted", "by_code", "expected"),
    [
        (GoldParty("US", "USA"), state("United States"), True, True),
        (GoldParty("Washington", "USA"), state("United States"), False, True),
        (GoldParty("Hungarian", "HUN"), state("Hungary"), False, True),
        (GoldParty("Moroccan diplomats", "MAR"), state("Morocco"), True, True),
        (GoldParty("Moroccan diplomats", "MAR"), state("Morocco"), False, False),
        (GoldParty("British Defence Secretary Tom King", "GBR"), state("Spain"), True, False),
        (GoldParty("Planning Minister Tran Xuan Gia", "VNM"), state("Vietnam"), True, False),
    ],
)
def test_party_matching(gold: GoldParty, predicted: Party, by_code: bool, expected: bool) -> None:
    assert party_matches(gold, predicted, by_code=by_code) is expected


def test_party_matching_by_name_inside_the_gold_name() -> None:
    umma = state("Umma (Nation) party").model_copy(update={"kind": PartyKind.ORGANIZATION})
    assert party_matches(GoldParty("fundamentalist Umma (Nation) party", "DZA"), umma)
    nato = state("NATO").model_copy(update={"kind": PartyKind.ORGANIZATION})
    assert party_matches(GoldParty("NATO  peacekeeping troops", "IGO"), nato)
    king = state("Tom King").model_copy(update={"kind": PartyKind.PERSON})
    assert party_matches(GoldParty("British Defence Secretary Tom King", "GBR"), king)
    assert not party_matches(GoldParty("Revolutionary Guards", "IRN"), nato)


def test_gold_records_read() -> None:
    records = load_gold(FIXTURES / "plover_dev.jsonl")
    assert len(records) == 267
    first = records[0]
    assert first.event_type == "AGREE" and not first.negative
    assert [p.code for p in first.parties] == ["HUN", "ROU"]
    assert first.agreements[0].actors[0].code == "HUN"
    assert sum(r.negative for r in records) == 238


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound, match="no such file"):
        load_gold(tmp_path / "absent.jsonl")


def test_gold_path_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceIsDirectory):
        load_gold(tmp_path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "x", "gold": {}}\n{not json\n', r"gold.jsonl:2: not valid JSON"),
        ('{"id": "a", "gold": {}}\n', r"gold.jsonl:1: not a gold record \(KeyError"),
        ('{"id": "a", "text": "  ", "gold": {}}\n', r"gold.jsonl:1: 'text' must be"),
        ('{"id": "a", "text": "x", "gold": {"parties": [{}]}}\n', r"gold.jsonl:1: not a gold"),
        ("[1, 2]\n", r"gold.jsonl:1: not a gold record"),
    ],
)
def test_malformed_gold_lines(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(content, "utf-8")
    with pytest.raises(UnreadableSource, match=message):
        load_gold(path)


def test_empty_gold_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n\n", "utf-8")
    with pytest.raises(EmptyArticle, match="no gold records"):
        load_gold(path)


WINDOW = (
    "Talks dragged on for weeks. Iran threatened to close the Strait of Hormuz on Monday. "
    "Oil prices rose. Later, Armenia and Azerbaijan signed a ceasefire agreement."
)


def span(word: str) -> list[int]:
    start = WINDOW.index(word)
    return [start, start + len(word)]


def test_strict_detection_needs_the_trigger_inside_the_evidence(tmp_path: Path) -> None:
    records = [
        record(
            "rams-1",
            WINDOW,
            parties=[{"name": "Iran", "code": "IRN"}],
            threats=[
                {
                    "type": "contact.threatencoerce",
                    "threatener": ["Iran"],
                    "target": [],
                    "trigger_span": span("threatened"),
                }
            ],
        ),
        record(
            "rams-2",
            WINDOW,
            parties=[],
            agreements=[
                {
                    "type": "government.agreements",
                    "agreer": [],
                    "trigger_span": span("Talks"),
                }
            ],
        ),
        record(
            "rams-3",
            WINDOW,
            agreements=[
                {
                    "type": "contact.commitment",
                    "trigger_span": span("threatened"),
                    "commitment": True,
                }
            ],
        ),
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), "utf-8")
    report = evaluate(load_gold(path), offline, gold="gold", engine="offline", model=None)
    figures = {f.name: (f.count, f.total) for f in report.figures()}
    assert figures["threat detection (strict)"] == (1, 1)
    # the window has an agreement, but not at the gold trigger "Talks"; a commitment is found
    # by the threat whose evidence holds its trigger
    assert figures["agreement detection (loose)"] == (2, 2)
    assert figures["agreement detection (strict)"] == (1, 2)
    rows = {(row.type, row.gold): row for row in report.by_type()}
    assert rows["government.agreements", "agreement"].strict.count == 0  # type: ignore[union-attr]
    assert rows["contact.commitment", "agreement"].loose.count == 1


def test_gold_aliases_match_a_party(tmp_path: Path) -> None:
    gold = GoldParty("Vyacheslav Gladkikh", None, ("general", "Gladkikh"))
    person = state("Gladkikh").model_copy(update={"kind": PartyKind.PERSON})
    assert party_matches(gold, person)
    assert not party_matches(GoldParty("Vyacheslav Gladkikh"), state("Tass"))


def gold_record(ident: str, event_type: str | None) -> GoldRecord:
    return GoldRecord(ident, "text", event_type, (), (), ())


def test_sample_is_seeded_stratified_and_in_file_order() -> None:
    records = [gold_record(f"a{i}", "A") for i in range(60)]
    records += [gold_record(f"b{i}", "B") for i in range(30)]
    records += [gold_record("c0", "C"), gold_record("n0", None)]
    chosen = sample(records, 10, seed=1)
    assert len(chosen) == 10
    types = [r.event_type for r in chosen]
    assert {"A", "B", "C", None} <= set(types)
    assert types.count("A") > types.count("B") >= 2
    assert chosen == sorted(chosen, key=records.index)
    assert sample(records, 10, seed=1) == chosen and sample(records, 10, seed=2) != chosen
    assert [r.event_type for r in sample(records, 2, seed=0)] == ["C", None]
    assert sample(records, 500) == records


def test_a_gold_name_listing_parties_is_found_when_each_is() -> None:
    listed = listed_parties(GoldParty("Albania, Montenegro, Iceland and Liechtenstein"))
    assert [g.name for g in listed] == ["Albania", "Montenegro", "Iceland", "Liechtenstein"]
    assert listed_parties(GoldParty("the rebels and their allies")) == [
        GoldParty("the rebels and their allies")
    ]
