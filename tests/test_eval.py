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
from summarizer.eval import GoldParty, evaluate, load_gold, party_matches
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
    assert figures["agreement detection"] == (1, 1)
    assert figures["agreement arguments"] == (1, 1)
    assert figures["threat detection"] == (1, 2)
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
    assert figures["agreement detection"] == 0 and figures["party recall"] == 0


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
