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
    assert shown.exit_code == 0
    assert shown.stdout.splitlines() == [
        f"{out}: 1 failed, 2 ok",
        f"1 failed: `briefing batch status {out} --failed` lists them",
    ]
    empty = str(tmp_path / "in" / "empty.txt")
    document = json.loads(invoke("batch", "status", out, "--json").stdout)
    (made,) = document.pop("briefings")
    assert made["count"] == 2 and made["made_with"].startswith("offline en_core_web_sm")
    assert document == {
        "output": out,
        "inputs": {"ok": 2, "failed": 1},
        "failed": [
            {
                "id": "empty.txt",
                "source": empty,
                "status": "failed",
                "error": f"{empty}: the article is empty",
            }
        ],
    }
    assert invoke("batch", "status", out, "--failed").stdout.splitlines()[1:] == [
        f"{empty} (failed): the article is empty"
    ]


def test_the_end_of_a_batch_lists_its_failures_and_status_lists_them_all(
    invoke: Invoke, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 2)
    for number in range(13):
        (tmp_path / "in" / f"empty-{number:02d}.txt").write_bytes(b"")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    out = str(tmp_path / "out")
    ran = invoke("batch", str(tmp_path / "in"), "-o", out, "--engine", "offline")
    assert ran.exit_code == 30
    lines = ran.stderr.splitlines()
    start = lines.index("briefing: failed:")
    listed = lines[start + 1 : start + 12]
    assert len([line for line in listed if line.endswith("(failed): the article is empty")]) >= 9
    assert any("binary.txt (failed): " in line for line in listed)
    assert listed[-1].strip() == (
        f"… and 4 more: `briefing batch status {out} --failed` lists them all"
    )
    assert "tokens" not in ran.stderr, "no token figures offline"
    every = invoke("batch", "status", out, "--failed")
    assert every.exit_code == 0
    failures = every.stdout.splitlines()[1:]
    assert len(failures) == 14
    empties = [line for line in failures if line.endswith(".txt (failed): the article is empty")]
    assert len(empties) == 13, failures
    assert len(json.loads(invoke("batch", "status", out, "--json").stdout)["failed"]) == 14
    quiet = invoke("batch", str(tmp_path / "in"), "-o", out, "--engine", "offline", "-q")
    assert quiet.exit_code == 30 and quiet.stderr == ""


def test_status_of_a_batch_without_failures(invoke: Invoke, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 1)
    out = str(tmp_path / "out")
    assert (
        invoke("batch", str(tmp_path / "in"), "-o", out, "--engine", "offline", "-q").exit_code == 0
    )
    assert invoke("batch", "status", out).stdout.splitlines() == [f"{out}: 1 ok"]
    assert invoke("batch", "status", out, "--failed").stdout.splitlines()[1:] == ["no input failed"]
