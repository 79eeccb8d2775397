from __future__ import annotations

import json
import os
import re
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cache import CACHE_FILE
from summarizer.cli.app import app
from summarizer.testing import FakeServer, SchemaModel
from tests.batch.conftest import write_articles


def cache(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["cache", *args], catch_exceptions=False, input=input)
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
    assert re.search(r"^size:     \d+(\.\d)? kB$", output, re.M), output
    assert re.search(r"^oldest:   \d{4}-\d\d-\d\d", output, re.M)
    assert re.search(r"^newest:   \d{4}-\d\d-\d\d", output, re.M)
    assert "by model:\n  openai gpt-4o-mini         3" in output
    code, output = cache("info", "--json")
    document = json.loads(output)
    assert document["entries"] == 3 and document["models"] == {"openai gpt-4o-mini": 3}
    assert document["oldest"] <= document["newest"] and document["bytes"] > 0
    # paid-for replies are not deleted without a yes
    code, output = cache("clear", input="n\n")
    assert code == 1 and "Delete 3 cached replies (600 tokens paid for)" in output
    assert "nothing deleted" in output and "entries:  3" in cache("info")[1]
    code, output = cache("clear")  # no terminal, no input: nobody to ask
    assert code == 1 and "entries:  3" in cache("info")[1]
    code, output = cache("clear", input="y\n")
    assert code == 0 and "removed 3 entries" in output
    assert "entries:  0" in cache("info")[1]
    assert cache("clear")[0] == 0, "an empty cache is cleared without asking"


def test_cache_dir_flag_and_a_damaged_cache(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"not sqlite at all " * 64)
    code, output = cache("info", "--cache-dir", str(tmp_path))
    assert code == 3 and "cannot be used" in output
    code, output = cache("clear", "--cache-dir", str(tmp_path))
    assert code == 1 and "is damaged. Delete it?" in output
    assert (tmp_path / CACHE_FILE).exists()
    code, output = cache("clear", "--cache-dir", str(tmp_path), "--yes")
    assert code == 0 and output.startswith("deleted the damaged cache")
    assert cache("clear", "--cache-dir", str(tmp_path))[1].startswith("nothing to clear")


def test_clear_with_yes_asks_nothing(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    with FakeServer(SchemaModel()) as server:
        CliRunner().invoke(
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
    code, output = cache("clear", "-y")
    assert (
        code == 0
        and output
        == f"removed 2 entries from {Path(os.environ['BRIEFING_CACHE_DIR']) / CACHE_FILE}\n"
    )


def test_help_of_the_group_and_each_command_ends_with_examples() -> None:
    for command in ([], ["info"], ["clear"]):
        result = CliRunner().invoke(app, ["cache", *command, "-h"])
        assert result.exit_code == 0
        assert "briefing cache" in result.output.rstrip().splitlines()[-1]
        assert "Examples:" in result.output
