"""A person's role as the text states it, and whether it names a membership.

The role is a title in front of the name, or a phrase in apposition; it names whom the
person belongs to only through an office, never through a field of knowledge.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from summarizer.engines.offline import party_words
from summarizer.engines.offline.syntax import phrase_tokens
from summarizer.membership import FIELD_NOUNS, MEMBERSHIP_PREPOSITIONS, OFFICE_NOUNS
from summarizer.names import TITLES, name_key

MAX_ROLE_TOKENS = 10


def title_tokens(name_root: Token, start: int | None = None) -> list[Token]:
    """The title in front of a name ("US Secretary of State" Antony Blinken).

    ``start`` is where the name begins, when known (else the person-labelled words before
    ``name_root``). The title stops at another person's name ("Trump and US Trade
    Representative Robert Lighthizer") and is none when only a courtesy title ("Mr.").
    """
    doc = name_root.doc
    first = name_root.i if start is None else start
    while start is None and first > 0 and doc[first - 1].ent_type_ == "PERSON":
        first -= 1
    tokens: list[Token] = []
    index = first - 1
    while index >= 0 and len(tokens) < MAX_ROLE_TOKENS:
        token = doc[index]
        joined = bool(tokens) and _joins_word(tokens[0])
        if _joins_word(token) or joined and token.is_alpha:
            tokens.insert(0, token)
            index -= 1
            continue
        if token.is_punct or token.pos_ in {"DET", "PRON", "VERB", "ADP"} and token.lower_ != "of":
            break
        if name_root not in token.ancestors or token.ent_type_ == "PERSON" or _ends_a_name(token):
            break
        tokens.insert(0, token)
        index -= 1
    while tokens and not (
        name_key(tokens[0].text) in TITLES
        or tokens[0].pos_ == "PROPN"
        or tokens[0].ent_type_
        or len(tokens) > 1
        and _joins_word(tokens[1])
    ):
        tokens.pop(0)
    while tokens and tokens[0].lower_ in {"of", "and"}:
        tokens.pop(0)
    if not any(name_key(t.text) in TITLES or t.pos_ == "NOUN" for t in tokens):
        return []
    if all(name_key(t.text) in party_words.COURTESY_TITLES for t in tokens if not t.is_punct):
        return []
    return tokens


def _ends_a_name(token: Token) -> bool:
    """An "and" after another party's name: "Trump and US Trade Representative ..."."""
    doc = token.doc
    return token.pos_ == "CCONJ" and token.i > 0 and doc[token.i - 1].ent_type_ in {"PERSON", "ORG"}


def _joins_word(token: Token) -> bool:
    """A hyphen inside a word ("editor-in-chief")."""
    doc = token.doc
    return (
        token.text == "-"
        and not token.whitespace_
        and token.i > 0
        and not doc[token.i - 1].whitespace_
    )


def apposition_tokens(name_root: Token) -> list[Token]:
    """A title in apposition: "Kenzo Oshima, the United Nations Emergency Relief Coordinator"."""
    for child in name_root.children:
        if child.dep_ == "appos" and child.tag_ == "NN" and not child.ent_type_:
            tokens = [t for t in phrase_tokens(child) if t.pos_ != "DET"]
            if 0 < len(tokens) <= MAX_ROLE_TOKENS:
                return tokens
    return []


def has_role_apposition(name: Span) -> bool:
    """Whether a person's role stands beside the name: an office or field noun.

    In apposition after it ("Kurt Volker, the former special envoy"), the name in
    apposition to it ("Sweden's deputy director, Eva-Marie Persson"), or right before it
    ("Fox News host Jeanine Pirro"). Only a person holds a role.
    """
    root = name.root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    before = name.doc[name.start - 1] if name.start > 0 else None
    if before is not None and before.head == root:
        nouns.append(before)
    return any(_is_role_noun(noun) for noun in nouns)


def _is_role_noun(noun: Token) -> bool:
    if noun.pos_ != "NOUN" or noun.ent_type_:
        return False
    lemma = noun.lemma_.lower()
    return lemma in OFFICE_NOUNS or lemma in FIELD_NOUNS


def membership_phrases(name_root: Token) -> list[Token]:
    """The words of the phrases in apposition to a name, prepositions included.

    "John Hultquist, a North Korea expert at Mandiant" → "a North Korea expert at Mandiant".
    """
    return [t for child in name_root.children if child.dep_ == "appos" for t in child.subtree]


def names_membership(token: Token, organisation: bool = False, person: Span | None = None) -> bool:
    """Whether a party's word in a role names whom the person belongs to.

    Walking up from the party's word through modifiers and membership prepositions
    (:data:`~summarizer.membership.MEMBERSHIP_PREPOSITIONS`: "minister of", "spokesperson for",
    "analyst at"), the first noun of an office or field decides: an office (minister,
    spokesman, member ...) makes any party an affiliation; a field (expert, analyst,
    correspondent ...) only an organisation, an employer, as a state there is the field:
    "North Korea expert" is no member of North Korea. Reaching the name itself, the
    person's title decides ("Chinese President Xi Jinping"); reaching another person's name
    (``person`` is the name's own span), the party is that person's, not this one's ("an
    aide to Pence on his call with Ukrainian President Zelensky"). "For" a state names a
    portfolio, not a membership ("director for China at the IMF").
    """
    node = token
    for _ in range(MAX_ROLE_TOKENS):
        if node.dep_ == "pobj":
            preposition = node.head
            if preposition.lower_ not in MEMBERSHIP_PREPOSITIONS:
                return False
            if preposition.lower_ == "for" and not organisation:
                return False
            node = preposition.head
        elif node.dep_ in {"compound", "amod", "poss", "nmod"}:
            node = node.head
        else:
            return False
        if person is not None and _of_another_person(node, person):
            return False
        lemma = node.lemma_.lower()
        if lemma in FIELD_NOUNS or node.lower_ in FIELD_NOUNS:
            return organisation
        if lemma in OFFICE_NOUNS or node.lower_ in OFFICE_NOUNS:
            return True
        if node.ent_type_ == "PERSON":
            role = title_tokens(node)
            return any(name_key(t.text) in OFFICE_NOUNS for t in role) and not any(
                name_key(t.text) in FIELD_NOUNS for t in role
            )
    return False


def _of_another_person(node: Token, person: Span) -> bool:
    """Whether a word is another person's name, or a title on one ("Ukrainian President")."""
    while node.dep_ == "compound" and node.ent_type_ != "PERSON":
        node = node.head
    return node.ent_type_ == "PERSON" and not person.start <= node.i < person.end
