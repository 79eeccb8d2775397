"""Grouping the agreements and threats of many briefings into events.

Two reports, from different articles, are the same event when they have the same
parties and either say the same thing or quote the same passage:

- parties: agreements need the same set of parties, threats the same source and the
  same set of targets, order aside; a person acting for a party counts as that party
  (Lloyd Austin, affiliated to the United States, counts as the United States);
- what they say: the ``token_set_ratio`` of their ``what`` texts, without stop words and
  without the names of their own parties (shared by construction), is at least
  :data:`WHAT_SIMILARITY`;
- what they quote: two located passages of at least :data:`EVIDENCE_MIN_WORDS` words
  have a ``token_set_ratio`` of at least :data:`EVIDENCE_SIMILARITY` (wire copy reused).

A report joins the best-scoring group that has no report from its article yet, the
earliest on a tie, else starts a group; two reports of one article are never merged,
since a briefing lists each event once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from summarizer.names import country_aliases, name_key
from summarizer.schema import Agreement, Evidence, Threat

WHAT_SIMILARITY = 65.0
"""Least similarity (0-100) of two cleaned ``what`` texts for one event. Reports of one
event score about 75 and more; different events with the same parties stay under 60."""

EVIDENCE_SIMILARITY = 90.0
"""Least similarity (0-100) of two quoted passages for one event."""

EVIDENCE_MIN_WORDS = 6
"""Passages shorter than this are too common to tie two reports together."""

STOP_WORDS = frozenset(
    """
    a an and are as at be by for from has have in into is it its of on or over s
    that the their them there these they this to was were will with would
    """.split()
)

_WORD = re.compile(r"[^\W_]+")

Item = TypeVar("Item", Agreement, Threat)

EventKey = tuple[str, int | None, frozenset[int]]
"""("agreement", None, parties) or ("threat", source, targets), by party group index."""


@dataclass(frozen=True)
class Sighting(Generic[Item]):
    """An agreement or threat as one article reports it, its parties as group indices."""

    article: str
    item: Item
    parties: tuple[int, ...]
    """Agreements: the parties; threats: the targets."""
    source: int | None = None
    """Threats only: the threatening party."""


@dataclass
class EventGroup(Generic[Item]):
    """Sightings of one event, from different articles."""

    index: int
    sightings: list[Sighting[Item]] = field(default_factory=list)
    seen_in: set[str] = field(default_factory=set)
    """Ids of the articles reporting the event."""

    @property
    def articles(self) -> list[str]:
        """Ids of the articles reporting the event, in the order seen."""
        return [s.article for s in self.sightings]

    def take(self, sighting: Sighting[Item]) -> None:
        """Add one more article's report of the event."""
        self.sightings.append(sighting)
        self.seen_in.add(sighting.article)


class _Choices(Generic[Item]):
    """Distinct texts of one party key, each with the groups it was filed in."""

    def __init__(self, cutoff: float) -> None:
        self.cutoff = cutoff
        self.texts: list[str] = []
        self.groups: list[list[EventGroup[Item]]] = []
        self._position: dict[str, int] = {}

    def file(self, text: str, group: EventGroup[Item]) -> None:
        position = self._position.setdefault(text, len(self.texts))
        if position == len(self.texts):
            self.texts.append(text)
            self.groups.append([])
        if group not in self.groups[position]:
            self.groups[position].append(group)

    def matches(self, query: str) -> Iterator[tuple[float, EventGroup[Item]]]:
        """(score, group) for every filed text at least ``cutoff`` similar to ``query``."""
        if not query or not self.texts:
            return
        found = process.extract(
            query, self.texts, scorer=fuzz.token_set_ratio, score_cutoff=self.cutoff, limit=None
        )
        for _, score, position in found:
            for group in self.groups[position]:
                yield score, group


@dataclass
class _Block(Generic[Item]):
    """What has been said and quoted under one party key."""

    said: _Choices[Item] = field(default_factory=lambda: _Choices(WHAT_SIMILARITY))
    quoted: _Choices[Item] = field(default_factory=lambda: _Choices(EVIDENCE_SIMILARITY))

    def best(self, text: str, passages: Sequence[str], article: str) -> EventGroup[Item] | None:
        """The group most like a report of ``article``, earliest on a tie; None if none is."""
        scores: dict[int, float] = {}
        groups: dict[int, EventGroup[Item]] = {}
        sources: list[Iterator[tuple[float, EventGroup[Item]]]] = [self.said.matches(text)]
        sources += [self.quoted.matches(p) for p in passages]
        for score, group in chain.from_iterable(sources):
            if article not in group.seen_in and score > scores.get(group.index, 0.0):
                scores[group.index] = score
                groups[group.index] = group
        if not scores:
            return None
        return groups[min(scores, key=lambda index: (-scores[index], index))]

    def file(self, text: str, passages: Sequence[str], group: EventGroup[Item]) -> None:
        self.said.file(text, group)
        for passage in passages:
            self.quoted.file(passage, group)


class EventGrouper(Generic[Item]):
    """Assigns each sighting to an :class:`EventGroup`, comparing only same-party ones.

    Each sighting is compared with every distinct text and passage of its party key at
    once (``rapidfuzz.process``), so a key with thousands of events stays quick.
    """

    def __init__(self) -> None:
        self.groups: list[EventGroup[Item]] = []
        self._blocks: dict[EventKey, _Block[Item]] = {}

    def add(
        self, sighting: Sighting[Item], key: EventKey, party_words: Iterable[str]
    ) -> EventGroup[Item]:
        """File ``sighting`` under ``key``; ``party_words`` are left out of its text."""
        known = set(party_words)
        text = " ".join(w for w in words(sighting.item.what) if w not in known)
        passages = [" ".join(p) for p in _passages(sighting.item.evidence)]
        block = self._blocks.setdefault(key, _Block[Item]())
        best = block.best(text, passages, sighting.article)
        if best is None:
            best = EventGroup[Item](index=len(self.groups))
            self.groups.append(best)
        best.take(sighting)
        block.file(text, passages, best)
        return best


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` without accents, possessives or stop words."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"['’]s\b", "", folded)
    return [w for w in _WORD.findall(folded) if w not in STOP_WORDS]


def name_words(names: Iterable[str], country: str | None) -> set[str]:
    """Words of a party's names, and of every name of its country if it is one."""
    found = {w for n in names for w in name_key(n).split()}
    return found | _country_words(country) if country else found


@cache
def _country_words(code: str) -> frozenset[str]:
    return frozenset(w for alias in country_aliases(code) for w in alias.split())


def _passages(evidence: Sequence[Evidence]) -> list[list[str]]:
    located = (words(e.text) for e in evidence if e.text is not None)
    return [p for p in located if len(p) >= EVIDENCE_MIN_WORDS]
