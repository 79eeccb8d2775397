"""The library runs a batch as the command line does: inputs, engine, cache, report, status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.batch import Status, find_inputs, folder_status, run_batch
from summarizer.batch.manifest import MANIFEST_NAME, BatchReport, Manifest, ManifestLine
from summarizer.batch.remote.state import STATE_DIR, Round, RunState, SubmittedBatch
from summarizer.batch.run import run_remote
from summarizer.config import EngineName, Settings
from summarizer.errors import ConfigError, ExitCode, InputError, SourceNotFound
from summarizer.schema import Usage
from summarizer.testing import FakeServer, SchemaModel
from tests.batch.conftest import write_articles


def test_run_batch_caches_replies_and_reports_its_hits(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    items = find_inputs(tmp_path / "in", tmp_path / "out", max_bytes=100_000)
    model = SchemaModel()
    notes: list[str] = []
    with FakeServer(model) as server:
        settings = Settings(base_url=server.base_url)
        cache = tmp_path / "cache"
        first = run_batch(items, tmp_path / "out", settings, cache=cache, notify=notes.append)
        again = run_batch(items, tmp_path / "again", settings, cache=cache)
        uncached = run_batch(items, tmp_path / "none", settings, cache=False)
    assert first.counts == {Status.OK: 3} and first.exit_code == ExitCode.OK
    assert (first.cache_hits, again.cache_hits, uncached.cache_hits) == (0, 3, None)
    assert len(model.requests) == 6, "three asked, three from the cache, three uncached"
    assert notes == [], "no signal, nothing to say"


def test_find_inputs_refuses_the_output_folder_and_an_empty_source(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    with pytest.raises(InputError, match="must not be the input folder"):
        find_inputs(tmp_path / "in", tmp_path / "in", max_bytes=10)
    with pytest.raises(InputError, match="no articles found"):
        find_inputs(tmp_path / "in", tmp_path / "out", max_bytes=10)


def test_run_remote_needs_a_model(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 1)
    items = find_inputs(tmp_path / "in", tmp_path / "out", max_bytes=100_000)
    with pytest.raises(ConfigError, match="not the offline engine"):
        run_remote(items, tmp_path / "out", Settings(engine=EngineName.OFFLINE))


def test_the_report_is_read_from_the_manifest(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    for item_id, status in (("a", "ok"), ("b", "invalid"), ("c", "ok")):
        manifest.append(
            ManifestLine.now(
                id=item_id,
                source=item_id,
                sha256=None,
                status=status,
                error=None,
                attempts=1,
                tokens=0,
                duration_s=0.0,
                output=None,
                settings=None,
            )
        )
    manifest.close()
    report = BatchReport.from_manifest(
        manifest, ["a", "b", "c", "d"], earlier=1, usage=Usage(), duration_s=0.5
    )
    assert report.out_dir == tmp_path and report.total == 4
    assert report.counts == {"ok": 2, "invalid": 1, "skipped": 1}
    assert report.exit_code == ExitCode.WITH_FAILURES and not report.all_ok
    line = manifest.get("b")
    assert line is not None and line.status is Status.INVALID, "read back as the enum"


def test_folder_status_reads_the_manifest_and_the_run_state(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound):
        folder_status(tmp_path / "missing")
    with pytest.raises(InputError, match="no batch has written"):
        folder_status(tmp_path)
    (tmp_path / MANIFEST_NAME).write_text(
        json.dumps(
            {
                "id": "a",
                "source": "a",
                "sha256": None,
                "status": "ok",
                "error": None,
                "attempts": 1,
                "tokens": 5,
                "duration_s": 0.1,
                "output": "a.json",
                "settings": None,
                "finished_at": "2026-01-01T00:00:00+00:00",
            }
        )
        + "\n"
    )
    assert folder_status(tmp_path) == {
        "output": str(tmp_path),
        "inputs": {"ok": 1},
        "failed": [],
        "briefings": [],  # no settings recorded: an older line
    }
    state = RunState("3fa2c1d0", "key", [Round(1, [SubmittedBatch("r.jsonl", 2, batch_id="b1")])])
    status = state.status("m")
    assert status["run"] == {"id": "3fa2c1d0", "model": "m", "finished": False, "in_flight": ["b1"]}
    assert status["rounds"][0]["batches"][0]["status"] == "not submitted"
    state.save(tmp_path / STATE_DIR)
    with pytest.raises(InputError, match="articles.jsonl: cannot be read"):
        folder_status(tmp_path)
