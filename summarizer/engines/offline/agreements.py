"""Agreements from the parse: who agreed, signed, reaffirmed, promised or offered what.

A clause gives an agreement when its verb is one of these, and the event is real (not
negated, refused, demanded, hoped for or in a condition, see
:func:`~summarizer.engines.offline.syntax.is_unreal`):

=====================================  ===========================  =====================
pattern                                example                      status
=====================================  ===========================  =====================
agree / concur / consent               "X and Y agreed to ..."      agreed
sign / reach / conclude + agreement    "X signed a treaty"          signed / agreed
adopt / pass + resolution              "the Council adopted a       agreed
                                       resolution"
agreement + take effect / hold /       "the truce took effect"      in force / violated /
collapse / break down / expire                                      suspended
agreement named with its parties       "the pact with Australia"    agreed (proposed if
                                                                    "proposed", "draft")
violate / suspend + agreement          "X violated the ceasefire"   violated / suspended
accept + proposal, plan, offer …       "X accepted the plan"        agreed
reaffirm / reiterate + commitment      "they reaffirmed their       reaffirmed
                                       alliance"
promise / pledge / vow + act or thing  "X promised to continue aid" agreed
                                       "X pledged $1bn in aid",
                                       "X vowed that Y will end"
take / swear / break an oath           "X took the oath of office", agreed / violated
                                       "X said under oath"
withdraw from / pull out of +          "X withdrew from the treaty" suspended
agreement
offer / propose + act                  "X offered to negotiate"     proposed
ready / willing / committed to + act   "X is ready to contribute"   proposed / agreed
will / would + act of cooperation      "X will give Y a grant"      agreed (proposed "if")
=====================================  ===========================  =====================

The parties are those the subject names (pronouns resolved), then those named in what was
agreed. A promise to do harm is a threat, not an agreement (see ``threats``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from summarizer.engines.offline import lexicon
from summarizer.engines.offline.arguments import agreeing_parties
from summarizer.engines.offline.folding import SetIndex
from summarizer.engines.offline.parties import Actor, Cast
from summarizer.engines.offline.syntax import (
    governors,
    has_condition_after,
    in_condition,
    infinitive_act,
    is_forceful,
    is_negated,
    is_own,
    is_unreal,
    lemma,
    modals,
    noun_act,
    objects,
    passive_agents,
    phrase_tokens,
    predicate_span,
    preposition_objects,
    subjects,
)
from summarizer.schema import AgreementStatus

_STATUS_ORDER = (
    AgreementStatus.VIOLATED,
    AgreementStatus.SUSPENDED,
    AgreementStatus.IN_FORCE,
    AgreementStatus.SIGNED,
    AgreementStatus.AGREED,
    AgreementStatus.REAFFIRMED,
    AgreementStatus.PROPOSED,
)
_PARTNER_PREPOSITIONS = frozenset({"with", "between", "among", "by"})


@dataclass
class FoundAgreement:
    """An agreement read from one or more sentences."""

    what: str
    parties: list[Actor]
    status: AgreementStatus
    date: str | None
    sentences: list[Span]
    named: bool = False
    """Whether the agreement is only named ("the pact with Australia"), not acted on."""


@dataclass(frozen=True)
class _Trigger:
    status: AgreementStatus
    content: Span
    """The words saying what was agreed."""
    needs_actor: bool = True
    """Whether the subject must name a party (an implicit "they" does not make a pledge)."""
    scope: Span | None = None
    """Where parties named in what was agreed are looked for, when not all of ``content``."""
    named: bool = False
    """Whether the trigger only names the agreement (a noun), see :func:`_named_agreement`."""
    owned: bool = False
    """Whether the parties are the noun's owners ("Japan's pledge"), see :func:`_pledge_noun`."""
    sworn_at: Token | None = None
    """The verb whose subject is the party, for a noun ("Truman takes the oath")."""


def find_agreements(cast: Cast) -> list[FoundAgreement]:
    """Every agreement the article states, one per sentence and set of parties."""
    found = _Agreements()
    for token in cast.doc:
        trigger = _trigger(token)
        if trigger is None or (token.pos_ != "NOUN" and is_unreal(token)):
            continue
        if trigger.sworn_at is not None:
            parties = agreeing_parties(cast, trigger.sworn_at)
        elif token.pos_ == "NOUN":
            parties = cast.owners([token]) if trigger.owned else []
        else:
            parties = agreeing_parties(cast, token)
        if not parties and trigger.needs_actor:
            continue
        for actor in cast.in_tokens(list(trigger.scope or trigger.content)):
            if actor not in parties:
                parties.append(actor)
        if not parties:
            continue
        agreement = FoundAgreement(
            _what(trigger.content),
            parties,
            trigger.status,
            _date(token),
            [token.sent],
            trigger.named,
        )
        found.add(agreement)
    return found.found


def _trigger(token: Token) -> _Trigger | None:
    word = lemma(token)
    if token.pos_ == "NOUN":
        if word in lexicon.PLEDGE_NOUNS:
            return _pledge_noun(token)
        if word == "oath":
            return _oath(token)
        named = (
            word in lexicon.NAMED_AGREEMENT_NOUNS or token.lower_ in lexicon.NAMED_AGREEMENT_NOUNS
        )
        return _named_agreement(token) if named else None
    if token.pos_ == "ADJ" and word in lexicon.READY_ADJECTIVES:
        act = infinitive_act(token)
        if act is not None and _cooperative(act):
            return _Trigger(lexicon.READY_ADJECTIVES[word], predicate_span(act))
        return None
    if token.pos_ not in {"VERB", "AUX"} or token.dep_ == "amod":
        return None
    if token.dep_ == "acl" and lemma(token.head) not in lexicon.DECISION_NOUNS:
        return None  # "plans to sign", "efforts to reach a deal"; not "the decision to quit"
    fate = _fate(token)
    if fate is not None:
        return fate
    if word in lexicon.AGREE_VERBS:
        content = _complement(token)
        return _Trigger(AgreementStatus.AGREED, content, needs_actor=False) if content else None
    if word in lexicon.DEAL_VERBS:
        deal = _deal_object(token, word)
        if deal is not None:
            return _Trigger(
                lexicon.DEAL_VERBS[word], _phrase(deal), needs_actor=False, scope=_scope(deal)
            )
        return None
    if word in lexicon.REAFFIRM_VERBS:
        commitment = next((o for o in objects(token) if lemma(o) in lexicon.COMMITMENT_NOUNS), None)
        return _Trigger(AgreementStatus.REAFFIRMED, _phrase(commitment)) if commitment else None
    if word in lexicon.PLEDGE_VERBS | lexicon.OFFER_VERBS:
        status = AgreementStatus.PROPOSED if word in lexicon.OFFER_VERBS else AgreementStatus.AGREED
        act = infinitive_act(token)
        if act is not None and (_cooperative(act) or _pledged_clause(act)):
            return _Trigger(status, predicate_span(act))
        offered = next((o for o in objects(token) if lemma(o) in lexicon.ACCEPTABLE_NOUNS), None)
        if offered is not None and word in lexicon.OFFER_VERBS:
            return _Trigger(status, _phrase(offered))
        pledged = next((o for o in objects(token) if o.pos_ in {"NOUN", "PROPN", "NUM"}), None)
        if pledged is not None and word in lexicon.PLEDGE_THING_VERBS and not is_forceful(token):
            return _Trigger(status, _phrase(pledged))
        return None
    if word in lexicon.COOPERATIVE_VERBS and modals(token) & lexicon.FUTURE_MODALS:
        if not _cooperative(token) or has_condition_after(token, frozenset({"unless"})):
            return None
        if any(c.dep_ == "nsubjpass" for c in token.children) and not passive_agents(token):
            return None
        conditional = has_condition_after(token, frozenset({"if"})) is not None
        status = AgreementStatus.PROPOSED if conditional else AgreementStatus.AGREED
        return _Trigger(status, predicate_span(token))
    return None


def _cooperative(act: Token) -> bool:
    """Whether an act is one of cooperation, neither of force nor of coercion.

    Force as :func:`~.syntax.is_forceful` says; coercion: "prepared to impose sanctions",
    "ready to look at an arms embargo".
    """
    if is_forceful(act):
        return False
    acts = [act, *(c for c in act.children if c.dep_ in {"xcomp", "pcomp"})]
    for each in acts:
        coercive = lemma(each) in lexicon.COERCIVE_VERBS - lexicon.COOPERATIVE_VERBS
        if coercive and not any(is_own(o) for o in objects(each)):
            return False
        aims = objects(each) + [
            t for t in each.subtree if t.dep_ == "pobj" and t.head.head.i == each.i
        ]
        if any(lemma(a) in lexicon.COERCION_NOUNS for a in aims):
            return False
    return True


def _pledged_clause(act: Token) -> bool:
    """Whether a clause vowed states a commitment: "vowed that the days of X will end".

    Not force ("vowed that they would strike"), nor an act done to someone.
    """
    return act.dep_ == "ccomp" and not (is_forceful(act) or objects(act))


def _pledge_noun(noun: Token) -> _Trigger | None:
    """A pledge named with its owner: "his vow to bar ...", "the administration's pledge".

    A pledge of force is a threat, not an agreement; one without an owner is no one's.
    """
    verbs = lexicon.REAFFIRM_VERBS | set(lexicon.DEAL_VERBS) | lexicon.PLEDGE_VERBS
    if noun.dep_ in {"dobj", "nsubjpass"} and lemma(noun.head) in verbs:
        return None  # "reaffirmed its commitment": the verb's own rule reads it
    if is_unreal(noun):
        return None  # "reneged on his commitment", "no promise"
    act = noun_act(noun)
    if act is not None and not _cooperative(act):
        return None
    content = _scope(noun) if act is None else noun.doc[noun.i : predicate_span(act).end]
    return _Trigger(AgreementStatus.AGREED, content, owned=True)


def _oath(noun: Token) -> _Trigger | None:
    """An oath sworn, taken or broken; its party is the verb's subject.

    "Truman takes the oath of office", "she swore under oath that ...", "Snowden broke an
    oath".
    """
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "under":
        verb = verb.head
        status = AgreementStatus.AGREED
    elif noun.dep_ == "dobj" and lemma(verb) in lexicon.OATH_VERBS:
        status = lexicon.OATH_VERBS[lemma(verb)]
    else:
        return None
    if verb.pos_ not in {"VERB", "AUX"} or is_unreal(verb):
        return None
    return _Trigger(status, predicate_span(verb), sworn_at=verb)


def _fate(verb: Token) -> _Trigger | None:
    """What became of an agreement, its subject: "the truce took effect", "collapsed"."""
    nouns = [s for s in subjects(verb) if s.pos_ == "NOUN" and lemma(s) in lexicon.AGREEMENT_NOUNS]
    if not nouns:
        return None
    particles = [
        c
        for c in verb.children
        if (c.dep_ in {"dobj", "prt", "advmod"} and c.lower_ in {"effect", "down", "apart"})
        or (c.dep_ == "prep" and c.lower_ == "into")
    ]
    words = [lemma(verb)]
    for part in particles:
        words.append(part.lower_)
        words += [g.lower_ for g in part.children if g.dep_ == "pobj"]
    status = lexicon.AGREEMENT_FATES.get(" ".join(words))
    if status is None:
        return None
    return _Trigger(status, _phrase(nouns[0]), needs_actor=False, scope=_scope(nouns[0]))


def _named_agreement(noun: Token) -> _Trigger | None:
    """An agreement named as a thing reached, with its parties in its own phrase.

    "the Japan-Australia pact", "Iran's nuclear deal with the powers", "an agreement
    between X and Y". An agreement not lived up to still exists; not when sought ("talks
    on a deal", "seeking a pact"), never made ("never struck a treaty"), in a condition,
    or only proposed in words ("a proposed deal": proposed). A verb acting on the noun
    (sign, reach, take effect ...) gives the same agreement through its own rule.
    """
    if noun.dep_ == "compound" or in_condition(noun):
        return None
    for node in governors(noun):
        if (
            node.pos_ == "NOUN"
            and lemma(node) in lexicon.NEGOTIATION_NOUNS | lexicon.BLOCKING_NOUNS
        ):
            return None
        if node.pos_ in {"VERB", "AUX"}:
            seeking = lemma(node) in lexicon.SEEKING_VERBS | lexicon.BLOCKING_VERBS
            unmade = lemma(node) in lexicon.DEAL_VERBS and is_negated(node)
            if seeking or unmade or modals(node) & lexicon.OBLIGATION_MODALS:
                return None
    proposed = any(
        c.dep_ == "amod" and c.lower_ in lexicon.PROPOSAL_MODIFIERS for c in noun.children
    )
    status = AgreementStatus.PROPOSED if proposed else AgreementStatus.AGREED
    return _Trigger(status, _scope(noun), needs_actor=False, named=True)


def _scope(noun: Token) -> Span:
    """An agreement noun's own phrase and its partners ("with X", "between X and Y").

    Not what it demands or says: "a resolution demanding a truce in Sudan".
    """
    members = phrase_tokens(noun) + [
        t
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in _PARTNER_PREPOSITIONS
        for t in prep.subtree
    ]
    members.sort(key=lambda t: t.i)
    return _span(members)


def _span(tokens: list[Token]) -> Span:
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1]


def _complement(verb: Token) -> Span | None:
    """What an "agree" verb agreed: its clause, infinitive or prepositional object.

    A clause states an agreement only with a modal ("agreed that talks would resume");
    without one it is an opinion shared ("agreed that the system has failed").
    """
    for child in verb.children:
        if child.dep_ == "xcomp":
            return predicate_span(child)
        if child.dep_ == "ccomp":
            return predicate_span(child) if modals(child) else None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"on", "upon", "to", "with", "over"}:
            target = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if target is not None and target.ent_type_ not in {"DATE", "TIME"}:
                return _phrase(target)
    found = objects(verb)
    return _phrase(found[0]) if found else None


def _deal_object(verb: Token, verb_lemma: str) -> Token | None:
    nouns = lexicon.ACCEPTABLE_NOUNS if verb_lemma == "accept" else lexicon.AGREEMENT_NOUNS
    candidates = objects(verb) + [c for c in verb.children if c.dep_ == "nsubjpass"]
    if verb_lemma in lexicon.WITHDRAWAL_VERBS:  # "withdraw from the treaty", "pull out of"
        particles = [c for c in verb.children if c.lower_ == "out"]
        candidates = [
            o
            for head in [verb, *particles]
            for o in preposition_objects(head, frozenset({"from", "of"}))
        ]
    return next((c for c in candidates if lemma(c) in nouns), None)


def _phrase(head: Token) -> Span:
    tokens = [t for t in head.subtree if not t.is_space]
    doc = head.doc
    start, end = tokens[0].i, min(tokens[-1].i, tokens[0].i + 29)
    while start < end and doc[start].pos_ in {"DET", "PUNCT"}:
        start += 1
    while end > start and doc[end].is_punct:
        end -= 1
    return doc[start : end + 1]


def _what(content: Span) -> str:
    return content.text.strip()


def _date(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in {"xcomp", "ccomp", "advcl", "relcl", "conj"}:
            continue
        for token in child.subtree:
            if token.ent_type_ == "DATE" and token.ent_iob_ == "B":
                end = token.i + 1
                while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
                    end += 1
                return token.doc[token.i : end].text
    return None


class _Agreements:
    """The agreements found so far, in order, with what finds the one a new one restates."""

    def __init__(self) -> None:
        self.found: list[FoundAgreement] = []
        self._by_sentence: dict[tuple[int, frozenset[int]], int] = {}
        self._parties = SetIndex()
        self._sentences: list[set[int]] = []

    def add(self, new: FoundAgreement) -> None:
        """Add ``new``, or fold it into the first agreement it restates.

        Folded: an agreement of the same sentence and parties (the strongest status wins),
        or an agreement only named again later ("the pact with Australia") among the
        parties of one already read, whose evidence it joins.
        """
        parties = frozenset(map(id, new.parties))
        key = (new.sentences[0].start, parties)
        same = self._by_sentence.get(key)
        among = self._parties.first_superset(parties) if new.named else None
        if same is not None and (among is None or same <= among):
            old = self.found[same]
            if _STATUS_ORDER.index(new.status) < _STATUS_ORDER.index(old.status):
                old.status = new.status
            return
        if among is not None:
            old, seen = self.found[among], self._sentences[among]
            for sentence in new.sentences:
                if sentence.start not in seen:
                    seen.add(sentence.start)
                    old.sentences.append(sentence)
            return
        position = len(self.found)
        self.found.append(new)
        self._by_sentence[key] = position
        self._parties.add(position, parties)
        self._sentences.append({sentence.start for sentence in new.sentences})
