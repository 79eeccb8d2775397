"""One party per actor: the mentions of an article gathered into parties, through keys.

The rules, in the order they apply:

1. A state is one party whatever the article calls it ("US", "Washington", "American").
2. A one-word name that the article also gives a person (a surname, "Trump"; a family name
   written first, "Xi") is that person, whatever spaCy labelled it; so is one after a
   person's title ("President Duterte"), and a common surname standing alone as an actor
   ("Trump threatened to pull out of NATO", see :func:`~summarizer.names.is_common_surname`)
   or a subject its sentence calls "he" or "she" ("Duterte said he would ..."), or a name
   coordinated with a person's ("Rubio and Kasich"). A one-word 'place' none of these
   make a person is no party.
3. Full names merge when :func:`~summarizer.names.same_full_name` says they are one person
   (different first names are different people: two brothers are two parties); other
   names when :func:`~summarizer.names.same_name` accepts them and their kinds agree, and
   (b) organisations the actor dictionary knows as one ("ISIS", "Islamic State", see
   :func:`~summarizer.actors.dictionary_actor`).
4. A one-word person name joins the full name it can stand for only when the article names
   one such person; with two ("Tom Smith", "Jack Smith") it joins neither. A bare group
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
from summarizer.engines.offline.mentions import Mention, title_before
from summarizer.names import (
    ORG_WORDS,
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

    def gather(self, mentions: Sequence[Mention]) -> list[Entry]:
        """The parties the mentions name, in order of first mention."""
        _relabel_people(mentions)
        bare: list[Mention] = []
        for mention in (m for m in mentions if m.kind is not PartyKind.OTHER):
            if _is_bare(mention):
                bare.append(mention)
            else:
                self._place(mention)
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
            word = person_words(mention.name)[0]
            people = [
                e
                for e in self._candidates(mention.name)
                if e.kind is PartyKind.PERSON
                and any(_bare_or_equal(word, person_words(n)) for n in e.names)
            ]
            full = [e for e in people if len(person_words(e.name)) >= 2]
            choice = full if full else people
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


def _bare_or_equal(word: str, words: list[str]) -> bool:
    return words == [word] or bare_name_matches(word, words)


def _is_bare(mention: Mention) -> bool:
    if mention.kind in _ORGANISATIONS:
        return len(mention.span) == 1 and name_key(mention.name) in ORG_WORDS
    if mention.kind is PartyKind.GROUP:
        return len(mention.span) == 1
    return mention.kind is PartyKind.PERSON and len(person_words(mention.name)) == 1


def _relabel_people(mentions: Sequence[Mention]) -> None:
    """One-word names the article gives a person, or titles as one's, are people (rule 2)."""
    called: set[str] = set()
    for mention in mentions:
        if mention.kind is PartyKind.PERSON:
            words = person_words(mention.name)
            called |= set(words) if len(words) == 1 else bare_names(words)
    for mention in mentions:
        if (
            (mention.kind in _ORGANISATIONS or mention.kind is PartyKind.OTHER)
            and _could_be_surname(mention)
            and (
                name_key(mention.name) in called
                or title_before(mention.span[0])
                or _acts_as_surname(mention)
                or _called_he_or_she(mention)
                or _beside_a_person(mention)
            )
        ):
            mention.kind = PartyKind.PERSON


def _acts_as_surname(mention: Mention) -> bool:
    """A common surname standing alone as an actor: "Trump threatened ...", "Pence's aide".

    Not after an article ("the Post", "the Hill"), not as a modifier ("Gallup poll").
    """
    token = mention.span[0]
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (
        mention.label in {"ORG", "FAC"}
        and token.dep_ in _ACTOR_DEPENDENCIES
        and not (before is not None and before.pos_ == "DET")
        and is_common_surname(mention.name)
    )


def _called_he_or_she(mention: Mention) -> bool:
    """A subject the rest of its sentence calls "he" or "she": "Duterte said he would"."""
    token = mention.span[0]
    if token.dep_ != "nsubj":
        return False
    rest = token.doc[token.i + 1 : token.sent.end]
    return any(t.lower_ in _PERSONAL_PRONOUNS and t.pos_ == "PRON" for t in rest)


def _beside_a_person(mention: Mention) -> bool:
    """A name coordinated with a person's: "Rubio and Kasich"."""
    token = mention.span[0]
    beside = [token.head] if token.dep_ == "conj" else []
    beside += [c for c in token.children if c.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" for t in beside)


def _could_be_surname(mention: Mention) -> bool:
    """A one-word, capitalised, not all-capitals name without an institution's noun."""
    text = mention.name
    return (
        len(mention.span) == 1
        and text[:1].isupper()
        and not text.isupper()
        and name_key(text) not in ORG_WORDS
    )
