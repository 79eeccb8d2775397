"""Names that are no actor whatever spaCy labelled them.

Agreements and laws ("Abraham Accords"), events ("Bloody Sunday"), operations, products and
weapons ("Patriot missiles"), news agencies, titles standing alone or a portfolio in one
("Energy Secretary"), common nouns capitalised at a sentence's start ("Time is ..."),
news outlets cited as sources ("told Business Insider"),
hashtags and handles, and the words a web page glued together ("ADCuomo", "Ted Cruz Ted
Cruz").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from summarizer.engines.offline import party_words
from summarizer.names import TITLES, country_code, name_key

CASE_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
"""Where a word changes case inside: "Trump|Republicans", "AD|Cuomo"."""
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]*\b")


def not_an_actor(span: Span, label: str = "", vocabulary: frozenset[str] = frozenset()) -> bool:
    """Whether a name is no party whatever its label: see the module docstring.

    ``label`` is spaCy's entity label; ``vocabulary`` holds the article's capitalised
    words, to tell glued words from names.
    """
    keys = [name_key(t.text) for t in span if not t.is_punct]
    if not keys or (all(k in TITLES for k in keys) and country_code(span.text) is None):
        return True
    if all(t.pos_ == "ADJ" for t in span if not t.is_punct) and label != "NORP":
        return True
    last = keys[-1]
    if (
        last in party_words.NOT_ACTOR_HEADS
        or last in party_words.THING_NOUNS
        or name_key(span.text) in party_words.NEWS_AGENCIES
        or (label == "PERSON" and _is_repeated(keys))
        or any(is_glued(t.text, vocabulary) for t in span)
    ):
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and (
        before.lower_ in party_words.NAMING_NOUNS or before.text in {"#", "@"}
    ):
        return True
    head = span.root.head.lower_
    if span.root.dep_ in {"compound", "nmod"} and head in party_words.THING_NOUNS:
        return True
    return (
        _common_noun_opening(span)
        or _cited_outlet(span)
        or _portfolio(span)
        or any(_no_actor_noun(noun) for noun in _equated(span.root))
    )


def _common_noun_opening(span: Span) -> bool:
    """A common word capitalised because it opens a sentence: "Time is not on his side".

    The tagger reads it as a common noun and the article writes it in lower case elsewhere
    ("at the time"); the tag alone is not enough ("Trump has pledged" is tagged so too).
    """
    words = [t for t in span if not t.is_punct]
    if len(words) != 1 or not words[0].is_sent_start or words[0].tag_ not in {"NN", "NNS"}:
        return False
    return re.search(rf"\b{re.escape(words[0].lower_)}\b", span.doc.text) is not None


def _cited_outlet(span: Span) -> bool:
    """A news outlet named as the source of what is reported, not as an actor.

    "told Business Insider", "rebels have told Al-Monitor", "according to The Times",
    "the Daily Telegraph reported". The outlet is recognised by its name's last word
    (:data:`~.party_words.OUTLET_WORDS`); "Fox News host Jeanine Pirro" is no citation.
    """
    last = name_key(re.split(r"[-\s]+", span.text.strip())[-1])
    if last not in party_words.OUTLET_WORDS:
        return False
    root = span.root
    head = root.head
    if root.dep_ in {"dobj", "dative"}:
        return head.lemma_ == "tell"
    if root.dep_ == "nsubj":
        return head.lemma_ in party_words.CITING_VERBS
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _portfolio(span: Span) -> bool:
    """A minister's portfolio in a title: "Energy" Secretary, "UK Home" Secretary."""
    doc = span.doc
    if span.end >= len(doc) or name_key(doc[span.end].text) not in party_words.PORTFOLIO_TITLES:
        return False
    words = [t.text for t in span if not t.is_punct and country_code(t.text) is None]
    return bool(words) and all(name_key(w) in party_words.PORTFOLIO_WORDS for w in words)


def _equated(root: Token) -> list[Token]:
    """Nouns a name is equated with: in apposition, or what it is "known as" the name of."""
    found = [c for c in root.rights if c.dep_ == "appos"][:1]
    if root.dep_ == "appos":
        found.append(root.head)
    if root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.head.lemma_ == "know":
        known = root.head.head
        if known.dep_ == "acl":
            found.append(known.head)
    return found


def _no_actor_noun(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return noun.ent_type_ == "" and (
        lemma in party_words.PLACE_NOUNS
        or lemma in party_words.PLACE_HEADS
        or lemma in party_words.THING_NOUNS
        or lemma in party_words.NAMING_NOUNS
        or lemma in party_words.NOT_ACTOR_HEADS
    )


def first_copy(span: Span, vocabulary: frozenset[str]) -> Span:
    """The words of a name before a glued word or a repeat, when two or more are left."""
    seen: list[str] = []
    for token in span:
        key = name_key(token.text)
        if is_glued(token.text, vocabulary) or (len(key) >= 3 and key in seen[:-1]):
            cut = span[: token.i - span.start]
            return cut if len(cut) >= 2 else span
        seen.append(key)
    return span


def _is_repeated(keys: list[str]) -> bool:
    """A name with a word written twice ("Ted Cruz Ted Cruz", "Mike Pence Mike").

    Link lists and bylines of a web page glue names together so.
    """
    return any(len(key) >= 3 and key in keys[: max(index - 1, 0)] for index, key in enumerate(keys))


def is_glued(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether a word is two names run together by a web page ("TrumpRepublicans", "ADCuomo").

    True when it splits at a change of case into a name the article also writes as a word
    of its own and a known word or an abbreviation ("AD" + "Cuomo"), or into a known word
    of four letters or more and a capitalised one ("Cruz" + "Access"): "McCain" and
    "DeSantis" stay.
    """
    if word[1:].islower() or word.isupper():
        return False
    for boundary in CASE_BOUNDARY.finditer(word):
        left, right = word[: boundary.start()], word[boundary.start() :]
        if len(right) < 3:
            continue
        if right in vocabulary and (left in vocabulary or left.isupper()):
            return True
        if len(left) >= 4 and left in vocabulary and left.istitle() and right.istitle():
            return True
    return False


def capitalised_words(doc: Doc) -> frozenset[str]:
    """The capitalised words of the article, to tell glued words from names (:func:`is_glued`)."""
    return frozenset(_CAPITALISED.findall(doc.text))


def explains_non_actor(span: Span) -> bool:
    """An acronym in brackets after a phrase that names no actor: "Memorandum (MOU)"."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc) or len(span) != 1:
        return False
    if doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return False
    before = doc[span.start - 2]
    return before.ent_type_ not in {"ORG", "GPE", "NORP", "PERSON", "FAC"}
