"""Engines by name: the registry, the engine a run's settings select, and worker processes.

Each engine is one entry, a name and a factory that builds it from
:class:`~summarizer.config.Settings` (as simonw/llm registers its models):

```python
register_engine("openai", build_openai)
register_engine("offline", build_offline, computes=True)
```

:func:`engine_for` keeps one engine per settings for the whole process (what
:func:`~summarizer.pipeline.summarize` uses by default); :func:`build_engine` and
:func:`engine_for_batch` give a new one that the caller closes.

An engine that computes rather than waits (the offline engine spends its time parsing
with spaCy, which holds the GIL: threads do not help, and parsing in batches with
``nlp.pipe`` gains little, while one process per core scales; ``benchmarks/batch.py
--offline`` measures all three) runs a large batch in a :class:`ProcessPoolEngine`: each
worker builds its own engine from the same settings; the verifier, which holds the
article's grounder, stays in the parent and checks the reply that comes back.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from summarizer.engines.base import Engine, EngineInfo, Extraction, Passage, Verifier
from summarizer.errors import ConfigError

if TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.reply import Reply

INPUTS_PER_PROCESS = 50
"""Fewest inputs per worker process for the workers to be worth starting (seconds each:
Python, spaCy and its model)."""


@dataclass(frozen=True)
class EngineEntry:
    """How an engine of one name is built, and how a batch best runs it."""

    build: Callable[[Settings], Engine]
    computes: bool = False
    """It computes rather than waits, and never re-asks: large batches run it in worker
    processes, one per core."""


_registry: dict[str, EngineEntry] = {}


def register_engine(
    name: str, build: Callable[[Settings], Engine], *, computes: bool = False
) -> None:
    """Make ``build`` the factory of the engine called ``name`` (replacing any other)."""
    _registry[name] = EngineEntry(build, computes)


def engine_names() -> list[str]:
    """The names engines are registered under, in order of registration."""
    return list(_registry)


def build_engine(settings: Settings) -> Engine:
    """A new engine of the name ``settings`` select; the caller closes it.

    Raises:
        ConfigError: no engine has that name, or the engine cannot be built with these
            settings (say, a model engine with no endpoint).
    """
    return _entry(settings).build(settings)


def _entry(settings: Settings) -> EngineEntry:
    name = str(settings.resolved_engine())
    try:
        return _registry[name]
    except KeyError:
        known = ", ".join(_registry)
        raise ConfigError(f"no engine named {name!r} (known: {known})") from None


_engines: dict[Settings, Engine] = {}
_engines_lock = threading.Lock()


def engine_for(settings: Settings) -> Engine:
    """The engine these settings select, built once per process and settings.

    Raises as :func:`build_engine` does.
    """
    with _engines_lock:
        if settings not in _engines:
            _engines[settings] = build_engine(settings)
        return _engines[settings]


def close_engines() -> None:
    """Close and forget the engines :func:`engine_for` built."""
    with _engines_lock:
        engines = list(_engines.values())
        _engines.clear()
    for engine in engines:
        engine.close()


def engine_for_batch(settings: Settings, jobs: int, inputs: int) -> Engine:
    """A new engine for a batch of ``inputs`` run ``jobs`` at a time; the caller closes it.

    An engine that computes runs in worker processes, one per core, when the batch is
    large enough; any other engine (or a small batch) is :func:`build_engine`'s.
    """
    processes = min(jobs, os.cpu_count() or 1, inputs // INPUTS_PER_PROCESS)
    if _entry(settings).computes and processes > 1:
        return ProcessPoolEngine(settings, processes)
    return build_engine(settings)


class ProcessPoolEngine:
    """The engine ``settings`` select, extracting in ``processes`` worker processes.

    Only for engines that do not re-ask: the verifier runs once, in the parent, on the
    reply a worker returns. Workers ignore Ctrl-C; the batch decides what to stop.
    """

    def __init__(self, settings: Settings, processes: int) -> None:
        local = build_engine(settings)
        self.info: EngineInfo = local.info
        local.close()
        self._pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(settings,),
        )

    def extract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Extract ``passage`` in a worker; block until it is done."""
        return _verified(self._pool.submit(_extract, passage).result(), verify)

    async def aextract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Extract ``passage`` in a worker without blocking the event loop."""
        extraction = await asyncio.wrap_future(self._pool.submit(_extract, passage))
        return _verified(extraction, verify)

    def close(self) -> None:
        """Stop the workers, dropping passages not started."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    async def aclose(self) -> None:
        """Nothing asynchronous to release: the workers stop in :meth:`close`."""


def _verified(extraction: Extraction, verify: Verifier) -> Extraction:
    return replace(extraction, problems=verify(extraction.reply))


_worker_engine: Engine | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_engine
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_engine = build_engine(settings)


def _no_problems(reply: Reply) -> list[str]:
    return []


def _extract(passage: Passage) -> Extraction:
    assert _worker_engine is not None, "the worker's engine is built when it starts"
    return _worker_engine.extract(passage, _no_problems)


def _build_openai(settings: Settings) -> Engine:
    from summarizer.engines.openai import OpenAIEngine

    return OpenAIEngine(settings)


def _build_offline(settings: Settings) -> Engine:
    from summarizer.engines.offline import OfflineEngine

    return OfflineEngine()


register_engine("openai", _build_openai)
register_engine("offline", _build_offline, computes=True)
