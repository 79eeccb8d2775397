"""``briefing batch --via openai-batch``: a folder of articles through the OpenAI Batch API.

A run goes in rounds. The first sends the first request of every passage; each later
round sends what the results of the one before call for: re-asks of replies that failed
validation or grounding (the last failed reply and its problems, as online), requests
again in the next output mode, and requests the API did not run (an expired or failed
batch, a 429 or 5xx line), each passage at most ``max_retries`` times. A round's
requests are packed into files within the API's limits (50,000 requests, 200 MB), one
batch each, all submitted at once and polled until each ends; each batch's output and
error files are downloaded and every line judged by the online path's exchange (see
:mod:`~summarizer.batch.remote.tracker`). An input is written, briefing then manifest
line, as soon as its last passage settles. With ``reask=online`` re-asks go to the chat
completions endpoint instead, right after the round that called for them.

:mod:`~summarizer.batch.remote.state` says what is kept in the output folder and how a
stopped run is picked up: running the same command again polls the batches in flight,
then plans a new run for whatever inputs are still not done.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from openai.types import Batch

from summarizer.article import DEFAULT_MAX_BYTES
from summarizer.batch.inputs import InputItem
from summarizer.batch.manifest import BatchReport, Manifest, settings_key
from summarizer.batch.options import DEFAULT_JOBS, Reask
from summarizer.batch.outputs import BriefingWriter, write_index
from summarizer.batch.remote.api import BatchClient
from summarizer.batch.remote.lines import MAX_BYTES, MAX_REQUESTS, pack, read_results
from summarizer.batch.remote.online import ask_online
from summarizer.batch.remote.plan import plan_run
from summarizer.batch.remote.progress import PollProgress, SilentPoll
from summarizer.batch.remote.record import Recorder
from summarizer.batch.remote.snapshot import read_snapshot, read_spec, write_snapshot
from summarizer.batch.remote.state import (
    JOURNAL_FILE,
    SNAPSHOT_FILE,
    STATE_DIR,
    TERMINAL,
    Round,
    RunState,
    SubmittedBatch,
)
from summarizer.batch.remote.tracker import InputWork, Tracker
from summarizer.engines.openai import OpenAIEngine
from summarizer.errors import ConfigError, ExitCode, TransportError
from summarizer.fileio import atomic_writer, remove_leftovers
from summarizer.schema import Usage

log = logging.getLogger("summarizer")


@dataclass(frozen=True)
class RemoteOptions:
    """How a run on the Batch API goes."""

    reask: Reask = Reask.BATCH
    poll_interval: float = 30.0
    """Seconds between two checks of the batches in flight."""
    detach: bool = False
    """Check the batches once and return, rather than wait for them."""
    batch_size: int = MAX_REQUESTS
    """Most requests in one batch."""
    batch_bytes: int = MAX_BYTES
    """Largest request file of one batch, in bytes."""
    jobs: int = DEFAULT_JOBS
    """Online re-asks sent at once."""
    retry_failed: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest input read, in bytes."""
    html: bool = False
    """Also write each briefing's HTML page, and an index page of the folder."""


@dataclass
class RemoteReport:
    """What a run did, and the batches it left running."""

    report: BatchReport
    in_flight: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """130 if interrupted, 75 while batches run, else the batch's (0 or 30)."""
        if self.report.interrupted or not self.in_flight:
            return self.report.exit_code
        return ExitCode.IN_FLIGHT


class OpenAIBatchRun:
    """Runs a batch of inputs through the OpenAI Batch API; see the module's docstring."""

    def __init__(
        self,
        items: Sequence[InputItem],
        out_dir: Path,
        engine: OpenAIEngine,
        *,
        options: RemoteOptions | None = None,
        progress: PollProgress | None = None,
    ) -> None:
        self.items = items
        self.out_dir = out_dir
        self.folder = out_dir / STATE_DIR
        self.engine = engine
        self.options = options or RemoteOptions()
        self.progress = progress or SilentPoll()
        self.client = BatchClient(engine)
        self.settings = settings_key(engine.info)
        self._manifest = Manifest(out_dir)
        self._state: RunState | None = None
        self._tracker: Tracker | None = None
        self._recorder: Recorder | None = None
        self._usage = Usage()
        self._written: set[str] = set()
        self._earlier = 0
        self._interrupted = False

    def run(self) -> RemoteReport:
        """Carry on the run in flight, if any, then run the inputs not done yet."""
        started = time.perf_counter()
        self._manifest.load()
        try:
            BriefingWriter(self.out_dir).remove_leftovers()
            remove_leftovers(self.folder)
            self._run_all()
        except KeyboardInterrupt:
            self._interrupted = True
            self._note_in_flight()
        finally:
            self._close_recorder()
            self._manifest.compact([item.id for item in self.items])
            if self.options.html:
                write_index(self.out_dir, self._manifest, (item.id for item in self.items))
            self._manifest.release()
        return self._report(time.perf_counter() - started)

    def _run_all(self) -> None:
        state = RunState.load(self.folder)
        if state is not None and not state.finished:
            if state.settings != self.settings:
                model = read_spec(self.folder / SNAPSHOT_FILE).request.model
                raise ConfigError(
                    f"{self.out_dir}: a run with other settings (model {model}) is not "
                    "finished; run it again with its settings to collect it "
                    f"(see `briefing batch status {self.out_dir}`)"
                )
            if not self._carry_on(state):
                return
        plan = plan_run(
            self.items,
            self.engine.spec,
            max_bytes=self.options.max_bytes,
            manifest=self._manifest,
            out_dir=self.out_dir,
            retry_failed=self.options.retry_failed,
        )
        self._earlier = plan.earlier - sum(item.id in self._written for item in self.items)
        if not plan.inputs:
            return
        shutil.rmtree(self.folder, ignore_errors=True)
        write_snapshot(self.folder / SNAPSHOT_FILE, plan.spec, plan.inputs)
        state = RunState(plan.spec.run, plan.spec.settings)
        state.save(self.folder)
        self._carry_on(state)

    def _carry_on(self, state: RunState) -> bool:
        """Bring the run to its end; ``False`` if it stops with batches in flight."""
        self._close_recorder()
        spec, inputs = read_snapshot(self.folder / SNAPSHOT_FILE)
        tracker = Tracker(spec, inputs)
        journal = self.folder / JOURNAL_FILE
        recorder = Recorder(
            self.out_dir, self._manifest, spec, inputs, journal, html=self.options.html
        )
        self._state, self._tracker, self._recorder = state, tracker, recorder
        for number in recorder.recorded():
            tracker.inputs[number].recorded = True
        for done in state.rounds:
            for batch in done.batches:
                if batch.collected:
                    self._apply(batch)
        for work in tracker.inputs.values():
            if work.settled and not work.recorded:
                self._record(work)
        while True:
            current = state.rounds[-1] if state.rounds else None
            if current is None or current.collected:
                if self.options.reask is Reask.ONLINE:
                    self._reask_online()
                current = self._new_round()
                if current is None:
                    state.finished = True
                    state.save(self.folder)
                    return True
            self._submit(current)
            if not self._wait(current):
                self._note_in_flight()
                return False

    def _new_round(self) -> Round | None:
        """Write the request files of the next round; ``None`` if nothing is left to send."""
        state, tracker = self._active()
        number = len(state.rounds) + 1
        current = Round(number)
        groups = pack(self._request_lines(), self.options.batch_size, self.options.batch_bytes)
        for index, group in enumerate(groups, start=1):
            name = f"round-{number}/requests-{index}.jsonl"
            with atomic_writer(self.folder / name) as out:
                out.writelines(group)
            current.batches.append(SubmittedBatch(name, len(group)))
        if not current.batches:
            return None
        state.rounds.append(current)
        state.save(self.folder)
        return current

    def _request_lines(self) -> Iterator[bytes]:
        _, tracker = self._active()
        limit = self.options.batch_bytes
        for work, passage in list(tracker.pending()):
            if work.settled:
                continue
            _, line = tracker.request(work, passage)
            if len(line) <= limit:
                yield line
                continue
            message = f"its request is {len(line):,} bytes, over the {limit:,}-byte file limit"
            work.fail(TransportError(message))
            self._record(work)

    def _submit(self, current: Round) -> None:
        state, _ = self._active()
        metadata = {"briefing_run": state.run, "round": str(current.number)}
        for batch in current.batches:
            if batch.batch_id is not None:
                continue
            found: Batch | None = None
            if batch.input_file_id is None:
                batch.input_file_id = self.client.upload(self.folder / batch.requests)
                state.save(self.folder)
            else:
                found = self.client.find(batch.input_file_id)
            created = found or self.client.create(batch.input_file_id, metadata)
            batch.batch_id, batch.status = created.id, created.status
            state.save(self.folder)

    def _wait(self, current: Round) -> bool:
        """Poll the round's batches until each ends; ``False`` when detached before that."""
        state, _ = self._active()
        self.progress.start(f"round {current.number}", sum(b.count for b in current.batches))
        try:
            while True:
                for batch in current.batches:
                    if not batch.collected:
                        self._check(batch)
                state.save(self.folder)
                statuses = Counter(batch.status for batch in current.batches)
                self.progress.update(
                    sum(b.completed + b.failed for b in current.batches),
                    sum(b.failed for b in current.batches),
                    ", ".join(f"{count} {status}" for status, count in statuses.items()),
                )
                if current.collected:
                    return True
                if self.options.detach:
                    return False
                time.sleep(self.options.poll_interval)
        finally:
            self.progress.stop()

    def _check(self, batch: SubmittedBatch) -> None:
        assert batch.batch_id is not None
        found = self.client.retrieve(batch.batch_id)
        batch.status = found.status
        batch.checked_at = datetime.now(UTC).isoformat(timespec="seconds")
        if found.request_counts is not None:
            batch.completed = found.request_counts.completed
            batch.failed = found.request_counts.failed
        if found.status not in TERMINAL:
            return
        folder, _, number = batch.requests.rpartition("requests-")
        if found.output_file_id:
            batch.output = f"{folder}output-{number}"
            self.client.download(found.output_file_id, self.folder / batch.output)
        if found.error_file_id:
            batch.errors = f"{folder}errors-{number}"
            self.client.download(found.error_file_id, self.folder / batch.errors)
        if found.status == "failed":
            errors = found.errors.data if found.errors and found.errors.data else []
            batch.problem = "; ".join(e.message or e.code or "" for e in errors) or "no reason"
        batch.collected = True
        self._state_save()
        self._apply(batch)

    def _apply(self, batch: SubmittedBatch) -> None:
        """Judge every result line of a collected batch, and the requests it left out."""
        _, tracker = self._active()
        seen: set[str] = set()
        damaged = 0
        for name in (batch.output, batch.errors):
            if name is None:
                continue
            with (self.folder / name).open("rb") as lines:
                for line in read_results(lines):
                    if line is None:
                        damaged += 1
                        continue
                    seen.add(line.custom_id)
                    self._record(tracker.apply(line))
        if damaged:
            log.warning("%s: %d damaged result line(s) ignored", batch.batch_id, damaged)
        reason, again = _left_out(batch)
        for custom_id in _custom_ids(self.folder / batch.requests):
            if custom_id not in seen:
                self._record(tracker.unanswered(custom_id, reason, again=again))

    def _reask_online(self) -> None:
        _, tracker = self._active()
        needed = [(w, p) for w, p in tracker.pending() if w.exchanges[p].attempts > 0]
        for work in ask_online(tracker, needed, self.engine, self.options.jobs):
            self._record(work)

    def _record(self, work: InputWork | None) -> None:
        if work is None or work.recorded or not work.settled:
            return
        assert self._recorder is not None
        self._recorder.record(work)
        self._written.add(work.planned.id)

    def _note_in_flight(self) -> None:
        """Give each input still waiting a ``skipped`` line naming the batch it is in."""
        if self._state is None or self._tracker is None or self._recorder is None:
            return
        where: dict[int, str] = {}
        current = self._state.rounds[-1] if self._state.rounds else Round(0)
        for batch in current.batches:
            label = f"{batch.batch_id or 'a batch not yet created'} (round {current.number})"
            for custom_id in _custom_ids(self.folder / batch.requests):
                where[int(custom_id.split("-")[1])] = label
        for work in self._tracker.inputs.values():
            if not work.recorded and not work.settled:
                self._recorder.in_flight(work, where.get(work.planned.n, "not yet sent"))

    def _report(self, duration: float) -> RemoteReport:
        report = BatchReport.from_manifest(
            self._manifest,
            (item.id for item in self.items),
            earlier=max(self._earlier, 0),
            usage=self._usage,
            duration_s=round(duration, 3),
            interrupted=self._interrupted,
        )
        in_flight = self._state.in_flight() if self._state else []
        return RemoteReport(report, [b.batch_id for b in in_flight if b.batch_id])

    def _active(self) -> tuple[RunState, Tracker]:
        assert self._state is not None and self._tracker is not None
        return self._state, self._tracker

    def _state_save(self) -> None:
        if self._state is not None:
            self._state.save(self.folder)

    def _close_recorder(self) -> None:
        if self._recorder is not None:
            self._usage += self._recorder.usage
            self._recorder.close()
            self._recorder = None


def _left_out(batch: SubmittedBatch) -> tuple[str, bool]:
    """Why a request of a collected batch has no result line, and whether to send it again."""
    name = batch.batch_id
    if batch.status == "cancelled":
        return f"batch {name} was cancelled before running it", False
    if batch.status == "failed":
        return f"batch {name} failed: {batch.problem}", True
    if batch.status == "expired":
        return f"batch {name} expired before running it", True
    return f"batch {name} returned no result for it", True


def _custom_ids(path: Path) -> Iterator[str]:
    with path.open("rb") as lines:
        for line in lines:
            if line.strip():
                yield str(json.loads(line)["custom_id"])
