"""Who an event belongs to: the parties of its subject, of its agent, and of its targets.

The event rules (:mod:`.agreements`, :mod:`.threats`) ask these of a clause: who agreed
(subject or passive agent, a group named earlier, the owner of "the decision to ..."), who
threatens (the subject's parties or their possessor, through a relative pronoun), whether an
unnamed subject is someone ("critics") or something ("rising seas"), and whom a threat names.
"""

from __future__ import annotations

from spacy.tokens import Token

from summarizer.engines.offline import lexicon
from summarizer.engines.offline.groups import group_lemma
from summarizer.engines.offline.parties import Actor, Cast
from summarizer.engines.offline.party_words import INSIDE_PREPOSITIONS
from summarizer.engines.offline.syntax import SUBJECTS, lemma, passive_agents, subjects

_DEFINITE_GROUP = frozenset({"the", "both", "two", "all"})


def is_human(token: Token) -> bool:
    """Whether a subject or agent is a person or a group, not a thing.

    A name, a personal pronoun, "officials", "critics", "political parties"; a relative
    pronoun is its noun's.
    """
    token = antecedent(token)
    if token.pos_ == "PRON":
        return token.lower_ in lexicon.PERSONAL_PRONOUNS
    if token.ent_type_ in {"PERSON", "NORP", "ORG", "GPE"}:
        return True
    return group_lemma(token) is not None or token.lemma_.lower() in lexicon.HUMAN_NOUNS


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("forces *that* threaten"), else the token."""
    if token.tag_ in {"WDT", "WP"} and token.head.dep_ == "relcl":
        return token.head.head
    return token


def subject_owners(cast: Cast, verb: Token) -> list[Actor]:
    """The parties of a verb's subject, or their possessors ("North Korea's program")."""
    heads = [antecedent(h) for h in subjects(verb)]
    return cast.owners(heads) or cast.of_argument(heads)


def threat_targets(cast: Cast, verb: Token) -> list[Actor]:
    """Parties named in what is threatened.

    Not the subject, the setting ("in Russia, parties engage in blackmail") or allies
    ("with").
    """
    left_out: set[int] = set()
    for child in verb.children:
        setting = child.dep_ == "prep" and child.lower_ in INSIDE_PREPOSITIONS
        if child.dep_ in SUBJECTS or setting:
            left_out.update(t.i for t in child.subtree)
    for token in verb.subtree:
        if token.dep_ == "prep" and token.lower_ == "with" and not _forceful_means(token):
            left_out.update(t.i for t in token.subtree)
    return cast.in_tokens([t for t in verb.subtree if t.i not in left_out])


def _forceful_means(preposition: Token) -> bool:
    """Whether "with" names a means of force ("with its offensive against X"), not an ally."""
    return any(c.dep_ == "pobj" and c.lower_ in lexicon.FORCE_NOUNS for c in preposition.children)


def agreeing_parties(cast: Cast, verb: Token) -> list[Actor]:
    """Who agreed at ``verb``: the passive agent, else the subject's parties.

    A group named earlier ("the two sides") resolves like "they"; an act decided is the
    decision's owner's; a verb the parse left without subject takes the names before it.
    """
    if verb.dep_ == "acl":  # "Putin's decision to withdraw from the treaty"
        return cast.owners([verb.head])
    heads = passive_agents(verb) or [
        s for s in subjects(verb) if lemma(s) not in lexicon.AGREEMENT_NOUNS
    ]
    if not heads:
        return cast.in_tokens(_left_context(verb))
    parties = cast.of_argument(heads)
    if not parties and any(_is_definite_group(h) for h in heads):
        parties = cast.resolve(heads[0])
    return parties


def _left_context(verb: Token) -> list[Token]:
    """The words before a verb the parse left without subject, back to the last comma.

    A fallback for parses that attach "X and Y have agreed" elsewhere.
    """
    start = verb.i
    while start > verb.sent.start and verb.doc[start - 1].text not in {",", ";", ":"}:
        start -= 1
    return list(verb.doc[start : verb.i])


def _is_definite_group(head: Token) -> bool:
    """Whether a subject is a group named earlier ("the two sides"), resolved like "they"."""
    return head.tag_ == "NNS" and any(c.lower_ in _DEFINITE_GROUP for c in head.children)
