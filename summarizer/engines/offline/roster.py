"""One party per actor: the mentions of an article gathered into parties, through keys.

The rules, in the order they apply:

1. A state is one party whatever the article calls it ("US", "Washington", "American").
2. A one-word name that the article also gives a person (a surname, "Trump"; a family name
   written first, "Xi") is that person, whatever spaCy labelled it; so is one after a
   person's title ("President Duterte"), and a common surname standing alone as an actor
   ("Trump threatened to pull out of NATO", see :func:`~summarizer.names.is_common_surname`)
   or a subject its sentence calls "he" or "she" ("Duterte said he would ..."), or a name
   coordinated with a person's ("Rubio and Kasich"). A one-word 'place' none of these
   make a person is no party. A name the article calls an organisation ("energy company
   Burisma", "Burisma, a gas company") is that organisation wherever it stands; a
   person's surname in the plural after "the" is the family ("the Bidens"), a group.
3. Full names merge when :func:`~summarizer.names.same_full_name` says they are one person
   (different first names are different people: two brothers are two parties); other
   names when :func:`~summarizer.names.same_name` accepts them and their kinds agree, and
   (b) organisations the actor dictionary knows as one ("ISIS", "Islamic State", see
   :func:`~summarizer.actors.dictionary_actor`), and (c) an organisation named by the
   last words of one other's name joins it ("Intelligence Committee", "House Intelligence
   Committee"; "Communist Party", "Chinese Communist Party"), as does one named by the
   first word of one other's whose other words are generic ("Amnesty", "Amnesty
   International"); with two such names it joins neither.
4. A surname alone joins the full name it can stand for only when the article names one
   such person; with two ("Tom Smith", "Jack Smith") it joins neither and is no party. A
   first name alone that is no one's surname joins the one full name it starts ("Gordon"
   of "Gordon Sondland"), none when two start with it. A bare group
   ("the forces") joins the one group with the same head ("security forces") likewise, and
   an institution's noun alone ("the Court") the one organisation with it in its name.
5. A party whose every mention is a setting ("in Lyon") is no party.

Each mention is compared only with the parties filed under its keys
(:func:`~summarizer.names.index_entries`), so the work grows with the number of mentions,
not with its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarizer.actors import dictionary_actor
from summarizer.engines.offline.groups import head_keys
from summarizer.engines.offline.mentions import (
    Mention,
    called_an_organisation,
    family,
    title_before,
)
from summarizer.engines.offline.roles import has_role_apposition
from summarizer.names import (
    FAMILY_NAME_FIRST,
    NAME_PARTICLES,
    ORG_WORDS,
    bare_form,
    bare_name_matches,
    bare_names,
    index_entries,
    is_common_surname,
    name_key,
    person_words,
    same_full_name,
    same_name,
)
from summarizer.schema import PartyKind

_ORGANISATIONS = frozenset({PartyKind.ORGANIZATION, PartyKind.ARMED_GROUP, PartyKind.COMPANY})
_GENERIC_ORG_WORDS = ORG_WORDS | frozenset({"international", "inc", "corp", "ltd", "co"})
_NAMED_ACTOR_CODE = 9
"""Length of a CAMEO code that names one actor: country or type, sector and name."""
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "himself", "herself"})
_ACTOR_DEPENDENCIES = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "pobj", "conj", "appos"})


@dataclass
class Entry:
    """A party being gathered: its kind, names and mentions."""

    name: str
    kind: PartyKind
    order: int
    """Position among the entries, in order of creation."""
    code: str | None = None
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def add(self, mention: Mention) -> None:
        """Record a mention and, when it is one, its words as another name."""
        self.mentions.append(mention)
        if mention.surface not in self.names:
            self.names.append(mention.surface)


class Roster:
    """The parties of one article, built from its mentions (see the module docstring)."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self._by_code: dict[str, Entry] = {}
        self._by_entry: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self._groups_by_head: dict[str, list[Entry]] = defaultdict(list)
        self._by_actor: dict[int, Entry] = {}
        self._orgs_by_word: dict[str, list[Entry]] = defaultdict(list)
        self._by_first_name: dict[str, list[Entry]] = defaultdict(list)

    def gather(self, mentions: Sequence[Mention]) -> list[Entry]:
        """The parties the mentions name, in order of first mention."""
        _relabel_people(mentions)
        bare: list[Mention] = []
        for mention in (m for m in mentions if m.kind is not PartyKind.OTHER):
            if _is_bare(mention):
                bare.append(mention)
            else:
                self._place(mention)
        self._join_shorter_names()
        for mention in bare:
            self._place_bare(mention)
        kept = [e for e in self.entries if not all(m.setting for m in e.mentions)]
        return sorted(kept, key=lambda e: min(m.start for m in e.mentions))

    def _place(self, mention: Mention) -> None:
        if mention.code is not None and mention.kind is PartyKind.STATE:
            entry = self._by_code.get(mention.code)
            if entry is None:
                entry = self._new(mention)
                self._by_code[mention.code] = entry
            entry.add(mention)
            return
        entry = self._match(mention)
        if entry is None:
            entry = self._new(mention)
        entry.add(mention)
        self._file(entry, mention.name)
        self._file(entry, mention.surface)
        known = _dictionary_entry(mention)
        if known is not None:
            self._by_actor.setdefault(known, entry)
        if mention.kind in _ORGANISATIONS:
            for word in ORG_WORDS.intersection(name_key(mention.name).split()):
                if entry not in self._orgs_by_word[word]:
                    self._orgs_by_word[word].append(entry)
        words = person_words(mention.name)
        if mention.kind is PartyKind.PERSON and len(words) >= 2 and bare_form(mention.name) is None:
            first = self._by_first_name[words[0]]
            if words[0] not in FAMILY_NAME_FIRST and entry not in first:
                first.append(entry)

    def _join_shorter_names(self) -> None:
        """An organisation named by the end of one other's name joins it (rule 3c)."""
        organisations = [e for e in self.entries if e.kind in _ORGANISATIONS]
        by_tail: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        by_head: dict[str, list[Entry]] = defaultdict(list)
        for entry in organisations:
            words = tuple(name_key(entry.name).split())
            for start in range(1, len(words) - 1):
                by_tail[words[start:]].append(entry)
            if len(words) >= 2 and set(words[1:]) <= _GENERIC_ORG_WORDS:
                by_head[words[0]].append(entry)
        joined: set[int] = set()
        for entry in organisations:
            words = tuple(name_key(entry.name).split())
            fuller = by_tail.get(words, []) if len(words) >= 2 else by_head.get(words[0], [])
            fuller = [e for e in fuller if e is not entry and id(e) not in joined]
            if len(fuller) != 1 or entry.code != fuller[0].code and entry.code and fuller[0].code:
                continue
            first, second = sorted((entry, fuller[0]), key=lambda e: e.order)
            for mention in second.mentions:
                first.add(mention)
            first.code = first.code or second.code
            if len(words) == 1:
                first.name = fuller[0].name
            joined.add(id(second))
        if joined:
            self.entries = [e for e in self.entries if id(e) not in joined]
            self._orgs_by_word.clear()
            for entry in self.entries:
                if entry.kind in _ORGANISATIONS:
                    for word in ORG_WORDS.intersection(name_key(entry.name).split()):
                        self._orgs_by_word[word].append(entry)

    def _match(self, mention: Mention) -> Entry | None:
        for entry in self._candidates(mention.name):
            if _compatible(entry.kind, mention.kind) and _same(entry, mention):
                return entry
        known = _dictionary_entry(mention)
        return self._by_actor.get(known) if known is not None else None

    def _place_bare(self, mention: Mention) -> None:
        """A one-word person or a bare group: see rule 4 of the module docstring."""
        if mention.kind in _ORGANISATIONS:
            choice = self._orgs_by_word.get(name_key(mention.name), [])
        elif mention.kind is PartyKind.GROUP:
            owners = list(
                {id(e): e for key in head_keys(mention) for e in self._groups_by_head[key]}.values()
            )
            exact = [e for e in owners if name_key(e.name) == name_key(mention.name)]
            choice = exact or owners
        else:
            bare = bare_form(mention.name) or name_key(mention.name)
            people = [
                e
                for e in self._candidates(mention.name)
                if e.kind is PartyKind.PERSON and any(_bare_or_equal(bare, n) for n in e.names)
            ]
            full = [e for e in people if bare_form(e.name) is None]
            choice = full if full else people or self._by_first_name.get(bare, [])
            if len(full) > 1:
                return
        if len(choice) > 1:
            return
        entry = choice[0] if choice else self._new(mention)
        entry.add(mention)
        self._file(entry, mention.surface)

    def _candidates(self, name: str) -> list[Entry]:
        found: dict[int, Entry] = {}
        for key in index_entries(name).sought:
            for entry in self._by_entry.get(key, []):
                found.setdefault(id(entry), entry)
        return sorted(found.values(), key=lambda e: e.order)

    def _new(self, mention: Mention) -> Entry:
        entry = Entry(mention.name, mention.kind, len(self.entries), mention.code)
        self.entries.append(entry)
        if mention.kind is PartyKind.GROUP:
            for key in head_keys(mention):
                self._groups_by_head[key].append(entry)
        return entry

    def _file(self, entry: Entry, name: str) -> None:
        for key in index_entries(name).filed:
            filed = self._by_entry[key]
            if entry not in filed:
                filed.append(entry)


def _dictionary_entry(mention: Mention) -> int | None:
    """Identity of the actor-dictionary entry an organisation's name is (rule 3b).

    Names of one entry are one party: "ISIS", "Islamic State", "Daesh". Only entries
    coded as one named actor count (``IMGMUSISI``), not those coded by country and
    sector alone (``USAMIL`` holds the Pentagon and the US Army).
    """
    if mention.kind not in _ORGANISATIONS:
        return None
    found = dictionary_actor(mention.name)
    code = found.code_on() if found is not None else None
    return id(found) if code is not None and len(code) >= _NAMED_ACTOR_CODE else None


def _compatible(a: PartyKind, b: PartyKind) -> bool:
    return a is b or {a, b} <= _ORGANISATIONS


def _same(entry: Entry, mention: Mention) -> bool:
    if mention.kind is PartyKind.GROUP:
        return name_key(entry.name) == name_key(mention.name)
    if mention.kind is PartyKind.PERSON:
        words = person_words(mention.name)
        return any(same_full_name(words, person_words(n)) for n in [entry.name, *entry.names])
    return any(same_name(n, mention.name) for n in [entry.name, *entry.names])


def _bare_or_equal(bare: str, name: str) -> bool:
    return bare_form(name) == bare or bare_name_matches(bare, person_words(name))


def _is_bare(mention: Mention) -> bool:
    if mention.kind in _ORGANISATIONS:
        return len(mention.span) == 1 and name_key(mention.name) in ORG_WORDS
    if mention.kind is PartyKind.GROUP:
        return len(mention.span) == 1
    return mention.kind is PartyKind.PERSON and bare_form(mention.name) is not None


def _relabel_people(mentions: Sequence[Mention]) -> None:
    """Names of organisations or places that the article shows are people's (rule 2).

    A name the article calls an organisation is that organisation in every mention.
    """
    told: dict[str, PartyKind] = {}
    for mention in mentions:
        kind = called_an_organisation(mention.span) if mention.kind is not PartyKind.STATE else None
        if kind is not None:
            told.setdefault(name_key(mention.name), kind)
    called: set[str] = set()
    for mention in mentions:
        kind = told.get(name_key(mention.name))
        if kind is not None and mention.kind is not PartyKind.STATE:
            mention.kind = kind
            continue
        if mention.kind is PartyKind.PERSON:
            bare = bare_form(mention.name)
            called |= {bare} if bare else bare_names(person_words(mention.name))
            called.add(name_key(mention.name))
    for mention in mentions:
        if mention.kind not in _ORGANISATIONS and mention.kind is not PartyKind.OTHER:
            continue
        if name_key(mention.name) in told:
            continue
        if family(mention.span) and name_key(mention.name)[:-1] in called:
            mention.kind = PartyKind.GROUP
            continue
        if _could_be_surname(mention):
            evidence = (
                bare_form(mention.name) in called
                or title_before(mention.span[0])
                or _acts_as_surname(mention)
                or _called_he_or_she(mention)
                or _beside_a_person(mention)
                or has_role_apposition(mention.span)
            )
        else:
            evidence = _could_be_full_name(mention) and (
                name_key(mention.name) in called
                or bool(called & bare_names(person_words(mention.name)))
                or title_before(mention.span[0])
                or has_role_apposition(mention.span)
            )
        if evidence:
            mention.kind = PartyKind.PERSON


def _could_be_full_name(mention: Mention) -> bool:
    """Two to four capitalised words without an institution's noun: "Kurt Volker"."""
    words = person_words(mention.name)
    return (
        2 <= len(words) <= 4
        and all(
            t.text[:1].isupper() or t.lower_ in NAME_PARTICLES for t in mention.span if t.is_alpha
        )
        and not ORG_WORDS.intersection(words)
        and not mention.name.isupper()
    )


def _acts_as_surname(mention: Mention) -> bool:
    """A common surname standing alone as an actor: "Trump threatened ...", "Pence's aide".

    Not after an article ("the Post", "the Hill"), not as a modifier ("Gallup poll").
    """
    token = mention.span.root
    start = mention.span.start
    before = token.doc[start - 1] if start > 0 else None
    return (
        mention.label in {"ORG", "FAC"}
        and token.dep_ in _ACTOR_DEPENDENCIES
        and not (before is not None and before.pos_ == "DET")
        and is_common_surname(mention.name)
    )


def _called_he_or_she(mention: Mention) -> bool:
    """A subject the rest of its sentence calls "he" or "she": "Duterte said he would"."""
    token = mention.span.root
    if token.dep_ != "nsubj":
        return False
    rest = token.doc[token.i + 1 : token.sent.end]
    return any(t.lower_ in _PERSONAL_PRONOUNS and t.pos_ == "PRON" for t in rest)


def _beside_a_person(mention: Mention) -> bool:
    """A name coordinated with a person's: "Rubio and Kasich"."""
    token = mention.span.root
    beside = [token.head] if token.dep_ == "conj" else []
    beside += [c for c in token.children if c.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" for t in beside)


def _could_be_surname(mention: Mention) -> bool:
    """A capitalised surname alone, not in capitals nor with an institution's noun.

    "Duterte", "Von der Leyen" (see :func:`~summarizer.names.bare_form`).
    """
    text = mention.name
    return (
        bare_form(text) is not None
        and text[:1].isupper()
        and not text.isupper()
        and name_key(text) not in ORG_WORDS
    )
