"""What a batch records of an input that failed: status, one-line error, spend."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.batch.manifest import Status
from summarizer.errors import BriefingError, EngineError
from summarizer.schema import Usage
from summarizer.text import one_line


@dataclass(frozen=True, slots=True)
class Failure:
    """The manifest fields of a failed input."""

    status: Status
    error: str
    attempts: int
    usage: Usage


def failure_of(exc: BaseException) -> Failure:
    """The failure ``exc`` stands for.

    Its status (``failed`` for an unexpected error), its message on one line, and the
    requests and tokens an engine error had spent.
    """
    if isinstance(exc, BriefingError):
        status, error = Status(exc.status), str(exc)
    else:
        status, error = Status.FAILED, f"internal error: {type(exc).__name__}: {exc}"
    engine_error = exc if isinstance(exc, EngineError) else None
    return Failure(
        status=status,
        error=one_line(error, limit=None),
        attempts=engine_error.attempts if engine_error else 0,
        usage=engine_error.usage if engine_error else Usage(),
    )
