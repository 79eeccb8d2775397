"""Client-side rate limits: requests and tokens per minute, shared by every worker.

For users who know their tier (``--rpm``, ``--tpm``). Each limit is a token bucket that
refills continuously and holds one second's worth, so requests are spread evenly rather
than sent in a burst at the top of each minute (servers enforce limits over short
windows too). Waiting is by reservation: a request takes its share at once, possibly
into debt, and sleeps until the bucket would have held it, so waiters go first come,
first served, from threads and from the event loop alike.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

CHARS_PER_TOKEN = 4
"""A rough ratio for English text, enough to pace requests; the server's count rules."""
DEFAULT_REPLY_TOKENS = 1000
"""Tokens assumed for a reply when the request sets no output limit."""


class Bucket:
    """A token bucket refilled at ``per_minute / 60`` per second, holding one second's worth."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 1:
            raise ValueError("a rate limit must be at least 1 per minute")
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, self.rate)
        self._clock = clock
        self._level = self.capacity
        self._updated = clock()
        self._lock = threading.Lock()

    def reserve(self, amount: float) -> float:
        """Take ``amount`` now and return the seconds to wait before using it.

        An amount larger than the bucket waits until the bucket is full, then goes.
        """
        with self._lock:
            now = self._clock()
            self._level = min(self.capacity, self._level + (now - self._updated) * self.rate)
            self._updated = now
            needed = min(amount, self.capacity)
            delay = max(0.0, (needed - self._level) / self.rate)
            self._level -= amount
            return delay


class RateLimits:
    """The requests-per-minute and tokens-per-minute caps of one engine (either may be off)."""

    def __init__(
        self,
        rpm: int | None = None,
        tpm: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.requests = Bucket(rpm, clock) if rpm else None
        self.tokens = Bucket(tpm, clock) if tpm else None

    def reserve(self, request: Mapping[str, Any]) -> float:
        """Reserve room for one chat request; the seconds to wait before sending it."""
        delay = 0.0
        if self.requests is not None:
            delay = self.requests.reserve(1)
        if self.tokens is not None:
            delay = max(delay, self.tokens.reserve(estimate_tokens(request)))
        return delay

    def wait(self, request: Mapping[str, Any]) -> None:
        """Block until ``request`` may be sent."""
        delay = self.reserve(request)
        if delay > 0:
            time.sleep(delay)

    async def await_(self, request: Mapping[str, Any]) -> None:
        """Sleep until ``request`` may be sent, without blocking the event loop."""
        delay = self.reserve(request)
        if delay > 0:
            await asyncio.sleep(delay)


def estimate_tokens(request: Mapping[str, Any]) -> int:
    """Tokens a chat request may cost, as rate limiters count them: prompt plus reply cap."""
    chars = 0
    for message in request.get("messages", []):
        content = message.get("content")
        if isinstance(content, str):
            chars += len(content)
    reply = request.get("max_completion_tokens") or request.get("max_tokens")
    return chars // CHARS_PER_TOKEN + int(reply or DEFAULT_REPLY_TOKENS)
