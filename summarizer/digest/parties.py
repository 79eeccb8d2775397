"""Unifying the parties of many briefings: one party however each article names it.

Two parties are the same when :func:`summarizer.names.same_party` says so for any of
their names ("US", "United States", "Washington"; "Austin", "Lloyd Austin") and they are
both persons or both not. A party joins the earliest party that shares a name key with
it, else the earliest that matches by the looser rules; parties once apart stay apart.

Candidates come from an index of name keys, country codes, acronyms and surnames, so
each party is compared with a handful of others however many the batch holds; what the
index needs of a name is worked out once per distinct name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from summarizer.names import (
    acronym,
    country_code,
    country_name,
    name_key,
    same_party,
    strip_title,
)
from summarizer.schema import Party, PartyKind

_KIND_ORDER = list(PartyKind)


@dataclass
class PartyGroup:
    """A party of the digest, as gathered so far from the articles naming it."""

    index: int
    person: bool
    names: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    shown: Counter[str] = field(default_factory=Counter)
    kinds: Counter[PartyKind] = field(default_factory=Counter)
    country: str | None = None
    roles: list[str] = field(default_factory=list)
    affiliations: Counter[int] = field(default_factory=Counter)
    mentions: list[tuple[str, str, str]] = field(default_factory=list)
    """(article id, party id in its briefing, name there), in the order seen."""

    @property
    def articles(self) -> list[str]:
        """Ids of the articles mentioning the party, each once."""
        return list(dict.fromkeys(article for article, _, _ in self.mentions))

    @property
    def kind(self) -> PartyKind:
        """The kind most articles give it; on a tie, the first in :class:`PartyKind`."""
        return min(self.kinds, key=lambda k: (-self.kinds[k], _KIND_ORDER.index(k)))

    @property
    def name(self) -> str:
        """The name to show: the country's name, a person's fullest name, else the usual one.

        A person's fullest name has the most words once titles are stripped, then the
        fewest titles ("Lloyd Austin" over "Secretary Austin" and "Austin").
        """
        if self.country and self.kind is PartyKind.STATE:
            return country_name(self.country) or self._usual()
        if self.person:
            return max(self.shown, key=_fullness)
        return self._usual()

    def _usual(self) -> str:
        return min(self.shown, key=lambda n: (-self.shown[n], -len(n), n))


class PartyUnifier:
    """Assigns each party of each briefing to a :class:`PartyGroup`."""

    def __init__(self) -> None:
        self.groups: list[PartyGroup] = []
        self._index: dict[tuple[str, str], list[int]] = {}

    def add(self, article: str, party: Party) -> PartyGroup:
        """The group ``party`` of ``article`` belongs to, created if none matches."""
        names = [party.name, *party.aliases]
        group = self._match(names, party.kind is PartyKind.PERSON)
        if group is None:
            group = PartyGroup(index=len(self.groups), person=party.kind is PartyKind.PERSON)
            self.groups.append(group)
        for name in names:
            facts = _facts(name)
            if facts.key and facts.key not in group.keys:
                group.keys.add(facts.key)
                group.names.append(name)
                for entry in facts.stored:
                    self._index.setdefault(entry, []).append(group.index)
            group.country = group.country or facts.country
        group.shown[party.name] += 1
        group.kinds[party.kind] += 1
        role = party.role
        if role and all(_facts(r).key != _facts(role).key for r in group.roles):
            group.roles.append(role)
        group.mentions.append((article, party.id, party.name))
        return group

    def _match(self, names: Sequence[str], person: bool) -> PartyGroup | None:
        facts = [_facts(n) for n in names]
        found = {i for f in facts for entry in f.lookups for i in self._index.get(entry, [])}
        candidates = [g for g in map(self.groups.__getitem__, sorted(found)) if g.person == person]
        keys = {f.key for f in facts if f.key}
        exact = next((g for g in candidates if keys & g.keys), None)
        return exact or next((g for g in candidates if same_party(g.names, names)), None)


def _fullness(name: str) -> tuple[int, int]:
    words = len(strip_title(name).split())
    return words, words - len(name.split())


@dataclass(frozen=True)
class _Facts:
    """What the index needs of a name, worked out once per distinct name."""

    key: str
    country: str | None
    stored: tuple[tuple[str, str], ...]
    """Index entries the name is stored under."""
    lookups: tuple[tuple[str, str], ...]
    """Index entries to look the name up by."""


@lru_cache(maxsize=65536)
def _facts(name: str) -> _Facts:
    """The name's key and country, and its index entries.

    A name is stored under its key and its acronym, and looked up by its key and by its
    key as an acronym and its acronym as a key; likewise under its country code and the
    last word of its untitled form, so that every pair of names
    :func:`~summarizer.names.same_name` can accept shares an entry.
    """
    key = name_key(name)
    code = country_code(name)
    if not key:
        return _Facts(key, code, (), ())
    initials = acronym(name)
    words = name_key(strip_title(name)).split()
    common = [("country", code)] if code else []
    common += [("surname", words[-1])] if words else []
    stored = [("key", key), *([("acronym", initials)] if initials else []), *common]
    lookups = [("key", key), ("acronym", key), *([("key", initials)] if initials else [])]
    return _Facts(key, code, tuple(stored), tuple(lookups + common))
