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
- :func:`stored` and :func:`lookups`: the index entries a non-person's name is filed
  under and looked up by.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from summarizer.names import (
    NAME_SUFFIXES,
    acronym,
    country_code,
    name_key,
    person_words,
    same_full_name,
    strip_title,
)
from summarizer.schema import Party, PartyKind

_SENTENCE_OPENERS = frozenset(".!?:;\"'“”‘’([—–-")
"""Characters after which a capital letter may only mark a sentence or a quotation."""


class PersonName(NamedTuple):
    """A person's name as compared: its words and its generational suffix.

    The words are :func:`summarizer.names.person_words`'; the suffix is "jr", "ii" …, or
    "" for none.
    """

    words: tuple[str, ...]
    suffix: str

    @property
    def full(self) -> bool:
        """Whether the name holds more than one word (titles and suffix aside)."""
        return len(self.words) >= 2

    @property
    def key(self) -> str:
        """First and last word and suffix: "george bush", "donald trump jr"."""
        return " ".join(filter(None, (self.words[0], self.words[-1], self.suffix)))


@lru_cache(maxsize=65536)
def person_name(name: str) -> PersonName:
    """``name`` read as a person's ("Secretary Lloyd J. Austin" → lloyd j austin)."""
    suffixes = [w for w in name_key(name).split() if w in NAME_SUFFIXES]
    return PersonName(tuple(person_words(name)), suffixes[-1] if suffixes else "")


def same_person(known: Sequence[PersonName], fulls: Sequence[PersonName]) -> bool:
    """Whether full names ``fulls`` can be of the person known by full names ``known``.

    One name of each shares first name, surname and suffix, and no two such names have
    middle names that differ ("George W. Bush" is not "George H. W. Bush").
    """
    pairs = [(a, b) for a in known for b in fulls if a.key == b.key]
    return bool(pairs) and all(same_full_name(list(a.words), list(b.words)) for a, b in pairs)


def own_names(party: Party) -> list[str]:
    """A person's names that its main name allows: no other first name, surname or suffix."""
    main = person_name(party.name)
    kept = [party.name]
    for alias in party.aliases:
        name = person_name(alias)
        if alias not in kept and (not name.full or not main.full or same_person([main], [name])):
            kept.append(alias)
    return kept


def fullness(name: str) -> tuple[int, int]:
    """How full a person's name is: its words without titles, then fewest titles."""
    words = len(strip_title(name).split())
    return words, words - len(name.split())


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


@lru_cache(maxsize=4096)
def _phrase(words: tuple[str, ...]) -> re.Pattern[str]:
    body = r"\s+".join(map(re.escape, words))
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _without_glosses(name: str) -> str:
    """``name`` without what it puts in brackets ("Umma (Nation)" → "Umma")."""
    return re.sub(r"\s*[(\[][^)\]]*[)\]]", " ", name).strip() or name


@lru_cache(maxsize=65536)
def stored(name: str) -> tuple[tuple[str, str], ...]:
    """Index entries a non-person's name is filed under: its key, and its acronym."""
    key = name_key(name)
    if not key:
        return ()
    initials = acronym(_without_glosses(name))
    return (("key", key), *([("acronym", initials)] if initials else []))


@lru_cache(maxsize=65536)
def lookups(name: str) -> tuple[tuple[str, str], ...]:
    """Index entries to look a non-person's name up by: its key, as a key and as an acronym."""
    key = name_key(name)
    if not key:
        return ()
    initials = acronym(_without_glosses(name))
    return (("key", key), ("acronym", key), *([("key", initials)] if initials else []))
