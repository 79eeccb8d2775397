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

Cost per report is bounded however many articles report an event, and however many
events two parties have: a report is compared only with the groups filed under its party
key, only with the :data:`OPEN_EVENTS` of them most recently reported (a story that this
many others of the same parties have overtaken is closed; a report quoting it word for
word still finds it), and with each through a bounded sample of its wording (its first
:data:`SAMPLE` distinct texts and passages), not with every report it holds. A group
keeps its first :data:`~summarizer.digest.model.REPORTS` sightings, the first sighting of
each status or severity (its timeline) and the latest, and counts the rest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from summarizer.digest.model import REPORTS
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


SAMPLE = 8
"""Distinct texts, and passages, of a group that new reports are compared with."""

OPEN_EVENTS = 256
"""Groups of one party key compared by similarity: those most recently reported. A
group that this many others of its parties have been reported after since its last
report is closed, found again only by a text or passage repeated word for word."""


@dataclass(frozen=True, slots=True)
class Sighting(Generic[Item]):
    """An agreement or threat as one article reports it, its parties as group indices."""

    article: int
    """Number of the article, in batch order."""
    date: str | None
    """The article's date (ISO), if known."""
    item: Item
    parties: tuple[int, ...]
    """Agreements: the parties; threats: the targets."""
    source: int | None = None
    """Threats only: the threatening party."""

    @property
    def when(self) -> tuple[str, int]:
        """Sort key: by date where known, else by batch order."""
        return (self.date or "", self.article)


@dataclass(slots=True)
class EventGroup(Generic[Item]):
    """Sightings of one event, from different articles: a bounded summary of them."""

    index: int
    count: int = 0
    """Articles reporting the event."""
    listed: list[Sighting[Item]] = field(default_factory=list)
    """The first :data:`~summarizer.digest.model.REPORTS` sightings."""
    steps: dict[str, Sighting[Item]] = field(default_factory=dict)
    """The earliest sighting (by date, else batch order) of each status or severity."""
    latest: Sighting[Item] | None = None
    """The last sighting in batch order."""
    first_date: str | None = None
    last_date: str | None = None
    texts: list[str] = field(default_factory=list)
    passages: list[str] = field(default_factory=list)

    @property
    def sightings(self) -> list[Sighting[Item]]:
        """The sightings kept: listed, timeline steps and the latest, in batch order."""
        kept: dict[int, Sighting[Item]] = {}
        for sighting in self.listed:
            kept.setdefault(sighting.article, sighting)
        for sighting in self.steps.values():
            kept.setdefault(sighting.article, sighting)
        if self.latest is not None:
            kept.setdefault(self.latest.article, self.latest)
        return [kept[a] for a in sorted(kept)]

    @property
    def articles(self) -> list[int]:
        """Numbers of the articles of the sightings kept, in batch order."""
        return [s.article for s in self.sightings]

    def take(self, sighting: Sighting[Item], step: str) -> None:
        """Add one more article's report of the event; ``step`` is its status or severity."""
        self.count += 1
        if len(self.listed) < REPORTS:
            self.listed.append(sighting)
        known = self.steps.get(step)
        if known is None or sighting.when < known.when:
            self.steps[step] = sighting
        self.latest = sighting
        if sighting.date:
            self.first_date = min(filter(None, (self.first_date, sighting.date)))
            self.last_date = max(filter(None, (self.last_date, sighting.date)))


class _Block(Generic[Item]):
    """The groups of one party key, and the sampled wording they are compared by.

    Only the :data:`OPEN_EVENTS` groups most recently reported are compared by
    similarity; each group's wording is also indexed as written, so that a report
    repeating a text or passage word for word finds its group however long ago.
    """

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.text_groups: list[EventGroup[Item]] = []
        self.passages: list[str] = []
        self.passage_groups: list[EventGroup[Item]] = []
        self.open: dict[int, EventGroup[Item]] = {}
        """Groups compared by similarity, least recently reported first."""
        self.verbatim: dict[str, EventGroup[Item]] = {}
        """Each text and passage of a group's sample: the first group to give it."""
        self.listed: set[int] = set()
        """Groups whose sample is in the lists compared (closed ones until compacted)."""

    def best(self, text: str, passages: Sequence[str], article: int) -> EventGroup[Item] | None:
        """The group most like a report of ``article``, earliest on a tie; None if none is."""
        scores: dict[int, float] = {}
        groups: dict[int, EventGroup[Item]] = {}
        similar = [
            (score, self.text_groups[i]) for score, i in _matches(text, self.texts, WHAT_SIMILARITY)
        ]
        for passage in passages:
            similar += [
                (score, self.passage_groups[i])
                for score, i in _matches(passage, self.passages, EVIDENCE_SIMILARITY)
            ]
        found = [(100.0, self.verbatim[w]) for w in (text, *passages) if w in self.verbatim]
        found += [(score, group) for score, group in similar if group.index in self.open]
        for score, group in found:
            fresh = group.latest is None or group.latest.article != article
            if fresh and score > scores.get(group.index, 0.0):
                scores[group.index] = score
                groups[group.index] = group
        if not scores:
            return None
        return groups[min(scores, key=lambda index: (-scores[index], index))]

    def file(self, text: str, passages: Sequence[str], group: EventGroup[Item]) -> None:
        """Keep the wording of a report in the group's sample while it has room.

        The group becomes the most recently reported; past :data:`OPEN_EVENTS`, the
        least recently reported one is no longer compared by similarity.
        """
        self.open.pop(group.index, None)
        self.open[group.index] = group
        if group.index not in self.listed:
            self.listed.add(group.index)
            for wording in group.texts:
                self.texts.append(wording)
                self.text_groups.append(group)
            for wording in group.passages:
                self.passages.append(wording)
                self.passage_groups.append(group)
        if text and text not in group.texts and len(group.texts) < SAMPLE:
            group.texts.append(text)
            self.texts.append(text)
            self.text_groups.append(group)
            self.verbatim.setdefault(text, group)
        for passage in passages:
            if passage not in group.passages and len(group.passages) < SAMPLE:
                group.passages.append(passage)
                self.passages.append(passage)
                self.passage_groups.append(group)
                self.verbatim.setdefault(passage, group)
        if len(self.open) > OPEN_EVENTS:
            del self.open[next(iter(self.open))]
            if len(self.listed) > OPEN_EVENTS + OPEN_EVENTS // 4:
                self._compact()

    def _compact(self) -> None:
        """Drop the wording of the groups no longer compared by similarity."""
        self.texts, self.text_groups = _kept(self.texts, self.text_groups, self.open)
        self.passages, self.passage_groups = _kept(self.passages, self.passage_groups, self.open)
        self.listed = set(self.open)


def _kept(
    wordings: list[str], groups: list[EventGroup[Item]], open_groups: dict[int, EventGroup[Item]]
) -> tuple[list[str], list[EventGroup[Item]]]:
    pairs = [(w, g) for w, g in zip(wordings, groups, strict=True) if g.index in open_groups]
    return [w for w, _ in pairs], [g for _, g in pairs]


def _matches(query: str, choices: list[str], cutoff: float) -> list[tuple[float, int]]:
    """(score, position) of each choice at least ``cutoff`` similar to ``query``."""
    if not query or not choices:
        return []
    found = process.extract(
        query, choices, scorer=fuzz.token_set_ratio, score_cutoff=cutoff, limit=None
    )
    return [(score, position) for _, score, position in found]


class EventGrouper(Generic[Item]):
    """Assigns each sighting to an :class:`EventGroup`, comparing only same-party ones.

    Each sighting is compared with the sampled texts and passages of its party key's
    groups at once (``rapidfuzz.process``).
    """

    def __init__(self) -> None:
        self.groups: list[EventGroup[Item]] = []
        self._blocks: dict[EventKey, _Block[Item]] = {}

    def add(
        self, sighting: Sighting[Item], key: EventKey, party_words: Iterable[str], step: str
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
        best.take(sighting, step)
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
