"""Parties of an article: states, people, organisations and groups, one party per actor.

:mod:`.mentions` reads spaCy's entities as mentions of parties (and leaves out names that
are no actors, :mod:`.non_actors`, places where things happen, :mod:`.places`, and the
lines of a page that name no actor, :mod:`.page_lines`), :mod:`.unlabelled` adds the
organisations the actor dictionary knows that spaCy left unlabelled ("the Islamic State"),
:mod:`.groups` the collective actors without a name ("police", "rebels"), :mod:`.roster`
gathers the mentions into one party per actor, and :mod:`.roles` reads a person's role and
affiliation. Here the parties become :class:`Actor` objects and a :class:`Cast` that maps
each token to the party it names, which the event rules read.

- a country, capital or demonym (``US``, ``Washington``, ``American``) → the state, named as
  :func:`summarizer.names.country_name` gives it; a capital only where it acts, not where it
  is a setting ("talks in Tokyo"); states that no longer exist (the Soviet Union) too;
- a person → a person, with the title in front of the name or in apposition as role
  ("US Secretary of State Antony Blinken") and, when the role names a membership, the
  state or organisation it belongs to as affiliation;
- an organisation → an organisation, armed group or company by the words of its name, with
  an acronym in brackets after it as alias;
- a people ("the Kurds") or a collective actor ("police", "Fijian rebels") → a group.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from summarizer.engines.offline.groups import group_mentions
from summarizer.engines.offline.mentions import Mention, bracketed_acronym, entity_mentions
from summarizer.engines.offline.page_lines import page_furniture
from summarizer.engines.offline.roles import (
    apposition_tokens,
    membership_phrases,
    names_membership,
    title_tokens,
)
from summarizer.engines.offline.roster import Entry, Roster
from summarizer.engines.offline.syntax import governors, phrase_tokens, subjects
from summarizer.engines.offline.unlabelled import unlabelled_mentions
from summarizer.names import name_key
from summarizer.schema import PartyKind

_PRONOUNS = frozenset(
    "it its they them their he him his she her we our us who which whom whose".split()
)
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_NEUTER_PRONOUNS = frozenset({"it", "its"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "our", "us"})
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
    """Every party the article names, one per actor, with tokens mapped to them."""
    skipped = page_furniture(doc)
    entities = list(entity_mentions(doc, skipped))
    named = {i for e in doc.ents if e.label_ != "NORP" for i in range(e.start, e.end)}
    known = list(unlabelled_mentions(doc, skipped | named))
    within = {i for m in known for i in range(m.span.start, m.span.end)}
    entities = [m for m in entities if m.span.root.i not in within] + known
    at_token = {i: m for m in entities for i in range(m.span.start, m.span.end)}
    groups = [g for g in group_mentions(doc, at_token) if g.span.root.i not in skipped]
    absorbed = {
        i for g in groups if g.kind is PartyKind.GROUP for i in range(g.span.start, g.span.end)
    }
    kept = [m for m in entities if not absorbed.issuperset(range(m.span.start, m.span.end))]
    mentions = sorted(kept + groups, key=lambda m: m.start)
    cast = Cast(doc)
    entries = Roster().gather(mentions)
    for entry in entries:
        actor = _actor(entry)
        cast.actors.append(actor)
        for mention in entry.mentions:
            for index in range(mention.span.start, mention.span.end):
                cast.by_token.setdefault(index, actor)
    for actor, entry in zip(cast.actors, entries, strict=True):
        if actor.kind is PartyKind.PERSON:
            _describe_person(cast, actor, entry.mentions)
    return cast


def _actor(entry: Entry) -> Actor:
    """The party of a roster entry: its name, aliases and where the article first names it."""
    actor = Actor(entry.name, entry.kind, entry.code)
    for name in entry.names:
        actor.add_alias(name)
    for mention in entry.mentions:
        if mention.kind in _ORGANISATION_KINDS:
            acronym = bracketed_acronym(mention.span)
            if acronym:
                actor.add_alias(acronym)
    actor.aliases = [a for a in actor.aliases if name_key(a) != name_key(actor.name)]
    first = min(entry.mentions, key=lambda m: (m.setting, m.start))
    quote = _quote_span(first.span)
    actor.quote, actor.offset = quote.text, quote.start_char
    return actor


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


def _describe_person(cast: Cast, actor: Actor, mentions: list[Mention]) -> None:
    """Fill the role and affiliation of a person from the first mentions that state them.

    Reads only the person's own mentions, in the order of the text.
    """
    for mention in sorted(mentions, key=lambda m: m.start):
        name_root = mention.span.root
        role_tokens = title_tokens(name_root, mention.span.start) or apposition_tokens(name_root)
        if role_tokens and actor.role is None:
            actor.role = cast.doc[role_tokens[0].i : role_tokens[-1].i + 1].text
        if actor.affiliation is None:
            owner = _owner_of(cast, role_tokens, mention.span, actor)
            actor.affiliation = owner.name if owner else None
        if actor.role and actor.affiliation:
            return


def _owner_of(cast: Cast, role: list[Token], name: Span, person: Actor) -> Actor | None:
    """The state or organisation a person belongs to, when the text names a membership.

    A party in the role counts when it holds the office ("Taliban spokesman", "minister
    of X", "analyst at Mandiant"), not when it is the field ("North Korea expert").
    """
    name_root = name.root
    for token in [*role, *membership_phrases(name_root)]:
        owner = cast.at(token)
        if owner is None or owner is person or owner.kind is PartyKind.PERSON:
            continue
        if names_membership(token, organisation=owner.kind is not PartyKind.STATE, person=name):
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
            if (
                owner is not None
                and owner.kind is PartyKind.STATE
                and names_membership(child, person=name)
            ):
                return owner
    return None
