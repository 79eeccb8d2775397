from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summarizer.digest
from summarizer.cli import common
from summarizer.cli.app import app
from summarizer.schema import Severity
from tests.digest.conftest import made_briefings, ok_line, write_batch

runner = CliRunner()


def _batch(folder: Path, escalate: bool = False) -> Path:
    briefings = made_briefings()
    if escalate:
        for briefing in briefings.values():
            for threat in briefing.threats:
                threat.severity = Severity.CRITICAL
    return write_batch(folder, briefings, [ok_line(n, b) for n, b in briefings.items()])


def test_the_same_folders_exit_0(tmp_path: Path) -> None:
    old, new = _batch(tmp_path / "old"), _batch(tmp_path / "new")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["events"] == []


def test_changed_folders_exit_1_in_every_format(tmp_path: Path) -> None:
    old, new = _batch(tmp_path / "old"), _batch(tmp_path / "new", escalate=True)
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 1
    changes = json.loads(result.stdout)["events"]
    assert {c["change"] for c in changes} == {"escalated"} and len(changes) == 3
    markdown = runner.invoke(app, ["diff", str(old), str(new), "--format", "markdown"])
    assert markdown.exit_code == 1 and "## Escalated threats" in markdown.stdout
    page = tmp_path / "changes.html"
    written = runner.invoke(app, ["diff", str(old), str(new), "-o", str(page)])
    assert written.exit_code == 1 and page.read_text().startswith("<!doctype html>")


def test_two_briefing_files_can_be_compared(tmp_path: Path) -> None:
    folder = _batch(tmp_path / "out")
    first, second = sorted(folder.glob("*.json"))[:2]
    result = runner.invoke(app, ["diff", str(first), str(second)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["parties_added"]


def test_a_bad_input_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = runner.invoke(app, ["diff", str(bad), str(bad)])
    assert result.exit_code not in (0, 1)
    assert "bad.json" in result.stderr and "Traceback" not in result.output
    missing = runner.invoke(app, ["diff", str(tmp_path / "nope"), str(bad)])
    assert missing.exit_code not in (0, 1)


def test_the_output_file_names_its_format_and_its_folder_must_exist(tmp_path: Path) -> None:
    old, new = _batch(tmp_path / "old"), _batch(tmp_path / "new", escalate=True)
    unknown = runner.invoke(app, ["diff", str(old), str(new), "-o", str(tmp_path / "d.pdf")])
    assert (
        unknown.exit_code == 2 and "d.pdf: cannot tell the format from the name" in unknown.stderr
    )
    target = tmp_path / "reports" / "changes.json"
    missing = runner.invoke(app, ["diff", str(old), str(new), "-o", str(target)])
    assert (
        missing.exit_code == 2 and "no such folder (create it, or pass --mkdir)" in missing.stderr
    )
    made = runner.invoke(app, ["diff", str(old), str(new), "-o", str(target), "--mkdir"])
    assert made.exit_code == 1 and json.loads(target.read_text("utf-8"))["events"]


def test_a_failure_never_exits_1_which_says_the_sides_differ(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _batch(tmp_path / "out")

    def refused(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patched:
        patched.setattr(common, "write_atomic", refused)
        unwritable = runner.invoke(
            app, ["diff", str(folder), str(folder), "-o", f"{tmp_path}/x.md"]
        )
    assert unwritable.exit_code == 2
    assert unwritable.stderr.startswith("briefing: ") and "cannot write" in unwritable.stderr

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(summarizer.digest, "diff_digests", broken)
    crashed = runner.invoke(app, ["diff", str(folder), str(folder)])
    assert crashed.exit_code == 2 and "internal error: RuntimeError: boom" in crashed.stderr
