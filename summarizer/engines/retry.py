"""Transport retries: which faults are retried, how long to wait, and a shared pause.

One policy rules (the SDK's own retries are off): 408, 409, 429, 5xx, timeouts,
dropped connections and bodies that are not JSON are retried with exponential backoff
and jitter, or after the delay the server asks for, in any form the big providers
send: ``retry-after-ms``, ``Retry-After`` in seconds or as an HTTP date, the
``x-ratelimit-reset-*`` of a spent limit (OpenAI, OpenRouter), or in the error body
(Google's ``RetryInfo``, Azure's "Please retry after 6 seconds", OpenAI's "try again in
6m0s"; see :func:`~summarizer.engines.diagnosis.said_delay`). A server's delay pauses
every request sharing the :class:`Gate`, so a 429 slows the whole batch, not one
worker, and a wait of :data:`LONG_WAIT` seconds or more is announced as a warning.

A 429 that says when to come back (after more than 0 s) is the server pacing us, not a
fault: it does not use up ``max_retries`` (unless that is 0), only a patience of
:data:`RATE_LIMIT_PATIENCE` seconds of waiting. Many workers sharing one rate limit
would otherwise lose the race for the next free slot a few times in a row and fail.
A server asking for more than the patience at once (a daily quota) is not waited for.
From the second try on, a wait is at least the backoff (without jitter), so a server
that keeps asking for a few milliseconds more is asked a few dozen times in all, not
thousands; the shared pause is the server's own delay.
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
from tenacity import RetryCallState, retry_if_exception
from tenacity.stop import stop_base
from tenacity.wait import wait_base, wait_exponential_jitter

from summarizer.engines.body import ErrorReply, UnreadableReply
from summarizer.engines.diagnosis import duration, said_delay

log = logging.getLogger("summarizer")

MAX_SERVER_DELAY = 120.0
"""Longest wait honoured from a Retry-After header, in seconds."""
RATE_LIMIT_PATIENCE = 600.0
"""Most seconds one request waits out 429s that name a delay, beyond ``max_retries``."""
LONG_WAIT = 10.0
"""Waits of this many seconds or more are announced (a warning on the log)."""

_RETRIED_STATUS = frozenset({408, 409, 429})


def is_transient(exc: BaseException) -> bool:
    """Whether a failed request is worth sending again unchanged."""
    if isinstance(exc, openai.APIConnectionError | UnreadableReply):  # and APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        return transient_status(exc.status_code)
    return False


def transient_status(status: int) -> bool:
    """Whether an HTTP status says the same request may succeed later (408, 409, 429, 5xx)."""
    return status in _RETRIED_STATUS or status >= 500


def rate_limited(exc: BaseException | None) -> bool:
    """Whether a failure is a 429 saying when to come back (``Retry-After: 0`` does not)."""
    return (
        isinstance(exc, openai.APIStatusError)
        and exc.status_code == 429
        and server_delay(exc) is not None
    )


def server_delay(exc: BaseException | None) -> float | None:
    """The delay a failed response asks for, in seconds, if it names one above 0.

    Headers first (``retry-after-ms``, ``Retry-After``, then the reset time of a rate
    limit whose remaining count is 0), then the error body. A delay of 0, or a time
    already past, says nothing about when to come back.
    """
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    delay = _header_delay(headers)
    if delay is None and isinstance(exc, openai.APIStatusError) and exc.status_code == 429:
        delay = _reset_delay(headers)
    if delay is None and isinstance(exc, openai.APIStatusError):
        delay = said_delay(exc.body)
    return delay if delay is not None and delay > 0 else None  # NaN is no delay


def _header_delay(headers: Any) -> float | None:
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return float(millis) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).timestamp() - time.time()
    except (TypeError, ValueError):
        return None


def _reset_delay(headers: Any) -> float | None:
    """Seconds until a spent rate limit resets.

    ``x-ratelimit-reset-requests`` or ``-tokens`` (a duration, OpenAI) of the limit at
    0, or ``x-ratelimit-reset`` (epoch milliseconds or seconds, OpenRouter).
    """
    for kind in ("requests", "tokens"):
        if headers.get(f"x-ratelimit-remaining-{kind}") == "0":
            reset = headers.get(f"x-ratelimit-reset-{kind}")
            if reset and (seconds := duration(reset)) is not None:
                return seconds
    reset = headers.get("x-ratelimit-reset")
    if headers.get("x-ratelimit-remaining") == "0" and reset and reset.isdigit():
        stamp = int(reset) / (1000 if int(reset) > 10**11 else 1)
        return stamp - time.time()
    return None


class Gate:
    """A pause shared by every request of an engine: set by one 429, honoured by all."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._resume_at = 0.0
        self._lock = threading.Lock()

    def pause(self, seconds: float) -> bool:
        """Hold every request for ``seconds`` from now (never shortens a longer pause).

        Returns whether that pushed the pause back by a second or more.
        """
        with self._lock:
            until = self._clock() + seconds
            later = until >= self._resume_at + 1.0
            self._resume_at = max(self._resume_at, until)
            return later

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
    """Wait as long as the server asks (and pause the gate), else back off with jitter.

    A try never waits less than :meth:`floor` of its number, whatever the server asks.
    """

    def __init__(self, gate: Gate, *, initial: float = 0.5, maximum: float = 30.0) -> None:
        self.gate = gate
        self.initial = initial
        self.maximum = maximum
        self.backoff = wait_exponential_jitter(multiplier=initial, max=maximum, jitter=initial)

    def floor(self, attempt: int) -> float:
        """The least wait after try number ``attempt``, in seconds.

        None after the first try; then the backoff of the try before, without its
        jitter (0.5 s, 1 s, 2 s … 30 s).
        """
        if attempt < 2:
            return 0.0
        return float(min(self.initial * 2 ** (attempt - 2), self.maximum))

    def __call__(self, retry_state: RetryCallState) -> float:
        """Seconds to wait before the next try."""
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        delay = server_delay(exc)
        if delay is None:
            return float(self.backoff(retry_state))
        delay = min(delay, MAX_SERVER_DELAY)
        if self.gate.pause(delay) and delay >= LONG_WAIT:
            log.warning("%s: waiting %s, as the server asks", describe(exc), seconds_text(delay))
        return max(delay, self.floor(retry_state.attempt_number))


class StopRetrying(stop_base):
    """Stop after ``max_retries`` faults, or once a request has waited out 429s for too long.

    One instance per request: it counts that request's tries. ``floor`` gives the least
    wait after each try (:meth:`WaitForServer.floor`): a paced try costs at least that.
    """

    def __init__(
        self,
        max_retries: int,
        patience: float = RATE_LIMIT_PATIENCE,
        floor: Callable[[int], float] = lambda _: 0.0,
    ) -> None:
        self.max_retries = max_retries
        self.patience = patience
        self.floor = floor
        self._faults: set[int] = set()
        self._paced: dict[int, float] = {}

    def __call__(self, retry_state: RetryCallState) -> bool:
        """Whether to give up after this failed try."""
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        if self.max_retries and rate_limited(exc):
            asked = server_delay(exc) or 0.0
            if asked > self.patience:
                return True
            attempt = retry_state.attempt_number
            self._paced[attempt] = max(min(asked, MAX_SERVER_DELAY), self.floor(attempt))
            return sum(self._paced.values()) > self.patience
        self._faults.add(retry_state.attempt_number)
        return len(self._faults) > self.max_retries


def _log_retry(retry_state: RetryCallState) -> None:
    """Log a retry, with its reason, try and wait as record attributes (``retry_*``).

    A terminal can show them while the wait lasts.
    """
    exc = retry_state.outcome.exception() if retry_state.outcome else None
    wait = retry_state.next_action.sleep if retry_state.next_action else 0.0
    reason = describe(exc)
    log.info(
        "retrying after %s (try %d, waiting %.2fs)",
        reason,
        retry_state.attempt_number,
        wait,
        extra={
            "retry_reason": reason,
            "retry_attempt": retry_state.attempt_number,
            "retry_wait": wait,
        },
    )


def retry_options(
    max_retries: int, gate: Gate, final: Callable[[BaseException], bool] = lambda _: False
) -> dict[str, Any]:
    """Keyword arguments for tenacity's ``Retrying`` and ``AsyncRetrying`` alike.

    Make them afresh for each request: the stop condition counts that request's tries.
    ``final`` marks failures not to retry even if transient-looking (a server that
    answers 500 to an output mode it does not support).
    """
    wait = WaitForServer(gate)
    return {
        "retry": retry_if_exception(lambda exc: is_transient(exc) and not final(exc)),
        "stop": StopRetrying(max_retries, floor=wait.floor),
        "wait": wait,
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
    if isinstance(exc, ErrorReply):
        named = exc.status_code != exc.response.status_code
        code = f" (code {exc.status_code})" if named else ""
        return f"{exc.message}{code}"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    if isinstance(exc, UnreadableReply):
        return exc.message
    return type(exc).__name__ if exc else "an unknown error"


def seconds_text(seconds: float) -> str:
    """A wait for people: ``"45 s"``, ``"6 min"``, ``"6 min 5 s"``, ``"24 h"``."""
    whole = round(seconds)
    if whole < 60:
        return f"{seconds:.0f} s" if seconds >= 1 else f"{seconds:.2f} s"
    big, small, units = (whole // 60, whole % 60, ("min", "s"))
    if whole >= 3600:
        big, small, units = (whole // 3600, whole % 3600 // 60, ("h", "min"))
    return f"{big} {units[0]}" + (f" {small} {units[1]}" if small else "")
