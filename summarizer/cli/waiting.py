"""While a request waits to be retried, the terminal says what for and how long.

The engines log each retry (:func:`summarizer.engines.retry.retry_options`) with the
reason, the try and the seconds to wait as record attributes; on an interactive
terminal, :func:`showing_retry_waits` turns them into one status line with a countdown
("waiting for the server: HTTP 503; trying again in 4 s (retry 2)"), which goes away
when the command's work is done. Elsewhere (a pipe, a log file) nothing is added: long
waits are already logged as warnings.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.status import Status

LOGGER = "summarizer"


class Countdown:
    """The status text of one wait, counting down each time the terminal redraws it."""

    def __init__(self, reason: str, seconds: float, attempt: int, clock: float) -> None:
        self.reason = reason
        self.until = clock + seconds
        self.attempt = attempt

    def text(self, now: float) -> str:
        """What the status line says at ``now`` (a ``time.monotonic()`` reading)."""
        left = self.until - now
        if left >= 0.5:
            return (
                f"waiting for the server: {self.reason}; trying again in {left:.0f} s "
                f"(retry {self.attempt})"
            )
        return f"trying again after {self.reason} (retry {self.attempt})…"

    def __rich__(self) -> Text:
        return Text(self.text(time.monotonic()))


class _RetryWaits(logging.Handler):
    """Shows each retry's wait in a status line on the console."""

    def __init__(self, console: Console) -> None:
        super().__init__(logging.INFO)
        self.console = console
        self.status: Status | None = None

    def emit(self, record: logging.LogRecord) -> None:
        wait = getattr(record, "retry_wait", None)
        if wait is None:
            return
        countdown = Countdown(
            str(getattr(record, "retry_reason", "an error")),
            float(wait),
            int(getattr(record, "retry_attempt", 1)),
            time.monotonic(),
        )
        if self.status is None:
            self.status = self.console.status(countdown, spinner="dots")
            self.status.start()
        else:
            self.status.update(countdown)

    def stop(self) -> None:
        if self.status is not None:
            self.status.stop()
            self.status = None


@contextmanager
def showing_retry_waits(console: Console) -> Iterator[None]:
    """Within the block, show retry waits on ``console`` if it is an interactive terminal.

    The ``summarizer`` logger must pass INFO records (:func:`.common.configure_logging`
    does, keeping its own output to warnings unless verbose).
    """
    if not console.is_terminal:
        yield
        return
    logger = logging.getLogger(LOGGER)
    handler = _RetryWaits(console)
    logger.addHandler(handler)
    try:
        yield
    finally:
        handler.stop()
        logger.removeHandler(handler)
