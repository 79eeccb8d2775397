"""Reading a reply's body within the timeout, however slowly it comes.

The SDK's timeout bounds each read from the socket, not the whole body, so a server
that trickles its reply (or keeps the connection open with a byte now and then) could
hold a request forever: here the body must arrive within ``timeout`` seconds of its
headers, else the request fails as a timeout. (Headers sent a byte at a time are still
bounded only by the timeout of each read.)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2
import openai


class BodyReader:
    """Collects the chunks of one reply body within a deadline."""

    def __init__(self, response: httpx2.Response, timeout: float) -> None:
        self._response = response
        self._deadline = time.monotonic() + timeout
        self._chunks: list[bytes] = []

    def add(self, chunk: bytes) -> None:
        """Keep a chunk; fails once the body is too late."""
        if time.monotonic() > self._deadline:
            raise openai.APITimeoutError(request=self._response.request)
        self._chunks.append(chunk)

    def body(self) -> bytes:
        """The whole body."""
        return b"".join(self._chunks)

    @contextmanager
    def transport_errors(self) -> Iterator[None]:
        """Raise httpx2's errors while reading as the SDK raises them for the headers."""
        try:
            yield
        except httpx2.TimeoutException as exc:
            raise openai.APITimeoutError(request=self._response.request) from exc
        except httpx2.RequestError as exc:
            raise openai.APIConnectionError(request=self._response.request) from exc
