from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cache import CACHE_FILE
from summarizer.cli.app import app
from summarizer.testing import FakeServer, SchemaModel
from tests.batch.conftest import write_articles


def cache(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["cache", *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_info_and_clear_of_a_cache_filled_by_a_batch(tmp_path: Path) -> None:
    code, output = cache("info")
    assert code == 0 and "not created yet" in output
    write_articles(tmp_path / "in", 3)
    with FakeServer(SchemaModel()) as server:
        result = CliRunner().invoke(
            app,
            [
                "batch",
                str(tmp_path / "in"),
                "-o",
                str(tmp_path / "out"),
                "--base-url",
                server.base_url,
                "-q",
            ],
        )
    assert result.exit_code == 0
    code, output = cache("info")
    assert code == 0
    assert f"path:     {Path(os.environ['BRIEFING_CACHE_DIR']) / CACHE_FILE}" in output
    assert "entries:  3" in output and "tokens:   600" in output
    assert "model:    openai gpt-4o-mini: 3" in output
    code, output = cache("clear")
    assert code == 0 and output.startswith("removed 3 entries")
    assert "entries:  0" in cache("info")[1]


def test_cache_dir_flag_and_a_damaged_cache(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"not sqlite at all " * 64)
    code, output = cache("info", "--cache-dir", str(tmp_path))
    assert code == 3 and "cannot be used" in output
    code, output = cache("clear", "--cache-dir", str(tmp_path))
    assert code == 0 and output.startswith("deleted the damaged cache")
    assert cache("clear", "--cache-dir", str(tmp_path))[1].startswith("nothing to clear")


def test_help_of_each_command_ends_with_examples() -> None:
    for command in ("info", "clear"):
        result = CliRunner().invoke(app, ["cache", command, "--help"])
        assert result.exit_code == 0 and "Examples:" in result.output
