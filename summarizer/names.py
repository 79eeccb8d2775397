"""Party names: country codes, demonyms, titles and the rule for "same party".

Shared by every step that unifies names: the offline engine, the merge of chunked
extractions, the cross-article digest and the evaluation.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import pycountry

TITLES = frozenset(
    """
    president vice prime minister foreign defense defence secretary state deputy chief
    general gen lieutenant lt colonel col admiral adm commander mr mrs ms dr sir lord
    king queen prince princess sheikh emir ayatollah chancellor premier senator sen rep
    representative ambassador envoy spokesman spokeswoman spokesperson leader supreme
    chairman chairwoman chair director head governor mayor pope cardinal bishop
    interior finance trade economy affairs national security adviser advisor us of the
    cmdr capt sgt maj brig gov atty prof rev amb insp supt cpl pvt lord lady dame mullah
    imam rabbi judge justice attorney commissioner inspector superintendent sergeant
    captain major corporal private marshal field
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

NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
"""Generational suffixes of a person's name ("Martin Luther King Jr."), ignored when comparing."""

FAMILY_NAME_FIRST = frozenset(
    """
    xi li wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang
    yu du ye cheng wei su lu ding ren shen yao jin fu fan wen hou bo qin kim lee park choi
    jung kang cho yoon jang lim shin moon ahn ko hun
    """.split()
)
"""Chinese, Korean and Cambodian family names, written before the given name: the bare
"Xi" is "Xi Jinping", "Moon" is "Moon Jae-in", "Hun" is "Hun Sen"."""

NAME_PARTICLES = frozenset(
    "al el bin ibn bint de del della di da dos du van von der den la le".split()
)
"""Lower-case words of a surname that stand before its last word ("al-Assad", "von der
Leyen", "bin Salman", "Le Pen"): with them alone, a name is still a bare surname."""

PATRONYMICS = frozenset({"bin", "ibn", "bint"})
_ARABIC_ARTICLES = frozenset({"al", "el"})
"""Particles that say "son (daughter) of": the word after one is the father's name, so
"bin Salman" is a surname of its own and "Salman" alone is not "Mohammed bin Salman"."""

_ACRONYM_SKIPPED = frozenset({"", "of", "and", "for", "the", "on", "a", "an", "in", "at", "to"})
_PUNCT = re.compile(r"[^\w\s]")
_POSSESSIVE_S = re.compile(r"['’]s\b")
_SPACES = re.compile(r"\s+")
_PUNCT_KEEP_HYPHEN = re.compile(r"[^\w\s\-/.]")
_GLOSS = re.compile(r"\s*[(\[][^)\]]*[)\]]")


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


@cache
def _surnames() -> frozenset[str]:
    data = resources.files("summarizer").joinpath("data/surnames.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode("ascii").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_common_surname(word: str) -> bool:
    """Whether ``word`` is among the 25,000 commonest surnames of the 1990 US Census.

    Data: ``summarizer/data/surnames.txt.gz`` (public domain; see
    ``scripts/build_surnames.py``). Many are ordinary words too ("Post", "Hill"): this
    says a name can be a person's, not that it is.
    """
    return name_key(word) in _surnames()


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
    so that it is not taken for "U.N."; small words give none ("Center for a New
    American Security" → "cnas"), nor does a gloss in brackets ("Umma (Nation)" has none).
    """
    unglossed = _GLOSS.sub(" ", name)
    words = [w for w in unglossed.split() if name_key(w) not in _ACRONYM_SKIPPED]
    initials = [
        name_key(w) if "." in w or (w.isupper() and len(w) > 1) else name_key(w)[0] for w in words
    ]
    return "".join(initials) if len(words) >= 2 else None


def person_words(name: str) -> list[str]:
    """The words of a name compared as a person's: keyed, without titles or suffixes.

    Hyphens and apostrophes split words ("Bashar al-Assad" → ``bashar al assad``), so
    that the bare "Assad" is its last word.
    """
    return list(_person_words(name))


@lru_cache(maxsize=65536)
def _person_words(name: str) -> tuple[str, ...]:
    words = re.split(r"[\s\-‐‑–'’]+", _POSSESSIVE_S.sub("", strip_title(name)))
    keyed = [name_key(w) for w in words]
    return tuple(w for w in keyed if w and w not in NAME_SUFFIXES)


@lru_cache(maxsize=65536)
def bare_form(name: str) -> str | None:
    """The surname a name is when it is nothing else, as a key; ``None`` for a fuller name.

    One word ("Assad" → ``assad``), or one word after surname particles
    (:data:`NAME_PARTICLES`: "al-Assad" → ``assad``, "von der Leyen" → ``leyen``); after a
    patronymic the particle stays ("bin Salman" → ``bin salman``). A capitalised "Al" or
    "El" standing apart is a first name ("Al Gore").
    """
    rest = list(_person_words(name))
    if not rest:
        return None
    first = strip_title(name).split()[0]
    if rest[0] in _ARABIC_ARTICLES and first[:1].isupper() and first.isalpha():
        return rest[0] if len(rest) == 1 else None
    while len(rest) > 1 and rest[0] in NAME_PARTICLES:
        if rest[0] in PATRONYMICS and len(rest) == 2:
            return " ".join(rest)
        rest.pop(0)
    return rest[0] if len(rest) == 1 else None


def bare_names(full: Sequence[str]) -> set[str]:
    """The surnames alone a person's full name (see :func:`person_words`) may be called by.

    Its last word when of three letters or more (a surname: "Blinken", not "Li"), with its
    patronymic when one stands before it ("bin Salman"), and its first when a family name
    written first (:data:`FAMILY_NAME_FIRST`: "Xi" of "Xi Jinping"), each as
    :func:`bare_form` gives it. Whether the article names only one such person is for the
    caller to check.
    """
    if len(full) < 2:
        return set()
    found: set[str] = set()
    if full[-2] in PATRONYMICS:
        found.add(f"{full[-2]} {full[-1]}")
    elif len(full[-1]) >= 3:
        found.add(full[-1])
    if full[0] in FAMILY_NAME_FIRST:
        found.add(full[0])
    return found


def bare_name_matches(bare: str, full: Sequence[str]) -> bool:
    """Whether a bare surname (a :func:`bare_form`) is one of the :func:`bare_names` of ``full``."""
    return bare in bare_names(full)


def same_full_name(a: list[str], b: list[str]) -> bool:
    """Whether two names of two words or more (see :func:`person_words`) are one person.

    Their first and last words are equal, and their middle names, when both give them,
    agree word for word, an initial standing for a name ("George W. Bush", "George
    Walker Bush"). Different first names are different people: "Tom Smith" is not "Jack
    Smith", nor "Joe Biden" "Hunter Biden".
    """
    if a[0] != b[0] or a[-1] != b[-1]:
        return False
    middle_a, middle_b = a[1:-1], b[1:-1]
    if not middle_a or not middle_b:
        return True
    return len(middle_a) == len(middle_b) and all(
        x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
        for x, y in zip(middle_a, middle_b, strict=True)
    )


@lru_cache(maxsize=65536)
def same_name(a: str, b: str) -> bool:
    """Whether two names can denote the same party.

    True when their keys are equal, when both resolve to the same country, when one is
    the acronym of the other, when both are full names of one person (see
    :func:`same_full_name`; titles ignored: "Secretary Lloyd Austin", "Lloyd Austin"),
    when both name the same body of one country (:func:`national_body`: "Turkish
    Constitutional Court", "Constitutional Court of Turkey"), when their words are the
    same once titles are stripped ("Mr. Trump", "Trump"),
    or when one is a surname alone (:func:`bare_form`: "Austin", "al-Assad") the other's
    full name ends with, or starts with for a family name written first
    (:func:`bare_name_matches`: "Xi"). Names with an
    institution's noun (:data:`ORG_WORDS`) match only by key, country or acronym.
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
    body_a = national_body(a)
    if body_a is not None and body_a == national_body(b):
        return True
    words_a, words_b = person_words(a), person_words(b)
    if not words_a or not words_b or ORG_WORDS.intersection(words_a + words_b):
        return False
    if words_a == words_b:
        return True
    bare_a, bare_b = bare_form(a), bare_form(b)
    if bare_a is not None and bare_b is not None:
        return bare_a == bare_b
    if bare_a is not None:
        return bare_name_matches(bare_a, words_b)
    if bare_b is not None:
        return bare_name_matches(bare_b, words_a)
    return same_full_name(words_a, words_b)


@lru_cache(maxsize=65536)
def national_body(name: str) -> str | None:
    """A body of one country, keyed however the name places the country, else ``None``.

    "Constitutional Court of Turkey", "Turkish Constitutional Court" and "Turkey's
    Constitutional Court" all give ``TUR constitutional court``: the country's code and
    the other words, without "of" or "the". A name of a country alone gives ``None``.
    """
    words = [w for w in re.split(r"[\s\-/]+", _PUNCT_KEEP_HYPHEN.sub(" ", name)) if w]
    if len(words) < 2 or len(words) > 8:
        return None
    codes: set[str] = set()
    rest: list[str] = []
    for word in words:
        code = country_code(word)
        if code:
            codes.add(code)
        else:
            rest.append(word)
    kept = [k for k in (name_key(w) for w in rest) if k and k not in {"of", "the", "s"}]
    if len(codes) != 1 or not kept:
        return None
    return f"{codes.pop()} {' '.join(kept)}"


def full_person_names(names: Iterable[str]) -> list[list[str]]:
    """The names that read as a person's full name, as :func:`person_words`.

    Two to five words, no country, no institution's noun.
    """
    return [list(words) for name in names if (words := _full_person_name(name))]


@lru_cache(maxsize=65536)
def _full_person_name(name: str) -> tuple[str, ...]:
    words = _person_words(name)
    if (
        2 <= len(words) <= 5
        and bare_form(name) is None
        and not ORG_WORDS.intersection(words)
        and not country_code(name)
    ):
        return words
    return ()


def same_party(names_a: Iterable[str], names_b: Iterable[str]) -> bool:
    """Whether any name of one party denotes the same party as any name of the other.

    Two parties that each have a person's full name and no full name in common are
    different people, whatever their shorter names: "Tom Smith" (alias "Smith") is not
    "Jack Smith".
    """
    listed_a, listed_b = list(names_a), list(names_b)
    full_a, full_b = full_person_names(listed_a), full_person_names(listed_b)
    if full_a and full_b and not any(same_full_name(x, y) for x in full_a for y in full_b):
        return False
    return any(same_name(a, b) for a in listed_a for b in listed_b)


class IndexEntries(NamedTuple):
    """Keys to file a name under, and keys to look a name up by (see :func:`index_entries`)."""

    filed: tuple[tuple[str, str], ...]
    sought: tuple[tuple[str, str], ...]


@lru_cache(maxsize=65536)
def index_entries(name: str) -> IndexEntries:
    """Keys that let names :func:`same_name` may accept find each other.

    For any two names it accepts, the ``sought`` keys of each meet the ``filed`` keys of
    the other: the name key, the country code, the acronym (filed under ``acronym``,
    sought by the key, so "NATO" meets "North Atlantic Treaty Organization" while two
    names with the same initials do not meet), the :func:`national_body`, the last word
    of the name read as a person's, and its first word when a family name written first
    ("Xi" meets "Xi Jinping", "Austin" "Lloyd Austin"). Compare a name with the names
    filed under its sought keys instead of with every name: linear work, not quadratic.
    """
    key = name_key(name)
    if not key:
        return IndexEntries((), ())
    common = [("key", key)]
    code = country_code(name)
    if code:
        common.append(("country", code))
    words = person_words(name)
    if words:
        common.append(("word", words[-1]))
        if words[0] in FAMILY_NAME_FIRST:
            common.append(("word", words[0]))
    body = national_body(name)
    if body:
        common.append(("body", body))
    initials = acronym(name)
    filed = [*common, *([("acronym", initials)] if initials else [])]
    sought = [*common, ("acronym", key), *([("key", initials)] if initials else [])]
    return IndexEntries(tuple(dict.fromkeys(filed)), tuple(dict.fromkeys(sought)))


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
