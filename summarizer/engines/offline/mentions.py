"""What a named-entity mention is: a party of some kind, a place, or not a party at all.

:func:`entity_mentions` turns spaCy's entities into :class:`Mention` candidates: trimmed of
articles and possessives, split at an inner possessive ("Syria's National Defense Forces" →
Syria, National Defense Forces), each given the kind of party it names, and left out when it
is no actor: a page's link lists, credit lines and glued words ("ADCuomo"), agreements and
laws ("Abraham Accords"), events ("Bloody Sunday"), operations, products and weapons, places
(by their head word, "Hoa Lo prison", "Rukban camp", or by being where things happen, "in
Lyon"), news agencies, and titles standing alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pycountry
from spacy.attrs import IS_ALPHA, POS
from spacy.symbols import AUX, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from summarizer.engines.offline import party_words
from summarizer.names import ORG_WORDS, TITLES, country_code, country_name, name_key
from summarizer.schema import PartyKind

_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_VERBS: frozenset[int] = frozenset({int(VERB), int(AUX)})
_PROPN = int(PROPN)
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]*\b")
_NAME_PARTICLES = frozenset(
    "al el bin ibn bint abu de del della di da van von der la le ul ud".split()
)
_CASE_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@dataclass
class Mention:
    """A span of the text that names a party."""

    span: Span
    kind: PartyKind
    """The kind of party; ``OTHER`` for a one-word 'place' that is a party only if the
    article shows it is a person's name (see :mod:`.roster`)."""
    name: str
    """The party's name as this mention gives it (a state's usual name for "Japanese")."""
    code: str | None = None
    """ISO 3166-1 alpha-3 code, for a state."""
    setting: bool = False
    """Whether the mention names a place where things happen rather than who acts."""
    label: str = ""
    """spaCy's entity label, or ``GROUP`` for a collective actor."""

    @property
    def surface(self) -> str:
        """The words as the text writes them."""
        return self.span.text

    @property
    def start(self) -> int:
        """Index of the first token."""
        return self.span.start


def entity_mentions(doc: Doc, skipped: frozenset[int]) -> Iterator[Mention]:
    """Mentions of parties among the entities of ``doc``, in order.

    ``skipped`` holds the sentence starts (token indices) of lines that name no actor:
    link lists and credit lines (see :func:`lines_without_actors`).
    """
    camel = any(_CASE_BOUNDARY.search(t.text) for e in doc.ents for t in e)
    vocabulary = _capitalised_words(doc) if camel else frozenset()
    pieces = [
        (span, entity.label_)
        for entity in doc.ents
        if entity.label_ in _LABELS and entity.sent.start not in skipped
        for span in _pieces(entity, vocabulary)
    ]
    places = {name_key(span.text) for span, _ in pieces if _names_a_place(span)}
    for span, label in pieces:
        if name_key(span.text) in places and country_code(span.text) is None:
            continue
        mention = _mention(span, label, vocabulary)
        if mention is not None:
            yield mention


def _office_holder(span: Span) -> bool:
    """Whether the name is what an office is held in: "a spokesperson for X", "minister of X".

    Such a name is an organisation or state, whatever spaCy labelled it.
    """
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in {"for", "of", "at"}:
        return False
    return root.head.head.lemma_.lower() in party_words.OFFICE_NOUNS


def _names_a_place(span: Span) -> bool:
    """Whether the text uses the name as a place's: "the Rukban camp", "the al-Tanf base".

    Every mention of such a name is left out, not only this one.
    """
    root = span.root
    return root.dep_ in {"compound", "nmod"} and root.head.lower_ in party_words.PLACE_NOUNS


def _pieces(entity: Span, vocabulary: frozenset[str]) -> list[Span]:
    """The entity trimmed, or its two names when a possessive joins them inside it.

    An entity that as a whole is no actor ("Women's Football World Cup") gives none; one
    a page glued another name to gives its first ("Donald Trump Donald TrumpRepublicans").
    """
    span = trim(entity)
    if span is None or not_an_actor(span, entity.label_):
        return []
    span = _first_copy(span, vocabulary)
    for token in span[1:-1]:
        if token.text in _POSSESSIVE:
            parts = [trim(span.doc[span.start : token.i]), trim(span.doc[token.i + 1 : span.end])]
            return [p for p in parts if p is not None]
    return [span]


def trim(span: Span) -> Span | None:
    """The span without leading articles and punctuation or a trailing possessive.

    ``None`` when nothing capitalised is left.
    """
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"}
        or doc[start].is_punct
        or doc[start].text in _POSSESSIVE
        or doc[start].is_lower
        and doc[start].lower_ not in _NAME_PARTICLES
    ):
        start += 1
    while end > start and (
        doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].like_num
    ):
        end -= 1
    opened = sum(t.text == "(" for t in doc[start:end]) - sum(t.text == ")" for t in doc[start:end])
    if opened > 0 and end < len(doc) and doc[end].text == ")":
        end += 1
    if start >= end or not any(t.text[0].isupper() and not t.is_punct for t in doc[start:end]):
        return None
    return doc[start:end]


def _mention(span: Span, label: str, vocabulary: frozenset[str]) -> Mention | None:
    text = span.text
    if not_an_actor(span, label, vocabulary):
        return None
    code = country_code(text)
    if code is not None:
        if label == "NORP" and has_ethnic_marker(span):
            marked = span.doc[span.start - 1 : span.end] if _marker_before(span) else span
            return Mention(marked, PartyKind.GROUP, capitalised(marked.text), label=label)
        setting = is_setting(span) and not is_country_name(text)
        return Mention(span, PartyKind.STATE, country_name(code) or text, code, setting, label)
    setting = is_setting(span) or _one_word_place(span) or _regional(span)
    if label == "PERSON" and bracketed_acronym(span) is None and not _office_holder(span):
        if span[-1].tag_ == "NNPS" and len(span) == 1:
            return Mention(span, PartyKind.GROUP, text, label=label)
        return Mention(span, PartyKind.PERSON, text, setting=setting, label=label)
    if label in {"ORG", "PERSON"} or (label == "FAC" and name_key(span[-1].text) in ORG_WORDS):
        if is_place_name(span) or explains_non_actor(span):
            return None
        if len(span) == 1 and span[0].tag_ == "NNPS":
            return Mention(span, PartyKind.GROUP, text, setting=setting, label=label)
        while len(span) > 1 and name_key(span[-1].text) in party_words.TITLE_ABBREVIATIONS:
            span = span[:-1]
            text = span.text
        kind = organisation_kind(text)
        place = _one_word_place(span) or _regional(span)
        return Mention(span, kind, text, setting=place, label=label)
    if is_people(span, label):
        return Mention(span, PartyKind.GROUP, text, label=label)
    if len(span) == 1 and text.istitle() and not setting:
        return Mention(span, PartyKind.OTHER, text, label=label)
    return None


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
    return any(_no_actor_noun(noun) for noun in _equated(span.root))


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


def _first_copy(span: Span, vocabulary: frozenset[str]) -> Span:
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
    for boundary in _CASE_BOUNDARY.finditer(word):
        left, right = word[: boundary.start()], word[boundary.start() :]
        if len(right) < 3:
            continue
        if right in vocabulary and (left in vocabulary or left.isupper()):
            return True
        if len(left) >= 4 and left in vocabulary and left.istitle() and right.istitle():
            return True
    return False


def _capitalised_words(doc: Doc) -> frozenset[str]:
    return frozenset(_CAPITALISED.findall(doc.text))


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
    if root.dep_ == "npadvmod" and span.start == root.sent.start:
        return True
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    if preposition.lower_ == "of":
        return preposition.head.lemma_.lower() in party_words.PLACE_NOUNS
    return preposition.lower_ in party_words.LOCATIVE_PREPOSITIONS


def _one_word_place(span: Span) -> bool:
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


def _marker_before(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in party_words.ETHNIC_MARKERS


def has_ethnic_marker(span: Span) -> bool:
    """Whether a group is qualified as ethnic ("ethnic Albanians"), so not its state."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    return (before is not None and before.lower_ in party_words.ETHNIC_MARKERS) or any(
        c.lower_ in party_words.ETHNIC_MARKERS for c in span.root.children
    )


def is_people(span: Span, label: str) -> bool:
    """A people named as such ("the Kurds"), not a demonym qualifying a noun ("Kurdish")."""
    return (
        label == "NORP"
        and span.root.tag_ in {"NNPS", "NNS"}
        and span.root.dep_ not in {"amod", "compound"}
    )


def _regional(span: Span) -> bool:
    """A name qualified by a direction is a region: "Syria's eastern Badia"."""
    return any(
        c.dep_ == "amod" and c.lower_ in party_words.COMPASS_WORDS for c in span.root.children
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
    found = set(name_key(name).split())
    if found & party_words.ARMED_GROUP_NAME_WORDS:
        return PartyKind.ARMED_GROUP
    if found & party_words.COMPANY_NAME_WORDS:
        return PartyKind.COMPANY
    return PartyKind.ORGANIZATION


def bracketed_acronym(span: Span) -> str | None:
    """An acronym in brackets right after the span ("... Organization (NATO)"), if any."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
        candidate = doc[span.end + 1].text
        capitals = sum(c.isupper() for c in candidate)
        if candidate[:1].isupper() and capitals >= 2 and len(candidate) <= 8:
            return candidate
    return None


def lines_without_actors(doc: Doc) -> frozenset[int]:
    """Starts of the sentences that name no actor: credit lines and a page's link lists.

    A credit line says who reported, wrote, edited or photographed ("Associated Press
    writers ... contributed to this report"); a link list is a line without a verb made
    mostly of proper names.
    """
    found: set[int] = set()
    parts: list[list[int]] = doc.to_array([POS, IS_ALPHA]).tolist()
    for sentence in doc.sents:
        text = sentence.text.lower()
        if any(cue in text for cue in party_words.CREDIT_CUES) or _is_link_list(
            parts[sentence.start : sentence.end]
        ):
            found.add(sentence.start)
    return frozenset(found)


def _is_link_list(parts: list[list[int]]) -> bool:
    """A line of four words or more, no verb, seven in ten proper names (POS, IS_ALPHA)."""
    words = [pos for pos, alpha in parts if alpha]
    if len(words) < 4 or any(pos in _VERBS for pos, _ in parts):
        return False
    return sum(pos == _PROPN for pos in words) >= 0.7 * len(words)


def capitalised(text: str) -> str:
    """``text`` with its first letter in upper case: a group's name ("Police")."""
    return text[:1].upper() + text[1:]


def title_before(token: Token) -> bool:
    """Whether a person's title stands right before the token ("President Duterte")."""
    doc = token.doc
    index = token.i - 1
    while index >= 0 and doc[index].text == ".":
        index -= 1
    return index >= 0 and name_key(doc[index].text) in party_words.PERSON_TITLES
