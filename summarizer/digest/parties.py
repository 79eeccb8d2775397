"""Unifying the parties of many briefings: one party however each article names it.

The rules, each to keep different actors apart:

- A code, when present, is the merge key: states join by their ISO 3166-1 alpha-3 code
  (the one their name gives, else the briefing's; a party of another kind whose
  briefing places it in another country than its name, as Georgia the US state, is no
  state), other non-persons by a CAMEO code
  that names one actor (``IGOUNO``, not ``USAMIL``, the code of every US military
  body); two such parties with different codes never join, nor two whose codes name
  different countries or types (``IGOUNO`` and ``UKRMIL``, though "UN" are the
  initials of "Ukrainian Navy").
- Other non-persons join when :func:`summarizer.names.same_name` accepts one of their
  names ("NATO", "North Atlantic Treaty Organization"), unless the article writes the
  name as a common noun ("the police", "the government", "security forces"): such a
  collective joins only the same name of the same country ("Russian troops"); without a
  country ("Police") it stands for the several actors of its articles, counted under
  one name and marked :attr:`PartyGroup.common_noun`, never one actor.
- People join only by their full name (titles aside; see
  :func:`summarizer.names.same_full_name`): different first names are different people,
  and so are middle names that differ ("George H. W. Bush", "George W. Bush") and a
  generational suffix ("Donald Trump Jr."), as relatives sharing a name are. A name a
  briefing gives a person that its main name rules out ("Hunter Biden" as an alias of
  "Joe Biden") is dropped. Two people whose countries differ stay apart.
- A bare name ("Morrison", "Secretary Austin", "Assad", "Xi") is held apart until the
  whole batch is read, then joins the one full name of the batch it can denote (see
  :func:`summarizer.names.bare_names`), if just one (not counting people of another
  country).
- A person named by an office alone ("Chinese Foreign Minister", "Secretary of State")
  is whoever holds it: it joins only the same office of the same country, and without a
  country ("the President") it stands for several people, marked like a collective.
- Roles and affiliations never join parties. An affiliation counts only when the role
  says the party is part of what it is affiliated to
  (:func:`summarizer.membership.role_names_membership`): "North Korea expert", "Trump's
  rival" or "ambassador to China" is no member of North Korea, of Trump's camp or of
  China.

Each party is looked up through an index of name keys and codes, so it is compared with
a handful of others however many the batch holds, and each group keeps a bounded amount
of what the articles say of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarizer.digest.model import LISTED
from summarizer.digest.party_names import (
    Office,
    PersonName,
    common_noun,
    fullness,
    lookups,
    office,
    own_names,
    person_name,
    same_person,
    stored,
    without_country,
)
from summarizer.membership import role_names_membership
from summarizer.names import bare_names, country_code, country_name, name_key, same_name
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
    fulls: list[PersonName] = field(default_factory=list)
    """A person's full names, as compared (at most :data:`MAX_NAMES`)."""
    surname: str | None = None
    """Set while the party is known by a bare name only."""
    common_noun: bool = False
    """Named by a common noun without a country ("Police"): several actors, not one."""
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

        A person's fullest name is no office's and has the most words once titles are
        stripped, then the fewest titles ("Lloyd Austin" over "Secretary Austin" and
        "Austin", "Wang Yi" over "Chinese Foreign Minister").
        """
        if self.country and self.kind is PartyKind.STATE:
            return country_name(self.country) or self._usual()
        if self.person:
            return max(self.shown, key=fullness)
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
        self.fulls += [f for f in other.fulls if f not in self.fulls][: MAX_NAMES - len(self.fulls)]
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
        if party.kind is PartyKind.PERSON:
            group = self._add_person(party)
        else:
            group = self._add_other(party)
        group.shown[party.name] += 1
        group.kinds[party.kind] += 1
        if party.cameo_code:
            group.codes[party.cameo_code] += 1
        if party.role:
            _add_role(group.roles, party.role)
        group.mention(article, party.id, party.name)
        return group

    def affiliate(self, group: PartyGroup, boss: PartyGroup, role: str | None) -> bool:
        """Count ``boss`` as an affiliation of ``group`` if the role allows; whether it did.

        The rule is :func:`summarizer.membership.role_names_membership`'s.
        """
        if boss is group or not role_names_membership(role, boss.kind, boss.names):
            return False
        group.affiliations[boss.index] += 1
        return True

    def resolve_surnames(self) -> None:
        """Join each bare-name party to the one full name of the batch it can denote."""
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

    def _add_person(self, party: Party) -> PartyGroup:
        held = office(party)
        if held is not None:
            return self._add_office(party, held)
        names = own_names(party)
        fulls = [n for n in map(person_name, names) if n.full]
        country = party.country_code
        group = self._match_person(names, fulls, country)
        if group is None:
            group = self._new(person=True)
            if not fulls:
                group.surname = next(filter(None, (person_name(n).bare for n in names)), None)
                if group.surname:
                    self._file(("bare", group.surname), group)
        self._take_names(group, names)
        for full in fulls:
            if full not in group.fulls and len(group.fulls) < MAX_NAMES:
                group.fulls.append(full)
                self._file(("person", full.key), group)
                for word in bare_names(list(full.words)):
                    self._file(("surname", word), group)
        if country:
            group.countries[country] += 1
        return group

    def _add_office(self, party: Party, held: Office) -> PartyGroup:
        """A person named by an office alone: the same office of the same country, if any.

        Without a country or a body it is held in ("the President", "a spokesman"), it
        stands for whoever holds such an office in each article: several people, marked
        :attr:`PartyGroup.common_noun`.
        """
        entry = ("office", f"{held.country or ''} {held.title}")
        found = self._candidates([entry], True)
        group = found[0] if found else self._new(person=True)
        if not found:
            group.common_noun = held.country is None and held.generic
            self._file(entry, group)
        self._take_names(group, [party.name, *party.aliases])
        if held.country:
            group.countries[held.country] += 1
        return group

    def _add_other(self, party: Party) -> PartyGroup:
        names = [party.name, *party.aliases]
        state = next(filter(None, map(country_code, names)), None)
        if state is None and party.kind is PartyKind.STATE:
            state = party.country_code
        elif party.kind is not PartyKind.STATE and party.country_code not in (None, state):
            state = None  # a namesake of another country's: Georgia, the US state
        country = party.country_code or state
        code = identifying_code(party.cameo_code)
        if state is None and code is None and common_noun(party):
            return self._add_collective(names, party.country_code)
        group = self._match(names, country, state, party.cameo_code)
        if group is None:
            group = self._new(person=False)
        for name in self._take_names(group, names):
            for entry in stored(name):
                self._file(entry, group)
        if state is not None:
            self._file(("state", state), group)
        if code is not None:
            self._file(("code", code), group)
        if country:
            group.countries[country] += 1
        return group

    def _add_collective(self, names: Sequence[str], country: str | None) -> PartyGroup:
        """A collective named by a common noun: the same name of the same country, if any.

        Found by its name only ("Coalition forces"), not by the shorter names an article
        gives it ("forces"); the country is the briefing's, else the one its name gives
        ("US officials" and "American officials" are one party).
        """
        words, named = without_country(names[0])
        country = country or named
        entry = ("collective", f"{country or ''} {' '.join(words)}")
        found = self._candidates([entry], False)
        group = found[0] if found else self._new(person=False)
        if not found:
            group.common_noun = country is None
            self._file(entry, group)
        self._take_names(group, names)
        if country:
            group.countries[country] += 1
        return group

    def _take_names(self, group: PartyGroup, names: Sequence[str]) -> list[str]:
        """Add the names ``group`` does not have yet (while it has room); those added."""
        added = []
        for name in names:
            key = name_key(name)
            if key and key not in group.keys and len(group.names) < MAX_NAMES:
                group.keys.add(key)
                group.names.append(name)
                added.append(name)
        return added

    def _new(self, person: bool) -> PartyGroup:
        group = PartyGroup(index=len(self.groups), person=person)
        self.groups.append(group)
        return group

    def _file(self, entry: tuple[str, str], group: PartyGroup) -> None:
        listed = self._index.setdefault(entry, [])
        if group.index not in listed:
            listed.append(group.index)

    def _match(
        self, names: Sequence[str], country: str | None, state: str | None, code: str | None
    ) -> PartyGroup | None:
        keyed = identifying_code(code)
        entries = [("code", keyed)] if keyed else []
        entries += [("state", state)] if state else []
        for entry in entries:
            found = self._candidates([entry], False)
            if found:
                return found[0]
        sought = [entry for n in names for entry in lookups(n)]
        candidates = [
            g
            for g in self._candidates(sought, False)
            if _compatible(g.country, country)
            and _compatible(identifying_code(g.code), keyed)
            and _compatible(_code_country(g.code), _code_country(code))
        ]
        keys = {name_key(n) for n in names}
        exact = next((g for g in candidates if keys & g.keys), None)
        return exact or next(
            (g for g in candidates if any(same_name(a, b) for a in g.names for b in names)),
            None,
        )

    def _match_person(
        self, names: Sequence[str], fulls: Sequence[PersonName], country: str | None
    ) -> PartyGroup | None:
        if fulls:
            entries = [("person", full.key) for full in fulls]
        else:
            entries = [("bare", n.bare) for n in map(person_name, names) if n.bare]
        for group in self._candidates(entries, True):
            if not _compatible(group.country, country):
                continue
            if fulls and group.surname is None and same_person(group.fulls, fulls):
                return group
            if not fulls and group.surname is not None:
                return group
        return None

    def _candidates(self, entries: Sequence[tuple[str, str]], person: bool) -> list[PartyGroup]:
        found = {self.find(i).index for e in entries for i in self._index.get(e, [])}
        return [g for g in map(self.groups.__getitem__, sorted(found)) if g.person == person]


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


def _code_country(code: str | None) -> str | None:
    """The first segment of a CAMEO code: its country or type (``USA``, ``IGO``)."""
    return code[:3] if code else None
