"""Threats from the parse: who threatens whom, with what, in which domain, how gravely.

A clause gives a threat when it is real (see
:func:`~summarizer.engines.offline.syntax.is_unreal`) and matches one of:

- the verb *threaten*: "Iran threatened to cut off electricity to Nakhichevan", "North
  Korea's nuclear program ... threaten regional security" (the source is the subject, or
  what owns it; a person or group not named as a party leaves the source open: "critics
  threatened to sue");
- an act of coercion, with or without a named source: "Russia intimidated Estonia with snap
  drills", "engage in blackmail" (also when only aimed at or tried), coercion named as a
  deed ("it was bribery and blackmail"), or refused by its target ("the United States is
  not going to be intimidated": a threat against the United States);
- a threat noun with a named source: "the threat from China", "X poses a threat to Y";
- a warning of a consequence: "warned that it would retaliate", "warned of reprisals";
- a vow of force: "vowed to fight", "swore to retaliate", "vowed to press ahead with its
  offensive against X" (not "vowed to fight corruption"), or a vow of force named with its
  owner ("its vow to destroy X");
- a refusal until a condition is met: "will not allow X to join unless ...";
- a coercive act under a modal and a condition: "will boycott the elections unless ...",
  "may halt mediation if ..."; or an act of force announced without one: "would tighten the
  naval blockade";
- an ultimatum: "X must ... or face ...";
- weapons meant against someone: "weapons to use against the United States";
- conduct the article calls hostile: "China is pursuing a coercive approach".

An attack that happened is not a threat, and a demand is not one either. Targets are the
parties named in what is threatened (not allies "with X's help"). Threats of one source
against the same targets merge, keeping every sentence as evidence.

Domain and severity are graded from the words of the threat's clauses (see :mod:`.grading`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from summarizer.engines.offline import lexicon
from summarizer.engines.offline.arguments import (
    is_human,
    subject_owners,
    threat_targets,
)
from summarizer.engines.offline.folding import SetIndex
from summarizer.engines.offline.grading import DOMAIN_ORDER, threat_domain, threat_severity
from summarizer.engines.offline.parties import Actor, Cast
from summarizer.engines.offline.syntax import (
    clause_span,
    has_condition_after,
    infinitive_act,
    is_forceful,
    is_negated,
    is_unreal,
    lemma,
    modals,
    names_force,
    noun_act,
    objects,
    passive_agents,
    phrase_tokens,
    predicate_span,
    preposition_objects,
    subjects,
)
from summarizer.schema import Severity, ThreatDomain

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_POSING_VERBS = frozenset(
    {"pose", "issue", "make", "deliver", "represent", "constitute", "give", "send", "set"}
)
_ULTIMATUM = frozenset({"unless", "if", "otherwise"})
_THREAT_BLOCKERS = lexicon.BLOCKING_VERBS - lexicon.ACCUSING_VERBS
_COERCION_BLOCKERS = lexicon.BLOCKING_VERBS - lexicon.ACCUSING_VERBS - lexicon.AIMING_VERBS
"""An attempt to intimidate is intimidation: "exercises aimed at intimidating its neighbours"."""


@dataclass
class FoundThreat:
    """A threat read from one or more sentences."""

    what: str
    source: Actor | None
    targets: list[Actor]
    sentences: list[Span]
    context: list[str] = field(default_factory=list)
    """Lower-case words of the clauses stating it: what domain and severity are read from."""
    hedged: bool = False

    @property
    def domain(self) -> ThreatDomain:
        """See :func:`.grading.threat_domain`."""
        return threat_domain(self.context)

    @property
    def severity(self) -> Severity:
        """See :func:`.grading.threat_severity`."""
        return threat_severity(self.context, hedged=self.hedged)


def find_threats(cast: Cast) -> list[FoundThreat]:
    """Every threat the article states, merged by source and targets."""
    found = _Threats()
    for token in cast.doc:
        threat = _read(cast, token)
        if threat is not None:
            found.add(threat)
    return found.found


def _read(cast: Cast, token: Token) -> FoundThreat | None:
    word = lemma(token)
    if token.pos_ == "NOUN":
        if word in lexicon.PLEDGE_NOUNS:
            return _vow_noun(cast, token)
        if word in lexicon.THREAT_NOUNS:
            return _threat_noun(cast, token)
        if token.lower_ in lexicon.WEAPON_NOUNS:
            return _weapons_against(cast, token)
        if token.lower_ in lexicon.HOSTILE_NOUNS or any(
            c.dep_ == "amod" and c.lower_ in lexicon.HOSTILE_ADJECTIVES for c in token.children
        ):
            return _hostile_conduct(cast, token)
        return None
    if token.pos_ not in {"VERB", "AUX"} or token.dep_ == "amod":
        return None
    if (word == "threaten" or word in lexicon.COERCION_VERBS) and _defied(token):
        return _defiance(cast, token)
    blockers = _COERCION_BLOCKERS if word in lexicon.COERCION_VERBS else lexicon.BLOCKING_VERBS
    if is_unreal(token, blockers):
        return _conditional_refusal(cast, token)
    if word == "threaten":
        return _threaten(cast, token)
    if word in lexicon.COERCION_VERBS:
        return _threaten(cast, token)
    if word in lexicon.WARN_VERBS:
        return _warning(cast, token)
    if word in lexicon.PLEDGE_VERBS:
        act = infinitive_act(token)
        if act is not None and is_forceful(act) and not is_negated(act):
            return _make(cast, token, subject_owners(cast, token), _vow_span(token, act))
        return None
    if word == "face" and any(c.dep_ == "cc" and c.lower_ == "or" for c in token.head.children):
        return _ultimatum(cast, token)
    if word in lexicon.COERCIVE_VERBS and modals(token) & (
        lexicon.FUTURE_MODALS | lexicon.HEDGE_MODALS
    ):
        return _modal_coercion(cast, token)
    return None


def _conditional_refusal(cast: Cast, verb: Token) -> FoundThreat | None:
    """A refusal held until a condition is met: "will not allow X unless Y withdraws"."""
    if not (is_negated(verb) and modals(verb) & lexicon.FUTURE_MODALS):
        return None
    if has_condition_after(verb, frozenset({"unless", "until"})) is None:
        return None
    return _make(cast, verb, subject_owners(cast, verb), predicate_span(verb, 40))


def _threaten(cast: Cast, verb: Token) -> FoundThreat | None:
    """The verb *threaten*, or an act of coercion ("intimidated Estonia with drills").

    Without a named source, a threat still when its subject is a person or a group
    ("critics threatened to sue", "forces that threaten to extinguish liberty"), or when
    coercion has no subject ("critics were intimidated", "blackmailing a politician"); not a
    risk ("rising seas threaten the coast", "rising costs pressure margins").
    """
    coercion = lemma(verb) in lexicon.COERCION_VERBS
    agents = passive_agents(verb)
    if agents:
        source = cast.owners(agents) or cast.of_argument(agents)
        targets = cast.of_argument(subjects(verb))
        anonymous = coercion and all(is_human(a) for a in agents)
        return _make(cast, verb, source, clause_span(verb), targets, anonymous=anonymous)
    heads = subjects(verb)
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if passive and not coercion:
        return None  # "homes threatened by the fire", "Israel feels threatened"
    if passive:
        targets = cast.of_argument(heads)
        return _make(cast, verb, [], clause_span(verb), targets, anonymous=True)
    anonymous = any(is_human(h) for h in heads) or (coercion and not heads)
    threat = _make(cast, verb, subject_owners(cast, verb), clause_span(verb), anonymous=anonymous)
    if threat is not None:
        # the means may stand in the subject: "exercises of its nuclear forces are aimed at ..."
        threat.context += [w for s in subjects(verb) for w in _words(_span(phrase_tokens(s)).text)]
    return threat


def _defied(verb: Token) -> bool:
    """Whether coercion is refused by its target: "X is not going to be intimidated"."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if is_negated(verb):
        return bool(modals(verb) & lexicon.FUTURE_MODALS)
    head = verb.head
    if verb.dep_ != "xcomp":
        return False
    going = lemma(head) == "go" and head.tag_ == "VBG"
    return (going and is_negated(head)) or lemma(head) == "refuse"


def _defiance(cast: Cast, verb: Token) -> FoundThreat | None:
    """Coercion its target says it will not bow to: a threat against the target."""
    targets = cast.of_argument(subjects(verb))
    if not targets:
        return None
    agents = passive_agents(verb)
    source = cast.owners(agents) or cast.of_argument(agents)
    return _make(cast, verb, source, clause_span(verb), targets, anonymous=True)


def _vow_noun(cast: Cast, noun: Token) -> FoundThreat | None:
    """A vow of force named with its owner: "Hamas repeated its vow to destroy Israel"."""
    act = noun_act(noun)
    if act is None or not is_forceful(act) or is_unreal(noun) or is_negated(act):
        return None
    span = noun.doc[noun.i : predicate_span(act).end]
    source = cast.owners([noun])
    if not source:
        return None
    targets = [t for t in threat_targets(cast, act) if t not in source]
    return FoundThreat(span.text, source[0], targets, [noun.sent], _words(span.text))


def _threat_noun(cast: Cast, noun: Token) -> FoundThreat | None:
    if is_unreal(noun) or is_negated(noun.head):
        return None
    """A threat noun with its source: "the threat from China", "X poses a threat to Y".

    Also "Y was given an ultimatum by X"; an ultimatum is one even when its source is unnamed.
    """
    source = cast.owners([noun])
    targets = [
        actor
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in {"to", "against", "for"}
        for actor in cast.in_tokens(list(prep.subtree))
    ]
    verb = noun.head
    if not source and noun.dep_ in {"dobj", "attr"} and lemma(verb) in _POSING_VERBS:
        if any(c.dep_ == "auxpass" for c in verb.children):
            source = cast.of_argument(passive_agents(verb))
            targets += cast.of_argument(subjects(verb))
        else:
            source = subject_owners(cast, verb)
            targets += cast.of_argument([c for c in verb.children if c.dep_ == "dative"])
    if not source and lemma(noun) != "ultimatum":
        return None
    if lemma(noun) == "warning" and not targets:
        return None  # an alert ("the FBI warning"), not a threat
    sentence = noun.sent
    frame = verb if verb.pos_ in {"VERB", "AUX"} else noun
    span = clause_span(frame) if frame.i != noun.i else _span(phrase_tokens(noun))
    return FoundThreat(
        span.text,
        source[0] if source else None,
        [t for t in targets if t not in source],
        [sentence],
        _words(clause_span(sentence.root).text),
    )


def _warning(cast: Cast, verb: Token) -> FoundThreat | None:
    consequence = next(
        (
            c
            for c in verb.children
            if c.dep_ == "ccomp" and modals(c) & (lexicon.FUTURE_MODALS | lexicon.HEDGE_MODALS)
        ),
        None,
    )
    if consequence is None:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.lower_ in lexicon.CONSEQUENCE_NOUNS:
                    consequence = pobj
    if consequence is None:
        return None
    return _make(cast, verb, subject_owners(cast, verb), clause_span(verb))


def _modal_coercion(cast: Cast, verb: Token) -> FoundThreat | None:
    conditional = has_condition_after(verb, _ULTIMATUM) is not None
    forceful = is_forceful(verb) or any(names_force(o) for o in objects(verb))
    if not conditional and not forceful:
        return None
    threat = _make(cast, verb, subject_owners(cast, verb), predicate_span(verb, 40))
    if threat is not None:
        threat.hedged = bool(modals(verb) & lexicon.HEDGE_MODALS)
    return threat


def _ultimatum(cast: Cast, face: Token) -> FoundThreat | None:
    demanded = face.head
    if not modals(demanded) & lexicon.OBLIGATION_MODALS:
        return None
    speaker = next((g for g in demanded.ancestors if g.pos_ == "VERB"), None)
    if speaker is None:
        return None
    targets = cast.of_argument(subjects(demanded))
    return _make(cast, speaker, subject_owners(cast, speaker), clause_span(demanded), targets)


def _weapons_against(cast: Cast, noun: Token) -> FoundThreat | None:
    verb = noun.head
    if noun.dep_ != "dobj" or verb.tag_ == "VBD" or is_unreal(verb):
        return None
    against = [
        t for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "against" and t.i > noun.i
    ]
    if not against:
        return None
    targets = [a for prep in against for a in cast.in_tokens(list(prep.subtree))]
    return _make(cast, verb, subject_owners(cast, verb), clause_span(verb), targets)


def _hostile_conduct(cast: Cast, noun: Token) -> FoundThreat | None:
    """Hostile conduct someone pursues: "engage in blackmail", "using a coercive approach"."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ in {"in", "to"}:
        verb = verb.head  # "engage in blackmail", "resort to intimidation"
    elif noun.dep_ != "dobj":
        verb = noun
    if lemma(verb) not in lexicon.CONDUCT_VERBS:
        return _coercion_named(cast, noun)
    if is_unreal(verb, _THREAT_BLOCKERS):
        return None
    accused = _accused(verb)
    if accused:
        charge = verb.head.head
        return _make(cast, charge, cast.owners(accused), clause_span(charge), context=verb)
    heads = subjects(verb)
    by_someone = not heads or any(is_human(h) for h in heads)
    anonymous = lemma(noun) in lexicon.COERCION_ACT_NOUNS and by_someone
    source = subject_owners(cast, verb)
    return _make(cast, verb, source, clause_span(verb), anonymous=anonymous)


def _coercion_named(cast: Cast, noun: Token) -> FoundThreat | None:
    """Coercion named as a deed: "it was bribery and blackmail", "open to blackmail by X".

    The source is the deed's owner or its "by" agent, when named.
    """
    if lemma(noun) not in lexicon.COERCION_ACT_NOUNS or noun.dep_ == "compound":
        return None
    if is_unreal(noun, _THREAT_BLOCKERS):
        return None
    agents = preposition_objects(noun, frozenset({"by"}))
    source = cast.owners([noun]) or cast.of_argument(agents)
    targets = cast.of_argument(preposition_objects(noun, frozenset({"of", "against"})))
    span = _span(phrase_tokens(noun))
    threat = _make(cast, noun, source, span, targets, anonymous=True)
    if threat is not None:
        threat.context = _words(clause_span(noun.sent.root).text)
    return threat


def _accused(verb: Token) -> list[Token]:
    """Who a conduct is charged to: "accused *China* of using coercion"."""
    preposition = verb.head
    if verb.dep_ != "pcomp" or preposition.dep_ != "prep":
        return []
    charge = preposition.head
    if lemma(charge) not in lexicon.ACCUSING_VERBS:
        return []
    return objects(charge)


def _make(
    cast: Cast,
    verb: Token,
    source: list[Actor],
    span: Span,
    targets: list[Actor] | None = None,
    context: Token | None = None,
    *,
    anonymous: bool = False,
) -> FoundThreat | None:
    """A threat stated at ``verb``, or ``None`` without a source unless ``anonymous``.

    ``context`` heads the clause that domain and targets are read from when it is not
    ``verb``'s: "using coercion", not "Defense Secretary X accused China of ...".
    """
    if not source and not anonymous:
        return None
    if targets is None:
        targets = threat_targets(cast, context or verb)
    targets = [t for t in targets if t not in source]
    words = _words(clause_span(context).text if context is not None else span.text)
    return FoundThreat(span.text, source[0] if source else None, targets, [verb.sent], words)


def _vow_span(vow: Token, act: Token) -> Span:
    """The vow through what is vowed: "sworn to fight until they gain control of ..."."""
    span = predicate_span(vow)
    end = max(span.end, max(t.i for t in act.subtree) + 1)
    while end - 1 > vow.i and vow.doc[end - 1].is_punct:
        end -= 1
    return vow.doc[span.start : end]


def _span(tokens: list[Token]) -> Span:
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class _Threats:
    """The threats found so far, in order, with what finds the one a new one restates."""

    def __init__(self) -> None:
        self.found: list[FoundThreat] = []
        self._targets: defaultdict[int, SetIndex] = defaultdict(SetIndex)
        """By source: the target sets of its threats."""
        self._sentences: list[set[int]] = []
        self._domains: list[int] = []
        """Each threat's domain, as its place in :data:`DOMAIN_ORDER`."""

    def add(self, new: FoundThreat) -> None:
        """Add ``new``, or fold it into the first threat it restates.

        That is the first of the same source whose targets contain, or are contained in,
        its own; it takes the new one's wording when the new one's domain comes first.
        """
        targets = frozenset(id(t) for t in new.targets)
        index = self._targets[id(new.source)]
        found = (index.first_superset(targets), index.first_subset(targets))
        position = min((p for p in found if p is not None), default=None)
        domain = DOMAIN_ORDER.index(new.domain)
        if position is None:
            index.add(len(self.found), targets)
            self.found.append(new)
            self._sentences.append({sentence.start for sentence in new.sentences})
            self._domains.append(domain)
            return
        old, seen = self.found[position], self._sentences[position]
        old.targets += [t for t in new.targets if t not in old.targets]
        index.grow(position, frozenset(id(t) for t in old.targets))
        for sentence in new.sentences:
            if sentence.start not in seen:
                seen.add(sentence.start)
                old.sentences.append(sentence)
        if domain < self._domains[position]:
            old.what = new.what
            self._domains[position] = domain
        old.context += new.context
        old.hedged = old.hedged and new.hedged
