"""Unifying the parties of many briefings: one party however each article names it.

The rules, each to keep different actors apart:

- A code, when present, is the merge key: states join by their ISO 3166-1 alpha-3 code,
  other non-persons by a CAMEO code that names one actor (``IGOUNO``, not ``USAMIL``,
  the code of every US military body); two such parties with different codes never join.
- Other non-persons join when :func:`summarizer.names.same_name` accepts one of their
  names ("NATO", "North Atlantic Treaty Organization").
- People join only by their full name (titles and middle initials aside): different
  first names are different people, and so is a relative sharing a surname. A name
  a briefing gives a person that its main name rules out ("Hunter Biden" as an alias of
  "Joe Biden") is dropped. Two people whose countries differ stay apart.
- A bare surname ("Morrison", "Secretary Austin") is held apart until the whole batch is
  read, then joins the one full name with that surname the batch holds, if just one
  (not counting people of another country).
- Roles and affiliations never join parties. An affiliation counts only when the role
  says the party is part of what it is affiliated to: "North Korea expert" or "Trump's
  rival" is no member of North Korea or of Trump's camp.

Each party is looked up through an index of name keys and codes, so it is compared with
a handful of others however many the batch holds, and each group keeps a bounded amount
of what the articles say of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from summarizer.digest.model import LISTED
from summarizer.names import (
    acronym,
    country_code,
    country_name,
    name_key,
    same_name,
    strip_title,
)
from summarizer.schema import Party, PartyKind

_KIND_ORDER = list(PartyKind)

MAX_NAMES = 100
"""Names kept per party (the most distinct ways the batch names one actor)."""

MAX_ROLES = 10
"""Roles kept per party."""

GENERIC_SEGMENTS = frozenset(
    """
    IGO NGO IMG MNC NGM UIS ELI GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LEG HLH
    REF HRI LAB AGR DEV ENV RAD UAF INS PPL REL SET MOD CON MUS CHR JEW HIN BUD
    """.split()
)
"""CAMEO segments naming a sector or a type, not one actor."""

MEMBERSHIP_WORDS = frozenset(
    """
    minister ministry secretary spokesman spokeswoman spokesperson member official officials
    adviser advisor aide envoy ambassador chief head leader director commander general
    president chairman chairwoman chair officer representative senator lawmaker diplomat
    staff agent employee deputy governor mayor premier chancellor king queen emir
    negotiator delegate delegation soldier soldiers troops commissioner administrator
    """.split()
)
"""Role words saying the party is part of what it is affiliated to."""

RELATION_WORDS = frozenset(
    """
    rival rivals opponent critic challenger enemy foe son daughter brother sister wife
    husband father mother friend ally expert analyst observer counterpart nephew niece
    cousin widow scholar researcher professor watcher specialist
    """.split()
)
"""Role words naming a relation to, or knowledge of, another party: no membership."""


@dataclass(slots=True)
class PartyGroup:
    """A party of the digest, as gathered so far from the articles naming it."""

    index: int
    person: bool
    names: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    shown: Counter[str] = field(default_factory=Counter)
    kinds: Counter[PartyKind] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    affiliations: Counter[int] = field(default_factory=Counter)
    article_count: int = 0
    mentions: list[tuple[int, str, str]] = field(default_factory=list)
    """(article number, party id in its briefing, name there): the first :data:`LISTED`."""
    surname: str | None = None
    """Set while the party is known by a bare surname only."""
    _last: int = -1

    @property
    def articles(self) -> list[int]:
        """Numbers of the first articles mentioning the party, each once."""
        return list(dict.fromkeys(article for article, _, _ in self.mentions))

    @property
    def kind(self) -> PartyKind:
        """The kind most articles give it; on a tie, the first in :class:`PartyKind`."""
        return min(self.kinds, key=lambda k: (-self.kinds[k], _KIND_ORDER.index(k)))

    @property
    def country(self) -> str | None:
        """The country most articles give it."""
        return _most(self.countries)

    @property
    def code(self) -> str | None:
        """The CAMEO code most articles give it."""
        return _most(self.codes)

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

    def mention(self, article: int, party_id: str, name: str) -> None:
        """Count one more mention (articles come in order, so a repeat is the last one)."""
        if article != self._last:
            self._last = article
            self.article_count += 1
        if len(self.mentions) < LISTED:
            self.mentions.append((article, party_id, name))

    def absorb(self, other: PartyGroup) -> None:
        """Take in the mentions and facts of ``other``, the same party found late."""
        shared = {a for a, _, _ in self.mentions} & {a for a, _, _ in other.mentions}
        self.article_count += other.article_count - len(shared)
        self.mentions = sorted(self.mentions + other.mentions)[:LISTED]
        for name in other.names:
            if name_key(name) not in self.keys and len(self.names) < MAX_NAMES:
                self.keys.add(name_key(name))
                self.names.append(name)
        for mine, theirs in (
            (self.shown, other.shown),
            (self.kinds, other.kinds),
            (self.countries, other.countries),
            (self.codes, other.codes),
            (self.affiliations, other.affiliations),
        ):
            mine.update(theirs)  # type: ignore[arg-type]
        for role in other.roles:
            _add_role(self.roles, role)


class PartyUnifier:
    """Assigns each party of each briefing to a :class:`PartyGroup`."""

    def __init__(self) -> None:
        self.groups: list[PartyGroup] = []
        self._index: dict[tuple[str, str], list[int]] = {}
        self._parent: dict[int, int] = {}

    def find(self, index: int) -> PartyGroup:
        """The group that group ``index`` ended up in."""
        while index in self._parent:
            index = self._parent[index]
        return self.groups[index]

    @property
    def parties(self) -> list[PartyGroup]:
        """The groups, those absorbed into another left out."""
        return [g for g in self.groups if g.index not in self._parent]

    def add(self, article: int, party: Party) -> PartyGroup:
        """The group ``party`` of ``article`` belongs to, created if none matches."""
        person = party.kind is PartyKind.PERSON
        names = _own_names(party) if person else [party.name, *party.aliases]
        state = None if person else next(filter(None, map(country_code, names)), None)
        country = party.country_code or state
        code = identifying_code(party.cameo_code) if not person else None
        group = self._match(names, person, country, state, code)
        if group is None:
            group = self._new(person, names)
        for name in names:
            key = name_key(name)
            if key and key not in group.keys and len(group.names) < MAX_NAMES:
                group.keys.add(key)
                group.names.append(name)
                for entry in _stored(name, person):
                    self._file(entry, group)
        if state is not None:
            self._file(("state", state), group)
        if code is not None:
            self._file(("code", code), group)
        group.shown[party.name] += 1
        group.kinds[party.kind] += 1
        if country:
            group.countries[country] += 1
        if party.cameo_code:
            group.codes[party.cameo_code] += 1
        if party.role:
            _add_role(group.roles, party.role)
        group.mention(article, party.id, party.name)
        return group

    def affiliate(self, group: PartyGroup, boss: PartyGroup, role: str | None) -> bool:
        """Count ``boss`` as an affiliation of ``group`` if the role allows; whether it did."""
        if boss is group or not member(role):
            return False
        group.affiliations[boss.index] += 1
        return True

    def resolve_surnames(self) -> None:
        """Join each bare-surname party to the one full name of the batch it can denote."""
        for group in self.parties:
            if group.surname is None:
                continue
            found = {self.find(i).index for i in self._index.get(("surname", group.surname), [])}
            fits = [
                self.groups[i]
                for i in sorted(found)
                if self.groups[i].surname is None
                and _compatible(self.groups[i].country, group.country)
            ]
            if len(fits) == 1:
                fits[0].absorb(group)
                self._parent[group.index] = fits[0].index

    def _new(self, person: bool, names: Sequence[str]) -> PartyGroup:
        group = PartyGroup(index=len(self.groups), person=person)
        if person and not any(_full(n) for n in names):
            group.surname = next((_untitled(n)[-1] for n in names if _untitled(n)), None)
            if group.surname:
                self._file(("bare", group.surname), group)
        self.groups.append(group)
        return group

    def _file(self, entry: tuple[str, str], group: PartyGroup) -> None:
        listed = self._index.setdefault(entry, [])
        if group.index not in listed:
            listed.append(group.index)

    def _match(
        self,
        names: Sequence[str],
        person: bool,
        country: str | None,
        state: str | None,
        code: str | None,
    ) -> PartyGroup | None:
        if person:
            return self._match_person(names, country)
        keyed = [("code", code)] if code else []
        keyed += [("state", state)] if state else []
        for entry in keyed:
            found = self._candidates([entry], person)
            if found:
                return found[0]
        lookups = [entry for n in names for entry in _lookups(n)]
        candidates = [
            g
            for g in self._candidates(lookups, person)
            if _compatible(g.country, country) and _compatible(identifying_code(g.code), code)
        ]
        keys = {name_key(n) for n in names}
        exact = next((g for g in candidates if keys & g.keys), None)
        return exact or next(
            (g for g in candidates if any(same_name(a, b) for a in g.names for b in names)),
            None,
        )

    def _match_person(self, names: Sequence[str], country: str | None) -> PartyGroup | None:
        full = [_person_key(n) for n in names if _full(n)]
        entries = [("person", k) for k in full]
        if not full:
            entries = [("bare", w[-1]) for w in map(_untitled, names) if w]
        for group in self._candidates(entries, True):
            if _compatible(group.country, country) and (full or group.surname is not None):
                return group
        return None

    def _candidates(self, entries: Sequence[tuple[str, str]], person: bool) -> list[PartyGroup]:
        found = {self.find(i).index for e in entries for i in self._index.get(e, [])}
        return [g for g in map(self.groups.__getitem__, sorted(found)) if g.person == person]


def member(role: str | None) -> bool:
    """Whether a role says its party is part of what it is affiliated to.

    True without a role, or when the role has a word of membership ("minister of",
    "spokesperson for", "member of", "official") and none of a relation ("rival",
    "expert", "son").
    """
    if not role:
        return True
    words = set(name_key(role).split())
    return bool(words & MEMBERSHIP_WORDS) and not words & RELATION_WORDS


def identifying_code(code: str | None) -> str | None:
    """``code`` if it names one actor (``IGOUNO``), else None (``USAMIL``, ``NGO``).

    A code names one actor when a segment after the first is neither a place nor a
    sector or type (:data:`GENERIC_SEGMENTS`).
    """
    if not code or len(code) <= 3:
        return None
    segments = [code[i : i + 3] for i in range(3, len(code), 3)]
    return code if any(s not in GENERIC_SEGMENTS for s in segments) else None


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _most(counts: Counter[str]) -> str | None:
    return min(counts, key=lambda c: (-counts[c], c)) if counts else None


def _add_role(roles: list[str], role: str) -> None:
    if len(roles) < MAX_ROLES and all(name_key(r) != name_key(role) for r in roles):
        roles.append(role)


@lru_cache(maxsize=65536)
def _untitled(name: str) -> tuple[str, ...]:
    return tuple(name_key(strip_title(name)).split())


def _full(name: str) -> bool:
    """Whether a person's name holds more than a surname, titles aside."""
    return len(_untitled(name)) >= 2


@lru_cache(maxsize=65536)
def _person_key(name: str) -> str:
    """A full name without titles or middle initials ("George W. Bush" → "george bush")."""
    words = _untitled(name)
    kept = [w for i, w in enumerate(words) if len(w) > 1 or i in (0, len(words) - 1)]
    return " ".join(kept)


def _own_names(party: Party) -> list[str]:
    """A person's names that its main name allows: no other first name, no other surname."""
    main = party.name
    kept = [main]
    for alias in party.aliases:
        if alias not in kept and (not _full(alias) or not _full(main) or same_name(main, alias)):
            kept.append(alias)
    return kept


def _fullness(name: str) -> tuple[int, int]:
    words = len(strip_title(name).split())
    return words, words - len(name.split())


@lru_cache(maxsize=65536)
def _stored(name: str, person: bool) -> tuple[tuple[str, str], ...]:
    """Index entries a name is filed under."""
    if person:
        words = _untitled(name)
        if len(words) < 2:
            return ()
        return (("person", _person_key(name)), ("surname", words[-1]))
    key = name_key(name)
    if not key:
        return ()
    initials = acronym(name)
    return (("key", key), *([("acronym", initials)] if initials else []))


@lru_cache(maxsize=65536)
def _lookups(name: str) -> tuple[tuple[str, str], ...]:
    """Index entries to look a non-person's name up by: its key, as a key and as an acronym."""
    key = name_key(name)
    if not key:
        return ()
    initials = acronym(name)
    return (("key", key), ("acronym", key), *([("key", initials)] if initials else []))
