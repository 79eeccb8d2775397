"""What a named-entity mention is: a party of some kind, or no party at all.

:func:`entity_mentions` turns spaCy's entities into :class:`Mention` candidates: trimmed of
articles and possessives, split at an inner possessive ("Syria's National Defense Forces" →
Syria, National Defense Forces), each given the kind of party it names. It leaves out the
names :mod:`.non_actors` finds to be no actor, places (:mod:`.places`) and the lines of a
page that name no actor (:mod:`.page_lines`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from summarizer.engines.offline import party_words
from summarizer.engines.offline.non_actors import (
    CASE_BOUNDARY,
    capitalised_words,
    explains_non_actor,
    first_copy,
    not_an_actor,
)
from summarizer.engines.offline.places import (
    is_country_name,
    is_place_name,
    is_setting,
    names_a_place,
    one_word_place,
    regional,
)
from summarizer.membership import FIELD_NOUNS, OFFICE_NOUNS
from summarizer.names import (
    FAMILY_NAME_FIRST,
    ORG_WORDS,
    TITLES,
    country_code,
    country_name,
    name_key,
)
from summarizer.schema import PartyKind

_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_NAME_PARTICLES = frozenset(
    "al el bin ibn bint abu de del della di da van von der la le ul ud".split()
)


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

    ``skipped`` holds the indices of the tokens that are page furniture, not the article
    (see :func:`~.page_lines.page_furniture`).
    """
    camel = any(CASE_BOUNDARY.search(t.text) for e in doc.ents for t in e)
    vocabulary = capitalised_words(doc) if camel else frozenset()
    pieces = [
        (span, label)
        for entity, label in _whole_names(doc)
        if label in _LABELS and entity.start not in skipped
        for span in _pieces(_before(entity, skipped), label, vocabulary)
    ]
    places = {name_key(span.text) for span, _ in pieces if names_a_place(span)}
    for span, label in pieces:
        if name_key(span.text) in places and country_code(span.text) is None:
            continue
        mention = _mention(span, label, vocabulary)
        if mention is not None:
            yield mention


def _whole_names(doc: Doc) -> Iterator[tuple[Span, str]]:
    """The entities of ``doc`` with their labels, names that spaCy cut in two made whole.

    Two entities side by side, the first a part of the second's name ("Lockheed" ORG +
    "Martin" PERSON, "Ursula von der" PERSON + "Leyen" GPE), are one name labelled as the
    first, unless the first is a country ("US" + "Navy" stay apart); a family name written
    first that spaCy left out of a person's name joins it ("He" + "Jianxiong").
    """
    entities = list(doc.ents)
    index = 0
    while index < len(entities):
        entity = entities[index]
        after = entities[index + 1] if index + 1 < len(entities) else None
        if after is not None and _first_part(entity, after):
            yield doc[entity.start : after.end], entity.label_
            index += 2
            continue
        start = entity.start
        if entity.label_ == "PERSON" and start > 0:
            before = doc[start - 1]
            if (
                before.text[:1].isupper()
                and name_key(before.text) in FAMILY_NAME_FIRST
                and before.head.i in range(entity.start, entity.end)
            ):
                start -= 1
        yield doc[start : entity.end], entity.label_
        index += 1


def _before(entity: Span, skipped: frozenset[int]) -> Span:
    """The entity up to where page furniture starts inside it, if it does."""
    end = next((t.i for t in entity if t.i in skipped), entity.end)
    return entity.doc[entity.start : end]


def _first_part(entity: Span, after: Span) -> bool:
    return (
        entity.end == after.start
        and entity.label_ in _LABELS - {"NORP"}
        and after.label_ in _LABELS - {"NORP"}
        and entity.root.dep_ == "compound"
        and entity.root.head.i in range(after.start, after.end)
        and country_code(entity.text) is None
        and not all(name_key(t.text) in TITLES for t in entity if not t.is_punct)
    )


def _office_holder(span: Span) -> bool:
    """Whether the name is where an office or post is held: "a spokesperson for X".

    "Minister of X", "a professor at X": such a name is an organisation or state, whatever
    spaCy labelled it.
    """
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in {"for", "of", "at"}:
        return False
    role = root.head.head.lemma_.lower()
    return role in OFFICE_NOUNS or role in FIELD_NOUNS


def _pieces(entity: Span, label: str, vocabulary: frozenset[str]) -> list[Span]:
    """The entity trimmed, or its two names when a possessive joins them inside it.

    The possessive may belong to the name (see :func:`_one_name`). An entity that as a
    whole is no actor ("Women's Football World Cup") gives none; one a page glued another
    name to gives its first ("Donald Trump Donald TrumpRepublicans").
    """
    span = trim(entity)
    if span is None or not_an_actor(span, label):
        return []
    span = first_copy(span, vocabulary)
    for token in span[1:-1]:
        if token.text in _POSSESSIVE:
            owner = trim(span.doc[span.start : token.i])
            owned = trim(span.doc[token.i + 1 : span.end])
            if owner is None or owned is None or _one_name(owner, owned):
                break
            return [owner, owned]
    return [span]


def _one_name(owner: Span, owned: Span) -> bool:
    """Whether a possessive inside a name belongs to the name, not to an owner.

    "People's Liberation Army", "Workers' Party", "Westminster Magistrate's Court" are one
    name each; "Syria's National Defense Forces" names Syria and the forces. A country
    before the possessive always owns; otherwise a plural of common words does not
    ("People", "Workers"), nor does any name before an institution's noun alone ("Court").
    """
    if country_code(owner.text) is not None:
        return False
    if len(owner) == 1 and owner[0].lower_ in party_words.COLLECTIVE_NOUNS:
        return True
    return len(owned) == 1 and name_key(owned.text) in ORG_WORDS


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
    setting = is_setting(span) or one_word_place(span) or regional(span)
    called = called_an_organisation(span)
    if called is not None:
        return Mention(span, called, text, setting=setting, label=label)
    if label == "PERSON" and bracketed_acronym(span) is None and not _office_holder(span):
        if len(span) == 1 and (span[0].tag_ == "NNPS" or family(span)):
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
        return Mention(span, kind, text, setting=setting, label=label)
    if is_people(span, label):
        return Mention(span, PartyKind.GROUP, text, label=label)
    if len(span) == 1 and text.istitle() and not setting:
        return Mention(span, PartyKind.OTHER, text, label=label)
    return None


def called_an_organisation(span: Span) -> PartyKind | None:
    """The kind of organisation the text calls a name, right before it or in apposition.

    "Ukrainian energy company Burisma", "Burisma, a gas company" → a company; "the
    militant group Jaish" → an armed group; "the think tank Chatham House" → an
    organisation. ``None`` when the text calls it no organisation.
    """
    root = span.root
    doc = span.doc
    nouns = [c for c in root.children if c.dep_ == "appos"]
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and _names_it(before, root):
        nouns.append(before)
    for noun in nouns:
        lemma = noun.lemma_.lower()
        if lemma in party_words.COMPANY_NOUNS:
            return PartyKind.COMPANY
        if lemma == "tank" and not any(c.lower_ == "think" for c in noun.lefts):
            continue
        if lemma in party_words.ORGANISATION_NOUNS:
            armed = any(c.lower_ in party_words.ARMED_QUALIFIERS for c in noun.lefts)
            return PartyKind.ARMED_GROUP if armed else PartyKind.ORGANIZATION
    return None


def _names_it(noun: Token, root: Token) -> bool:
    """Whether a noun right before a name names it: its compound, or its parse's twin.

    spaCy reads "the militant group Ansar Allah claimed" with two subjects of one verb.
    """
    return noun.head == root or (noun.head == root.head and noun.dep_ == root.dep_)


def family(span: Span) -> bool:
    """A surname in the plural after "the": a family ("the Bidens", "the Kennedys")."""
    doc = span.doc
    return (
        span.text.endswith("s")
        and not span.text.endswith("ss")
        and span.start > 0
        and doc[span.start - 1].lower_ == "the"
    )


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
