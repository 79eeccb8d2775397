from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import digest_cmd
from summarizer.cli.app import app
from summarizer.digest import Digest, digest_folder, digest_markdown, digest_page
from tests.digest.conftest import made_briefings, ok_line, write_batch

runner = CliRunner()


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A batch folder of four briefings made by the pipeline, with its manifest."""
    briefings = made_briefings()
    lines = [ok_line(name, b) for name, b in briefings.items()]
    return write_batch(tmp_path / "out", briefings, lines)


def test_prints_json_when_piped(batch: Path) -> None:
    result = runner.invoke(app, ["digest", str(batch)])
    assert result.exit_code == 0, result.output
    digest = Digest.model_validate_json(result.stdout)
    assert digest == digest_folder(batch)
    assert [p["name"] for p in json.loads(result.stdout)["parties"]][:3] == [
        "Japan",
        "China",
        "United States",
    ]
    assert result.stderr == ""


def test_format_markdown_prints_markdown(batch: Path) -> None:
    result = runner.invoke(app, ["digest", str(batch), "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout == digest_markdown(digest_folder(batch))


def test_renders_markdown_on_a_terminal(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digest_cmd, "stdout_is_terminal", lambda: True)
    result = runner.invoke(app, ["digest", str(batch)])
    assert result.exit_code == 0
    assert "Digest of 4 articles" in result.stdout
    assert "# Digest" not in result.stdout and "**Status:**" not in result.stdout
    assert "Status: agreed" in result.stdout


@pytest.mark.parametrize(
    ("name", "options", "kind"),
    [
        ("digest.md", [], "markdown"),
        ("digest.json", [], "json"),
        ("digest.txt", ["-f", "markdown"], "markdown"),
        ("digest.html", [], "html"),
        ("digest.out", ["--format", "html"], "html"),
    ],
)
def test_writes_a_file_in_the_format_its_name_or_the_option_says(
    batch: Path, tmp_path: Path, name: str, options: list[str], kind: str
) -> None:
    target = tmp_path / "reports" / name
    result = runner.invoke(app, ["digest", str(batch), "-o", str(target), "--mkdir", *options])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"briefing: wrote {target}\n"
    written = target.read_text("utf-8")
    expected = digest_folder(batch)
    if kind == "markdown":
        assert written == digest_markdown(expected)
    elif kind == "html":
        assert written == digest_page(expected)
    else:
        assert Digest.model_validate_json(written) == expected
    assert [p.name for p in target.parent.iterdir()] == [name]


def test_an_unknown_suffix_or_a_missing_folder_is_refused(batch: Path, tmp_path: Path) -> None:
    unknown = runner.invoke(app, ["digest", str(batch), "-o", str(tmp_path / "digest.pdf")])
    assert unknown.exit_code == 2
    assert "digest.pdf: cannot tell the format from the name" in unknown.stderr
    missing = runner.invoke(app, ["digest", str(batch), "-o", str(tmp_path / "no" / "d.md")])
    assert (
        missing.exit_code == 2 and "no such folder (create it, or pass --mkdir)" in missing.stderr
    )
    assert list(tmp_path.iterdir()) == [batch] or not (tmp_path / "no").exists()


def test_skipped_inputs_are_reported_on_stderr(
    batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (batch / "manifest.jsonl").unlink()
    (batch / "notes.json").write_text('{"hello": 1}')
    for n in range(3):
        (batch / f"bad-{n}.json").write_text("{")
    monkeypatch.setattr(digest_cmd, "SHOWN_SKIPS", 2)
    result = runner.invoke(app, ["digest", str(batch)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "briefing: skipped bad-0.json: not JSON (Expecting property name enclosed in double "
        "quotes, line 1)",
        "briefing: skipped bad-1.json: not JSON (Expecting property name enclosed in double "
        "quotes, line 1)",
        "briefing: … and 2 more skipped (see 'skipped' in the digest)",
    ]
    assert len(Digest.model_validate_json(result.stdout).skipped) == 4


@pytest.mark.parametrize(
    ("setup", "code", "message"),
    [
        ("missing", 11, "no such folder"),
        ("empty", 10, "no briefings found"),
        ("file", 10, "is not a folder"),
    ],
)
def test_bad_folders_fail_with_one_line(
    tmp_path: Path, setup: str, code: int, message: str
) -> None:
    target = tmp_path / "out"
    if setup == "empty":
        target.mkdir()
    elif setup == "file":
        target.write_text("{}")
    result = runner.invoke(app, ["digest", str(target)])
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.startswith(f"briefing: {target}: {message}")
    assert len(result.stderr.splitlines()) == 1


def test_file_names_cannot_drive_the_terminal_or_be_read_as_markup(
    batch: Path, tmp_path: Path
) -> None:
    (batch / "manifest.jsonl").unlink()
    (batch / "[bold]loud \x1b]0;title\x07.json").write_text("{")
    result = runner.invoke(app, ["digest", str(batch)])
    assert result.exit_code == 0
    assert result.stderr == (
        "briefing: skipped [bold]loud \ufffd]0;title\ufffd.json: not JSON (Expecting "
        "property name enclosed in double quotes, line 1)\n"
    )
    odd = tmp_path / "odd[/]name\x1b[2J"
    missing = runner.invoke(app, ["digest", str(odd)])
    assert missing.exit_code == 11
    assert missing.stderr == f"briefing: {tmp_path}/odd[/]name\ufffd[2J: no such folder\n"


def test_help_ends_with_examples() -> None:
    result = runner.invoke(app, ["digest", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "briefing digest out/ -o digest.md" in result.stdout


def test_the_terminal_shows_the_summary_then_pages_the_details(
    batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(digest_cmd, "stdout_is_terminal", lambda: True)
    paged: list[bool] = []

    class Pager:
        def __init__(self, *args: object, **kwargs: object) -> None:
            paged.append(True)

        def __enter__(self) -> None:
            return None

        def __exit__(self, *args: object) -> None:
            return None

    monkeypatch.setattr("rich.console.Console.pager", Pager)
    result = runner.invoke(app, ["digest", str(batch)])
    assert result.exit_code == 0
    assert paged == [True]
    assert result.stdout.index("Most-mentioned parties") < result.stdout.index("Agreements")
    paged.clear()
    result = runner.invoke(app, ["digest", str(batch), "--all"])
    assert result.exit_code == 0 and paged == []
    assert "Status: agreed" in result.stdout


def test_events_are_exported_as_dyads(batch: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["digest", str(batch), "--format", "events"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    upgrade = [r for r in rows if r["what"].startswith("Upgrade the US military command")]
    assert [(r["source"], r["source_code"], r["target"], r["target_code"]) for r in upgrade] == [
        ("Washington", "USA", "Japan", "JPN")
    ]
    assert upgrade[0]["plover_type"] == "AGREE" and upgrade[0]["kind"] == "agreement"
    assert upgrade[0]["file"] == "authored-us-japan-command.json"
    threats = [r for r in rows if r["kind"] == "threat" and r["source"] == "North Korea"]
    assert {r["target_code"] for r in threats} == {"JPN", "USA"}
    assert all(r["plover_type"] == "THREATEN" for r in threats)
    written = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["digest", str(batch), "-o", str(written)])
    assert result.exit_code == 0
    assert [json.loads(line) for line in written.read_text().splitlines()] == rows
    assert f"wrote {written}" in result.stderr.replace("\n", "")


def test_an_event_export_of_a_folder_without_briefings_fails_and_writes_nothing(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.json").write_text("[1, 2]")
    written = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["digest", str(empty), "-o", str(written)])
    assert result.exit_code != 0
    assert "no briefings found" in result.stderr and "Traceback" not in result.output
    assert not written.exists()
