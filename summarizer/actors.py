"""CAMEO actor codes of parties, from the Phoenix/PETRARCH actor and agent dictionaries.

A CAMEO actor code is a run of three-letter segments: a country (ISO 3166-1 alpha-3, as
``USA``) or an international type (``IGO``, ``NGO``, ``IMG``, ``MNC``), then sectors
(``GOV``, ``MIL``, ``REB``, ``COP`` …) or a named organisation (``IGOUNO`` the United
Nations, ``IGOWSTNAT`` NATO, ``PSEREBHMS`` Hamas).

:func:`actor_code` codes a party the way PETRARCH codes a noun phrase:

1. a state is its country code;
2. a party the actor dictionary names (any of its names, with or without a title) takes
   that actor's code on the date given, else its current one (an open-ended or default
   code; an actor whose every code has ended, say a minister out of office since 2006,
   has none);
3. otherwise a country named by the party's affiliation, role or name, plus the sector
   of the longest agent phrase in its role or name ("Japanese Defense Minister" →
   ``JPNGOV``, "U.S. Navy" → ``USAMIL``).

Data: ``summarizer/data/actors.tsv.gz``, derived from openeventdata/petrarch2 by
``scripts/build_actors.py`` (MIT License, Copyright (c) 2014 Open Event Data Alliance;
see ``summarizer/data/ACTORS.md``). The dictionaries date from 2014: later office holders
are coded through their role.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from summarizer.membership import role_countries
from summarizer.names import countries_in, country_code, name_key, strip_title
from summarizer.schema import PartyKind

MAX_AGENT_WORDS = 6
"""Longest agent phrase looked for, in words."""


@dataclass(frozen=True)
class Actor:
    """An actor of the dictionary: its codes, each valid from ``start`` to ``end`` (ISO dates)."""

    codes: tuple[tuple[str, str | None, str | None], ...]
    """(code, start, end); both ends None for a default code, either None when open."""

    def code_on(self, day: date | None = None) -> str | None:
        """The code on ``day``; without one, the current code (open-ended, else default)."""
        defaults = [c for c, start, end in self.codes if start is None and end is None]
        if day is not None:
            when = day.isoformat()
            for code, start, end in self.codes:
                if (start or end) and (start or "") <= when and (end is None or when <= end):
                    return code
            return defaults[0] if defaults else None
        open_ended = [c for c, start, end in self.codes if start is not None and end is None]
        current = open_ended or defaults
        return current[-1] if current else None


@dataclass(frozen=True)
class _Tables:
    actors: dict[str, Actor]
    agents: dict[str, str]


@cache
def _tables() -> _Tables:
    raw = resources.files("summarizer").joinpath("data/actors.tsv.gz").read_bytes()
    actors: dict[str, Actor] = {}
    agents: dict[str, str] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        kind, codes, keys = line.split("\t") if not line.startswith("#") else ("#", "", "")
        if kind == "A":
            actor = Actor(tuple(map(_restriction, codes.split())))
            for key in keys.split("|"):
                actors.setdefault(key, actor)
        elif kind == "G":
            agents.setdefault(keys, codes)
    return _Tables(actors, agents)


def _restriction(text: str) -> tuple[str, str | None, str | None]:
    code, _, when = text.partition("@")
    if not when:
        return code, None, None
    start, _, end = when.partition("..")
    return code, start or None, end or None


def dictionary_actor(name: str) -> Actor | None:
    """The dictionary's actor for ``name``, as written or without its title, if any."""
    actors = _tables().actors
    return actors.get(name_key(name)) or actors.get(name_key(strip_title(name)))


def agent_code(phrase: str) -> str | None:
    """The sector code of the longest agent phrase in ``phrase`` (``~GOV``, ``NGO~``).

    The last one on a tie, since an English noun phrase ends with its head.
    """
    agents = _tables().agents
    words = name_key(phrase).split()
    for size in range(min(MAX_AGENT_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size, -1, -1):
            code = agents.get(" ".join(words[start : start + size]))
            if code:
                return code
    return None


def actor_code(
    names: Sequence[str],
    kind: PartyKind,
    role: str | None = None,
    affiliation: str | None = None,
    day: date | None = None,
) -> str | None:
    """The CAMEO actor code of a party, or None where neither dictionary tells.

    Args:
        names: the party's name first, then its aliases.
        kind: its kind; a state is coded by its country alone.
        role: its role or title as stated ("US Secretary of State").
        affiliation: who it belongs to, as stated.
        day: the date the code should hold on (an actor's code changes with office);
            without it, the current code.
    """
    if kind is PartyKind.STATE:
        state = next(filter(None, map(country_code, names)), None)
        if state:
            return state
    country = _country(names, role, affiliation)
    for name in names:
        actor = dictionary_actor(name)
        code = actor.code_on(day) if actor else None
        if code and (kind is not PartyKind.PERSON or _fits_person(code, country)):
            return code
    if country is None:
        return None
    phrases = [role] if kind is PartyKind.PERSON else [*names, role]
    sector = next(filter(None, (agent_code(p) for p in phrases if p)), None)
    if sector is None:
        return None
    return sector.rstrip("~") + country if sector.endswith("~") else country + sector.lstrip("~")


def _fits_person(code: str, country: str | None) -> bool:
    """Whether a person may carry ``code``.

    Not a place's bare country code ("Austin" the city is ``USA``), nor another country's
    than the one the role or affiliation names.
    """
    return len(code) > 3 and (country is None or code[:3] == country)


def _country(names: Sequence[str], role: str | None, affiliation: str | None) -> str | None:
    """The one country the affiliation, else the role, else a name names, if just one.

    A role counts only the countries it names as the person's own
    (:func:`summarizer.membership.role_countries`: "US ambassador to China" is American).
    """
    readings = [
        countries_in(affiliation or ""),
        role_countries(role or ""),
        *map(countries_in, names),
    ]
    for found in readings:
        if found:
            return found.pop() if len(found) == 1 else None
    return None
