"""``briefing batch status``."""

from __future__ import annotations

import json
from pathlib import Path

from tests.batch.conftest import write_articles
from tests.cli.conftest import Invoke


def test_status_of_a_folder_without_a_batch(invoke: Invoke, tmp_path: Path) -> None:
    missing = invoke("batch", "status", str(tmp_path / "none"))
    assert missing.exit_code == 11 and "no such folder" in missing.stderr
    empty = invoke("batch", "status", str(tmp_path))
    assert empty.exit_code == 10 and "no batch has written to this folder" in empty.stderr


def test_status_of_an_online_batch_counts_its_inputs(invoke: Invoke, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    out = str(tmp_path / "out")
    assert (
        invoke("batch", str(tmp_path / "in"), "-o", out, "--engine", "offline", "-q").exit_code
        == 30
    )
    shown = invoke("batch", "status", out)
    assert shown.exit_code == 0 and shown.stdout.strip() == f"{out}: 1 failed, 2 ok"
    document = json.loads(invoke("batch", "status", out, "--json").stdout)
    assert document["output"] == out and document["inputs"] == {"ok": 2, "failed": 1}
    (made,) = document["briefings"]
    assert made["count"] == 2 and made["made_with"].startswith("offline en_core_web_sm")
