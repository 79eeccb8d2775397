"""Keeping the API key out of everything a server sends back.

A server (or a proxy in front of it) may quote the key in an error, whole or with part
of it masked; whatever it sends passes through a :class:`Redactor` before it can reach
a message, a log line, the cache or a briefing.
"""

from __future__ import annotations

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

    def bytes(self, data: bytes) -> bytes:
        """:meth:`text` for bytes (the secret as UTF-8)."""
        if self._secret is None:
            return data
        return _redact(data, self._secret.encode("utf-8"), MASK.encode("ascii"))


def _redact(data: AnyStr, secret: AnyStr, mask: AnyStr) -> AnyStr:
    run = min(MIN_RUN, len(secret))
    spans: list[tuple[int, int]] = []
    for offset in range(len(secret) - run + 1):
        window = secret[offset : offset + run]
        found = data.find(window)
        while found >= 0:
            spans.append((found, found + run))
            found = data.find(window, found + 1)
    if not spans:
        return data
    spans.sort()
    pieces: list[AnyStr] = []
    kept = 0
    start, end = spans[0]
    for next_start, next_end in spans[1:]:
        if next_start <= end:
            end = max(end, next_end)
            continue
        pieces += [data[kept:start], mask]
        kept, start, end = end, next_start, next_end
    pieces += [data[kept:start], mask, data[end:]]
    return data[:0].join(pieces)
