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
    target = tmp_path / "out" / "2024" / "briefing.html"
    with FakeServer(Script([fixture_reply(AUTHORED)])) as server:
        result = invoke(
            "summarize",
            str(example_path),
            "--base-url",
            server.base_url,
            "-o",
            str(target),
            "--mkdir",
        )
    assert result.exit_code == 0, result.output
    assert target.read_text("utf-8").lower().startswith("<!doctype html>")
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("b.json", "{"),
        ("b.md", "# US and Japan"),
        ("b.MARKDOWN", "# US and Japan"),
        ("b.htm", "<!doctype html>"),
        ("b.txt", "╭"),
    ],
)
def test_every_known_suffix_names_its_format(
    invoke: Invoke, example_path: Path, tmp_path: Path, name: str, starts: str
) -> None:
    with FakeServer(Script([fixture_reply(AUTHORED)])) as server:
        result = invoke(
            "summarize",
            str(example_path),
            "--base-url",
            server.base_url,
            "-o",
            str(tmp_path / name),
        )
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_text("utf-8").startswith(starts)


def test_an_unknown_suffix_is_refused_before_any_request(
    invoke: Invoke, example_path: Path, tmp_path: Path
) -> None:
    with FakeServer(SchemaModel()) as server:
        refused = invoke(
            "summarize",
            str(example_path),
            "--base-url",
            server.base_url,
            "-o",
            str(tmp_path / "b.pdf"),
        )
        assert server.count == 0
        chosen = invoke(
            "summarize",
            str(example_path),
            "--base-url",
            server.base_url,
            "-o",
            str(tmp_path / "b.pdf"),
            "--format",
            "json",
        )
    _one_line_error(refused, 2, "b.pdf: cannot tell the format from the name (use .json, .md")
    assert "or --format" in refused.stderr
    assert chosen.exit_code == 0 and json.loads((tmp_path / "b.pdf").read_text("utf-8"))


def test_a_missing_folder_is_an_error_unless_mkdir(
    invoke: Invoke, example_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "reports" / "b.md"
    with FakeServer(SchemaModel()) as server:
        missing = invoke(
            "summarize", str(example_path), "--base-url", server.base_url, "-o", str(target)
        )
        assert server.count == 0
        folder = invoke(
            "summarize", str(example_path), "--base-url", server.base_url, "-o", str(tmp_path)
        )
    _one_line_error(
        missing, 2, f"{tmp_path / 'reports'}: no such folder (create it, or pass --mkdir)"
    )
    assert not (tmp_path / "reports").exists()
    _one_line_error(folder, 2, "is a folder; give the file to write")


def test_the_offline_notice_once_after_the_input_is_read(
    invoke: Invoke, example_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke("summarize", str(example_path), "-f", "text")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("no model configured, using the offline engine") == 1
    assert "BRIEFING_ENGINE=offline" in result.stderr
    assert "tokens" not in result.stdout and "offline" in result.stdout
    missing = invoke("summarize", str(tmp_path / "nope.txt"))
    _one_line_error(missing, 11, "nope.txt: no such file")
    for chosen in ("offline", "auto"):
        monkeypatch.setenv("BRIEFING_ENGINE", chosen)
        quiet = invoke("summarize", str(example_path))
        assert quiet.exit_code == 0 and quiet.stderr == "", quiet.stderr
    monkeypatch.delenv("BRIEFING_ENGINE")
    flag = invoke("summarize", str(example_path), "--engine", "offline")
    assert flag.exit_code == 0 and flag.stderr == ""


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
