"""Long articles: split into overlapping passages that fit the engine's token budget.

Splits fall between paragraphs; a paragraph over the budget is split between lines, then
sentences, then words, and a run of text with no space at all is cut by characters.
Consecutive passages share up to ``overlap_tokens`` of text, so that a sentence cut from
its context on one side of a split keeps it on the other. Every character of the article
belongs to at least one passage, and each passage's ``offset`` says where it starts.

:func:`merge_extractions` (in :mod:`summarizer.merging`) joins what an engine extracted
from each passage back into one extraction for the whole article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.article import Article
from summarizer.engines.base import Passage
from summarizer.tokens import count_tokens

DEFAULT_OVERLAP_TOKENS = 200
"""Tokens two consecutive passages share, at most (and at most half the budget)."""

_BOUNDARIES = (
    re.compile(r"\n[ \t]*\n\s*"),  # between paragraphs
    re.compile(r"\n\s*"),  # between lines
    re.compile(r"(?<=[.!?…。！？])[\"'”’»)\]]*\s+"),  # between sentences
    re.compile(r"\s+"),  # between words
)
_MAX_BYTES_PER_CHAR = 4
"""A character is at most four UTF-8 bytes, and a byte-level BPE token covers at least
one byte: so ``max_tokens // 4`` characters never exceed ``max_tokens`` tokens."""


@dataclass(frozen=True)
class _Unit:
    """A span of the article that no split falls inside."""

    start: int
    end: int
    tokens: int


def split_passages(
    article: Article, max_tokens: int, overlap_tokens: int = DEFAULT_OVERLAP_TOKENS
) -> list[Passage]:
    """Passages of at most ``max_tokens`` tokens covering ``article.text``, in order.

    The whole article is one passage when it fits; a text of at most ``max_tokens // 4``
    characters always does (at most 4 UTF-8 bytes a character, at least one byte a
    token), so short articles are not counted. ``overlap_tokens`` is capped at half of
    ``max_tokens``.
    """
    if max_tokens < 1:
        raise ValueError("max_tokens must be at least 1")
    text = article.text
    if len(text) <= max_tokens // 4 or count_tokens(text) <= max_tokens:
        return [Passage(text=text, title=article.title, offset=0)]
    units = _units(text, 0, len(text), max_tokens, level=0)
    overlap = min(max(overlap_tokens, 0), max_tokens // 2)
    passages: list[Passage] = []
    first = done = 0
    while True:
        stop = _fill(text, units, first, max_tokens)
        if stop <= done:  # the overlap left no room for new text: go on without it
            first = done
            stop = _fill(text, units, first, max_tokens)
        done = stop
        start, end = units[first].start, units[stop - 1].end
        passages.append(Passage(text=text[start:end], title=article.title, offset=start))
        if stop == len(units):
            return passages
        first = _overlap_start(units, first, stop, overlap, max_tokens)


def _fill(text: str, units: list[_Unit], first: int, max_tokens: int) -> int:
    """Index after the last unit of a passage that starts with ``units[first]``."""
    stop, total = first, 0
    while stop < len(units) and total + units[stop].tokens <= max_tokens:
        total += units[stop].tokens
        stop += 1
    stop = max(stop, first + 1)
    while stop > first + 1 and count_tokens(text[units[first].start : units[stop - 1].end]) > (
        max_tokens
    ):
        stop -= 1
    return stop


def _overlap_start(units: list[_Unit], first: int, stop: int, overlap: int, max_tokens: int) -> int:
    """First unit of the next passage: the last units of this one that fit ``overlap``.

    The overlap shrinks until the unit after it fits too, so every passage adds text.
    """
    start, shared = stop, 0
    while start - 1 > first and shared + units[start - 1].tokens <= overlap:
        start -= 1
        shared += units[start].tokens
    while start < stop and shared + units[stop].tokens > max_tokens:
        shared -= units[start].tokens
        start += 1
    return start


def _units(text: str, start: int, end: int, max_tokens: int, level: int) -> list[_Unit]:
    """Spans of ``text[start:end]`` within ``max_tokens``, cut at the coarsest boundaries."""
    if level == len(_BOUNDARIES):
        step = max(1, max_tokens // _MAX_BYTES_PER_CHAR)
        return [
            _Unit(cut, min(cut + step, end), count_tokens(text[cut : min(cut + step, end)]))
            for cut in range(start, end, step)
        ]
    units: list[_Unit] = []
    for piece_start, piece_end in _pieces(text, start, end, _BOUNDARIES[level]):
        tokens = count_tokens(text[piece_start:piece_end])
        if tokens <= max_tokens:
            units.append(_Unit(piece_start, piece_end, tokens))
        else:
            units.extend(_units(text, piece_start, piece_end, max_tokens, level + 1))
    return units


def _pieces(text: str, start: int, end: int, boundary: re.Pattern[str]) -> list[tuple[int, int]]:
    """``text[start:end]`` cut after each match of ``boundary``; the pieces cover it all."""
    cuts = [m.end() for m in boundary.finditer(text, start, end) if start < m.end() < end]
    edges = [start, *cuts, end]
    return [(a, b) for a, b in zip(edges, edges[1:], strict=False) if a < b]
