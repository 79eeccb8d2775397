from __future__ import annotations

import json
from pathlib import Path

from summarizer.batch.manifest import Manifest, ManifestLine
from summarizer.batch.remote.lines import ResultLine
from summarizer.batch.remote.record import Recorder
from summarizer.batch.remote.snapshot import Planned
from summarizer.batch.remote.tracker import Tracker
from summarizer.schema import Briefing
from summarizer.testing import SchemaModel, run_batch_file
from tests.batch.conftest import manifest
from tests.batch.remote.conftest import spec_and_inputs


def settle_all(tracker: Tracker) -> None:
    for work, passage in list(tracker.pending()):
        line = tracker.request(work, passage)[1]
        tracker.apply(ResultLine.parse(run_batch_file(line, SchemaModel())))


def test_names_follow_the_snapshot_and_earlier_runs_not_the_order_of_results(
    tmp_path: Path,
) -> None:
    spec, inputs = spec_and_inputs(2)
    twins = [
        Planned(2, "x/a.md", "x/a.md", "x/a", inputs[0].article, inputs[0].spans),
        Planned(3, "x/a.txt", "x/a.txt", "x/a", inputs[1].article, inputs[1].spans),
    ]
    earlier = Manifest(tmp_path)
    earlier.load()
    earlier.append(
        ManifestLine.now(
            id="a1.txt",
            source="a1.txt",
            sha256=None,
            status="failed",
            error="x",
            attempts=0,
            tokens=0,
            duration_s=0.0,
            output="kept-name.json",
            settings=None,
        )
    )
    tracker = Tracker(spec, [*inputs, *twins])
    settle_all(tracker)
    recorder = Recorder(tmp_path, earlier, spec, [*inputs, *twins], tmp_path / "journal")
    for number in (3, 1, 2, 0):
        recorder.record(tracker.inputs[number])
    recorder.close()
    earlier.release()
    outputs = {line["id"]: line["output"] for line in manifest(tmp_path)}
    assert outputs["x/a.md"] == "x/a.json" and outputs["x/a.txt"].startswith("x/a-")
    assert outputs["a1.txt"] == "kept-name.json" and outputs["a0.txt"] == "a0.json"
    assert recorder.recorded() == {3, 1, 2, 0}
    briefing = Briefing.model_validate_json((tmp_path / "kept-name.json").read_text())
    assert briefing.article.source == "a1.txt"
    line = [line for line in manifest(tmp_path) if line["id"] == "a1.txt"][-1]
    assert line["status"] == "ok" and line["settings"] == spec.settings and line["tokens"] == 200
    assert recorder.usage.total_tokens == 800


def test_a_failure_keeps_the_briefing_an_earlier_run_made(tmp_path: Path) -> None:
    spec, inputs = spec_and_inputs(1)
    folder = Manifest(tmp_path)
    folder.load()
    tracker = Tracker(spec, inputs)
    settle_all(tracker)
    Recorder(tmp_path, folder, spec, inputs).record(tracker.inputs[0])
    assert (tmp_path / "a0.json").is_file()
    unread = Planned(0, "a0.txt", "a0.txt", "a0", None, error=("failed", "a0.txt: no such\nfile"))
    again = Tracker(spec, [unread])
    recorder = Recorder(tmp_path, folder, spec, [unread])
    assert recorder.recorded() == set(), "no journal"
    recorder.record(again.inputs[0])
    folder.release()
    assert (tmp_path / "a0.json").is_file()
    last = manifest(tmp_path)[-1]
    assert (last["status"], last["error"], last["output"], last["output_settings"]) == (
        "failed",
        "a0.txt: no such file",
        "a0.json",
        spec.settings,
    )


def test_inputs_in_flight_are_noted_once(tmp_path: Path) -> None:
    spec, inputs = spec_and_inputs(1)
    folder = Manifest(tmp_path)
    folder.load()
    recorder = Recorder(tmp_path, folder, spec, inputs)
    work = Tracker(spec, inputs).inputs[0]
    recorder.in_flight(work, "batch-1 (round 1)")
    recorder.in_flight(work, "batch-1 (round 1)")
    recorder.in_flight(work, "batch-2 (round 2)")
    folder.release()
    lines = [json.loads(line) for line in (tmp_path / "manifest.jsonl").read_text().splitlines()]
    assert [line["error"] for line in lines] == [
        "in flight: batch-1 (round 1)",
        "in flight: batch-2 (round 2)",
    ]
    assert {line["status"] for line in lines} == {"skipped"}
