"""Parties from named entities: states, people, organisations and groups, merged by alias.

A mention becomes an :class:`Actor`:

- a country, capital or demonym (``US``, ``Washington``, ``American``) → the state, named as
  :func:`summarizer.names.country_name` gives it; a capital only where it acts, not where it
  is a setting ("talks in Tokyo");
- a person → a person, with the title in front of the name or in apposition as role
  ("US Secretary of State Antony Blinken") and the country or organisation of that title,
  or of the noun the name stands beside ("their Japanese counterparts, Yoko Kamikawa"), as
  affiliation;
- an organisation → an organisation, armed group or company by the words of its name, with
  an acronym in brackets after it as alias;
- a group of people named with a qualifier ("Fijian rebels", "ethnic Albanians", "a terror
  group based in Trinidad") → an armed group or other party of its own: such groups do not
  act for their state, unlike "Japanese diplomats", which is Japan.

Mentions of one party merge by :func:`summarizer.names.same_name` (same key, same country,
acronym, or a person's surname).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from summarizer.engines.offline import lexicon
from summarizer.engines.offline.mentions import (
    bracketed_acronym,
    explains_non_actor,
    has_ethnic_marker,
    is_country_name,
    is_place_name,
    is_setting,
    organisation_kind,
)
from summarizer.engines.offline.roles import apposition_tokens, title_tokens
from summarizer.engines.offline.syntax import governors, phrase_tokens, subjects
from summarizer.names import ORG_WORDS, TITLES, country_code, country_name, name_key, same_name
from summarizer.schema import PartyKind

_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_PRONOUNS = frozenset(
    "it its they them their he him his she her we our us who which whom whose".split()
)
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_NEUTER_PRONOUNS = frozenset({"it", "its"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "our", "us"})
_GROUP_NOUNS = lexicon.ARMED_GROUP_NOUNS | lexicon.POPULATION_NOUNS
_ORGANISATION_KINDS = frozenset({PartyKind.ORGANIZATION, PartyKind.ARMED_GROUP, PartyKind.COMPANY})
_MAX_QUOTE_TOKENS = 12


@dataclass
class Actor:
    """One party of the article, with every name the article gives it."""

    name: str
    kind: PartyKind
    code: str | None = None
    """ISO alpha-3 code, for states."""
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    quote: str = ""
    """Where the article first names it: a noun phrase, verbatim."""
    offset: int = 0
    """Start of :attr:`quote` in the text."""

    def names(self) -> list[str]:
        """The name and every alias."""
        return [self.name, *self.aliases]

    def add_alias(self, alias: str) -> None:
        """Record another name, unless it is already known under the same key."""
        if name_key(alias) not in {name_key(n) for n in self.names()}:
            self.aliases.append(alias)


@dataclass
class Cast:
    """The parties of one article, and which tokens name each of them."""

    doc: Doc
    actors: list[Actor] = field(default_factory=list)
    by_token: dict[int, Actor] = field(default_factory=dict)

    def at(self, token: Token) -> Actor | None:
        """The party a token names, if any."""
        return self.by_token.get(token.i)

    def in_tokens(self, tokens: list[Token]) -> list[Actor]:
        """Parties named among ``tokens``, in order of mention, each once."""
        found: list[Actor] = []
        for token in tokens:
            actor = self.by_token.get(token.i)
            if actor is not None and actor not in found:
                found.append(actor)
        return found

    def of_argument(self, heads: list[Token]) -> list[Actor]:
        """The parties an argument names: its heads' own, else the ones inside its phrase.

        "top US and Japanese diplomats" → the United States and Japan; a pronoun resolves
        to its antecedent.
        """
        found: list[Actor] = []
        for head in heads:
            for actor in self._of_head(head):
                if actor not in found:
                    found.append(actor)
        return found

    def owners(self, heads: list[Token]) -> list[Actor]:
        """The parties an argument belongs to: its heads' own or their possessors.

        "North Korea's nuclear program" → North Korea (and not what the program is with).
        """
        found: list[Actor] = []
        for head in heads:
            actor = self.at(head)
            candidates = [actor] if actor else self._modifier_owners(head)
            for candidate in candidates:
                if candidate not in found:
                    found.append(candidate)
        return found

    def _modifier_owners(self, head: Token) -> list[Actor]:
        found: list[Actor] = []
        for child in head.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                if child.lower_ in _PRONOUNS:
                    found.extend(self.resolve(child))
                else:
                    found.extend(self.in_tokens(list(child.subtree)))
            elif child.dep_ == "prep" and child.lower_ in {"from", "of", "by"}:
                found.extend(self.in_tokens(list(child.subtree)))
        return found

    def _of_head(self, head: Token) -> list[Actor]:
        actor = self.at(head)
        if actor is not None:
            return [actor]
        if head.lower_ in _PRONOUNS:
            return self.resolve(head)
        return self.in_tokens(phrase_tokens(head))

    def resolve(self, pronoun: Token) -> list[Actor]:
        """The antecedent of a pronoun.

        That is the relative clause's noun, the governing subject (plus partners met "with"
        for a plural pronoun), or the last subject before.
        """
        if pronoun.lower_ in _RELATIVE and pronoun.head.dep_ == "relcl":
            return self.of_argument([pronoun.head.head])
        found = self._antecedent(pronoun)
        if pronoun.lower_ in _NEUTER_PRONOUNS:
            return [a for a in found if a.kind is not PartyKind.PERSON]
        return found

    def _antecedent(self, pronoun: Token) -> list[Actor]:
        if pronoun.dep_ == "poss":
            before = [t for t in pronoun.sent if t.i < pronoun.i and t.i in self.by_token]
            if before:
                return [self.by_token[before[-1].i]]
        for node in governors(pronoun):
            if node.pos_ not in {"VERB", "AUX"}:
                continue
            heads = [s for s in subjects(node) if s.lower_ not in _PRONOUNS]
            if heads and pronoun not in heads:
                found = self.of_argument(heads)
                if pronoun.lower_ in _PLURAL_PRONOUNS:
                    found += [a for a in self._partners(node) if a not in found]
                if found:
                    return found
        return self._previous_subject(pronoun)

    def _partners(self, verb: Token) -> list[Actor]:
        found: list[Actor] = []
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "with":
                found.extend(self.in_tokens(list(child.subtree)))
            elif child.dep_ in {"npadvmod", "appos"} and self.at(child):
                found.extend(self.of_argument([child, *child.conjuncts]))
        return found

    def _previous_subject(self, token: Token) -> list[Actor]:
        sentence = token.sent
        for _ in range(3):
            if sentence.start == 0:
                break
            sentence = self.doc[sentence.start - 1].sent
            heads = [s for s in subjects(sentence.root) if s.lower_ not in _PRONOUNS]
            found = self.of_argument(heads)
            if found:
                return found
        return []


def find_parties(doc: Doc) -> Cast:
    """Every party the article names, merged by alias, with tokens mapped to them."""
    cast = Cast(doc)
    for entity in doc.ents:
        if entity.label_ in _LABELS:
            _add_entity(cast, entity)
    for token in doc:
        if token.lower_ in _GROUP_NOUNS and token.pos_ == "NOUN" and token.i not in cast.by_token:
            _add_group(cast, token)
    for actor in cast.actors:
        if actor.kind is PartyKind.PERSON:
            _describe_person(cast, actor)
    return cast


def _trim(entity: Span) -> Span | None:
    doc = entity.doc
    start, end = entity.start, entity.end
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"}
        or doc[start].is_punct
        or doc[start].text in _POSSESSIVE
    ):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    opened = sum(t.text == "(" for t in doc[start:end]) - sum(t.text == ")" for t in doc[start:end])
    if opened > 0 and end < len(doc) and doc[end].text == ")":
        end += 1
    if start >= end or not any(t.text[0].isupper() and not t.is_punct for t in doc[start:end]):
        return None
    return doc[start:end]


def _add_entity(cast: Cast, entity: Span) -> None:
    span = _trim(entity)
    if span is None:
        return
    text = span.text
    label = entity.label_
    code = country_code(text)
    if code is not None:
        if label == "NORP" and has_ethnic_marker(span):
            _add_group(cast, span.root)
            return
        if is_setting(span) and not is_country_name(text):
            return
        actor = _merge(cast, Actor(country_name(code) or text, PartyKind.STATE, code), text)
        _claim(cast, actor, span)
        return
    if label == "PERSON":
        if all(name_key(w) in TITLES for w in text.split()):
            return
        if span[-1].tag_ == "NNPS":
            _claim(cast, _merge(cast, Actor(text, PartyKind.OTHER), text), span)
            return
        _claim(cast, _merge(cast, Actor(text, PartyKind.PERSON), text), span)
    elif label == "ORG" or (label == "FAC" and name_key(span[-1].text) in ORG_WORDS):
        if (
            all(name_key(t.text) in TITLES for t in span)
            or is_place_name(span)
            or explains_non_actor(span)
        ):
            return
        actor = _merge(cast, Actor(text, organisation_kind(text)), text)
        acronym = bracketed_acronym(span)
        if acronym:
            actor.add_alias(acronym)
        _claim(cast, actor, span)
    elif _is_people(span):
        _claim(cast, _merge(cast, Actor(text, PartyKind.OTHER), text), span)


def _is_people(span: Span) -> bool:
    """A people named as such ("the Kurds"), not a demonym qualifying a noun."""
    return (
        span.label_ == "NORP"
        and span.root.pos_ in {"NOUN", "PROPN"}
        and span.root.dep_ not in {"amod", "compound"}
    )


def _add_group(cast: Cast, head: Token) -> None:
    """A group named with a qualifier: "Fijian rebels", "terror group based in Trinidad"."""
    doc = head.doc
    if head.dep_ in {"compound", "amod", "nmod"} and head.head.pos_ in {"NOUN", "PROPN"}:
        return
    left = [c for c in head.lefts if c.dep_ in {"amod", "compound", "nmod"} and _qualifies(c)]
    right: list[Token] = []
    for child in head.rights:
        if (
            child.dep_ == "prep"
            and child.lower_ in {"of", "in", "from"}
            or child.dep_ == "acl"
            and child.lemma_ == "base"
        ):
            right = list(child.subtree)
        if right:
            break
    if right and not any(t.i in cast.by_token or t.ent_type_ for t in right):
        right = []
    if not left and not right:
        return
    start = min(t.left_edge.i for t in left) if left else head.i
    end = right[-1].i + 1 if right and len(right) <= 8 else head.i + 1
    while start < head.i and doc[start].pos_ in {"DET", "NUM", "PUNCT"}:
        start += 1
    span = doc[start:end]
    if end - start < 2 and not head.ent_type_:
        return
    kind = PartyKind.ARMED_GROUP if head.lower_ in lexicon.ARMED_GROUP_NOUNS else PartyKind.OTHER
    name = span.text
    if name[0].islower():
        name = name[0].upper() + name[1:]
    actor = _merge(cast, Actor(name, kind), span.text)
    for token in doc[start : head.i + 1]:
        cast.by_token[token.i] = actor
    if not actor.quote:
        actor.quote, actor.offset = span.text, span.start_char


def _qualifies(modifier: Token) -> bool:
    """Whether a modifier names a group ("Fijian", "Druze", "terror"), not just sizes it up."""
    if modifier.pos_ in {"NUM", "PRON", "DET"}:
        return False
    return bool(modifier.ent_type_) or modifier.text[0].isupper() or modifier.pos_ == "NOUN"


def _claim(cast: Cast, actor: Actor, span: Span) -> None:
    for token in span:
        cast.by_token.setdefault(token.i, actor)
    if not actor.quote:
        quote = _quote_span(span)
        actor.quote, actor.offset = quote.text, quote.start_char


def _quote_span(span: Span) -> Span:
    """The noun phrase around a mention ("US Secretary of State Antony Blinken"), if short."""
    head = span.root
    while head.dep_ in {"compound", "nmod", "amod", "poss"} and head.head.pos_ in {
        "NOUN",
        "PROPN",
    }:
        head = head.head
    tokens = phrase_tokens(head)
    if span.start < tokens[0].i or span.end - 1 > tokens[-1].i:
        return span
    if len(tokens) > _MAX_QUOTE_TOKENS:
        return span
    return span.doc[tokens[0].i : tokens[-1].i + 1]


def _merge(cast: Cast, new: Actor, surface: str) -> Actor:
    """The known actor ``new`` is another name of, or ``new`` itself, now known."""
    for actor in cast.actors:
        if actor.kind is not new.kind and not {actor.kind, new.kind} <= _ORGANISATION_KINDS:
            continue
        if (actor.code and actor.code == new.code) or (
            not actor.code and not new.code and same_name(actor.name, new.name)
        ):
            if new.kind is PartyKind.PERSON and len(new.name) > len(actor.name):
                actor.add_alias(actor.name)
                actor.name = new.name
            actor.add_alias(surface)
            if name_key(actor.name) in {name_key(a) for a in actor.aliases}:
                actor.aliases = [a for a in actor.aliases if name_key(a) != name_key(actor.name)]
            return actor
    new.add_alias(surface)
    new.aliases = [a for a in new.aliases if name_key(a) != name_key(new.name)]
    cast.actors.append(new)
    return new


def _describe_person(cast: Cast, actor: Actor) -> None:
    """Fill the role and affiliation of a person from the first mention that states them."""
    for token in cast.doc:
        if cast.by_token.get(token.i) is not actor or token.dep_ == "compound":
            continue
        role_tokens = title_tokens(token) or apposition_tokens(token)
        if role_tokens and actor.role is None:
            actor.role = cast.doc[role_tokens[0].i : role_tokens[-1].i + 1].text
        if actor.affiliation is None:
            owner = _owner_of(cast, role_tokens, token, actor)
            actor.affiliation = owner.name if owner else None
        if actor.role and actor.affiliation:
            return


def _owner_of(cast: Cast, role: list[Token], name_root: Token, person: Actor) -> Actor | None:
    """The state or organisation a person belongs to, as the text states it."""
    for token in role:
        owner = cast.at(token)
        if owner is not None and owner is not person and owner.kind is not PartyKind.PERSON:
            return owner
    if name_root.dep_ == "conj":
        head = cast.at(name_root.head)
        if head is not None and head is not person and head.affiliation:
            return next((a for a in cast.actors if a.name == head.affiliation), None)
    doc = name_root.doc
    first = name_root.left_edge.i
    if first >= 2 and doc[first - 1].text == "," and doc[first - 2].pos_ == "NOUN":
        noun = doc[first - 2]
        for child in noun.children:
            owner = cast.at(child)
            if owner is not None and owner.kind is PartyKind.STATE:
                return owner
    return None
