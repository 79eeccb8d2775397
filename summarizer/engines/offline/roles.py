"""A person's role as the text states it, and whether it names a membership.

The role is a title in front of the name, or a phrase in apposition; it names whom the
person belongs to only through an office, never through a field of knowledge.
"""

from __future__ import annotations

from spacy.tokens import Token

from summarizer.engines.offline import party_words
from summarizer.engines.offline.syntax import phrase_tokens
from summarizer.names import TITLES, name_key

MAX_ROLE_TOKENS = 10


def title_tokens(name_root: Token) -> list[Token]:
    """The title in front of a name ("US Secretary of State" Antony Blinken)."""
    doc = name_root.doc
    first = name_root.i
    while first > 0 and doc[first - 1].ent_type_ == "PERSON":
        first -= 1
    tokens: list[Token] = []
    index = first - 1
    while index >= 0 and len(tokens) < MAX_ROLE_TOKENS:
        token = doc[index]
        if token.is_punct or token.pos_ in {"DET", "PRON", "VERB", "ADP"} and token.lower_ != "of":
            break
        if name_root not in token.ancestors:
            break
        tokens.insert(0, token)
        index -= 1
    while tokens and not (
        name_key(tokens[0].text) in TITLES or tokens[0].pos_ == "PROPN" or tokens[0].ent_type_
    ):
        tokens.pop(0)
    while tokens and tokens[0].lower_ in {"of", "and"}:
        tokens.pop(0)
    if not any(name_key(t.text) in TITLES or t.pos_ == "NOUN" for t in tokens):
        return []
    return tokens


def apposition_tokens(name_root: Token) -> list[Token]:
    """A title in apposition: "Kenzo Oshima, the United Nations Emergency Relief Coordinator"."""
    for child in name_root.children:
        if child.dep_ == "appos" and child.tag_ == "NN" and not child.ent_type_:
            tokens = [t for t in phrase_tokens(child) if t.pos_ != "DET"]
            if 0 < len(tokens) <= MAX_ROLE_TOKENS:
                return tokens
    return []


def membership_phrases(name_root: Token) -> list[Token]:
    """The words of the phrases in apposition to a name, prepositions included.

    "John Hultquist, a North Korea expert at Mandiant" → "a North Korea expert at Mandiant".
    """
    return [t for child in name_root.children if child.dep_ == "appos" for t in child.subtree]


def names_membership(token: Token, organisation: bool = False) -> bool:
    """Whether a party's word in a role names whom the person belongs to.

    Walking up from the party's word through modifiers and membership prepositions
    (:data:`~.party_words.MEMBERSHIP_PREPOSITIONS`: "minister of", "spokesperson for",
    "analyst at"), the first noun of an office or field decides: an office (minister,
    spokesman, member ...) makes any party an affiliation; a field (expert, analyst,
    correspondent ...) only an organisation, an employer, as a state there is the field:
    "North Korea expert" is no member of North Korea. Reaching the name itself, the
    person's title decides ("Chinese President Xi Jinping").
    """
    node = token
    for _ in range(MAX_ROLE_TOKENS):
        if node.dep_ == "pobj":
            preposition = node.head
            if preposition.lower_ not in party_words.MEMBERSHIP_PREPOSITIONS:
                return False
            node = preposition.head
        elif node.dep_ in {"compound", "amod", "poss", "nmod"}:
            node = node.head
        else:
            return False
        lemma = node.lemma_.lower()
        if lemma in party_words.FIELD_NOUNS or node.lower_ in party_words.FIELD_NOUNS:
            return organisation
        if lemma in party_words.OFFICE_NOUNS or node.lower_ in party_words.OFFICE_NOUNS:
            return True
        if node.ent_type_ == "PERSON":
            role = title_tokens(node)
            return any(name_key(t.text) in party_words.OFFICE_NOUNS for t in role) and not any(
                name_key(t.text) in party_words.FIELD_NOUNS for t in role
            )
    return False
