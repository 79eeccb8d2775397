"""Reading a reply's body: within the timeout however slowly it comes, and as JSON.

The SDK's timeout bounds each read from the socket, not the whole body, so a server
that trickles its reply (or keeps the connection open with a byte now and then) could
hold a request forever: here the body must arrive within ``timeout`` seconds of its
headers, else the request fails as a timeout. A body that is not a JSON object (a
proxy's error page sent with status 200, a reply cut short) or that is larger than any
reply is an :class:`UnreadableReply`: a transport fault, retried like a 502 rather than
re-asked, since the model never wrote it. (The engine's HTTP clients also bound each
request as a whole, headers included: see :mod:`summarizer.httpclient`.)
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2
import openai

MAX_REPLY_BYTES = 16 * 1024 * 1024
"""Largest reply body read; a chat completion is a small fraction of this."""


class UnreadableReply(openai.APIResponseValidationError):
    """A reply body that is not a chat completion: not a JSON object, or too large.

    The body is not kept: a proxy's page may quote back what it was sent.
    """

    def __init__(self, response: httpx2.Response, message: str) -> None:
        super().__init__(response, None, message=message)


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
        """The whole body, once it is known to be a JSON object."""
        body = b"".join(self._chunks)
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            kind = self._response.headers.get("content-type", "").partition(";")[0].strip()
            raise UnreadableReply(
                self._response,
                f"a reply that is not JSON ({kind or 'no content type'}, {len(body):,} bytes)",
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
