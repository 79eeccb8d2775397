from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from summarizer.batch.manifest import FolderInUse, Manifest, ManifestLine


def line(item_id: str, status: str = "ok", **changes: object) -> ManifestLine:
    values: dict[str, object] = {
        "id": item_id,
        "source": f"in/{item_id}",
        "sha256": "ab" * 32,
        "status": status,
        "error": None,
        "attempts": 1,
        "tokens": 200,
        "duration_s": 0.5,
        "output": f"{item_id}.json",
        "settings": "0123456789abcdef",
    }
    values.update(changes)
    return ManifestLine.now(**values)


def test_appended_lines_are_read_back_last_one_winning(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    manifest.load()
    manifest.append(line("a", "failed", error="boom"))
    manifest.append(line("b"))
    manifest.append(line("a"))
    manifest.release()
    assert len((tmp_path / "manifest.jsonl").read_text().splitlines()) == 3
    again = Manifest(tmp_path)
    again.load()
    assert [(entry.id, entry.status) for entry in again.lines()] == [("a", "ok"), ("b", "ok")]
    assert len((tmp_path / "manifest.jsonl").read_text().splitlines()) == 2, "compacted on load"
    again.release()


def test_compact_orders_inputs_first_and_keeps_the_rest(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    for item_id in ["old", "b", "a"]:
        manifest.append(line(item_id))
    manifest.compact(["a", "b", "absent"])
    texts = (tmp_path / "manifest.jsonl").read_text().splitlines()
    ids = [json.loads(text)["id"] for text in texts]
    assert ids == ["a", "b", "old"]
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file is left"


def test_torn_last_line_is_ignored_and_damaged_lines_are_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = line("a").to_json()
    torn = line("b").to_json()[:30]
    (tmp_path / "manifest.jsonl").write_text(f"{good}\n{{oops}}\n{good}\n{torn}", "utf-8")
    manifest = Manifest(tmp_path)
    with caplog.at_level(logging.WARNING, logger="summarizer"):
        manifest.load()
    assert [entry.id for entry in manifest.lines()] == ["a"]
    assert "line 2 is damaged" in caplog.text and "line 4" not in caplog.text
    manifest.append(line("b"))
    manifest.release()
    texts = (tmp_path / "manifest.jsonl").read_text().splitlines()
    assert [json.loads(text)["id"] for text in texts] == ["a", "b"]


@pytest.mark.parametrize(
    "text",
    [
        '{"id": "a"}',
        '["a"]',
        json.dumps({**json.loads(line("a").to_json()), "status": "weird"}),
    ],
)
def test_lines_that_are_not_manifest_lines_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        ManifestLine.from_json(text)


def test_one_run_at_a_time_writes_a_folder(tmp_path: Path) -> None:
    first = Manifest(tmp_path)
    first.load()
    second = Manifest(tmp_path)
    with pytest.raises(FolderInUse, match="another batch is writing to this folder"):
        second.load()
    first.release()
    second.load()
    second.release()


@pytest.mark.parametrize(
    ("output", "inside"),
    [
        ("a.json", True),
        ("2024/05/a.json", True),
        ("../a.json", False),
        ("2024/../../a.json", False),
        ("/etc/a.json", False),
        (".manifest.lock", False),
        ("manifest.jsonl", False),
        ("sub/.hidden.json", False),
        ("a\\..\\b.json", False),
        ("a.html", False),
        ("part-20240501T000000-0a1b2c3d-00000.parquet", True),
        ("sub/part-0.parquet", False),
        (".part-0.parquet", False),
        ("", False),
        ("link/a.json", False),  # a link leading out of the folder
    ],
)
def test_only_outputs_inside_the_folder_are_trusted(
    tmp_path: Path, output: str, inside: bool
) -> None:
    from summarizer.batch.manifest import output_inside

    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "link").symlink_to(tmp_path)
    assert output_inside(tmp_path / "out", output) is inside


def test_a_line_the_disk_takes_in_part_is_cut_off_and_the_batch_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from summarizer.batch.manifest import FolderUnwritable

    manifest = Manifest(tmp_path)
    manifest.load()
    manifest.append(line("a"))
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        real_write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)  # the manifest writes through os.write
    with pytest.raises(FolderUnwritable, match="No space left on device.*run the same command"):
        manifest.append(line("b"))
    monkeypatch.undo()
    manifest.append(line("c"))
    manifest.release()
    texts = (tmp_path / "manifest.jsonl").read_text().splitlines()
    assert [json.loads(text)["id"] for text in texts] == ["a", "c"], "whole lines only"
    assert manifest.get("b") is None


def test_a_line_of_an_earlier_version_reads_its_briefing_settings(tmp_path: Path) -> None:
    data = json.loads(line("a").to_json())
    del data["output_settings"]
    old = ManifestLine.from_json(json.dumps(data))
    assert old.output_settings == old.settings
    failed = json.loads(line("b", "failed", output=None).to_json())
    del failed["output_settings"]
    assert ManifestLine.from_json(json.dumps(failed)).output_settings is None


def test_the_latest_lines_come_in_order_however_many_there_are(tmp_path: Path) -> None:
    from summarizer.batch.manifest import latest_lines

    manifest = Manifest(tmp_path)
    for number in range(3000):
        manifest.append(line(f"id-{number % 1500}", tokens=number))
    manifest.release()
    found = list(latest_lines(tmp_path / "manifest.jsonl"))
    assert [entry.id for entry in found] == [f"id-{n}" for n in range(1500)]
    assert [entry.tokens for entry in found] == list(range(1500, 3000))
    again = Manifest(tmp_path)
    again.load()
    again.compact([f"id-{n}" for n in reversed(range(10))])
    texts = (tmp_path / "manifest.jsonl").read_text().splitlines()
    ids = [json.loads(text)["id"] for text in texts]
    assert ids[:10] == [f"id-{n}" for n in reversed(range(10))] and len(ids) == 1500
    again.release()
