"""Extraction in worker processes, for an engine that computes rather than waits.

The offline engine spends its time parsing with spaCy, which holds the GIL: threads do not
help, and parsing in batches with ``nlp.pipe`` gains little, while one process per core
scales (``benchmarks/batch.py --offline`` measures all three). :class:`ProcessPoolEngine`
runs the extraction of each passage in a pool of workers, each with its own engine built
from the same settings; the verifier, which holds the article's grounder, stays in the
parent and checks the reply that comes back.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import Any

from summarizer.config import EngineName, Settings, engine_for
from summarizer.engines.base import Engine, Extraction, Passage, Verifier
from summarizer.reply import Reply

INPUTS_PER_PROCESS = 50
"""Fewest inputs per worker process for the workers to be worth starting (seconds each:
Python, spaCy and its model)."""

_worker_engine: Engine | None = None


def engine_for_batch(settings: Settings, jobs: int, inputs: int) -> Engine:
    """The engine a batch of ``inputs`` should use with ``jobs``.

    The offline engine runs in worker processes, one per core, when the batch is large
    enough; any other engine (or a small batch) is :func:`~summarizer.config.engine_for`'s.
    """
    processes = min(jobs, os.cpu_count() or 1, inputs // INPUTS_PER_PROCESS)
    if settings.resolved_engine() is EngineName.OFFLINE and processes > 1:
        return ProcessPoolEngine(settings, processes)
    return engine_for(settings)


class ProcessPoolEngine:
    """The engine ``settings`` select, extracting in ``processes`` worker processes.

    Only for engines that do not re-ask: the verifier runs once, in the parent, on the
    reply a worker returns. Workers ignore Ctrl-C; the batch decides what to stop.
    """

    def __init__(self, settings: Settings, processes: int) -> None:
        local = engine_for(settings)
        self.name = local.name
        self.model = local.model
        self.prompt_version = local.prompt_version
        self.token_budget = local.token_budget
        self._fingerprint = local.fingerprint()
        self._pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(settings,),
        )

    def fingerprint(self) -> Mapping[str, Any]:
        """The fingerprint of the engine the workers run."""
        return self._fingerprint

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


def _verified(extraction: Extraction, verify: Verifier) -> Extraction:
    return replace(extraction, problems=verify(extraction.reply))


def _start_worker(settings: Settings) -> None:
    global _worker_engine
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_engine = engine_for(settings)


def _no_problems(reply: Reply) -> list[str]:
    return []


def _extract(passage: Passage) -> Extraction:
    assert _worker_engine is not None, "the worker's engine is built when it starts"
    return _worker_engine.extract(passage, _no_problems)
