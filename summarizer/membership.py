"""Whether a person's role makes them part of a party: the words of offices and fields.

A role names whom a person belongs to through an office or a job ("Taliban spokesman",
"minister of Japan", "analyst at Mandiant"); never through a field of knowledge where the
party is the field ("North Korea expert", "Middle East correspondent": a state there is
the subject, an organisation the employer), a relation ("Trump's rival", "son of the
former president") or a destination ("ambassador to China"). A person belongs to states
and organisations, never to another person.

The offline engine applies these words to a sentence's parse
(:mod:`summarizer.engines.offline.roles`); :func:`role_names_membership` applies them to
a role as a briefing states it. Words are name keys (:func:`summarizer.names.name_key`)
or lemmas.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.names import country_code, name_key
from summarizer.schema import PartyKind

OFFICE_NOUNS = frozenset(
    """
    president vice prime minister secretary spokesman spokeswoman spokesperson ambassador
    envoy general commander chief official officials leader head director governor mayor
    senator lawmaker legislator diplomat officer negotiator chairman chairwoman chair
    premier king queen prince emir sheikh member members representative delegate
    counterpart counterparts adviser advisor aide deputy undersecretary attache consul
    prosecutor judge minister ministers chancellor lieutenant colonel admiral captain
    sergeant soldier employee staffer founder executive ceo cto cfo manager host anchor
    presenter
    """.split()
)
"""Nouns of a role that hold an office or job: the party modifying them is who the person
belongs to ("Taliban spokesman", "Chinese President", "Japan's foreign minister")."""

FIELD_NOUNS = frozenset(
    """
    expert experts specialist specialists scholar scholars watcher watchers hawk hawks
    critic critics observer observers historian historians analyst analysts researcher
    researchers correspondent correspondents reporter reporters commentator commentators
    editor economist strategist lecturer professor fellow columnist
    """.split()
)
"""Nouns of a field of knowledge: a state or region modifying them is the field, not an
employer ("North Korea expert", "Middle East correspondent"); an organisation is one."""

MEMBERSHIP_PREPOSITIONS = frozenset("of for at with from".split())
"""Prepositions after a role that name whom the person belongs to ("minister of",
"spokesperson for", "analyst at"), unlike "ambassador to" or "expert on"."""

PREPOSITIONS = MEMBERSHIP_PREPOSITIONS | frozenset(
    "to on in about against over toward towards into by under within between among".split()
)
"""Prepositions that end the head of a role ("ambassador | to China")."""

_WORD_BREAKS = re.compile(r"[\s\-‐‑–—/]+")
_SKIPPED = frozenset({"the", "a", "an"})


def role_names_membership(role: str | None, owner_kind: PartyKind, owner: Sequence[str]) -> bool:
    """Whether a person with ``role`` belongs to the party named ``owner`` (names, main first).

    True without a role. Otherwise the role's head noun (its last word before a
    preposition: "ambassador" in "US ambassador to China") decides: an office
    (:data:`OFFICE_NOUNS`) makes any state or organisation an affiliation, a field
    (:data:`FIELD_NOUNS`) only an organisation; any other noun ("rival", "son",
    "resident") none. A role that names the party after a preposition other than one of
    membership ("ambassador to China", "expert on Iran") does not make the person part
    of it; nor does any role make a person part of another person.
    """
    if owner_kind is PartyKind.PERSON:
        return False
    if not role:
        return True
    words = _words(role)
    if any(_after_other_preposition(words, i) for i in _owner_positions(words, owner_kind, owner)):
        return False
    noun = _head(words)
    if _among(noun, FIELD_NOUNS):
        return owner_kind is not PartyKind.STATE
    return _among(noun, OFFICE_NOUNS)


def role_countries(role: str) -> set[str]:
    """The countries a role names as the person's own (ISO 3166-1 alpha-3 codes).

    Those it names by name, demonym or capital, but after a preposition of no membership
    ("US ambassador to China" → USA), and none when its head is a field ("North Korea
    expert"), where a state is the subject.
    """
    words = _words(role)
    if _among(_head(words), FIELD_NOUNS):
        return set()
    found = set()
    start = run = end = 0
    while start < len(words):
        size, code = next(
            ((n, c) for n in (3, 2, 1) if (c := country_code(" ".join(words[start : start + n])))),
            (1, None),
        )
        if code:
            run = run if start == end else start  # "Greek-Cypriot": one run of countries
            end = start + size
            if not _after_other_preposition(words, run):
                found.add(code)
        start += size
    return found


def _words(role: str) -> list[str]:
    return [w for w in (name_key(part) for part in _WORD_BREAKS.split(role)) if w]


def _head(words: Sequence[str]) -> str:
    """The head noun of a role: its last word before a preposition."""
    end = next((i for i, w in enumerate(words) if w in PREPOSITIONS), len(words))
    return words[end - 1] if end else ""


def _among(word: str, nouns: frozenset[str]) -> bool:
    """Whether ``word`` or its singular is one of ``nouns``."""
    return word in nouns or (word.endswith("s") and word[:-1] in nouns)


def _after_other_preposition(words: Sequence[str], start: int) -> bool:
    """Whether the words from ``start`` come right after a preposition of no membership."""
    before = start - 1
    while before >= 0 and words[before] in _SKIPPED:
        before -= 1
    return before >= 0 and words[before] in PREPOSITIONS - MEMBERSHIP_PREPOSITIONS


def _owner_positions(
    words: Sequence[str], owner_kind: PartyKind, owner: Sequence[str]
) -> list[int]:
    """Where ``words`` name the owner: by one of its names, or a state by any of its own."""
    sought = [tuple(name_key(n).split()) for n in owner if name_key(n)]
    state = next(filter(None, map(country_code, owner)), None)
    if owner_kind is not PartyKind.STATE:
        state = None
    found = []
    for start in range(len(words)):
        named = any(tuple(words[start : start + len(s)]) == s for s in sought)
        if named or any(
            state is not None and country_code(" ".join(words[start:end])) == state
            for end in (start + 1, start + 2)
        ):
            found.append(start)
    return found
