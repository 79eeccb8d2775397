from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.schema import Briefing
from summarizer.testing import (
    FakeServer,
    Reply,
    SchemaModel,
    Script,
    completion_body,
    fixture_reply,
)
from tests.cli.conftest import Invoke

ROOT = Path(__file__).resolve().parents[2]
AUTHORED = ROOT / "fixtures/responses/authored/voa-2plus2-json-schema.json"


def test_json_when_piped_with_every_evidence_offset_right(
    invoke: Invoke, example_path: Path, example_text: str
) -> None:
    with FakeServer(Script([fixture_reply(AUTHORED)])) as server:
        result = invoke(
            "summarize", str(example_path), "--base-url", server.base_url, "--model", "m"
        )
    assert result.exit_code == 0, result.output
    briefing = Briefing.model_validate_json(result.stdout)
    assert len(briefing.parties) == 9
    for evidence in briefing.evidence():
        assert example_text.strip()[evidence.start : evidence.end] == evidence.text  # type: ignore[misc]
    assert briefing.provenance.model == "m"


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("markdown", "## Parties"), ("text", "PARTIES"), ("html", "<!DOCTYPE html>")],
)
def test_formats(invoke: Invoke, example_path: Path, fmt: str, marker: str) -> None:
    with FakeServer(Script([fixture_reply(AUTHORED)])) as server:
        result = invoke(
            "summarize", str(example_path), "--base-url", server.base_url, "--format", fmt
        )
    assert result.exit_code == 0, result.output
    assert marker.lower() in result.stdout.lower()


def test_output_file_format_follows_its_suffix(
    invoke: Invoke, example_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "briefing.html"
    with FakeServer(Script([fixture_reply(AUTHORED)])) as server:
        result = invoke(
            "summarize", str(example_path), "--base-url", server.base_url, "-o", str(target)
        )
    assert result.exit_code == 0, result.output
    assert target.read_text("utf-8").lower().startswith("<!doctype html>")
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr


def test_stdin(invoke: Invoke, example_text: str) -> None:
    with FakeServer(SchemaModel()) as server:
        result = invoke("summarize", "-", "--base-url", server.base_url, input=example_text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["source"] == "-"


def _one_line_error(result: object, code: int, text: str) -> None:
    assert result.exit_code == code, result.output  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and text in lines[0], lines
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


def test_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("summarize", str(tmp_path / "nope.txt"), "--base-url", "http://127.0.0.1:9/v1")
    _one_line_error(result, 11, "no such file")


def test_refusal_exit_code(invoke: Invoke, example_path: Path) -> None:
    with FakeServer(Script([Reply(body=completion_body(None, refusal="No."))])) as server:
        result = invoke("summarize", str(example_path), "--base-url", server.base_url)
    _one_line_error(result, 23, "the model refused: No.")


def test_invalid_reply_exit_code(invoke: Invoke, example_path: Path) -> None:
    with FakeServer(Script([Reply(body=completion_body("not json"))])) as server:
        result = invoke(
            "summarize", str(example_path), "--base-url", server.base_url, "--max-attempts", "2"
        )
    _one_line_error(result, 22, "invalid after 2 attempt(s)")
    assert server.count == 2


def test_unreachable_server_exit_code(invoke: Invoke, example_path: Path) -> None:
    result = invoke(
        "summarize", str(example_path), "--base-url", "http://127.0.0.1:9/v1", "--max-retries", "0"
    )
    _one_line_error(result, 21, "connection error")


def test_bad_option_value_is_a_usage_error(invoke: Invoke, example_path: Path) -> None:
    result = invoke("summarize", str(example_path), "--mode", "xml")
    assert result.exit_code == 2


@pytest.mark.parametrize("command", ["summarize", "schema"])
def test_help_ends_with_examples(invoke: Invoke, command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"briefing {command}" in result.stdout.split("Examples:")[1]
