"""Party names: country codes, demonyms, titles and the rule for "same party".

Shared by every step that unifies names: the offline engine, the merge of chunked
extractions, the cross-article digest and the evaluation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources

import pycountry

TITLES = frozenset(
    """
    president vice prime minister foreign defense defence secretary state deputy chief
    general gen lieutenant lt colonel col admiral adm commander mr mrs ms dr sir lord
    king queen prince princess sheikh emir ayatollah chancellor premier senator sen rep
    representative ambassador envoy spokesman spokeswoman spokesperson leader supreme
    chairman chairwoman chair director head governor mayor pope cardinal bishop
    interior finance trade economy affairs national security adviser advisor us of the
    """.split()
)
"""Words of a title that may precede a person's name ("US Secretary of State Antony
Blinken"); stripped before comparing names."""

ORG_WORDS = frozenset(
    """
    ministry department council committee party army forces force command office agency
    government parliament congress senate union organization organisation group front
    movement alliance bank court police navy guard assembly commission authority
    """.split()
)
"""Nouns that make a name an institution: never matched by the surname rule."""

_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_PUNCT_KEEP_HYPHEN = re.compile(r"[^\w\s\-/.]")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A comparable form: no accents, case, punctuation, possessive or leading 'the'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’]s\b", "", text)
    text = _SPACES.sub(" ", _PUNCT.sub("", text)).strip()
    return text.removeprefix("the ")


@cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(name key → alpha-3, alpha-3 → display name), from pycountry and our table."""
    by_key: dict[str, str] = {}
    display: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        display[code] = getattr(country, "common_name", None) or country.name
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                by_key.setdefault(name_key(value), code)
    table = resources.files("summarizer").joinpath("data/countries.tsv").read_text("utf-8")
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, shown, aliases = line.split("\t")
        display[code] = shown
        for alias in [shown, *aliases.split(",")]:
            by_key[name_key(alias)] = code
    return by_key, display


@lru_cache(maxsize=65536)
def country_code(name: str) -> str | None:
    """ISO 3166 alpha-3 code of a country named, demonym or capital; ``None`` otherwise."""
    by_key, _ = _countries()
    key = name_key(name)
    return by_key.get(key) or by_key.get(key.removesuffix(" government"))


def country_name(code: str) -> str | None:
    """The usual English name of a country by its alpha-3 code."""
    return _countries()[1].get(code.upper())


def country_aliases(code: str) -> list[str]:
    """Every name key that resolves to ``code``."""
    by_key, _ = _countries()
    return sorted(key for key, value in by_key.items() if value == code.upper())


def strip_title(name: str) -> str:
    """``name`` without the title words in front of it ("Secretary Austin" → "Austin")."""
    words = name.split()
    while len(words) > 1 and name_key(words[0]) in TITLES:
        words.pop(0)
    return " ".join(words)


def acronym(name: str) -> str | None:
    """Initials of a multi-word name ("North Atlantic Treaty Organization" → "nato").

    A word that is itself an abbreviation gives all its letters: "U.S. Navy" → "usn",
    so that it is not taken for "U.N.".
    """
    words = [w for w in name.split() if name_key(w) not in {"", "of", "and", "for", "the", "on"}]
    initials = [
        name_key(w) if "." in w or (w.isupper() and len(w) > 1) else name_key(w)[0] for w in words
    ]
    return "".join(initials) if len(words) >= 2 else None


@lru_cache(maxsize=65536)
def same_name(a: str, b: str) -> bool:
    """Whether two names denote the same party.

    True when their keys are equal, when both resolve to the same country, when one is
    the acronym of the other, or when one person name ends with the other ("Austin",
    "Lloyd Austin"; titles ignored).
    """
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    code_a, code_b = country_code(a), country_code(b)
    if code_a or code_b:
        return code_a == code_b
    if key_a == acronym(b) or key_b == acronym(a):
        return True
    words_a = name_key(strip_title(a)).split()
    words_b = name_key(strip_title(b)).split()
    if not words_a or not words_b:
        return False
    short, long = sorted((words_a, words_b), key=len)
    if ORG_WORDS.intersection(short):
        return False
    return len(short[-1]) >= 3 and long[-len(short) :] == short


def same_party(names_a: Iterable[str], names_b: Iterable[str]) -> bool:
    """Whether any name of one party denotes the same party as any name of the other."""
    listed_b = list(names_b)
    return any(same_name(a, b) for a in names_a for b in listed_b)


def countries_in(text: str) -> set[str]:
    """Codes of the countries a phrase names by name, demonym or capital.

    "Moroccan diplomats" → ``{"MAR"}``; "Greek-Cypriot" → ``{"GRC", "CYP"}``.
    """
    words = [w for w in re.split(r"[\s\-/]+", _PUNCT_KEEP_HYPHEN.sub(" ", text)) if w]
    found: set[str] = set()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            code = country_code(" ".join(words[start : start + size]))
            if code:
                found.add(code)
    return found


MAX_ID_CHARS = 48
"""Longest slug a party id starts from; a suffix such as ``-2`` may follow it."""


def party_ids(names: Sequence[str]) -> list[str]:
    """One id per name, in order, each different from every other.

    An id is the name's ASCII slug ("North Korea" → ``north-korea``), ``party`` for a name
    with no ASCII letter or digit (``Хамас``), suffixed ``-2``, ``-3`` … while it is
    taken, by an earlier name's id or suffixed id: ``["Хамас", "Фатх", "Party 2"]`` gives
    ``party``, ``party-2``, ``party-2-2``.
    """
    taken: set[str] = set()
    ids: list[str] = []
    for name in names:
        base = _slug(name) or "party"
        candidate, count = base, 1
        while candidate in taken:
            count += 1
            candidate = f"{base}-{count}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:MAX_ID_CHARS].strip("-")
