"""Exchanges begun in a batch, carried on online: re-asks sent to the chat endpoint.

The online engine drives each exchange from where the batch left it (its next request
carries the last failed reply and its problems), with its transport retries, rate
limits and mode fallback, a few exchanges at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

from summarizer.batch.remote.tracker import InputWork, Tracker
from summarizer.engines.base import Extraction
from summarizer.engines.openai import OpenAIEngine
from summarizer.errors import EngineError


def ask_online(
    tracker: Tracker, jobs: Sequence[tuple[InputWork, int]], engine: OpenAIEngine, workers: int
) -> Iterator[InputWork]:
    """Carry on the exchange of each (input, passage) online; yield each input it settles."""

    def drive(job: tuple[InputWork, int]) -> Extraction | EngineError:
        work, passage = job
        try:
            return engine.drive(work.exchanges[passage])
        except EngineError as exc:
            return exc

    with ThreadPoolExecutor(max(1, min(workers, len(jobs)))) as pool:
        for (work, passage), outcome in zip(jobs, pool.map(drive, jobs), strict=True):
            tracker.settle(work, passage, outcome)
            if work.settled and not work.recorded:
                yield work
