"""A person's role as the text states it: a title in front of the name, or in apposition."""

from __future__ import annotations

from spacy.tokens import Token

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
