"""Reading a reply's body: within the timeout however slowly it comes, and as JSON.

The SDK's timeout bounds each read from the socket, not the whole body, so a server
that trickles its reply (or keeps the connection open with a byte now and then) could
hold a request forever: here the body must arrive within ``timeout`` seconds of its
headers, else the request fails as a timeout. (The engine's HTTP clients also bound each
request as a whole, headers included: see :mod:`summarizer.httpclient`.)

A streamed body (``text/event-stream`` though ``stream`` was false) is assembled into
the completion it stands for (:mod:`summarizer.engines.stream`). A body that is not a
JSON object (a reply cut short) or that is larger than any reply is an
:class:`UnreadableReply`: a transport fault, retried like a 502 rather than re-asked,
since the model never wrote it. A 2xx body that is an error instead of a completion is
an :class:`ErrorReply`, judged like the error status it stands for: an error object
(LM Studio on a wrong path, an OpenRouter provider failure, vLLM's ``{"object":
"error"}``, a FastAPI ``detail``), a choice that ended in ``"error"``, or an HTML page
(a web UI or a captive portal where the API should be). A stream that stopped with
neither a finish reason nor ``data: [DONE]`` was cut short: an :class:`UnreadableReply`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx2
import openai

from summarizer.engines.stream import assemble, looks_streamed, stopped_early

FAILED_CHOICE = 502
"""The status a choice that ended in ``"error"`` stands for when its error names none:
a generation that failed upstream, as a gateway's 502."""
MAX_REPLY_BYTES = 16 * 1024 * 1024
"""Largest reply body read; a chat completion is a small fraction of this."""


class UnreadableReply(openai.APIResponseValidationError):
    """A reply body that is not a chat completion: not a JSON object, or too large.

    The body is not kept: a proxy's page may quote back what it was sent.
    """

    def __init__(self, response: httpx2.Response, message: str) -> None:
        super().__init__(response, None, message=message)


class ErrorReply(openai.APIStatusError):
    """A 2xx reply that is an error, not a completion; ``body`` keeps the error.

    ``status_code`` is the HTTP status the error names (OpenRouter's ``code``), else the
    reply's own, so the error is retried or not as that status would be.
    """

    def __init__(
        self, response: httpx2.Response, error: object, what: str, status: int | None = None
    ) -> None:
        super().__init__(what, response=response, body=error)
        self.status_code = _named_status(error) or status or response.status_code


class BodyReader:
    """Collects the chunks of one reply body within a deadline and a size cap."""

    def __init__(self, response: httpx2.Response, timeout: float) -> None:
        self._response = response
        self._deadline = time.monotonic() + timeout
        self._chunks: list[bytes] = []
        self._size = 0

    def add(self, chunk: bytes) -> None:
        """Keep a chunk; fails once the body is too late or too large."""
        self._size += len(chunk)
        if self._size > MAX_REPLY_BYTES:
            raise UnreadableReply(self._response, f"a reply over {MAX_REPLY_BYTES:,} bytes")
        if time.monotonic() > self._deadline:
            raise openai.APITimeoutError(request=self._response.request)
        self._chunks.append(chunk)

    def body(self) -> bytes:
        """The whole body, once it is known to be a chat completion's JSON object.

        Raises :class:`UnreadableReply` for a body that is not JSON, and
        :class:`ErrorReply` for one that is an error instead of a completion.
        """
        body = b"".join(self._chunks)
        kind = self._response.headers.get("content-type", "").partition(";")[0].strip()
        parsed = _json_object(body)
        if parsed is None and looks_streamed(body, kind):
            parsed = assemble(body)
            if parsed is not None and stopped_early(body, parsed):
                raise UnreadableReply(
                    self._response, "a streamed reply that stopped before its end"
                )
            if parsed is not None:
                body = json.dumps(parsed).encode("utf-8")
        if parsed is None:
            if _is_page(body, kind):
                page = body[:65536].decode("utf-8", "replace")
                raise ErrorReply(self._response, page, "an HTML page instead of a reply")
            raise UnreadableReply(
                self._response,
                f"a reply that is not JSON ({kind or 'no content type'}, {len(body):,} bytes)",
            )
        error = _error_object(parsed)
        if error is not None:
            raise ErrorReply(self._response, error, "an error instead of a reply")
        failed = _failed_choice(parsed)
        if failed is not None:
            raise ErrorReply(
                self._response, failed, "a reply whose choice ended in an error", FAILED_CHOICE
            )
        return body

    @contextmanager
    def transport_errors(self) -> Iterator[None]:
        """Raise httpx2's errors while reading as the SDK raises them for the headers."""
        try:
            yield
        except httpx2.TimeoutException as exc:
            raise openai.APITimeoutError(request=self._response.request) from exc
        except httpx2.RequestError as exc:
            raise openai.APIConnectionError(request=self._response.request) from exc


def reply_error(completion: dict[str, Any]) -> tuple[object, int | None] | None:
    """The error a 2xx body is instead of a completion, and the HTTP status it names.

    As :meth:`BodyReader.body` judges it: an error object (the status its ``code``
    names, else ``None``), or a choice that ended in ``"error"`` (else
    :data:`FAILED_CHOICE`); ``None`` for a completion.
    """
    error = _error_object(completion)
    if error is not None:
        return error, _named_status(error)
    failed = _failed_choice(completion)
    if failed is not None:
        return failed, _named_status(failed) or FAILED_CHOICE
    return None


def _json_object(body: bytes) -> dict[str, Any] | None:
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _is_page(body: bytes, kind: str) -> bool:
    start = body.lstrip()[:100].lower()
    return kind == "text/html" or start.startswith((b"<!doctype html", b"<html"))


def _error_object(body: dict[str, Any]) -> object | None:
    """The error a body without choices is, if it is one.

    Its ``error``, or the body itself when it is shaped as one (vLLM's ``{"object":
    "error", "message"}``, FastAPI's ``detail``).
    """
    if "choices" in body:
        return None
    if "error" in body:
        error: object = body["error"]
        return error
    if body.get("object") == "error" or {"detail", "message"} & body.keys():
        return body
    return None


def _failed_choice(completion: dict[str, Any]) -> object | None:
    """The error of a first choice that ended in ``"error"`` (OpenRouter), if it did.

    The error is the choice's own, or the completion's (OpenRouter puts it beside the
    choices).
    """
    choices = completion.get("choices")
    first = choices[0] if isinstance(choices, list) and choices else None
    if not isinstance(first, dict) or first.get("finish_reason") != "error":
        return None
    return first.get("error") or completion.get("error") or "the choice ended in an error"


def _named_status(error: object) -> int | None:
    """An HTTP status an error object names in its ``code`` (400-599), if any."""
    code = error.get("code") if isinstance(error, dict) else None
    if isinstance(code, str) and code.isdigit():
        code = int(code)
    return code if isinstance(code, int) and 400 <= code < 600 else None
