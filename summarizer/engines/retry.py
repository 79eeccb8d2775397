"""Transport retries: which faults are retried, how long to wait, and a shared pause.

One policy rules (the SDK's own retries are off): 408, 409, 429, 5xx, timeouts and
dropped connections are retried with exponential backoff and jitter, or after the
delay the server asks for (``retry-after-ms``, ``Retry-After`` in seconds or as an HTTP
date). A server's delay pauses every request sharing the :class:`Gate`, so a 429 slows
the whole batch, not one worker.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

import openai
from tenacity import RetryCallState, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_base, wait_exponential_jitter

log = logging.getLogger("summarizer")

MAX_SERVER_DELAY = 120.0
"""Longest wait honoured from a Retry-After header, in seconds."""

_RETRIED_STATUS = frozenset({408, 409, 429})


def is_transient(exc: BaseException) -> bool:
    """Whether a failed request is worth sending again unchanged."""
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in _RETRIED_STATUS or exc.status_code >= 500
    return False


def server_delay(exc: BaseException | None) -> float | None:
    """The delay a failed response asks for, in seconds, if it names one."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class Gate:
    """A pause shared by every request of an engine: set by one 429, honoured by all."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._resume_at = 0.0
        self._lock = threading.Lock()

    def pause(self, seconds: float) -> None:
        """Hold every request for ``seconds`` from now (never shortens a longer pause)."""
        with self._lock:
            self._resume_at = max(self._resume_at, self._clock() + seconds)

    def remaining(self) -> float:
        """Seconds until requests may go again."""
        return max(0.0, self._resume_at - self._clock())

    def wait(self) -> None:
        """Block until the pause is over."""
        while (left := self.remaining()) > 0:
            time.sleep(left)

    async def await_(self) -> None:
        """Sleep until the pause is over without blocking the event loop."""
        while (left := self.remaining()) > 0:
            await asyncio.sleep(left)


class WaitForServer(wait_base):
    """Wait as long as the server asks (and pause the gate), else back off with jitter."""

    def __init__(self, gate: Gate, *, initial: float = 0.5, maximum: float = 30.0) -> None:
        self.gate = gate
        self.backoff = wait_exponential_jitter(multiplier=initial, max=maximum, jitter=initial)

    def __call__(self, retry_state: RetryCallState) -> float:
        """Seconds to wait before the next try."""
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        delay = server_delay(exc)
        if delay is None:
            return float(self.backoff(retry_state))
        delay = min(delay, MAX_SERVER_DELAY)
        self.gate.pause(delay)
        return delay


def _log_retry(retry_state: RetryCallState) -> None:
    exc = retry_state.outcome.exception() if retry_state.outcome else None
    wait = retry_state.next_action.sleep if retry_state.next_action else 0.0
    log.info(
        "retrying after %s (try %d, waiting %.2fs)",
        describe(exc),
        retry_state.attempt_number,
        wait,
    )


def retry_options(
    max_retries: int, gate: Gate, final: Callable[[BaseException], bool] = lambda _: False
) -> dict[str, Any]:
    """Keyword arguments for tenacity's ``Retrying`` and ``AsyncRetrying`` alike.

    ``final`` marks failures not to retry even if transient-looking (a server that
    answers 500 to an output mode it does not support).
    """
    return {
        "retry": retry_if_exception(lambda exc: is_transient(exc) and not final(exc)),
        "stop": stop_after_attempt(max_retries + 1),
        "wait": WaitForServer(gate),
        "before_sleep": _log_retry,
        "reraise": True,
    }


def describe(exc: BaseException | None) -> str:
    """A short, single-line description of a transport failure (no body dumps)."""
    if isinstance(exc, openai.APITimeoutError):
        return "a timeout"
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__
        return f"a connection error ({type(cause).__name__})" if cause else "a connection error"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return type(exc).__name__ if exc else "an unknown error"
