"""What a named-entity mention is: a country named, a setting, a place, an organisation's kind.

Predicates on spaCy spans, used by :mod:`summarizer.engines.offline.parties` to decide which
mentions are parties and of what kind.
"""

from __future__ import annotations

import pycountry
from spacy.tokens import Span

from summarizer.engines.offline import lexicon
from summarizer.names import country_code, country_name, name_key
from summarizer.schema import PartyKind


def is_country_name(text: str) -> bool:
    """Whether ``text`` names a country itself (not its capital): "Japan", "US", "Britain"."""
    code = country_code(text)
    if code is None:
        return False
    key = name_key(text)
    if key == name_key(country_name(code) or "") or (text.isupper() and len(text) <= 5):
        return True
    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        return text.replace(".", "").isupper()
    return bool(found.alpha_3 == code)


def is_setting(span: Span) -> bool:
    """Whether a place is where something happens rather than who acts ("in Tokyo")."""
    root = span.root
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    if preposition.lower_ == "of":
        return preposition.head.lower_ in lexicon.PLACE_NOUNS
    return preposition.lower_ in lexicon.LOCATIVE_PREPOSITIONS


def is_place_name(span: Span) -> bool:
    """Whether the span ends in a word that names a place, not an actor ("Gaza Strip")."""
    return name_key(span[-1].text) in lexicon.NOT_PARTY_HEADS


def has_ethnic_marker(span: Span) -> bool:
    """Whether a group is qualified as ethnic ("ethnic Albanians"), so not its state."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    return (before is not None and before.lower_ in lexicon.ETHNIC_MARKERS) or any(
        c.lower_ in lexicon.ETHNIC_MARKERS for c in span.root.children
    )


def explains_non_actor(span: Span) -> bool:
    """An acronym in brackets after a phrase that names no actor: "Memorandum (MOU)"."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc) or len(span) != 1:
        return False
    if doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return False
    before = doc[span.start - 2]
    return before.ent_type_ not in {"ORG", "GPE", "NORP", "PERSON", "FAC"}


def organisation_kind(name: str) -> PartyKind:
    """Armed group, company or organisation, by the words of the name."""
    words = set(name_key(name).split())
    if words & lexicon.ARMED_GROUP_NAME_WORDS:
        return PartyKind.ARMED_GROUP
    if words & lexicon.COMPANY_NAME_WORDS:
        return PartyKind.COMPANY
    return PartyKind.ORGANIZATION


def bracketed_acronym(span: Span) -> str | None:
    """An acronym in brackets right after the span ("... Organization (NATO)"), if any."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
        candidate = doc[span.end + 1].text
        if candidate.isupper() and 2 <= len(candidate) <= 8:
            return candidate
    return None
