"""Locating quotes in the article: exact, then normalised, then fuzzy over one span.

Whatever the status, ``text[start:end]`` is the article passage the evidence points at;
a quote that cannot be located is kept with status ``unverified`` and null offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz

from summarizer.schema import Evidence, EvidenceStatus

FUZZY_THRESHOLD = 90.0
"""Lowest similarity (0-100) at which a fuzzy match counts as located."""

FUZZY_MIN_CHARS = 16
"""Shorter quotes must match exactly or after normalising: fuzzy matches of short
strings are mostly coincidence."""

_MARK_GROUPS = (
    "'\u2018\u2019\u201a\u201b\u2032\u0060\u00b4",
    '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb',
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
)
"""Characters matched as one: apostrophes, quote marks, dashes; each folds to the first."""
_FOLD = str.maketrans(
    {
        **{char: group[0] for group in _MARK_GROUPS for char in group[1:]},
        "\u2026": "...",
    }
)
_SAME_LENGTH = {chr(key): value for key, value in _FOLD.items() if len(value) == 1}
"""The folds that keep every character one character: quote marks and dashes; spaces too."""
_TO_FOLD = re.compile(f"[{re.escape(''.join(_SAME_LENGTH))}]|[^\\S ]")
_EDGE_JUNK = "\"' \t\n.,;:…"
_WORD = re.compile(r"\w")


def fold(text: str) -> str:
    """The normalised form used for matching: folded quotes, dashes, case and spaces."""
    return _Folded.of(text).text


@dataclass(frozen=True)
class _Folded:
    """A normalised text and, for each of its characters, the index it came from."""

    text: str
    origin: list[int]

    @classmethod
    def of(cls, source: str) -> _Folded:
        chars: list[str] = []
        origin: list[int] = []
        pending_space = False
        for index, char in enumerate(source):
            if char.isspace():
                pending_space = bool(chars)
                continue
            if unicodedata.category(char) == "Cf":
                continue
            if pending_space:
                chars.append(" ")
                origin.append(index - 1)
                pending_space = False
            for piece in char.translate(_FOLD).casefold():
                chars.append(piece)
                origin.append(index)
        return cls("".join(chars), origin)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the folded slice ``[start:end]``."""
        return self.origin[start], self.origin[end - 1] + 1


@dataclass
class Grounder:
    """Locates quotes in one article text; build once per article, reuse per quote."""

    text: str
    threshold: float = FUZZY_THRESHOLD
    _memo: dict[tuple[str, int | None], Evidence] = field(default_factory=dict, repr=False)

    @cached_property
    def _folded(self) -> _Folded:
        return _Folded.of(self.text)

    @cached_property
    def _flat(self) -> str | None:
        """The text folded character for character (so offsets hold), if lowercasing allows."""
        flat = _flatten(self.text)
        return flat if len(flat) == len(self.text) else None

    def locate(self, quote: str, near: int | None = None) -> Evidence:
        """Evidence for ``quote``; of several matches the one nearest ``near`` wins.

        ``near`` is where the engine saw the quote (an offset in this text), when known.
        """
        key = (quote, near)
        if key not in self._memo:
            self._memo[key] = self._locate(quote, near)
        return self._memo[key]

    def _locate(self, quote: str, near: int | None) -> Evidence:
        found = _nearest(self.text, quote, near) if quote.strip() else None
        if found is not None:
            return _evidence(quote, self.text, found, found + len(quote), EvidenceStatus.EXACT)
        if not any(char.isalnum() for char in quote):
            return _unverified(quote, 0.0)
        span = self._flat_match(quote, near) or _nearest_match(
            _loose_pattern(quote), self.text, near
        )
        if span is not None:
            return _evidence(quote, self.text, *span, EvidenceStatus.NORMALISED)
        needle = fold(quote).strip(_EDGE_JUNK)
        folded = self._folded
        hit = _nearest(folded.text, needle, near and _folded_index(folded, near))
        if hit is not None:
            start, end = folded.span(hit, hit + len(needle))
            return _evidence(quote, self.text, start, end, EvidenceStatus.NORMALISED)
        if len(needle) < FUZZY_MIN_CHARS:
            return _unverified(quote, 0.0)
        return self._fuzzy(quote, needle, near)

    def _flat_match(self, quote: str, near: int | None) -> tuple[int, int] | None:
        """The common normalised case in one search: quote marks, dashes, case, one space.

        What it misses (runs of spaces, ellipses, case folds that change length) is left
        to the pattern of :func:`_loose_pattern`, which costs a regex compilation.
        """
        flat = self._flat
        if flat is None:
            return None
        needle = " ".join(_flatten(quote.strip(_EDGE_JUNK)).split())
        found = _nearest(flat, needle, near) if needle else None
        return None if found is None else (found, found + len(needle))

    def _fuzzy(self, quote: str, needle: str, near: int | None) -> Evidence:
        folded = self._folded
        offset, haystack = 0, folded.text
        if near is not None:
            reach = len(needle) + 200
            offset = max(0, _folded_index(folded, near) - reach)
            haystack = haystack[offset : offset + 2 * reach + len(needle)]
        match = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=self.threshold / 2)
        if (match is None or match.score < self.threshold) and near is not None:
            return self._fuzzy(quote, needle, None)
        if match is None:
            return _unverified(quote, 0.0)
        if match.score < self.threshold or match.dest_end <= match.dest_start:
            return _unverified(quote, round(match.score, 1))
        start, end = folded.span(offset + match.dest_start, offset + match.dest_end)
        start, end = _widen_to_words(self.text, start, end)
        score = round(max(match.score, fuzz.ratio(needle, fold(self.text[start:end]))), 1)
        return _evidence(quote, self.text, start, end, EvidenceStatus.FUZZY, score)


def _flatten(text: str) -> str:
    """Quote marks and dashes folded, every space a plain space, lower case."""
    return _TO_FOLD.sub(lambda found: _SAME_LENGTH.get(found.group(), " "), text).lower()


def locate(quote: str, text: str, near: int | None = None) -> Evidence:
    """Evidence for ``quote`` in ``text`` (see :class:`Grounder`)."""
    return Grounder(text).locate(quote, near)


def _nearest(haystack: str, needle: str, near: int | None) -> int | None:
    first = haystack.find(needle)
    if first < 0 or near is None or near <= first:
        return first if first >= 0 else None
    after = haystack.find(needle, near)
    before = haystack.rfind(needle, 0, near + len(needle) - 1)
    candidates = [i for i in (before, after) if i >= 0]
    return min(candidates, key=lambda i: abs(i - near))


_EQUIVALENT = {
    **{char: f"[{re.escape(group)}]" for group in _MARK_GROUPS for char in group},
    "\u2026": r"(?:\u2026|\.\.\.)",
}


def _loose_pattern(quote: str) -> re.Pattern[str]:
    """A pattern matching ``quote`` up to case, spacing, quote marks and dashes.

    The fast path of normalised matching: it runs on the article itself, so offsets
    need no mapping; what it misses (case folds that change length, format characters
    inside words) falls through to the folded text.
    """
    core = quote.strip(_EDGE_JUNK)
    parts: list[str] = []
    for run in re.finditer(r"\s+|\.\.\.|.", core, re.DOTALL):
        piece = run.group()
        if piece.isspace():
            parts.append(r"\s+")
        elif piece == "...":
            parts.append(_EQUIVALENT["\u2026"])
        else:
            parts.append(_EQUIVALENT.get(piece) or re.escape(piece))
    return re.compile("".join(parts), re.IGNORECASE)


def _nearest_match(pattern: re.Pattern[str], text: str, near: int | None) -> tuple[int, int] | None:
    if near is None:
        found = pattern.search(text)
        return found.span() if found else None
    spans = [m.span() for m in pattern.finditer(text)]
    return min(spans, key=lambda span: abs(span[0] - near)) if spans else None


def _folded_index(folded: _Folded, original: int) -> int:
    """The first folded index at or after an original offset."""
    lo, hi = 0, len(folded.origin)
    while lo < hi:
        mid = (lo + hi) // 2
        if folded.origin[mid] < original:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span so that it neither starts nor ends inside a word; trim edge spaces."""
    while start > 0 and _WORD.match(text[start - 1]) and _WORD.match(text[start]):
        start -= 1
    while end < len(text) and _WORD.match(text[end - 1]) and _WORD.match(text[end]):
        end += 1
    while start < end - 1 and text[start].isspace():
        start += 1
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return start, end


def _evidence(
    quote: str,
    text: str,
    start: int,
    end: int,
    status: EvidenceStatus,
    score: float = 100.0,
) -> Evidence:
    return Evidence(
        quote=quote, start=start, end=end, text=text[start:end], status=status, score=score
    )


def _unverified(quote: str, score: float) -> Evidence:
    return Evidence(
        quote=quote,
        start=None,
        end=None,
        text=None,
        status=EvidenceStatus.UNVERIFIED,
        score=score,
    )
