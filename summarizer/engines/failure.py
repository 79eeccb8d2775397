"""The error a user reads when a request failed for good: its cause named, in one line.

A refusal no retry or mode changes is explained (:mod:`summarizer.engines.explain`) and
typed: a :class:`~summarizer.errors.ContextOverflow` for a request over the model's
context, :class:`~summarizer.errors.ContentFiltered` for a server's content filter, a
:class:`~summarizer.errors.TransportError` naming its ``cause`` otherwise. Faults that
kept coming back through every retry say how many tries they took, and a rate limit how
long it was waited for.
"""

from __future__ import annotations

from collections.abc import Callable

import openai

from summarizer.engines.diagnosis import Cause, Diagnosis, diagnose_error
from summarizer.engines.explain import Where, explain
from summarizer.engines.retry import (
    RATE_LIMIT_PATIENCE,
    describe,
    rate_limited,
    seconds_text,
    server_delay,
)
from summarizer.errors import ContentFiltered, ContextOverflow, EngineError, TransportError
from summarizer.schema import Usage

PASSING = frozenset({Cause.SERVER, Cause.RATE, Cause.UNKNOWN})
"""Causes of a refusal that the same request may get past later (retried)."""


def failed(
    exc: openai.APIError,
    where: Where,
    *,
    tries: int,
    redact: Callable[[str], str],
    attempts: int = 0,
    usage: Usage | None = None,
) -> EngineError:
    """The error for ``exc``, the last failure of a request sent ``tries`` times.

    ``redact`` hides the API key in the server's words; ``attempts`` and ``usage``
    account for the replies received before.
    """
    url = where.base_url
    tried = f"{describe(exc)} from {url}, {tries} tr{'ies' if tries > 1 else 'y'}"
    if not isinstance(exc, openai.APIStatusError):
        return TransportError(tried, cause=Cause.SERVER.value, attempts=attempts, usage=usage)
    diagnosis = diagnose_error(exc)
    said = redact(diagnosis.said)
    if diagnosis.cause not in PASSING or (
        diagnosis.cause is Cause.UNKNOWN and diagnosis.status < 500
    ):
        return refusal(diagnosis, where, said, attempts=attempts, usage=usage)
    if diagnosis.cause is Cause.RATE and tries > 1 and rate_limited(exc):
        summary = _rate_limit_words(exc, url, said)
    else:
        summary = f"{tried}: {said}"
    return TransportError(summary, cause=diagnosis.cause.value, attempts=attempts, usage=usage)


def refusal(
    diagnosis: Diagnosis,
    where: Where,
    said: str,
    *,
    attempts: int = 0,
    usage: Usage | None = None,
) -> EngineError:
    """The error for a refusal sent back for good: its cause explained, and typed.

    ``said`` is the server's words as they may be shown (the API key redacted).
    """
    summary = explain(diagnosis, where, said)
    if diagnosis.cause is Cause.FILTER:
        return ContentFiltered(summary, raw=said, attempts=attempts, usage=usage)
    if diagnosis.cause is Cause.CONTEXT:
        return ContextOverflow(
            summary,
            context_size=diagnosis.context_size,
            request_tokens=diagnosis.request_tokens,
            attempts=attempts,
            usage=usage,
        )
    return TransportError(summary, cause=diagnosis.cause.value, attempts=attempts, usage=usage)


def refused_for_good(exc: BaseException) -> bool:
    """Whether a failure that looks transient is a refusal no retry gets past.

    llama.cpp's server answers an unsupported output mode with a 500, and a context
    overflow with a 500 in older builds.
    """
    return isinstance(exc, openai.APIStatusError) and diagnose_error(exc).cause not in PASSING


def _rate_limit_words(exc: openai.APIStatusError, url: str, said: str) -> str:
    asked = server_delay(exc) or 0.0
    patience = seconds_text(RATE_LIMIT_PATIENCE)
    if asked > RATE_LIMIT_PATIENCE:
        return (
            f"rate limited (HTTP 429) by {url}: it asks to wait {seconds_text(asked)}, "
            f"longer than briefing waits ({patience}); try again later: {said}"
        )
    return f"still rate limited (HTTP 429) by {url} after waiting {patience}: {said}"
