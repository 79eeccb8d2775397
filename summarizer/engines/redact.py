"""Keeping the API key out of everything a server sends back.

A server (or a proxy in front of it) may quote the key in an error, whole or with part
of it masked; whatever it sends (replies, errors, the files of a Batch API run) passes
through a :class:`Redactor` before it can reach a message, a log line, a file, the
cache or a briefing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import AnyStr

MASK = "[redacted]"
MIN_KEY_CHARS = 8
"""Shorter keys are placeholders (``ollama``), not secrets, and are left alone."""
MIN_RUN = 12
"""Shortest run of the key's characters hidden when a server quotes only part of it."""


class Redactor:
    """Hides a secret, and any run of :data:`MIN_RUN` of its characters, in text or bytes."""

    def __init__(self, secret: str | None) -> None:
        self._secret = secret if secret and len(secret) >= MIN_KEY_CHARS else None

    def text(self, text: str) -> str:
        """``text`` with the secret and every long run of it replaced by :data:`MASK`."""
        if self._secret is None:
            return text
        return _redact(text, self._secret, MASK)

    def data(self, data: bytes) -> bytes:
        """:meth:`text` for bytes (the secret as UTF-8)."""
        if self._secret is None:
            return data
        secret = self._secret.encode("utf-8")
        return _mask(data, _spans(data, secret), MASK.encode("ascii"))

    def stream(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """:meth:`data` over a stream of chunks, a secret split between two included.

        The end of each chunk that could begin a run is held back until the next one.
        """
        if self._secret is None:
            yield from chunks
            return
        secret = self._secret.encode("utf-8")
        mask = MASK.encode("ascii")
        carry = b""
        for chunk in chunks:
            data = carry + chunk
            spans = _spans(data, secret)
            cut = max(0, len(data) - len(secret) + 1)
            cut = next((start for start, end in spans if start < cut < end), cut)
            yield _mask(data[:cut], [span for span in spans if span[1] <= cut], mask)
            carry = data[cut:]
        if carry:
            yield self.data(carry)


def _redact(data: AnyStr, secret: AnyStr, mask: AnyStr) -> AnyStr:
    return _mask(data, _spans(data, secret), mask)


def _spans(data: AnyStr, secret: AnyStr) -> list[tuple[int, int]]:
    """Where runs of the secret are in ``data``, overlapping runs merged, in order."""
    run = min(MIN_RUN, len(secret))
    found: list[tuple[int, int]] = []
    for offset in range(len(secret) - run + 1):
        window = secret[offset : offset + run]
        at = data.find(window)
        while at >= 0:
            found.append((at, at + run))
            at = data.find(window, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _mask(data: AnyStr, spans: list[tuple[int, int]], mask: AnyStr) -> AnyStr:
    pieces: list[AnyStr] = []
    kept = 0
    for start, end in spans:
        pieces += [data[kept:start], mask]
        kept = end
    pieces.append(data[kept:])
    return data[:0].join(pieces)
