"""Threats from the parse: who threatens whom, with what, in which domain, how gravely.

A clause gives a threat when it is real (see
:func:`~summarizer.engines.offline.syntax.is_unreal`) and matches one of:

- the verb *threaten*: "Iran threatened to cut off electricity to Nakhichevan", "North
  Korea's nuclear program ... threaten regional security" (the source is the subject, or
  what owns it);
- an act of coercion: "Russia intimidated Estonia with snap drills", "engage in blackmail"
  (also when only aimed at or tried);
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

**Domain**: the first of nuclear, cyber, military, territorial, economic, political whose
keywords occur in the threat's clause (see :data:`~.lexicon.DOMAIN_WORDS`), else other.

**Severity**: nuclear and military threats that name force (attack, strike, missiles,
war, blockade …) start *high*, other military, cyber, economic and territorial threats
*medium*, political and other *low*; a threat to kill is *high* at least; one step up for
weapons of mass destruction or destruction itself, or for the article's own intensifiers
(greatest, grave, serious,
imminent …); one step down when hedged (may, might, could, possible). Clamped to
low … critical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from summarizer.engines.offline import lexicon
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
    subjects,
)
from summarizer.schema import Severity, ThreatDomain

_SEVERITIES = (Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)
_DOMAIN_ORDER = tuple(domain for domain, _ in lexicon.DOMAIN_WORDS) + (ThreatDomain.OTHER,)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_POSING_VERBS = frozenset({"pose", "issue", "make", "deliver", "represent", "constitute"})
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
        """The first domain (in priority order) whose keywords the clauses use."""
        words = set(self.context)
        phrases = " ".join(self.context)
        for domain, keywords in lexicon.DOMAIN_WORDS:
            if words & keywords or (domain is ThreatDomain.TERRITORIAL and "status quo" in phrases):
                return domain
        return ThreatDomain.OTHER

    @property
    def severity(self) -> Severity:
        """The documented severity rule (see the module docstring)."""
        words = set(self.context)
        domain = self.domain
        if domain is ThreatDomain.NUCLEAR or (
            domain is ThreatDomain.MILITARY and words & (lexicon.FORCE_WORDS | lexicon.WEAPON_NOUNS)
        ):
            level = 2
        elif domain in {ThreatDomain.POLITICAL, ThreatDomain.OTHER}:
            level = 0
        else:
            level = 1
        if words & lexicon.LETHAL_WORDS:
            level = max(level, 2)
        if words & (lexicon.CATASTROPHIC_WORDS | lexicon.INTENSIFIERS) or (
            words & lexicon.WEAPON_NOUNS and words & lexicon.MASS_DESTRUCTION_WORDS
        ):
            level += 1
        if self.hedged:
            level -= 1
        return _SEVERITIES[max(0, min(level, len(_SEVERITIES) - 1))]


def find_threats(cast: Cast) -> list[FoundThreat]:
    """Every threat the article states, merged by source and targets."""
    found: list[FoundThreat] = []
    for token in cast.doc:
        threat = _read(cast, token)
        if threat is not None:
            _add(found, threat)
    return found


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
            return _make(cast, token, _subject_owners(cast, token), _vow_span(token, act))
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
    return _make(cast, verb, _subject_owners(cast, verb), predicate_span(verb, 40))


def _threaten(cast: Cast, verb: Token) -> FoundThreat | None:
    """The verb *threaten*, or an act of coercion ("intimidated Estonia with drills")."""
    agents = passive_agents(verb)
    if agents:
        source = cast.owners(agents) or cast.of_argument(agents)
        targets = cast.of_argument(subjects(verb))
        return _make(cast, verb, source, clause_span(verb), targets=targets)
    threat = _make(cast, verb, _subject_owners(cast, verb), clause_span(verb))
    if threat is not None:
        # the means may stand in the subject: "exercises of its nuclear forces are aimed at ..."
        threat.context += [w for s in subjects(verb) for w in _words(_span(phrase_tokens(s)).text)]
    return threat


def _vow_noun(cast: Cast, noun: Token) -> FoundThreat | None:
    """A vow of force named with its owner: "Hamas repeated its vow to destroy Israel"."""
    act = noun_act(noun)
    if act is None or not is_forceful(act) or is_unreal(noun) or is_negated(act):
        return None
    span = noun.doc[noun.i : predicate_span(act).end]
    source = cast.owners([noun])
    if not source:
        return None
    targets = [t for t in _targets(cast, act) if t not in source]
    return FoundThreat(span.text, source[0], targets, [noun.sent], _words(span.text))


def _threat_noun(cast: Cast, noun: Token) -> FoundThreat | None:
    if is_unreal(noun) or is_negated(noun.head):
        return None
    source = cast.owners([noun])
    if not source and noun.dep_ in {"dobj", "attr"} and lemma(noun.head) in _POSING_VERBS:
        source = _subject_owners(cast, noun.head)
    if not source:
        return None
    targets = [
        actor
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in {"to", "against", "for"}
        for actor in cast.in_tokens(list(prep.subtree))
    ]
    if lemma(noun) == "warning" and not targets:
        return None  # an alert ("the FBI warning"), not a threat
    sentence = noun.sent
    frame = noun.head if noun.head.pos_ in {"VERB", "AUX"} else noun
    span = clause_span(frame) if frame.i != noun.i else _span(phrase_tokens(noun))
    return FoundThreat(
        span.text,
        source[0],
        targets,
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
    return _make(cast, verb, _subject_owners(cast, verb), clause_span(verb))


def _modal_coercion(cast: Cast, verb: Token) -> FoundThreat | None:
    conditional = has_condition_after(verb, _ULTIMATUM) is not None
    forceful = is_forceful(verb) or any(names_force(o) for o in objects(verb))
    if not conditional and not forceful:
        return None
    threat = _make(cast, verb, _subject_owners(cast, verb), predicate_span(verb, 40))
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
    return _make(cast, speaker, _subject_owners(cast, speaker), clause_span(demanded), targets)


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
    return _make(cast, verb, _subject_owners(cast, verb), clause_span(verb), targets)


def _hostile_conduct(cast: Cast, noun: Token) -> FoundThreat | None:
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ in {"in", "to"}:
        verb = verb.head  # "engage in blackmail", "resort to intimidation"
    elif noun.dep_ != "dobj":
        return None
    if lemma(verb) not in lexicon.CONDUCT_VERBS:
        return None
    if is_unreal(verb, _THREAT_BLOCKERS):
        return None
    accused = _accused(verb)
    if accused:
        charge = verb.head.head
        return _make(cast, charge, cast.owners(accused), clause_span(charge), context=verb)
    return _make(cast, verb, _subject_owners(cast, verb), clause_span(verb))


def _accused(verb: Token) -> list[Token]:
    """Who a conduct is charged to: "accused *China* of using coercion"."""
    preposition = verb.head
    if verb.dep_ != "pcomp" or preposition.dep_ != "prep":
        return []
    charge = preposition.head
    if lemma(charge) not in lexicon.ACCUSING_VERBS:
        return []
    return objects(charge)


def _subject_owners(cast: Cast, verb: Token) -> list[Actor]:
    heads = subjects(verb)
    return cast.owners(heads) or cast.of_argument(heads)


def _make(
    cast: Cast,
    verb: Token,
    source: list[Actor],
    span: Span,
    targets: list[Actor] | None = None,
    context: Token | None = None,
) -> FoundThreat | None:
    """A threat stated at ``verb``, or ``None`` without a source.

    ``context`` heads the clause that domain and targets are read from when it is not
    ``verb``'s: "using coercion", not "Defense Secretary X accused China of ...".
    """
    if not source:
        return None
    if targets is None:
        targets = _targets(cast, context or verb)
    targets = [t for t in targets if t not in source]
    words = _words(clause_span(context).text if context is not None else span.text)
    return FoundThreat(span.text, source[0], targets, [verb.sent], words)


def _targets(cast: Cast, verb: Token) -> list[Actor]:
    """Parties named in what is threatened, leaving out the subject and allies ("with")."""
    left_out: set[int] = set()
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "csubj"}:
            left_out.update(t.i for t in child.subtree)
    for token in verb.subtree:
        if token.dep_ == "prep" and token.lower_ == "with" and not _forceful_means(token):
            left_out.update(t.i for t in token.subtree)
    return cast.in_tokens([t for t in verb.subtree if t.i not in left_out])


def _vow_span(vow: Token, act: Token) -> Span:
    """The vow through what is vowed: "sworn to fight until they gain control of ..."."""
    span = predicate_span(vow)
    end = max(span.end, max(t.i for t in act.subtree) + 1)
    while end - 1 > vow.i and vow.doc[end - 1].is_punct:
        end -= 1
    return vow.doc[span.start : end]


def _forceful_means(preposition: Token) -> bool:
    """Whether "with" names a means of force ("with its offensive against X"), not an ally."""
    return any(c.dep_ == "pobj" and c.lower_ in lexicon.FORCE_NOUNS for c in preposition.children)


def _span(tokens: list[Token]) -> Span:
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _add(found: list[FoundThreat], new: FoundThreat) -> None:
    """Add ``new``, or fold it into a threat of the same source and targets."""
    for old in found:
        new_targets, old_targets = {id(t) for t in new.targets}, {id(t) for t in old.targets}
        if old.source is new.source and (new_targets <= old_targets or old_targets <= new_targets):
            old.targets += [t for t in new.targets if t not in old.targets]
            for sentence in new.sentences:
                if sentence not in old.sentences:
                    old.sentences.append(sentence)
            if _DOMAIN_ORDER.index(new.domain) < _DOMAIN_ORDER.index(old.domain):
                old.what = new.what
            old.context += new.context
            old.hedged = old.hedged and new.hedged
            return
    found.append(new)
