"""Reading the dependency parse: subjects, objects, modality, negation and scope.

spaCy's English parses follow the ClearNLP dependency labels (``nsubj``, ``xcomp``,
``ccomp``, ``advcl``, ``relcl``, ``conj``…); these helpers answer the questions the rules
ask of a clause.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from summarizer.engines.offline.lexicon import (
    BLOCKING_NOUNS,
    BLOCKING_VERBS,
    CONDITION_MARKS,
    CONTINUING_VERBS,
    FORCE_ACT_NOUNS,
    FORCE_MODIFIERS,
    FORCE_NOUNS,
    HOSTILE_VERBS,
    METAPHOR_TARGETS,
    NEGATIONS,
    OBLIGATION_MODALS,
    OWN_POSSESSIVES,
)

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_TIME_OR_REASON = frozenset({"after", "before", "when", "while", "since", "because", "once", "as"})
"""Marks of a clause that states a fact of its own, not a condition or a purpose ("so that")."""
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
_CONTROLLED = frozenset({"xcomp", "conj", "acomp", "pcomp", "prep", "advcl"})
_NOT_IN_PHRASE = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})
_PHRASE_EDGE = frozenset({"punct", "cc", "det", "mark", "aux", "auxpass", "neg", "prep", "case"})
_MISLEMMAS = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}
"""Forms spaCy's English lemmatizer gets wrong ("hopes" → "hop"), by lower-case form."""


def lemma(token: Token) -> str:
    """The token's lemma in lower case, corrected where spaCy's is wrong ("hopes": hope)."""
    return _MISLEMMAS.get(token.lower_) or token.lemma_.lower()


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("X, Y and Z")."""
    return [token, *token.conjuncts]


def subjects(verb: Token) -> list[Token]:
    """Subject heads of a verb (or adjective), inherited from the governing clause if absent.

    "France is ready to contribute": the subject of *contribute* is *France*. The climb goes
    as far up as control and coordination reach ("X may get five years after admitting to
    threatening to kill Y": X threatened), and stops at a clause of its own (a marked
    adverbial clause, a complement clause).
    """
    current: Token | None = verb
    for _ in range(len(verb.sent)):
        if current is None:
            break
        found = [child for child in current.children if child.dep_ in SUBJECTS]
        if found:
            return [c for s in found for c in conjuncts(s)]
        if current.dep_ == "relcl" and current.head.pos_ in {"NOUN", "PROPN"}:
            return conjuncts(current.head)
        if _in_order_to(current):
            current = current.head.head.head
            continue
        if current.head.i == current.i:
            return _misparsed_coordination(current)
        if current.dep_ not in _CONTROLLED:
            break
        if current.dep_ == "advcl" and _mark(current) is not None:
            break
        current = current.head
    return []


def _in_order_to(verb: Token) -> bool:
    """Whether a verb is the purpose of the clause above it.

    "defamed them *in order to* intimidate them", parsed as a clause of the noun *order*.
    """
    order = verb.head
    return verb.dep_ == "acl" and order.lower_ == "order" and order.head.lower_ == "in"


def _misparsed_coordination(root: Token) -> list[Token]:
    """The subject of the clause before a root that has none.

    The parse took coordinated verbs for a complement: "He has claimed that ..., pledged to
    deport them, and vowed to ..." puts *claimed* under *pledged*.
    """
    for child in root.lefts:
        if child.dep_ == "ccomp" and _mark(child) is None:
            found = [c for c in child.children if c.dep_ in SUBJECTS]
            if found:
                return [c for s in found for c in conjuncts(s)]
    return []


def passive_agents(verb: Token) -> list[Token]:
    """Heads of the "by" phrase of a passive verb."""
    return [
        c
        for agent in verb.children
        if agent.dep_ == "agent"
        for pobj in agent.children
        if pobj.dep_ == "pobj"
        for c in conjuncts(pobj)
    ]


def objects(verb: Token) -> list[Token]:
    """Direct objects, datives and attributes of a verb, with their conjuncts."""
    return [c for child in verb.children if child.dep_ in OBJECTS for c in conjuncts(child)]


def preposition_objects(token: Token, prepositions: frozenset[str]) -> list[Token]:
    """Objects of the token's prepositions named in ``prepositions`` ("with X", "to Y")."""
    found: list[Token] = []
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in prepositions:
            found.extend(
                c for pobj in prep.children if pobj.dep_ == "pobj" for c in conjuncts(pobj)
            )
    return found


_AIMS = frozenset({"against", "with", "on", "for", "at"})


def is_forceful(act: Token) -> bool:
    """Whether an act is one of force.

    A hostile verb ("fight", "attack", "strike") unless aimed at a figure of speech ("fight
    corruption", "fight for justice") or at the actor's own things ("eliminate its
    stockpile"); an act with a hostile verb under it ("to begin to strike"); or carrying on
    something forceful ("press ahead with its offensive", "continue the attacks").
    """
    aims = objects(act) + preposition_objects(act, _AIMS)
    if lemma(act) in HOSTILE_VERBS:
        return not any(
            lemma(a) in METAPHOR_TARGETS or a.lower_ in METAPHOR_TARGETS or is_own(a) for a in aims
        )
    if any(c.dep_ == "xcomp" and lemma(c) in HOSTILE_VERBS for c in act.children):
        return True
    forceful_aims = any(names_force(a) for a in aims)
    return forceful_aims and (lemma(act) in CONTINUING_VERBS or bool(objects(act)))


def names_force(noun: Token) -> bool:
    """Whether a noun names force: "offensive", "strikes", "military operations"."""
    if noun.lower_ in FORCE_NOUNS:
        return True
    return noun.lower_ in FORCE_ACT_NOUNS and any(
        c.dep_ in {"amod", "compound"} and c.lower_ in FORCE_MODIFIERS for c in noun.children
    )


def is_own(noun: Token) -> bool:
    """Whether a noun is its actor's own: "its stockpile", "their own weapons"."""
    return any(c.dep_ in {"poss", "amod"} and c.lower_ in OWN_POSSESSIVES for c in noun.children)


def is_counterfactual(verb: Token) -> bool:
    """A modal perfect: "could have killed", "would have signed" did not happen."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return any(a.tag_ == "MD" for a in auxiliaries) and any(
        a.lower_ in {"have", "'ve"} for a in auxiliaries
    )


def modals(verb: Token) -> set[str]:
    """Modal auxiliaries of a verb, lower case ("will", "may", "must")."""
    found = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.tag_ == "MD"}
    if verb.dep_ == "conj" and not found:
        found = modals(verb.head)
    return found


def is_negated(token: Token) -> bool:
    """Whether the token or its auxiliaries carry a negation ("did not agree")."""
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
        return True
    return any(c.dep_ == "aux" and c.lower_ in NEGATIONS for c in token.children)


def governors(token: Token) -> Iterator[Token]:
    """The tokens that govern this one, nearest first; coordination is not government."""
    current = token
    while current.head.i != current.i:
        if current.dep_ == "conj":
            current = current.head
            continue
        current = current.head
        yield current


def _mark(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ == "mark"), None)


def in_condition(token: Token) -> bool:
    """Whether the token stands in an "if", "unless" or "until" clause."""
    for node in [token, *governors(token)]:
        mark = _mark(node)
        if mark is not None and mark.lower_ in CONDITION_MARKS:
            return True
    return False


def is_unreal(token: Token, blockers: frozenset[str] = BLOCKING_VERBS) -> bool:
    """Whether the event at ``token`` is denied, demanded, hoped for or only conditional.

    True when the token is negated, carries a modal of obligation ("must agree") or is a
    modal perfect ("could have killed"), when
    a governing verb refuses, demands or seeks it ("refused to sign", "urged X to agree"),
    when a governing noun is a demand or proposal, or when it stands in a condition. The
    verb of a subject noun does not reach inside it ("Putin's decision to withdraw may not
    matter": the withdrawal is real), nor does a verb reach into a clause of time or reason.
    """
    if is_negated(token) or modals(token) & OBLIGATION_MODALS or is_counterfactual(token):
        return True
    if _own_clause(token):
        return in_condition(token)
    for node in governors(token):
        if node.pos_ in {"VERB", "AUX"} and (lemma(node) in blockers or is_negated(node)):
            return True
        if node.pos_ == "NOUN" and node.lower_ in BLOCKING_NOUNS:
            return True
        if node.pos_ in {"VERB", "AUX"} and modals(node) & OBLIGATION_MODALS:
            return True
        if node.pos_ == "NOUN" and node.dep_ in SUBJECTS:
            break  # what a subject names is not what its verb denies: "X's decision ... may not"
        if _own_clause(node):
            break
    return in_condition(token)


def _own_clause(token: Token) -> bool:
    """Whether a clause of time or reason stands on its own, unlike a condition or a purpose.

    "(failed to hand them over) after she swore under oath", "(refused) because they had
    signed".
    """
    mark = _mark(token) if token.dep_ == "advcl" else None
    return mark is not None and mark.lower_ in _TIME_OR_REASON


def phrase_tokens(token: Token) -> list[Token]:
    """The noun phrase a token heads, without relative clauses, appositions or coordinates."""
    members = [token]
    for child in token.children:
        if child.dep_ in _NOT_IN_PHRASE:
            continue
        if child.dep_ == "prep" and child.lower_ != "of":
            continue
        members.extend(child.subtree)
    members.sort(key=lambda t: t.i)
    start, end = members[0].i, members[-1].i
    doc = token.doc
    while start < end and doc[start].dep_ in _PHRASE_EDGE:
        start += 1
    while end > start and doc[end].dep_ in _PHRASE_EDGE:
        end -= 1
    return list(doc[start : end + 1])


def clause_span(token: Token, max_tokens: int = 40) -> Span:
    """The clause a token heads, trimmed of edge punctuation, at most ``max_tokens`` long."""
    subtree = list(token.subtree)
    doc = token.doc
    start, end = subtree[0].i, subtree[-1].i
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "mark"):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    end = min(end, start + max_tokens - 1)
    while end > start and (doc[end].is_punct or doc[end].is_space or doc[end].dep_ == "cc"):
        end -= 1
    return doc[start : end + 1]


def sentence_text(sentence: Span) -> tuple[str, int]:
    """The sentence's text without surrounding whitespace, and its start offset in the doc."""
    raw = sentence.text
    stripped = raw.strip()
    return stripped, sentence.start_char + (len(raw) - len(raw.lstrip()))


def predicate_span(verb: Token, max_tokens: int = 30) -> Span:
    """What a verb says, without its subject, auxiliaries, conditions or side clauses.

    "it will support a U.N. resolution, officials said" → "support a U.N. resolution".
    """
    dropped: set[int] = set()
    for child in verb.children:
        if (
            child.dep_ in SUBJECTS
            or child.dep_ in {"aux", "auxpass", "neg", "mark", "punct"}
            or child.dep_ in {"advcl", "parataxis", "npadvmod"}
            or (child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"})
        ):
            dropped.update(t.i for t in child.subtree)
        elif child.dep_ == "cc":
            dropped.add(child.i)
    kept = [t for t in verb.subtree if t.i not in dropped]
    doc = verb.doc
    start, end = kept[0].i, kept[-1].i
    while start < end and (doc[start].is_punct or doc[start].i in dropped):
        start += 1
    end = min(end, start + max_tokens - 1)
    while end > start and (doc[end].is_punct or doc[end].is_space or doc[end].i in dropped):
        end -= 1
    return doc[start : end + 1]


def has_condition_after(token: Token, marks: frozenset[str]) -> Token | None:
    """The first "if"/"unless" (as given) after ``token`` in its sentence, if any."""
    for later in token.doc[token.i + 1 : token.sent.end]:
        if later.lower_ in marks and later.pos_ in {"SCONJ", "ADP"}:
            return later
    return None


def noun_act(noun: Token) -> Token | None:
    """The act a pledge noun is about, however the parser attached it: "its vow to destroy X"."""
    act = infinitive_act(noun)
    if act is not None:
        return act
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if following is not None and following.lower_ == "to" and following.dep_ == "aux":
        verb = following.head
        if verb.pos_ in {"VERB", "AUX"} and verb.i > noun.i:
            return verb
    return None


def infinitive_act(token: Token) -> Token | None:
    """The act a pledge, offer or readiness is about: "promised *to continue* aid".

    Under a noun too: "his vow *to bar* ...". An infinitive comes before a clause: "He has
    claimed that ..., pledged to deport them" (*claimed* parsed under *pledged*).
    """
    infinitive = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if infinitive is not None:
        return infinitive
    for child in token.children:
        if child.dep_ in {"xcomp", "ccomp", "acl"} and child.pos_ in {"VERB", "AUX"}:
            return child
        if child.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            return child
        if child.dep_ == "prep" and child.lower_ == "to":
            act = next((c for c in child.children if c.dep_ == "pcomp"), None)
            if act is not None:
                return act
    return None
