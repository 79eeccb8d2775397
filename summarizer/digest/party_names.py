"""How the digest reads a party's names: a person's full name, a bare name, a common noun.

The name rules themselves are :mod:`summarizer.names`' (titles, suffixes, the words of a
person's name, the bare names a full name may be called by); this module puts them in
the shape the digest's index needs:

- :func:`person_name`: a person's name as compared across articles, the generational
  suffix kept apart ("Donald Trump Jr." is not "Donald Trump");
- :func:`same_person`: whether two sets of full names can be one person;
- :func:`own_names`: the names of a person's party that its main name allows;
- :func:`common_noun`: whether an article writes a party's name as a common noun ("the
  police"), which names no one actor across articles;
- :func:`office`: a person named by an office alone ("the Foreign Minister", "Chinese
  Defence Minister"), which names whoever holds it in each article;
- :func:`stored` and :func:`lookups`: the index entries a non-person's name is filed
  under and looked up by, :func:`summarizer.names.index_entries`' but for a person's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from summarizer.membership import OFFICE_NOUNS
from summarizer.names import (
    NAME_SUFFIXES,
    TITLES,
    bare_form,
    country_code,
    index_entries,
    name_key,
    person_words,
    same_full_name,
    strip_title,
)
from summarizer.schema import Party, PartyKind

_ARTICLES = frozenset({"the", "a", "an"})
_SENTENCE_OPENERS = frozenset(".!?:;\"'“”‘’([—–-")
"""Characters after which a capital letter may only mark a sentence or a quotation."""


class PersonName(NamedTuple):
    """A person's name as compared: its words, its generational suffix, its bare surname.

    The words are :func:`summarizer.names.person_words`'; the suffix is "jr", "ii" …, or
    "" for none; ``bare`` is the surname the name is when it is nothing more
    (:func:`summarizer.names.bare_form`: "Assad", "al-Assad" → ``assad``), else None.
    """

    words: tuple[str, ...]
    suffix: str
    bare: str | None

    @property
    def full(self) -> bool:
        """Whether the name is more than a surname (titles and suffix aside)."""
        return self.bare is None and len(self.words) >= 2

    @property
    def key(self) -> str:
        """First and last word and suffix: "george bush", "donald trump jr"."""
        return " ".join(filter(None, (self.words[0], self.words[-1], self.suffix)))


@lru_cache(maxsize=65536)
def person_name(name: str) -> PersonName:
    """``name`` read as a person's ("Secretary Lloyd J. Austin" → lloyd j austin)."""
    suffixes = [w for w in name_key(name).split() if w in NAME_SUFFIXES]
    return PersonName(tuple(person_words(name)), suffixes[-1] if suffixes else "", bare_form(name))


def same_person(known: Sequence[PersonName], fulls: Sequence[PersonName]) -> bool:
    """Whether full names ``fulls`` can be of the person known by full names ``known``.

    One name of each shares first name, surname and suffix, and no two such names have
    middle names that differ ("George W. Bush" is not "George H. W. Bush").
    """
    pairs = [(a, b) for a in known for b in fulls if a.key == b.key]
    return bool(pairs) and all(same_full_name(list(a.words), list(b.words)) for a, b in pairs)


def own_names(party: Party) -> list[str]:
    """A person's names that its main name allows: no other first name, surname or suffix.

    The main name is the party's first that is no office ("Wang Yi" of a party named
    "Chinese Foreign Minister", alias "Wang Yi"); it comes first.
    """
    names = [party.name, *party.aliases]
    first = next((n for n in names if _office_of(n) is None), party.name)
    main = person_name(first)
    kept = [first]
    for alias in names:
        name = person_name(alias)
        if alias not in kept and (
            not name.full or not main.full or same_person([main], [name]) or _office_of(alias)
        ):
            kept.append(alias)
    return kept


def fullness(name: str) -> tuple[bool, int, int]:
    """How full a person's name is: a name over an office, most words, fewest titles."""
    words = len(strip_title(name).split())
    return _office_of(name) is None, words, words - len(name.split())


def common_noun(party: Party) -> bool:
    """Whether the party's article writes its name as a common noun, naming no one actor.

    The name, without the countries it names ("Russian troops" → "troops"), is looked
    for in the party's evidence: written in lower case ("the police", "security
    forces"), it is a common noun; capitalised inside a sentence ("attacked Kurds"), a
    name. A group (the kind of unnamed and collective actors) whose evidence does not
    tell is taken for a common noun; any other kind, for a name.
    """
    words = [w for w in party.name.split() if not country_code(w)]
    if not words:
        return False  # a people named by its country: "Afghans"
    pattern = _phrase(tuple(words))
    proper = False
    for evidence in party.evidence:
        text = evidence.text or ""
        for found in pattern.finditer(text):
            written = found.group(0)
            if written == written.lower():
                return True
            before = text[: found.start()].rstrip()
            proper = proper or bool(before and before[-1] not in _SENTENCE_OPENERS)
    return not proper and party.kind is PartyKind.GROUP


class Office(NamedTuple):
    """A person's party named by an office alone: the office and the country it names."""

    title: str
    """The office's words as a name key, without the country ("foreign minister",
    "pentagon spokesman")."""
    country: str | None
    """The country named in the name, else the briefing's (ISO 3166-1 alpha-3)."""

    @property
    def generic(self) -> bool:
        """Whether it names no body it is held in: "spokesman", not "Pentagon spokesman"."""
        return all(w in TITLES for w in self.title.split())


def office(party: Party) -> Office | None:
    """The office a person's party is named by, if all its names are of an office.

    A name is of an office when every word, the country it names and an article aside,
    is a title (:data:`summarizer.names.TITLES`) and it has two words or more ("Secretary
    of State", "North Korean leader", "the President", "a spokesman"; a single title-like
    word, "Major" or "Bishop", may be a surname), or when it ends with an office written
    in lower case, as no person's name does ("Pentagon spokesman", "Hamas leader"). A
    party with a name of a person besides ("Chinese Foreign Minister", alias "Wang Yi")
    is that person.
    """
    held = _office_of(party.name)
    if held is None or any(_office_of(a) is None for a in party.aliases):
        return None
    return held if held.country else Office(held.title, party.country_code)


@lru_cache(maxsize=65536)
def _office_of(name: str) -> Office | None:
    words, country = without_country(name)
    count = len(words) + bool(country)
    while words and words[0] in _ARTICLES:
        words = words[1:]
    if not words:
        return None
    titled = count >= 2 and all(w in TITLES for w in words)
    last = name.split()[-1]
    lower_office = last.islower() and (words[-1] in TITLES or words[-1] in OFFICE_NOUNS)
    return Office(" ".join(words), country) if titled or lower_office else None


@lru_cache(maxsize=65536)
def without_country(name: str) -> tuple[tuple[str, ...], str | None]:
    """The words of a name (name keys) without the country it names, and that country.

    "Japan's Foreign Minister" → (("foreign", "minister"), "JPN"); "US officials" and
    "American officials" → (("officials",), "USA"). Two-word names of countries are
    looked for first ("North Korean").
    """
    words = [k for k in (name_key(w) for w in re.split(r"[\s\-‐‑–]+", name)) if k]
    kept: list[str] = []
    country = None
    index = 0
    while index < len(words):
        for size in (2, 1):
            code = country_code(" ".join(words[index : index + size]))
            if code:
                country, index = code, index + size
                break
        else:
            kept.append(words[index])
            index += 1
    return tuple(kept), country


@lru_cache(maxsize=4096)
def _phrase(words: tuple[str, ...]) -> re.Pattern[str]:
    body = r"\s+".join(map(re.escape, words))
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def stored(name: str) -> tuple[tuple[str, str], ...]:
    """Index entries a non-person's name is filed under (see :func:`lookups`)."""
    return _non_person(index_entries(name).filed)


def lookups(name: str) -> tuple[tuple[str, str], ...]:
    """Index entries to look a non-person's name up by.

    :func:`summarizer.names.index_entries`' (its key, country, acronym, national body),
    but for the last word of the name read as a person's: a bare word joining a longer
    name ("Taliban", "Pakistani Taliban") is a person's rule, which the digest applies to
    people through their full names.
    """
    return _non_person(index_entries(name).sought)


def _non_person(entries: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(entry for entry in entries if entry[0] != "word")
