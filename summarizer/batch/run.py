"""A batch as the command line runs it, for any caller: inputs, engine, cache, signals.

:func:`run_batch` runs a folder (or JSONL file) of articles online: the engine the
settings select (in worker processes when it computes and the batch is large), behind
the response cache, with SIGINT and SIGTERM stopping it cleanly; what it opened is
closed in order (the engine's asynchronous connections inside the event loop, then the
engine, then the cache). :func:`run_remote` runs the same inputs through the OpenAI
Batch API instead, and :func:`folder_status` says where a batch folder stands, read
from the folder alone.

```python
from pathlib import Path
from summarizer import Settings
from summarizer.batch import find_inputs, run_batch

settings = Settings.from_env()
items = find_inputs(Path("wires"), Path("briefings"), max_bytes=settings.max_bytes)
report = run_batch(items, Path("briefings"), settings)
print(report.counts, report.exit_code)
```
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.batch.inputs import InputItem
from summarizer.batch.manifest import BatchReport, ManifestLine, is_failure
from summarizer.batch.parquet_inputs import ParquetColumns
from summarizer.batch.progress import BatchProgress
from summarizer.batch.remote.snapshot import read_spec
from summarizer.batch.remote.state import SNAPSHOT_FILE, STATE_DIR, RunState
from summarizer.batch.results import briefing_of, result_lines
from summarizer.batch.runner import BatchOptions, BatchRunner
from summarizer.batch.sources import discover_sources
from summarizer.cache import CachingEngine, ResponseCache, cache_dir
from summarizer.config import EngineName, Settings
from summarizer.engines.select import engine_for_batch
from summarizer.errors import ConfigError, InputError, SourceNotFound
from summarizer.render.view import made_by
from summarizer.schema import Briefing
from summarizer.webpage import isolated_extraction

if TYPE_CHECKING:
    from summarizer.batch.remote.openai_batch import RemoteOptions, RemoteReport
    from summarizer.batch.remote.progress import PollProgress

Notify = Callable[[str], None]
"""Hears one-line notes while a batch runs (that a signal is stopping it)."""


def find_inputs(
    source: Path,
    out_dir: Path,
    *,
    globs: Sequence[str] = (),
    max_bytes: int,
    allow_paths: bool = False,
    allow_private_urls: bool = False,
    columns: ParquetColumns | None = None,
) -> Sequence[InputItem]:
    """The inputs of a batch from ``source`` (a folder, a JSONL or a Parquet file) into ``out_dir``.

    ``allow_paths`` lets JSONL records read files anywhere, ``allow_private_urls`` fetch
    from private addresses (see :func:`~summarizer.batch.inputs.discover_inputs`);
    ``columns`` names a Parquet file's columns (see :mod:`summarizer.batch.parquet_inputs`).

    Returns:
        One item per article file or JSONL record, in order (kept on disk, read back as
        they are used); ``out_dir`` is left out.

    Raises:
        InputError: ``out_dir`` is ``source``, or ``source`` holds no article, or cannot
            be read (as :func:`~summarizer.batch.inputs.discover_inputs` raises).
    """
    if source.resolve() == out_dir.resolve():
        raise InputError("the output folder must not be the input folder")
    items = discover_sources(
        source,
        globs=globs,
        exclude=out_dir,
        max_bytes=max_bytes,
        allow_paths=allow_paths,
        allow_private_urls=allow_private_urls,
        columns=columns,
    )
    if not items:
        raise InputError(f"{source}: no articles found (.txt, .md, .html, .htm; see --glob)")
    return items


def run_batch(
    items: Sequence[InputItem],
    out_dir: Path,
    settings: Settings,
    *,
    options: BatchOptions | None = None,
    cache: bool | Path = True,
    progress: BatchProgress | None = None,
    notify: Notify | None = None,
) -> BatchReport:
    """Summarize ``items`` into ``out_dir`` online, resuming what the folder already has.

    Web pages are read in worker processes meanwhile
    (:func:`~summarizer.webpage.isolated_extraction`): a page that crashes its reader
    fails alone, and no two pages share the HTML libraries' state.

    Args:
        items: the inputs, as :func:`find_inputs` gives them.
        out_dir: the output folder: one briefing per input and ``manifest.jsonl``.
        settings: select the engine, its endpoint and its limits.
        options: inputs at once, retries of failures, token budget, HTML pages; by
            default those of :class:`BatchOptions` with ``settings.max_bytes``.
        cache: the response cache in its usual folder (``True``), in a folder, or none.
        progress: shown as inputs finish.
        notify: told when a signal stops the batch. SIGINT stops taking new inputs and
            lets those in flight finish (a second one abandons them); SIGTERM abandons
            them at once. Either way every input gets its manifest line.

    Returns:
        The report once every input has its final line; ``exit_code`` sums it up.

    Raises:
        ConfigError: the settings select no engine that can run, or the cache cannot be
            used. FolderInUse: another batch is writing to ``out_dir``.
    """
    options = options or BatchOptions(max_bytes=settings.max_bytes)
    responses = None if cache is False else ResponseCache(cache_dir(_folder(cache)))
    try:
        engine = engine_for_batch(settings, options.jobs, len(items))
        cached = None if responses is None else CachingEngine(engine, responses)
        try:
            runner = BatchRunner(
                items, out_dir, cached or engine, options=options, progress=progress
            )
            with isolated_extraction(min(options.jobs, os.cpu_count() or 1)):
                report = asyncio.run(_run(runner, notify or _unheard))
        finally:
            (cached or engine).close()
    finally:
        if responses is not None:
            responses.close()
    return report.with_cache_hits(None if cached is None else cached.hits)


def run_remote(
    items: Sequence[InputItem],
    out_dir: Path,
    settings: Settings,
    *,
    options: RemoteOptions | None = None,
    progress: PollProgress | None = None,
) -> RemoteReport:
    """Run ``items`` into ``out_dir`` through the OpenAI Batch API (see ``openai_batch``).

    Running it again with the same settings picks up the batches in flight.

    Returns:
        The report, and the batches still running (``exit_code`` 75 while any do).

    Raises:
        ConfigError: the settings choose the offline engine or name no endpoint, or a
            run with other settings is not finished in ``out_dir``. TransportError: the
            API could not be reached. FolderInUse: another batch writes to ``out_dir``.
    """
    from summarizer.batch.remote.openai_batch import OpenAIBatchRun, RemoteOptions
    from summarizer.engines.openai import OpenAIEngine

    if settings.engine is EngineName.OFFLINE:
        raise ConfigError("the Batch API needs a model, not the offline engine")
    engine = OpenAIEngine(settings)
    try:
        options = options or RemoteOptions(max_bytes=settings.max_bytes)
        run = OpenAIBatchRun(items, out_dir, engine, options=options, progress=progress)
        with isolated_extraction(os.cpu_count() or 1):
            return run.run()
    finally:
        engine.close()


def folder_status(out_dir: Path) -> dict[str, Any]:
    """Where the batch writing to ``out_dir`` stands, read from the folder alone.

    Returns:
        JSON values: ``output``, ``inputs`` (the count of each manifest status),
        ``briefings`` (how many briefings each set of settings made, most first, with
        what :func:`~summarizer.render.view.made_by` says of them: more than one means
        a folder of briefings made differently), ``failed`` (every input that did not
        succeed, in manifest order: ``id``, ``source``, ``status``, ``error``) and, for a
        run on the Batch API, its ``run`` and ``rounds`` (see :meth:`RunState.status`).

    Raises:
        SourceNotFound: no such folder. InputError: no batch has written to it, or its
            run state is damaged.
    """
    if not out_dir.is_dir():
        raise SourceNotFound(f"{out_dir}: no such folder")
    lines = result_lines(out_dir)
    counts: Counter[str] = Counter()
    made_with: Counter[str] = Counter()
    sample: dict[str, ManifestLine] = {}
    for line in lines.values():
        counts[str(line.status)] += 1
        if line.output is not None and line.output_settings is not None:
            made_with[line.output_settings] += 1
            sample.setdefault(line.output_settings, line)
    state = RunState.load(out_dir / STATE_DIR)
    if state is None and not counts:
        raise InputError(f"{out_dir}: no batch has written to this folder")
    failed = [
        {"id": line.id, "source": line.source, "status": str(line.status), "error": line.error}
        for line in lines.values()
        if is_failure(line)
    ]
    document: dict[str, Any] = {"output": str(out_dir), "inputs": dict(counts), "failed": failed}
    document["briefings"] = [
        {"settings": key, "count": count, "made_with": _made_by(out_dir, sample[key])}
        for key, count in made_with.most_common()
    ]
    if state is not None:
        model = read_spec(out_dir / STATE_DIR / SNAPSHOT_FILE).request.model
        document.update(state.status(model))
    return document


def _made_by(out_dir: Path, line: ManifestLine) -> str | None:
    """What made the briefing ``line`` names (see :func:`made_by`), if it can be read."""
    document = briefing_of(out_dir, line)
    if document is None:
        return None
    try:
        return made_by(Briefing.model_validate_json(document).provenance)
    except ValueError:
        return None


def _folder(cache: bool | Path) -> Path | None:
    return None if isinstance(cache, bool) else cache


def _unheard(note: str) -> None:
    """Nobody listens."""


async def _run(runner: BatchRunner, notify: Notify) -> BatchReport:
    """Run the batch with SIGINT and SIGTERM stopping it; close the engine's loop side."""
    loop = asyncio.get_running_loop()

    def interrupt() -> None:
        if runner.stopping:
            notify("abandoning the articles in flight")
            runner.abandon()
            return
        runner.stop()
        notify(
            f"stopping; finishing {runner.in_flight} article(s) in flight "
            "(Ctrl-C again to abandon them)"
        )

    handled = []
    for signum, handler in ((signal.SIGINT, interrupt), (signal.SIGTERM, runner.abandon)):
        try:
            loop.add_signal_handler(signum, handler)
            handled.append(signum)
        except (NotImplementedError, RuntimeError):  # no loop signals (Windows, a thread)
            pass
    try:
        return await runner.run()
    finally:
        for signum in handled:
            loop.remove_signal_handler(signum)
        await runner.engine.aclose()
