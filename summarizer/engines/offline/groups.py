"""Collective actors without a name: police, officials, rebels, protesters, villagers.

A noun of :data:`STATE_BODIES` or :data:`NON_STATE_GROUPS` heading its phrase (not "police
station") names a collective actor, singular or plural ("an official", "officials"):

- qualified by an organisation ("Hamas militants", "UN peacekeepers"), it is that
  organisation acting through its people; qualified by a state ("Russian troops", "Israel's
  army", "US officials"), one of the state's bodies is the state acting;
- a non-state group qualified by a state ("Syrian rebels") is a group of its own, of that
  country, and the state is no party through it;
- otherwise it is a group named by the noun and the words that classify it ("Security
  forces", "Riot police", "Protesters"), and by the person it belongs to ("Xi's regime"
  is the "Xi regime", "Mr. Trump's supporters" are "Trump supporters"); "police officers"
  are the police. A noun said of a subject ("they are criminals") or of a state one is in
("in government") names no group.

Mentions of a group merge by name; a bare noun ("the forces") joins the one group of the
article with the same head ("security forces"), see :mod:`.roster`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from summarizer.engines.offline.mentions import Mention, capitalised
from summarizer.schema import PartyKind


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STATE_BODIES = _words(
    """
    official authority authorities government administration regime police policeman
    policewoman troop troops soldier army military navy diplomat lawmaker legislator force
    prosecutor investigator negotiator delegation commando marine peacekeeper guard
    junta leadership intelligence
    """
)
"""Lemmas of bodies through which a state acts: "Japanese diplomats agreed" is Japan."""

ARMED_BODIES = _words("troop troops soldier army military navy force marine commando guard")
"""Lemmas of a state's armed arm: owned through a pronoun ("its forces"), it is its owner's.
A government owned so stays a party ("his government" acts as itself)."""

NON_STATE_GROUPS = _words(
    """
    rebel insurgent militant militia militiaman fighter gunman guerrilla guerilla jihadist
    terrorist extremist separatist protester protestor demonstrator activist villager
    resident civilian refugee student worker settler hacker tribesman warlord criminal
    smuggler pirate kidnapper attacker assailant opposition dissident loyalist mercenary
    bandit supporter
    """
)
"""Lemmas of groups that act on their own behalf, not as their state."""

QUALIFIED_ONLY = _words("group movement faction cell network minority")
"""Lemmas that name a collective actor only when qualified: "a terror group based in
Trinidad", "armed groups" (not "a group of journalists"), see :func:`_names_a_new_group`."""

PLURAL_ONLY = _words("force authority")
"""Lemmas that name a body only in the plural: "security forces", not "use of force"."""

MEMBER_NOUNS = _words("officer member personnel unit agent force man")
"""Lemmas that name members of the group their modifier names: "police officers"."""

_OWNERS = frozenset(
    {PartyKind.STATE, PartyKind.ORGANIZATION, PartyKind.ARMED_GROUP, PartyKind.COMPANY}
)
CLASSIFIERS = _words(
    """
    federal state provincial municipal local national regional military armed security
    government riot islamist jihadist separatist opposition rebel tribal religious police
    intelligence election electoral judicial public foreign border naval paramilitary
    special elite coalition allied
    """
)
"""Lower-case qualifiers that say which group ("security forces"), unlike "senior" or
"many", which only describe it."""

MASS_NOUNS = _words(
    """
    police government administration regime military army navy opposition militia junta
    leadership intelligence authority
    """
)
_PLURALS = {
    "policeman": "police",
    "policewoman": "police",
    "militiaman": "militiamen",
    "gunman": "gunmen",
    "tribesman": "tribesmen",
    "man": "men",
    "authority": "authorities",
    "militia": "militias",
}
_QUALIFYING = frozenset({"amod", "compound", "nmod", "poss"})
_MAX_BASED_WORDS = 8


def group_lemma(token: Token) -> str | None:
    """The group lemma a noun heads, if it names a collective actor ("troops" → troop)."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    lemma = token.lemma_.lower()
    if lemma in PLURAL_ONLY and token.tag_ != "NNS":
        return None
    if lemma in MEMBER_NOUNS:
        body = next(
            (c for c in token.lefts if c.dep_ == "compound" and c.lemma_.lower() in STATE_BODIES),
            None,
        )
        if body is not None:
            return body.lemma_.lower()
    if lemma in STATE_BODIES or lemma in NON_STATE_GROUPS or lemma in QUALIFIED_ONLY:
        return lemma
    return None


def group_mentions(doc: Doc, entities: Mapping[int, Mention]) -> Iterator[Mention]:
    """Mentions of collective actors, given the entity mention at each entity token.

    Each is a group of kind :attr:`PartyKind.GROUP`. A body of a state or the people of
    an organisation ("US and Japanese diplomats", "Hamas militants") gives none: the
    event rules find the state or organisation among the words of the phrase. Nor does an
    armed body owned through a pronoun ("its nuclear forces", "their troops").
    """
    for token in doc:
        lemma = group_lemma(token)
        if lemma is None or token.i in entities or _is_modifier(token) or _no_actor_here(token):
            continue
        group = _group(token, lemma, entities)
        if group is not None:
            yield group


def _no_actor_here(token: Token) -> bool:
    """Whether the noun names what a subject is, or a state one is in, not who acts.

    "they are criminals", but not "there are forces that threaten"; "radical Muslims in
    government", "the party in opposition": a singular noun after "in" with no determiner.
    """
    if token.dep_ == "attr":
        return not any(c.dep_ == "expl" for c in token.head.children)
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "in"
        and token.tag_ == "NN"
        and not any(c.dep_ in {"det", "poss"} for c in token.children)
    )


def _is_modifier(token: Token) -> bool:
    """Whether the noun only qualifies another or names a person's role.

    "police station", "rebel leader"; "legendary fighter Imam Shamil", "Ali, a militant".
    """
    if token.dep_ == "appos" or any(
        c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.children
    ):
        return True
    if token.dep_ not in {"compound", "amod", "nmod"}:
        return False
    return token.head.pos_ in {"NOUN", "PROPN"}


def _group(token: Token, lemma: str, entities: Mapping[int, Mention]) -> Mention | None:
    doc = token.doc
    if lemma in ARMED_BODIES and any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in token.children):
        return None  # "its nuclear forces", "their troops": the arm of whoever "its" is
    spanned: list[Token] = []
    owner: Mention | None = None
    leader: Mention | None = None
    for child in token.lefts:
        if child.dep_ not in _QUALIFYING:
            continue
        named = next((entities[t.i] for t in child.subtree if t.i in entities), None)
        if named is not None and named.kind in _OWNERS:
            owner = owner or named
            spanned.append(child)
        elif named is not None and named.kind is PartyKind.PERSON and child.dep_ == "poss":
            leader = named
        elif child.dep_ != "poss" and _classifies(child):
            spanned.append(child)
    owner = owner or _owner_after(token, entities)
    if owner is not None and (owner.kind is not PartyKind.STATE or lemma in STATE_BODIES):
        return None
    start = min((c.left_edge.i for c in spanned), default=token.i)
    while start < token.i and doc[start].pos_ in {"DET", "NUM", "PUNCT", "PRON", "ADV"}:
        start += 1
    based = _based_in(token)
    if lemma in QUALIFIED_ONLY and not _names_a_new_group(doc[start : token.i + 1], based):
        return None
    words = [t.text_with_ws for t in doc[start : token.i] if t.dep_ != "case"]
    qualifiers = "".join(words).strip()
    if all(t.lemma_.lower() == lemma for t in doc[start : token.i] if t.is_alpha):
        qualifiers = ""
    head = token.text if lemma in QUALIFIED_ONLY else _plural(token, lemma)
    surname = leader.span[-1].text if leader is not None else ""
    name = capitalised(" ".join(filter(None, [surname, qualifiers, head, based])))
    code = owner.code if owner is not None else None
    return Mention(doc[start : token.i + 1], PartyKind.GROUP, name, code, label="GROUP")


def _names_a_new_group(span: Span, based: str) -> bool:
    """Whether "group", "movement" ... names an unnamed group of its own.

    It must be qualified by common words or by where it is based ("a terror group based in
    Trinidad", "armed groups"); not by a name ("Islamic State group", "Haqqani network": the
    named organisation), nor a definite singular, which points back at a group already
    named ("the armed group").
    """
    head = span[-1]
    qualifiers = [t for t in span[:-1] if t.is_alpha]
    if not qualifiers and not based:
        return False
    if any(t.text[:1].isupper() or t.ent_type_ for t in qualifiers):
        return False
    definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.lefts)
    return not (definite and head.tag_ == "NN")


def _based_in(token: Token) -> str:
    """Where a group is said to be based, as written: "based in Trinidad", if short."""
    for child in token.rights:
        if child.dep_ == "acl" and child.lemma_.lower() == "base":
            words = list(child.subtree)
            if len(words) <= _MAX_BASED_WORDS:
                return token.doc[words[0].i : words[-1].i + 1].text
    return ""


def _owner_after(token: Token, entities: Mapping[int, Mention]) -> Mention | None:
    """A state or organisation after the noun: "troops from Chad", "members of Hamas"."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            for pobj in child.children:
                found = entities.get(pobj.i)
                if found is not None and found.kind in _OWNERS:
                    return found
    return None


def _classifies(modifier: Token) -> bool:
    """Whether a modifier says which group it is, not how many or how senior.

    A capital counts only where it is no sentence's first letter, or where spaCy made the
    word a name ("Kurdish fighters" always, "Senior officials" only in lower case).
    """
    if modifier.pos_ in {"NUM", "PRON", "DET"}:
        return False
    named = modifier.text[:1].isupper() and (not modifier.is_sent_start or modifier.ent_type_)
    if modifier.pos_ in {"NOUN", "PROPN"} or named:
        return True
    return modifier.lower_ in CLASSIFIERS or "-" in modifier.text


def _plural(token: Token, lemma: str) -> str:
    """The group's noun, plural unless it names a body ("police", "government")."""
    if lemma in MASS_NOUNS or lemma in _PLURALS and _PLURALS[lemma] == "police":
        return _PLURALS.get(lemma, lemma)
    if token.tag_ in {"NNS", "NNPS"} and token.lemma_.lower() == lemma:
        return token.lower_
    return _PLURALS.get(lemma, lemma + "s")


def head_keys(mention: Mention) -> set[str]:
    """The head words a group is known by: its name's last word and its noun's lemma.

    "government forces" (the government) is known by ``government`` and ``force``, so
    that a bare "the forces" beside "security forces" could be either, and joins neither.
    """
    return {mention.name.split()[-1].lower(), mention.span.root.lemma_.lower()}
