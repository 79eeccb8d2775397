"""Request files for any engine that runs the Batch API format, and their results back.

``export`` writes the first request of every passage to a JSONL file (vLLM's
``run_batch`` reads it as is: ``python -m vllm.entrypoints.openai.run_batch -i
requests.jsonl -o results.jsonl --model …``) and, beside it, the run's snapshot
(``requests.articles.jsonl``: the articles, passages and request settings), since a
request line may carry nothing but ``custom_id``, ``method``, ``url`` and ``body``.

``import`` reads the snapshot back, judges every result line with the online path's
exchange, and writes briefings and manifest lines into an output folder, as a batch
does. Replies that still need asking again (failed validation or grounding, a request
the engine did not run) are, by choice: settled with the replies at hand, as after the
last attempt; asked online; or written to a next request file, whose results are
imported with the first ones (``import requests.jsonl results.jsonl results-2.jsonl``).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer.batch.inputs import InputItem
from summarizer.batch.manifest import BatchReport, Manifest
from summarizer.batch.outputs import write_index
from summarizer.batch.remote.lines import read_results
from summarizer.batch.remote.online import ask_online
from summarizer.batch.remote.plan import plan_run
from summarizer.batch.remote.record import Recorder
from summarizer.batch.remote.snapshot import Planned, read_snapshot, write_snapshot
from summarizer.batch.remote.tracker import InputWork, Tracker
from summarizer.engines.openai import OpenAIEngine
from summarizer.engines.request import RequestSpec
from summarizer.errors import InputError
from summarizer.fileio import atomic_writer

log = logging.getLogger("summarizer")


def snapshot_path(requests: Path) -> Path:
    """Where the snapshot of a request file lives: ``requests.jsonl`` → ``requests.articles.jsonl``."""  # noqa: E501
    return requests.with_name(f"{requests.stem}.articles.jsonl")


@dataclass(frozen=True)
class Export:
    """What ``export`` wrote."""

    requests: Path
    snapshot: Path
    inputs: int
    lines: int
    unreadable: int
    """Inputs that could not be read; ``import`` records their failure."""


def export_requests(
    items: Sequence[InputItem], request: RequestSpec, path: Path, *, max_bytes: int
) -> Export:
    """Write the request file of ``items`` at ``path``, and its snapshot beside it."""
    plan = plan_run(items, request, max_bytes=max_bytes)
    snapshot = snapshot_path(path)
    write_snapshot(snapshot, plan.spec, plan.inputs)
    tracker = Tracker(plan.spec, plan.inputs)
    lines = 0
    with atomic_writer(path) as out:
        for work, passage in tracker.pending():
            out.write(tracker.request(work, passage)[1])
            lines += 1
    unreadable = sum(planned.article is None for planned in plan.inputs)
    return Export(path, snapshot, len(plan.inputs), lines, unreadable)


@dataclass
class Import:
    """What ``import`` did."""

    report: BatchReport
    next_requests: int = 0
    """Requests written to the next request file."""
    ignored: int = 0
    """Result lines for no request of the export, or for an attempt already judged."""


def import_results(
    requests: Path,
    results: Sequence[Path],
    out_dir: Path,
    *,
    online: OpenAIEngine | None = None,
    next_requests: Path | None = None,
    jobs: int = 8,
    html: bool = False,
) -> Import:
    """Judge ``results`` (in order) for the requests of ``requests``; write into ``out_dir``.

    Raises:
        InputError: a file is missing or damaged, or the results are of another export.
    """
    started = time.perf_counter()
    spec, inputs = read_snapshot(snapshot_path(requests))
    _check_pair(requests, spec.run)
    tracker = Tracker(spec, inputs)
    manifest = Manifest(out_dir)
    manifest.load()
    recorder = Recorder(out_dir, manifest, spec, inputs, html=html)
    written = 0
    try:
        for work in tracker.inputs.values():
            if work.settled:
                recorder.record(work)
        for path in results:
            _apply(path, tracker, recorder)
        if online is not None:
            for work in ask_online(tracker, list(tracker.pending()), online, jobs):
                recorder.record(work)
        elif next_requests is not None:
            written = _write_next(tracker, recorder, next_requests)
        else:
            for work in tracker.finish():
                recorder.record(work)
    finally:
        manifest.compact([planned.id for planned in inputs])
        if html:
            write_index(out_dir, manifest, (planned.id for planned in inputs))
        manifest.release()
    ignored = tracker.foreign + tracker.stale
    if ignored:
        log.warning(
            "%d result line(s) ignored: for no request of %s, or repeated", ignored, requests
        )
    report = _report(inputs, manifest, recorder, time.perf_counter() - started)
    return Import(report, written, ignored)


def _check_pair(requests: Path, run: str) -> None:
    """Make sure the request file is the one the snapshot was written with."""
    try:
        with requests.open("rb") as stream:
            first = stream.readline()
        custom_id = str(json.loads(first)["custom_id"]) if first.strip() else f"{run}-"
    except OSError as exc:
        raise InputError(f"{requests}: cannot be read ({exc.strerror})") from None
    except (ValueError, KeyError, TypeError):
        raise InputError(f"{requests}: not a request file") from None
    if not custom_id.startswith(f"{run}-"):
        raise InputError(
            f"{requests}: not the request file of {snapshot_path(requests).name} "
            "(exported by another run)"
        )


def _apply(path: Path, tracker: Tracker, recorder: Recorder) -> None:
    lines = damaged = 0
    foreign = tracker.foreign
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    with stream:
        for line in read_results(stream):
            lines += 1
            if line is None:
                damaged += 1
                continue
            work = tracker.apply(line)
            if work is not None:
                recorder.record(work)
    if lines and lines == damaged + tracker.foreign - foreign:
        raise InputError(f"{path}: none of its {lines} line(s) answers a request of this export")
    if damaged:
        log.warning("%s: %d damaged line(s) ignored", path, damaged)


def _write_next(tracker: Tracker, recorder: Recorder, path: Path) -> int:
    """Write the requests still needed to ``path``; their inputs wait, ``skipped``."""
    waiting: dict[int, InputWork] = {}
    written = 0
    with atomic_writer(path) as out:
        for work, passage in tracker.pending():
            out.write(tracker.request(work, passage)[1])
            waiting[work.planned.n] = work
            written += 1
    for work in waiting.values():
        recorder.in_flight(work, f"its request is in {path.name}; import its results too")
    return written


def _report(
    inputs: list[Planned], manifest: Manifest, recorder: Recorder, duration: float
) -> BatchReport:
    return BatchReport.from_manifest(
        manifest,
        (planned.id for planned in inputs),
        earlier=0,
        usage=recorder.usage,
        duration_s=round(duration, 3),
    )
