"""The command tree: ``briefing batch`` runs its default command unless another is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.conftest import write_articles
from tests.cli.conftest import Invoke


def test_batch_runs_by_default_and_names_no_hidden_command(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    help_text = invoke("batch", "--help").stdout
    assert "Usage: briefing batch [OPTIONS] IN" in " ".join(help_text.split()).replace("{IN}", "IN")
    write_articles(tmp_path / "status", 1)
    monkeypatch.chdir(tmp_path)
    by_folder = invoke(
        "batch", "./status", "-o", str(tmp_path / "out"), "--engine", "offline", "-q"
    )
    explicit = invoke(
        "batch",
        "run",
        str(tmp_path / "status"),
        "-o",
        str(tmp_path / "o2"),
        "--engine",
        "offline",
        "-q",
    )
    options_first = invoke(
        "batch", "-o", str(tmp_path / "o3"), str(tmp_path / "status"), "--engine", "offline", "-q"
    )
    assert by_folder.exit_code == explicit.exit_code == options_first.exit_code == 0
    assert (tmp_path / "out" / "article-000.json").is_file(), "./status is the folder"
    assert (tmp_path / "o2" / "article-000.json").is_file() and (
        tmp_path / "o3" / "article-000.json"
    ).is_file()
    missing = invoke("batch")
    assert missing.exit_code == 2 and "Missing argument" in missing.stderr
    assert "Try 'briefing batch --help'" in missing.stderr
