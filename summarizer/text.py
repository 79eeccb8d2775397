"""Small text helpers every room shares: one line of text, a counted noun, values once each."""

from __future__ import annotations

import re
from collections.abc import Iterable

BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
"""Unicode's bidirectional embedding, override and isolate controls, as a character class
range: in text shown to a reader they reorder what follows them (a name written
right-to-left over the figures beside it), so views show them as U+FFFD."""

_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def one_line(text: str, limit: int | None = 200) -> str:
    """``text`` on one line: each run of whitespace one space, cut to ``limit`` characters.

    A cut text ends with ``…`` within the limit; ``limit=None`` never cuts.
    """
    flat = " ".join(text.split())
    if limit is None or len(flat) <= limit:
        return flat
    return flat[: limit - 1] + "…"


def count_label(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and its noun: ``1 party``, ``1,204 parties`` (``plural`` defaults to ``-s``)."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def unique(values: Iterable[str | None]) -> list[str]:
    """Each value once, in the order first seen; ``None`` and empty values left out."""
    return [value for value in dict.fromkeys(values) if value]


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\ufffd``.

    Those that could drive a terminal, and the bidirectional controls that would reorder
    the text around them (:data:`BIDI_CONTROLS`).
    """
    return _CONTROL.sub("\ufffd", text)
