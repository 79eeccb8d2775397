"""The batch runner: every input through the pipeline, concurrently, resumably.

Workers take inputs in order; each loads its article, skips it if an earlier run already
did it with the same settings, else runs :func:`~summarizer.pipeline.asummarize` (at
most ``jobs`` articles at once: a few extra workers read the next inputs and write
finished briefings meanwhile), writes the briefing and appends the input's manifest line.
For a finished article the response cache entry (when the engine is cached) is written
first, then the briefing, then the manifest line, so a run killed at any moment and run
again never requests a finished article twice.

:meth:`BatchRunner.stop` stops taking new inputs and lets in-flight ones finish;
:meth:`BatchRunner.abandon` also cancels those in flight and those being read (a read
runs in a daemon thread, so a stuck one never holds the process). Either way every
input ends with one manifest line: those not processed get ``skipped`` and the true
reason, unless an earlier run left a final line for them. A folder that can take no
more (a full disk) stops the run the same way, its manifest whole.

A failure never removes a briefing: an input an earlier run briefed keeps that briefing
when this run fails it (its line says so: ``output`` and ``output_settings``).
What the runner keeps per input lives on disk (see :mod:`summarizer.batch.scratch`),
so its memory does not grow with the number of inputs.

With ``parquet`` the briefings go into Parquet part files instead (see
:mod:`summarizer.batch.parquet_results`), a row per finished input; the manifest stays
the run's journal, an ``ok`` line naming the part that holds its row.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.article import DEFAULT_MAX_BYTES
from summarizer.batch.failures import failure_of
from summarizer.batch.inputs import InputItem
from summarizer.batch.manifest import (
    NO_ROOM,
    BatchReport,
    FolderUnwritable,
    Manifest,
    ManifestLine,
    Status,
    settings_key,
    unwritable,
)
from summarizer.batch.naming import OutputNames
from summarizer.batch.options import DEFAULT_JOBS
from summarizer.batch.outputs import BriefingWriter, write_index
from summarizer.batch.progress import BatchProgress, SilentProgress
from summarizer.batch.result_row import ResultRow
from summarizer.batch.results import check_output_format
from summarizer.batch.threads import DaemonThreads
from summarizer.engines.base import Engine
from summarizer.pipeline import asummarize
from summarizer.schema import Briefing, Usage

if TYPE_CHECKING:
    from summarizer.batch.parquet_results import ParquetResultWriter

READ_AHEAD = 8
"""Workers beyond ``jobs`` that read the next inputs and write finished briefings, so the
engine always has ``jobs`` articles in hand."""


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs."""

    jobs: int = DEFAULT_JOBS
    """Inputs processed at once."""
    retry_failed: bool = False
    """Run again inputs whose last run failed (by default they keep their failure)."""
    max_tokens: int | None = None
    """Stop taking new inputs once this run has spent this many tokens."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest input read, in bytes."""
    html: bool = False
    """Also write each briefing's HTML page, and an index page of the run."""
    parquet: bool = False
    """Write the results as Parquet part files (a row per input), not a briefing file each."""


@dataclass
class _State:
    settled: bytearray = field(default_factory=bytearray)
    """One byte an input, in order: whether this run gave it its line."""
    earlier: int = 0
    kept: int = 0
    """Failed inputs whose earlier briefing was kept."""
    usage: Usage = field(default_factory=Usage)
    budget_reached: bool = False
    halted: str | None = None
    """Why the run stopped before its end, when no one asked it to."""


class BatchRunner:
    """Runs a batch of inputs into an output folder; see the module's docstring."""

    def __init__(
        self,
        items: Sequence[InputItem],
        out_dir: Path,
        engine: Engine,
        *,
        options: BatchOptions | None = None,
        progress: BatchProgress | None = None,
    ) -> None:
        self.items = items
        self.out_dir = out_dir
        self.engine = engine
        self.options = options or BatchOptions()
        self.progress = progress or SilentProgress()
        self.settings = settings_key(engine.info)
        self.writer = BriefingWriter(out_dir, html=self.options.html)
        self._parts = _parts_writer(out_dir) if self.options.parquet else None
        self._names = OutputNames()
        self._manifest = Manifest(out_dir)
        self._state = _State(settled=bytearray(len(items)))
        self._stopping = False
        self._in_flight: set[asyncio.Task[Briefing]] = set()
        self._reading: set[asyncio.Future[Any]] = set()
        self._readers = DaemonThreads()
        self._slots = asyncio.Semaphore(self.options.jobs)

    @property
    def in_flight(self) -> int:
        """Articles being summarized right now."""
        return len(self._in_flight)

    @property
    def stopping(self) -> bool:
        """Whether :meth:`stop` or :meth:`abandon` was called."""
        return self._stopping

    def stop(self) -> None:
        """Take no new input; let those in flight finish."""
        self._stopping = True

    def abandon(self) -> None:
        """Take no new input; cancel those in flight and those being read (all ``skipped``)."""
        self._stopping = True
        for task in list(self._in_flight):
            task.cancel()
        for reading in list(self._reading):
            reading.cancel()

    async def run(self) -> BatchReport:
        """Process every input; the report once each has its final manifest line.

        Raises:
            FolderInUse: another batch is writing to the folder.
            FolderUnwritable: the folder cannot be written at all (nothing was done).
        """
        started = time.perf_counter()
        manifest = self._manifest
        await asyncio.to_thread(manifest.load)
        try:
            check_output_format(self.out_dir, parquet=self._parts is not None)
            await asyncio.to_thread(self.writer.remove_leftovers)
            await self._run_workers(manifest)
        finally:
            self._close_parts()
            manifest.release()
            self._names.close()
        return self._report(manifest, time.perf_counter() - started)

    async def _run_workers(self, manifest: Manifest) -> None:
        for line in manifest.lines():
            if line.output and self._parts is None:  # a part is no briefing file of its own
                self._names.keep(line.id, line.output)
        queue = enumerate(self.items)
        self.progress.start(len(self.items))
        jobs = max(1, min(self.options.jobs, len(self.items)))
        workers = min(len(self.items), jobs + min(jobs, READ_AHEAD))
        tasks = [asyncio.create_task(self._worker(queue)) for _ in range(max(1, workers))]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await self._close_the_run(manifest)

    async def _close_the_run(self, manifest: Manifest) -> None:
        """Every input its final line, the manifest compacted, the index page written.

        On a full disk the lines not written are simply missing (the next run does
        those inputs) and the manifest stays as appended: whole, one line per input
        finished, perhaps several.
        """
        try:
            self._settle_the_rest(manifest)
            self._close_parts()  # the rows before the journal is compacted
            ids = (item.id for item in self.items)
            await asyncio.to_thread(manifest.compact, ids)
            if self.options.html:
                ids = (item.id for item in self.items)
                await asyncio.to_thread(write_index, self.out_dir, manifest, ids)
        except FolderUnwritable as exc:
            self._halt(str(exc))
        finally:
            self.progress.stop()

    async def _worker(self, queue: Iterator[tuple[int, InputItem]]) -> None:
        while not self._stopping and not self._over_budget():
            number, item = next(queue, (-1, None))
            if item is None:
                return
            try:
                output = self._names.claim(item.id, item.name)
                await self._process(number, item, output)
            except FolderUnwritable as exc:
                self._halt(str(exc))
            except Exception as exc:  # a bug: stop the run, and say why the rest is skipped
                self._halt(f"internal error: {type(exc).__name__}: {exc}")
                raise

    def _halt(self, why: str) -> None:
        """Stop the run for ``why``: no one asked, but it cannot go on."""
        if self._state.halted is None:
            self._state.halted = why
        self._stopping = True

    def _over_budget(self) -> bool:
        budget = self.options.max_tokens
        if budget is not None and self._state.usage.total_tokens >= budget:
            self._state.budget_reached = True
        return self._state.budget_reached

    async def _process(self, number: int, item: InputItem, output: str) -> None:
        started = time.perf_counter()
        reading = asyncio.ensure_future(self._readers.run(item.load, self.options.max_bytes))
        self._reading.add(reading)
        try:
            article = await reading
        except asyncio.CancelledError:
            if _being_cancelled():
                raise
            return  # abandoned: settled as skipped when the run ends
        except Exception as exc:  # a bad input never stops the batch
            self._fail(number, item, None, exc, started)
            return
        finally:
            self._reading.discard(reading)
        previous = self._manifest.get(item.id)
        if previous is not None and self._already_done(previous, article.sha256):
            if previous.output and previous.status is Status.OK:
                await asyncio.to_thread(self.writer.ensure_page, previous.output, article)
            self._state.settled[number] = 1
            self._state.earlier += 1
            self.progress.advance(previous.status, 0)
            return
        async with self._slots:
            if self._stopping or self._over_budget():
                return  # not started: settled as skipped when the run ends
            started = time.perf_counter()
            task = asyncio.create_task(asummarize(article, engine=self.engine))
            self._in_flight.add(task)
            try:
                briefing = await task
            except asyncio.CancelledError:
                if _being_cancelled():
                    raise
                return  # abandoned: settled as skipped when the run ends
            except Exception as exc:
                self._fail(number, item, article.sha256, exc, started)
                return
            finally:
                self._in_flight.discard(task)
            usage = briefing.provenance.usage
            self._state.usage += usage  # counted before the slot is free: the budget sees it
        try:
            if self._parts is None:  # else the row goes into a part as it is recorded
                await asyncio.to_thread(self.writer.write, output, briefing, article.text)
        except OSError as exc:
            if exc.errno in NO_ROOM:  # no input could be written: stop, this one skipped
                raise unwritable(self.out_dir / output, exc) from None
            why = exc.strerror or type(exc).__name__  # a folder in the way: this input alone
            kept, made_with = self._manifest.kept(item.id)
            self._record(
                number,
                item,
                sha256=article.sha256,
                status=Status.FAILED,
                error=f"{output}: cannot write the briefing ({why})",
                attempts=briefing.provenance.attempts,
                usage=usage,
                output=kept,
                output_settings=made_with,
                started=started,
            )
            return
        self._record(
            number,
            item,
            sha256=article.sha256,
            status=Status.OK,
            error=None,
            attempts=briefing.provenance.attempts,
            usage=usage,
            output=output,
            output_settings=self.settings,
            started=started,
            briefing=briefing,
        )

    def _already_done(self, previous: ManifestLine, sha256: str) -> bool:
        if previous.status is Status.SKIPPED or previous.sha256 != sha256:
            return False
        if previous.settings != self.settings:
            return False
        if previous.status is Status.OK:
            return previous.output is not None and (self.out_dir / previous.output).is_file()
        return not self.options.retry_failed

    def _fail(
        self, number: int, item: InputItem, sha256: str | None, exc: Exception, started: float
    ) -> None:
        """Record a failure; a briefing an earlier run made of this input is kept."""
        kept, made_with = self._manifest.kept(item.id)
        failure = failure_of(exc)
        self._state.usage += failure.usage
        self._record(
            number,
            item,
            sha256=sha256,
            status=failure.status,
            error=failure.error,
            attempts=failure.attempts,
            usage=failure.usage,
            output=kept,
            output_settings=made_with,
            started=started,
        )

    def _record(
        self,
        number: int,
        item: InputItem,
        *,
        sha256: str | None,
        status: Status,
        error: str | None,
        attempts: int,
        usage: Usage,
        output: str | None,
        output_settings: str | None,
        started: float,
        briefing: Briefing | None = None,
    ) -> None:
        line = ManifestLine.now(
            id=item.id,
            source=item.source,
            sha256=sha256,
            status=status,
            error=error,
            attempts=attempts,
            tokens=usage.total_tokens,
            duration_s=round(time.perf_counter() - started, 4),
            output=output,
            settings=self.settings,
            output_settings=output_settings,
        )
        document = None
        if briefing is not None and self._parts is not None:
            document = briefing.model_dump_json()
        part = self._add_row(line, document)  # the row first: an ok line names its part
        if part is not None and document is not None:
            line.output, line.output_settings = part, self.settings
        self._manifest.append(line)
        self._state.settled[number] = 1
        if status is not Status.OK and output is not None:
            self._state.kept += 1
        self.progress.advance(status, usage.total_tokens)

    def _add_row(self, line: ManifestLine, document: str | None) -> str | None:
        """With Parquet output, add ``line``'s row (and briefing): the part it goes into."""
        if self._parts is None:
            return None
        try:
            return self._parts.add(ResultRow(line, document))
        except OSError as exc:
            raise unwritable(self.out_dir, exc) from None

    def _close_parts(self) -> None:
        """Write the rows still buffered; a folder that cannot take them halts the run."""
        if self._parts is None:
            return
        try:
            self._parts.close()
        except OSError as exc:  # their lines name a part that is not there: done again next run
            self._halt(str(unwritable(self.out_dir, exc)))

    def _settle_the_rest(self, manifest: Manifest) -> None:
        """Give every input not settled in this run its final line, with the true reason."""
        if self._state.halted is not None:
            reason = f"the batch stopped ({self._state.halted})"
        elif self._state.budget_reached:
            reason = "token budget reached"
        else:
            reason = "interrupted"
        for number, item in enumerate(self.items):
            if self._state.settled[number]:
                continue
            previous = manifest.get(item.id)
            if previous is not None and previous.status is not Status.SKIPPED:
                continue
            kept, made_with = self._manifest.kept(item.id)
            line = ManifestLine.now(
                id=item.id,
                source=item.source,
                sha256=previous.sha256 if previous else None,
                status=Status.SKIPPED,
                error=f"not processed: {reason}",
                attempts=0,
                tokens=0,
                duration_s=0.0,
                output=kept,
                settings=self.settings,
                output_settings=made_with,
            )
            self._add_row(line, None)  # Parquet readers see it skipped too
            manifest.append(line)

    def _report(self, manifest: Manifest, duration: float) -> BatchReport:
        return BatchReport.from_manifest(
            manifest,
            (item.id for item in self.items),
            earlier=self._state.earlier,
            usage=self._state.usage,
            duration_s=round(duration, 3),
            budget=self.options.max_tokens,
            budget_reached=self._state.budget_reached,
            interrupted=self._stopping and self._state.halted is None,
            halted=self._state.halted,
            kept=self._state.kept,
        )


def _parts_writer(out_dir: Path) -> ParquetResultWriter:
    from summarizer.batch.parquet_results import ParquetResultWriter

    return ParquetResultWriter(out_dir)


def _being_cancelled() -> bool:
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0
