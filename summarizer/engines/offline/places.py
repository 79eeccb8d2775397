"""Places in the text: whether a name is a place, or a place where things happen.

A setting ("talks in Tokyo", "the area of Sarkh") is where an event takes place, not who
acts in it; a name with a place's head word ("Gaza Strip") or used as a place's name ("the
Rukban camp") is a place wherever it stands.
"""

from __future__ import annotations

import pycountry
from spacy.tokens import Span

from summarizer.engines.offline import party_words
from summarizer.membership import FIELD_NOUNS, OFFICE_NOUNS
from summarizer.names import ORG_WORDS, country_code, country_name, name_key


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
    """Whether a name is where something happens rather than who acts.

    After a locative preposition ("talks in Tokyo", "in Geneva and Vienna", "a meeting at
    the Peterson Institute"), after "of" a place noun ("the outskirts of Tokyo"), or a
    dateline. Not where the preposition ties a person's role to the name ("an analyst at
    Mandiant").
    """
    root = span.root
    if root.dep_ == "npadvmod" and span.start == root.sent.start:
        return True
    while root.dep_ == "conj" and root.head.pos_ == "PROPN" and root.head.i < root.i:
        root = root.head
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    if preposition.lower_ == "of":
        return preposition.head.lemma_.lower() in party_words.PLACE_NOUNS
    role = preposition.head.lemma_.lower()
    if role in OFFICE_NOUNS or role in FIELD_NOUNS:
        return False
    return preposition.lower_ in party_words.LOCATIVE_PREPOSITIONS


def one_word_place(span: Span) -> bool:
    """A one-word 'person' or 'organisation' where only a place can be: a mislabelled place.

    After "in", "near", "outside" ..., after "of" a place noun ("area of Sarkh"), or in
    apposition to such a place ("Sarkh, Logar").
    """
    if len(span) != 1 or span.text.isupper() or name_key(span.text) in ORG_WORDS:
        return False
    token = span.root
    while token.dep_ in {"appos", "conj"} and token.head.ent_type_ and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj":
        return False
    preposition = token.head
    if preposition.lower_ == "of":
        return preposition.head.lower_ in party_words.PLACE_NOUNS
    return preposition.lower_ in party_words.INSIDE_PREPOSITIONS


def is_place_name(span: Span) -> bool:
    """Whether the span ends in a word that names a place, not an actor ("Gaza Strip")."""
    return name_key(span[-1].text) in party_words.PLACE_HEADS


def names_a_place(span: Span) -> bool:
    """Whether the text uses the name as a place's: "the Rukban camp", "the city of Lyon".

    Every mention of such a name is left out, not only this one.
    """
    root = span.root
    if root.dep_ in {"compound", "nmod"}:
        return root.head.lower_ in party_words.PLACE_NOUNS
    preposition = root.head
    return (
        root.dep_ == "pobj"
        and preposition.lower_ == "of"
        and preposition.head.lemma_.lower() in party_words.SETTLEMENT_NOUNS
    )


def regional(span: Span) -> bool:
    """A name qualified by a direction is a region: "Syria's eastern Badia"."""
    return any(
        c.dep_ == "amod" and c.lower_ in party_words.COMPASS_WORDS for c in span.root.children
    )
