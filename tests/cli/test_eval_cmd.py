"""``briefing eval``: the table, the JSON report, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.testing import FakeServer, SchemaModel
from tests.cli.conftest import Invoke

DEV = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "plover_dev.jsonl"


def test_prints_a_table_of_figures(invoke: Invoke) -> None:
    result = invoke("eval", str(DEV), "--engine", "offline", "--limit", "3")
    assert result.exit_code == 0, result.stderr
    shown = " ".join(result.stdout.split())
    for figure in (
        "party recall",
        "agreement detection (strict)",
        "agreement detection (loose)",
        "false alarms",
        "evidence verified",
        "by event type",
    ):
        assert figure in shown
    header = result.stdout.splitlines()[0]
    assert header.startswith(f"{DEV} · 3 of 267 records (stratified sample) · offline · ")
    assert not any(line.strip().startswith("·") for line in result.stdout.splitlines())
    assert not header.rstrip().endswith("·")


def test_json_report_of_a_stratified_sample(invoke: Invoke) -> None:
    result = invoke("eval", str(DEV), "--engine", "offline", "--limit", "20", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["engine"] == "offline" and report["documents"] == 20
    assert report["sampled_from"] == 267
    assert len({r["event_type"] for r in report["records"]}) == 18
    assert report["figures"]["agreement detection (loose)"]["total"] >= 1
    assert {row["gold"] for row in report["by_type"]} == {"agreement", "threat", "negative"}
    again = invoke("eval", str(DEV), "--engine", "offline", "--limit", "20", "--json")
    assert [r["id"] for r in json.loads(again.stdout)["records"]] == [
        r["id"] for r in report["records"]
    ]
    other = invoke(
        "eval", str(DEV), "--engine", "offline", "--limit", "20", "--seed", "7", "--json"
    )
    assert [r["id"] for r in json.loads(other.stdout)["records"]] != [
        r["id"] for r in report["records"]
    ]


def test_without_engine_the_report_names_the_offline_engine_and_no_notice(
    invoke: Invoke,
) -> None:
    result = invoke("eval", str(DEV), "--limit", "1", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["engine"] == "offline"
    assert "no model configured" not in result.stderr


def test_missing_gold_file_is_a_one_line_error(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("eval", str(tmp_path / "absent.jsonl"), "--engine", "offline")
    assert result.exit_code == 11
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr


def test_malformed_gold_is_a_one_line_error(invoke: Invoke, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{oops\n", "utf-8")
    result = invoke("eval", str(gold), "--engine", "offline")
    assert result.exit_code == 19
    assert "gold.jsonl:1: not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_ends_with_examples(invoke: Invoke) -> None:
    result = invoke("eval", "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "briefing eval" in result.stdout


def test_scores_a_model_through_the_same_summarize(invoke: Invoke) -> None:
    with FakeServer(SchemaModel()) as server:
        result = invoke(
            "eval",
            str(DEV),
            "--engine",
            "openai",
            "--base-url",
            server.base_url,
            "--limit",
            "2",
            "--json",
            "--model",
            "schema-model",
        )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["engine"] == "openai" and report["model"] == "schema-model"
    assert report["documents"] == 2 and server.count >= 2
