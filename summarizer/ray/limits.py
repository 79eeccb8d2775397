"""Rate limits and 429 pauses shared by every actor of a cluster.

One small actor (:func:`start_limits`, no CPU) holds the requests- and tokens-per-minute
buckets of :mod:`summarizer.engines.limits` and the time until which a 429 asked every
request to wait; :func:`share_limits` points an actor's OpenAI engine at it, so that
``--rpm`` / ``--tpm`` cap the whole cluster and one ``Retry-After`` holds every actor,
as they do for the workers of one process. The pause is read again at most every
:data:`PAUSE_REFRESH_S` seconds, so a request costs no round trip to the actor for it.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Mapping
from typing import Any

import ray

from summarizer.engines.base import Engine
from summarizer.engines.limits import Bucket, RateLimits, estimate_tokens
from summarizer.engines.retry import Gate

PAUSE_REFRESH_S = 0.5


class _Limits:
    """The state the cluster shares (run as a Ray actor)."""

    def __init__(self, rpm: int | None, tpm: int | None) -> None:
        self.requests = Bucket(rpm) if rpm else None
        self.tokens = Bucket(tpm) if tpm else None
        self.resume_at = 0.0

    def reserve(self, tokens: int) -> float:
        delay = 0.0
        if self.requests is not None:
            delay = self.requests.reserve(1)
        if self.tokens is not None:
            delay = max(delay, self.tokens.reserve(tokens))
        return delay

    def pause(self, seconds: float) -> None:
        self.resume_at = max(self.resume_at, time.monotonic() + seconds)

    def remaining(self) -> float:
        return max(0.0, self.resume_at - time.monotonic())


def start_limits(rpm: int | None, tpm: int | None) -> tuple[Any, str]:
    """Start the shared-limits actor; the handle (keep it alive) and its name."""
    name = f"briefing-limits-{uuid.uuid4().hex[:12]}"
    actor = ray.remote(num_cpus=0)(_Limits).options(name=name).remote(rpm, tpm)
    return actor, name


def share_limits(engine: Engine, name: str) -> None:
    """Make ``engine`` (if it sends requests) wait on the cluster's limits named ``name``."""
    from summarizer.engines.openai import OpenAIEngine

    if not isinstance(engine, OpenAIEngine):
        return
    actor = ray.get_actor(name)
    if engine.settings.rpm or engine.settings.tpm:
        engine.limits = _SharedLimits(actor)
    engine.gate = _SharedGate(actor)


class _SharedLimits(RateLimits):
    """An engine's rate limits, reserved from the cluster's buckets."""

    def __init__(self, actor: Any) -> None:
        super().__init__()
        self._actor = actor

    def reserve(self, request: Mapping[str, Any]) -> float:
        delay: float = ray.get(self._actor.reserve.remote(estimate_tokens(request)))
        return delay

    async def await_(self, request: Mapping[str, Any]) -> None:
        delay: float = await self._actor.reserve.remote(estimate_tokens(request))
        if delay > 0:
            await asyncio.sleep(delay)


class _SharedGate(Gate):
    """An engine's pause, told to and read from the cluster."""

    def __init__(self, actor: Any) -> None:
        super().__init__()
        self._actor = actor
        self._shared = 0.0
        self._checked = float("-inf")

    def pause(self, seconds: float) -> bool:
        self._actor.pause.remote(seconds)
        return super().pause(seconds)

    def remaining(self) -> float:
        now = time.monotonic()
        if now - self._checked >= PAUSE_REFRESH_S:
            self._checked = now
            left: float = ray.get(self._actor.remaining.remote())
            self._shared = now + left
        return max(super().remaining(), self._shared - now)
