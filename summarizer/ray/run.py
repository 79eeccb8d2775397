"""``briefing batch --via ray``: a batch through a Ray Data pipeline, on one machine or many.

The driver (the process running ``briefing``) discovers the inputs as any batch does,
reads what an earlier run left in the output folder, and builds a dataset of the inputs
still to do; an actor pool of :class:`~summarizer.ray.mapper.BriefingMapper` reads and
briefs them (the actors read the files, so on several machines the inputs must be on
storage every node sees); the driver takes the result rows as they stream back and
writes them: Parquet part files (``--output-format parquet``, the default here) or a
briefing file each plus ``manifest.jsonl``, exactly as the local runner does.

Resuming is the local runner's: an input whose result exists with the same settings and
the same text is not run again (failures are, with ``retry_failed``). Ctrl-C stops
taking results and keeps every one written. An actor that dies (a node lost, a killed
process) is restarted by Ray and its batch run again on it, up to
:data:`TASK_RETRIES` times; inputs whose batch still could not be run are recorded as
failed, so none is lost silently.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.batch.inputs import InputItem
from summarizer.batch.manifest import (
    BatchReport,
    Manifest,
    ManifestLine,
    Status,
    settings_key,
)
from summarizer.batch.naming import OutputNames
from summarizer.batch.progress import BatchProgress, SilentProgress
from summarizer.batch.result_row import ResultRow
from summarizer.batch.results import check_output_format
from summarizer.config import EngineName, Settings
from summarizer.engines.select import engine_for
from summarizer.errors import ConfigError, InputError
from summarizer.fileio import write_atomic
from summarizer.schema import Briefing, Usage

TASK_RETRIES = 3
"""Times a batch is run again after the actor running it died."""
OFFLINE_BATCH = 16
"""Inputs per batch with the offline engine (one actor per CPU)."""


@dataclass(frozen=True)
class RayOptions:
    """How a batch runs on Ray."""

    address: str | None = None
    """The cluster (``ray://…`` or ``host:port``); None: ``RAY_ADDRESS``, else a local one."""
    output_format: str = "parquet"
    """``parquet`` (part files) or ``json`` (a briefing file each and manifest.jsonl)."""
    jobs: int = 8
    """Articles in flight at once in each actor, with an engine that waits on a server."""
    actors: int | None = None
    """Actors in the pool; None: one per CPU of the cluster."""
    retry_failed: bool = False
    max_bytes: int = 5_000_000
    num_cpus: int | None = None
    """CPUs of a local cluster started for the run (None: every core)."""


def run_ray(
    items: Sequence[InputItem],
    out_dir: Path,
    settings: Settings,
    options: RayOptions,
    progress: BatchProgress | None = None,
) -> BatchReport:
    """Run ``items`` through a Ray Data actor pool into ``out_dir``; see the module's docstring.

    Raises:
        ConfigError: Ray is not installed, or the cluster cannot be reached.
        InputError: ``out_dir`` holds results of the other output format.
        FolderInUse: another batch is writing to ``out_dir``.
    """
    started = time.perf_counter()
    progress = progress or SilentProgress()
    parquet = options.output_format == "parquet"
    manifest = Manifest(out_dir)
    manifest.load()  # holds the folder for this run, and reads manifest.jsonl if any
    try:
        check_output_format(out_dir, parquet=parquet)
        key = settings_key(engine_for(settings).info)
        previous = _previous(out_dir, manifest, parquet)
        done = {
            item_id: line.sha256
            for item_id, line in previous.items()
            if line.sha256 is not None and _finished(line, key, out_dir, parquet, options)
        }
        sink = _Sink(out_dir, manifest, parquet, items, previous)
        shutdown = _connect(options)
        try:
            state = _stream(items, settings, options, done, sink, progress)
        finally:
            sink.close()
            shutdown()
        sink.settle(items, key, interrupted=state.interrupted)
    finally:
        manifest.release()
    counts = Counter(sink.final_status(item.id) for item in items)
    return BatchReport(
        out_dir=out_dir,
        total=len(items),
        counts=counts,
        earlier=len(items) - len(state.received) - len(state.lost),
        usage=Usage(total_tokens=state.tokens),
        duration_s=round(time.perf_counter() - started, 3),
        budget=None,
        budget_reached=False,
        interrupted=state.interrupted,
    )


@dataclass
class _State:
    received: set[str]
    lost: set[str]
    tokens: int = 0
    interrupted: bool = False


def _stream(
    items: Sequence[InputItem],
    settings: Settings,
    options: RayOptions,
    done: dict[str, str],
    sink: _Sink,
    progress: BatchProgress,
) -> _State:
    import ray
    import ray.data

    from summarizer.ray.limits import start_limits
    from summarizer.ray.mapper import BriefingMapper

    state = _State(received=set(), lost=set())
    progress.start(len(items))
    offline = settings.resolved_engine() is EngineName.OFFLINE
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]
    actors = options.actors or cpus
    batch_size = OFFLINE_BATCH if offline else max(1, options.jobs) * 2
    limiter, limiter_name = (None, None) if offline else start_limits(settings.rpm, settings.tpm)
    rows = [{"id": item.id, "source": item.source, "item": pickle.dumps(item)} for item in items]
    context = ray.data.DataContext.get_current()
    context.max_errored_blocks = -1  # a batch that kept killing its actor fails alone
    blocks = max(1, min(len(rows), max(actors, -(-len(rows) // batch_size))))  # a batch each
    actors = min(actors, blocks)
    with warnings.catch_warnings():  # Ray names no parameter yet for the retries of a task
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
            BriefingMapper,
            fn_constructor_kwargs={
                "settings": settings,
                "concurrency": options.jobs,
                "max_bytes": options.max_bytes,
                "done": done,
                "limiter": limiter_name,
            },
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=1 if offline else 0.5,
            max_restarts=-1,
            max_task_retries=TASK_RETRIES,
        )
    batches: Any = iter(dataset.iter_batches(batch_format="pyarrow", batch_size=None))
    try:
        for batch in batches:
            sink.write(batch)
            for status, tokens, item_id in zip(
                batch.column("status").to_pylist(),
                batch.column("tokens").to_pylist(),
                batch.column("id").to_pylist(),
                strict=True,
            ):
                state.received.add(item_id)
                state.tokens += tokens
                progress.advance(status, tokens)
    except KeyboardInterrupt:
        state.interrupted = True
    finally:
        batches.close()  # stops the pipeline: no actor starts another article
        progress.stop()
        del limiter
    if not state.interrupted:
        state.lost = {item.id for item in items if item.id not in state.received} - done.keys()
        sink.lose(state.lost, items)
    return state


def _connect(options: RayOptions) -> Any:
    """Join the cluster (or start a local one) unless already joined; how to leave it."""
    try:
        import ray
    except ImportError:
        raise ConfigError("--via ray needs Ray: pip install 'briefing[ray]'") from None
    if ray.is_initialized():  # the caller's own connection: used, and left open
        return lambda: None
    address = options.address or os.environ.get("RAY_ADDRESS") or None
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "error")
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        ray.init(
            address=address,
            num_cpus=None if address else options.num_cpus or os.cpu_count() or 1,
            include_dashboard=False,
            logging_level=logging.WARNING,
            log_to_driver=False,
        )
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ConfigError(f"cannot reach the Ray cluster at {address}: {exc}") from None
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    return ray.shutdown


def _previous(out_dir: Path, manifest: Manifest, parquet: bool) -> dict[str, ManifestLine]:
    if not parquet:
        return {line.id: line for line in manifest.lines()}
    from summarizer.batch.parquet_results import read_result_lines

    try:
        return read_result_lines(out_dir)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _finished(
    line: ManifestLine, key: str, out_dir: Path, parquet: bool, options: RayOptions
) -> bool:
    """Whether an earlier line stands: the local runner's rule."""
    if line.status == "skipped" or line.settings != key:
        return False
    if line.status == "ok":
        return parquet or (line.output is not None and (out_dir / line.output).is_file())
    return not options.retry_failed


class _Sink:
    """Writes the rows that stream back, as Parquet parts or as files and manifest lines."""

    def __init__(
        self,
        out_dir: Path,
        manifest: Manifest,
        parquet: bool,
        items: Sequence[InputItem],
        previous: dict[str, ManifestLine],
    ) -> None:
        from summarizer.batch.parquet_results import ParquetResultWriter

        self.out_dir = out_dir
        self.manifest = manifest
        self.parquet = ParquetResultWriter(out_dir) if parquet else None
        self.items = {item.id: item for item in items}
        self.status = {item_id: line.status for item_id, line in previous.items()}
        self.names = OutputNames()
        for line in previous.values():
            if line.output and not parquet:
                self.names.keep(line.id, line.output)

    def write(self, batch: Any) -> None:
        """Write one batch of result rows."""
        for item_id, status in zip(
            batch.column("id").to_pylist(), batch.column("status").to_pylist(), strict=True
        ):
            self.status[item_id] = status
        if self.parquet is not None:
            self.parquet.add_table(batch)
            return
        for values in batch.to_pylist():
            briefing = values.pop("briefing")
            line = ManifestLine(output=None, **values)
            if briefing is not None:
                item = self.items[line.id]
                line.output = self.names.claim(item.id, item.name)
                line.output_settings = line.settings
                document = Briefing.model_validate_json(briefing).model_dump_json(indent=2)
                write_atomic(self.out_dir / line.output, document + "\n")
            else:  # a failure keeps the briefing an earlier run made, if there is one
                line.output, line.output_settings = self.manifest.kept(line.id)
            self.manifest.append(line)

    def lose(self, lost: set[str], items: Sequence[InputItem]) -> None:
        """Record the inputs whose batch could not be run, whatever the retries."""
        if not lost:
            return
        import pyarrow as pa

        from summarizer.batch.parquet_results import RESULT_SCHEMA, row_values

        rows = [
            row_values(
                ResultRow(
                    ManifestLine.now(
                        id=item.id,
                        source=item.source,
                        sha256=None,
                        status="failed",
                        error=f"the worker running it died {TASK_RETRIES + 1} times; "
                        "run again to retry",
                        attempts=0,
                        tokens=0,
                        duration_s=0.0,
                        output=None,
                        settings=None,
                    )
                )
            )
            for item in items
            if item.id in lost
        ]
        self.write(pa.Table.from_pylist(rows, schema=RESULT_SCHEMA))

    def settle(self, items: Sequence[InputItem], key: str, *, interrupted: bool) -> None:
        """Give every input of a JSON folder its final manifest line (as the local runner)."""
        if self.parquet is not None:
            return
        for item in items:
            if item.id in self.status and self.status[item.id] != "skipped":
                continue
            reason = "interrupted" if interrupted else "not run"
            self.manifest.append(
                ManifestLine.now(
                    id=item.id,
                    source=item.source,
                    sha256=None,
                    status="skipped",
                    error=f"not processed: {reason}",
                    attempts=0,
                    tokens=0,
                    duration_s=0.0,
                    output=None,
                    settings=key,
                )
            )
            self.status[item.id] = Status.SKIPPED
        self.manifest.compact([item.id for item in items])

    def final_status(self, item_id: str) -> str:
        """The input's status once the run is over (``skipped`` if it has none)."""
        return self.status.get(item_id, "skipped")

    def close(self) -> None:
        """Write what is buffered."""
        if self.parquet is not None:
            self.parquet.close()
        else:
            self.manifest.close()
