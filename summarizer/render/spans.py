"""Overlapping spans cut into flat segments, so that each can become one highlight."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A labelled range ``[start, end)`` of a text."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Segment:
    """A range of the text and the spans that cover all of it, outermost first."""

    start: int
    end: int
    spans: tuple[Span, ...]


def segments(length: int, spans: Iterable[Span]) -> list[Segment]:
    """Cut ``[0, length)`` at every span boundary.

    The segments are contiguous, in order and cover the whole text; each lists the spans
    covering it, longest (outermost) first, and ties in order of appearance. Spans that
    are empty or reach outside the text are ignored.
    """
    kept = [span for span in spans if 0 <= span.start < span.end <= length]
    cuts = sorted({0, length, *(s.start for s in kept), *(s.end for s in kept)})
    order = sorted(kept, key=lambda s: (s.start - s.end, s.start))
    return [
        Segment(start, end, tuple(s for s in order if s.start <= start and end <= s.end))
        for start, end in zip(cuts, cuts[1:], strict=False)
    ]
