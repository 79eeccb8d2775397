"""fixtures/eval/convert_events.py: RAMS and WikiEvents records (authored here) to eval gold."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from summarizer.gold import load_gold

SCRIPT = Path(__file__).resolve().parent.parent / "fixtures" / "eval" / "convert_events.py"


@pytest.fixture(scope="module")
def convert() -> ModuleType:
    spec = importlib.util.spec_from_file_location("convert_events", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Authored in RAMS 1.0's format (tokens in sentences, inclusive token spans, one event).
RAMS = {
    "doc_key": "nw_authored_1",
    "split": "dev",
    "sentences": [
        ["Talks", "resumed", "."],
        ["Iran", "threatened", "Israel", "with", "a", "“", "crushing", "”", "response", "."],
        ["He", "said", "it", "'s", "Israel", "'s", "long", "-", "term", "plan", "."],
    ],
    "evt_triggers": [[4, 4, [["contact.threatencoerce.broadcast", 1.0]]]],
    "gold_evt_links": [
        [[4, 4], [3, 3], "evt052arg01communicator"],
        [[4, 4], [5, 5], "evt052arg02recipient"],
        [[4, 4], [13, 13], "evt052arg03place"],
    ],
}


def test_rams_window(convert: ModuleType) -> None:
    record = convert.rams_record(RAMS)
    text = record["text"]
    assert text == (
        "Talks resumed. Iran threatened Israel with a “crushing” response. "
        "He said it's Israel's long-term plan."
    )
    threat = record["gold"]["threats"][0]
    start, end = threat["trigger_span"]
    assert text[start:end] == "threatened"
    assert threat["type"] == "contact.threatencoerce"
    assert threat["subtype"] == "contact.threatencoerce.broadcast"
    assert threat["threatener"] == ["Iran"] and threat["target"] == ["Israel"]
    assert [p["name"] for p in record["gold"]["parties"]] == ["Iran", "Israel"]
    assert convert.is_political(record)


def test_rams_agreements_and_commitments(convert: ModuleType) -> None:
    data = {
        **RAMS,
        "evt_triggers": [[4, 4, [["government.agreements.violateagreement", 1.0]]]],
        "gold_evt_links": [[[4, 4], [3, 3], "evt063arg01violator"]],
    }
    agreement = convert.rams_record(data)["gold"]["agreements"][0]
    assert agreement["status"] == "violated" and agreement["agreer"] == ["Iran"]
    data["evt_triggers"] = [[4, 4, [["contact.commitmentpromiseexpressintent.n/a", 1.0]]]]
    data["gold_evt_links"] = [[[4, 4], [0, 0], "evt030arg01communicator"]]
    assert convert.rams_record(data)["gold"]["agreements"][0]["commitment"] is True
    data["evt_triggers"] = [[4, 4, [["life.die.n/a", 1.0]]]]
    record = convert.rams_record(data)
    assert record["gold"]["other_events"] and not convert.is_political(record)


def wiki_doc() -> dict[str, object]:
    first = "Rebels warned police"
    second = "They\u00a0left\u200b."
    return {
        "doc_id": "authored_2",
        "tokens": ["Rebels", "warned", "police", "They", "left", "."],
        "sentences": [
            [[["Rebels", 0, 6], ["warned", 7, 13], ["police", 14, 20]], first],
            [[["They", 20, 24], ["left", 25, 29], [".", 30, 31]], second],
        ],
        "entity_mentions": [
            {"id": "authored_2-T1", "start": 0, "end": 1, "entity_type": "PER", "text": "Rebels"},
            {"id": "authored_2-T2", "start": 2, "end": 3, "entity_type": "ORG", "text": "police"},
            {"id": "authored_2-T3", "start": 3, "end": 4, "entity_type": "PER", "text": "They"},
        ],
        "event_mentions": [
            {
                "event_type": "Contact.ThreatenCoerce.Unspecified",
                "trigger": {"start": 1, "end": 2, "text": "warned"},
                "arguments": [
                    {"entity_id": "authored_2-T3", "role": "Communicator", "text": "They"},
                    {"entity_id": "authored_2-T2", "role": "Recipient", "text": "police"},
                ],
            }
        ],
    }


def test_wikievents_article(convert: ModuleType) -> None:
    clusters = [["authored_2-T1", "authored_2-T3"]]
    record = convert.wiki_record(wiki_doc(), clusters)
    assert record["text"] == "Rebels warned police\nThey left."
    threat = record["gold"]["threats"][0]
    start, end = threat["trigger_span"]
    assert record["text"][start:end] == "warned"
    assert threat["threatener"] == ["Rebels"] and threat["target"] == ["police"]
    assert record["orig"]["event"] == "threat"


def test_writes_gold_that_eval_reads(
    convert: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "dev.jsonlines"
    source.write_text(json.dumps(RAMS) + "\n", "utf-8")
    convert.main(["rams", str(source), "--political"])
    gold = tmp_path / "gold.jsonl"
    gold.write_text(capsys.readouterr().out, "utf-8")
    (record,) = load_gold(gold)
    assert record.threats[0].trigger is not None and record.event_type == "contact.threatencoerce"


@pytest.mark.parametrize("source", ["data/rams/test.jsonlines", "git:/x/repo:test"])
def test_test_splits_are_refused(convert: ModuleType, source: str) -> None:
    with pytest.raises(SystemExit):
        convert.main(["rams", source])
