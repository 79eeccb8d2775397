"""Sentences of news wording, parsed by hand (see :mod:`.handmade`), for the event rules."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from summarizer.engines.offline.parties import Actor, Cast, find_parties
from summarizer.schema import PartyKind
from tests.engines.offline.handmade import doc


def cast(parsed: Doc, groups: Sequence[tuple[int, int, str]] = ()) -> Cast:
    """The parties of a hand-built doc, plus collective actors given as (start, end, name).

    Entities go through the party rules; the collective actors ("police", "rebels") are
    added as the party layer makes them, so the event rules are tested on their own.
    """
    found = find_parties(parsed)
    for start, end, name in groups:
        actor = Actor(name=name, kind=PartyKind.GROUP, quote=parsed[start:end].text)
        found.actors.append(actor)
        for i in range(start, end):
            found.by_token[i] = actor
    return found


# Russia intimidated Estonia with snap military drills near the border.
INTIMIDATED = doc(
    [
        ("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"),
        ("intimidated", 1, "ROOT", "VERB", "VBD", "intimidate"),
        ("Estonia", 1, "dobj", "PROPN", "NNP", "Estonia"),
        ("with", 1, "prep", "ADP", "IN", "with"),
        ("snap", 6, "amod", "ADJ", "JJ", "snap"),
        ("military", 6, "amod", "ADJ", "JJ", "military"),
        ("drills", 3, "pobj", "NOUN", "NNS", "drill"),
        ("near", 6, "prep", "ADP", "IN", "near"),
        ("the", 9, "det", "DET", "DT", "the"),
        ("border", 7, "pobj", "NOUN", "NN", "border"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE"), (2, 3, "GPE")],
)


# The ceasefire agreement between Armenia and Azerbaijan took effect at midnight.
TOOK_EFFECT = doc(
    [
        ("The", 2, "det", "DET", "DT", "the"),
        ("ceasefire", 2, "compound", "NOUN", "NN", "ceasefire"),
        ("agreement", 7, "nsubj", "NOUN", "NN", "agreement"),
        ("between", 2, "prep", "ADP", "IN", "between"),
        ("Armenia", 3, "pobj", "PROPN", "NNP", "Armenia"),
        ("and", 4, "cc", "CCONJ", "CC", "and"),
        ("Azerbaijan", 4, "conj", "PROPN", "NNP", "Azerbaijan"),
        ("took", 7, "ROOT", "VERB", "VBD", "take"),
        ("effect", 7, "dobj", "NOUN", "NN", "effect"),
        ("at", 7, "prep", "ADP", "IN", "at"),
        ("midnight", 9, "pobj", "NOUN", "NN", "midnight"),
        (".", 7, "punct", "PUNCT", ".", "."),
    ],
    [(4, 5, "ORG"), (6, 7, "GPE"), (10, 11, "TIME")],
)


# The UN Security Council adopted a resolution demanding a truce in Sudan.
ADOPTED_RESOLUTION = doc(
    [
        ("The", 3, "det", "DET", "DT", "the"),
        ("UN", 3, "compound", "PROPN", "NNP", "UN"),
        ("Security", 3, "compound", "PROPN", "NNP", "Security"),
        ("Council", 4, "nsubj", "PROPN", "NNP", "Council"),
        ("adopted", 4, "ROOT", "VERB", "VBD", "adopt"),
        ("a", 6, "det", "DET", "DT", "a"),
        ("resolution", 4, "dobj", "NOUN", "NN", "resolution"),
        ("demanding", 6, "acl", "VERB", "VBG", "demand"),
        ("a", 9, "det", "DET", "DT", "a"),
        ("truce", 7, "dobj", "NOUN", "NN", "truce"),
        ("in", 7, "prep", "ADP", "IN", "in"),
        ("Sudan", 10, "pobj", "PROPN", "NNP", "Sudan"),
        (".", 4, "punct", "PUNCT", ".", "."),
    ],
    [(0, 4, "ORG"), (11, 12, "GPE")],
)


# Israel vowed to press ahead with its offensive against Hamas.
VOWED_TO_PRESS_AHEAD = doc(
    [
        ("Israel", 1, "nsubj", "PROPN", "NNP", "Israel"),
        ("vowed", 1, "ROOT", "VERB", "VBD", "vow"),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("press", 1, "xcomp", "VERB", "VB", "press"),
        ("ahead", 3, "advmod", "ADV", "RB", "ahead"),
        ("with", 3, "prep", "ADP", "IN", "with"),
        ("its", 7, "poss", "PRON", "PRP$", "its"),
        ("offensive", 5, "pobj", "NOUN", "NN", "offensive"),
        ("against", 7, "prep", "ADP", "IN", "against"),
        ("Hamas", 8, "pobj", "PROPN", "NNP", "Hamas"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE"), (9, 10, "ORG")],
)


# Ankara hopes that Athens will sign the accord.
HOPES_WILL_SIGN = doc(
    [
        ("Ankara", 1, "nsubj", "PROPN", "NNP", "Ankara"),
        ("hopes", 1, "ROOT", "VERB", "VBZ", "hop"),
        ("that", 5, "mark", "SCONJ", "IN", "that"),
        ("Athens", 5, "nsubj", "PROPN", "NNP", "Athens"),
        ("will", 5, "aux", "AUX", "MD", "will"),
        ("sign", 1, "ccomp", "VERB", "VB", "sign"),
        ("the", 7, "det", "DET", "DT", "the"),
        ("accord", 5, "dobj", "NOUN", "NN", "accord"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE"), (3, 4, "GPE")],
)


# John Doe may get five years in jail and have to pay a fine after admitting to threatening
# to kill Mayor Jane Roe.
ADMITTING_TO_THREATENING = doc(
    [
        ("John", 1, "compound", "PROPN", "NNP", "John"),
        ("Doe", 3, "nsubj", "PROPN", "NNP", "Doe"),
        ("may", 3, "aux", "AUX", "MD", "may"),
        ("get", 3, "ROOT", "VERB", "VB", "get"),
        ("five", 5, "nummod", "NUM", "CD", "five"),
        ("years", 3, "dobj", "NOUN", "NNS", "year"),
        ("in", 5, "prep", "ADP", "IN", "in"),
        ("jail", 6, "pobj", "NOUN", "NN", "jail"),
        ("and", 3, "cc", "CCONJ", "CC", "and"),
        ("have", 3, "conj", "VERB", "VBP", "have"),
        ("to", 11, "aux", "PART", "TO", "to"),
        ("pay", 9, "xcomp", "VERB", "VB", "pay"),
        ("a", 13, "det", "DET", "DT", "a"),
        ("fine", 11, "dobj", "NOUN", "NN", "fine"),
        ("after", 11, "prep", "ADP", "IN", "after"),
        ("admitting", 14, "pcomp", "VERB", "VBG", "admit"),
        ("to", 15, "prep", "ADP", "IN", "to"),
        ("threatening", 16, "pcomp", "VERB", "VBG", "threaten"),
        ("to", 19, "aux", "PART", "TO", "to"),
        ("kill", 17, "xcomp", "VERB", "VB", "kill"),
        ("Mayor", 22, "compound", "PROPN", "NNP", "Mayor"),
        ("Jane", 22, "compound", "PROPN", "NNP", "Jane"),
        ("Roe", 19, "dobj", "PROPN", "NNP", "Roe"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ],
    [(0, 2, "PERSON"), (4, 6, "DATE"), (21, 23, "PERSON")],
)


# Police officers threatened to use live fire against the protesters.
LIVE_FIRE = doc(
    [
        ("Police", 1, "compound", "NOUN", "NNS", "Police"),
        ("officers", 2, "nsubj", "NOUN", "NNS", "officer"),
        ("threatened", 2, "ROOT", "VERB", "VBD", "threaten"),
        ("to", 4, "aux", "PART", "TO", "to"),
        ("use", 2, "xcomp", "VERB", "VB", "use"),
        ("live", 6, "amod", "ADJ", "JJ", "live"),
        ("fire", 4, "dobj", "NOUN", "NN", "fire"),
        ("against", 4, "prep", "ADP", "IN", "against"),
        ("the", 9, "det", "DET", "DT", "the"),
        ("protesters", 7, "pobj", "NOUN", "NNS", "protester"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [],
)


# Rebels accepted the ceasefire on Sunday.
ACCEPTED_CEASEFIRE = doc(
    [
        ("Rebels", 1, "nsubj", "NOUN", "NNS", "rebel"),
        ("accepted", 1, "ROOT", "VERB", "VBD", "accept"),
        ("the", 3, "det", "DET", "DT", "the"),
        ("ceasefire", 1, "dobj", "NOUN", "NN", "ceasefire"),
        ("on", 1, "prep", "ADP", "IN", "on"),
        ("Sunday", 4, "pobj", "PROPN", "NNP", "Sunday"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(5, 6, "DATE")],
)


# Turkey will not allow Sweden to join NATO unless it extradites the suspects.
CONDITIONAL_REFUSAL = doc(
    [
        ("Turkey", 3, "nsubj", "PROPN", "NNP", "Turkey"),
        ("will", 3, "aux", "AUX", "MD", "will"),
        ("not", 3, "neg", "PART", "RB", "not"),
        ("allow", 3, "ROOT", "VERB", "VB", "allow"),
        ("Sweden", 6, "nsubj", "PROPN", "NNP", "Sweden"),
        ("to", 6, "aux", "PART", "TO", "to"),
        ("join", 3, "ccomp", "VERB", "VB", "join"),
        ("NATO", 6, "dobj", "PROPN", "NNP", "NATO"),
        ("unless", 10, "mark", "SCONJ", "IN", "unless"),
        ("it", 10, "nsubj", "PRON", "PRP", "it"),
        ("extradites", 6, "advcl", "VERB", "VBZ", "extradite"),
        ("the", 12, "det", "DET", "DT", "the"),
        ("suspects", 10, "dobj", "NOUN", "NNS", "suspect"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE"), (4, 5, "GPE"), (7, 8, "ORG")],
)


# Serbia vowed to fight corruption.
FIGHT_CORRUPTION = doc(
    [
        ("Serbia", 1, "nsubj", "PROPN", "NNP", "Serbia"),
        ("vowed", 1, "ROOT", "VERB", "VBD", "vow"),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("fight", 1, "xcomp", "VERB", "VB", "fight"),
        ("corruption", 3, "dobj", "NOUN", "NN", "corruption"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE")],
)


# Trump threatened to pull out of NATO.
PULL_OUT = doc(
    [
        ("Trump", 1, "nsubj", "PROPN", "NNP", "Trump"),
        ("threatened", 1, "ROOT", "VERB", "VBD", "threaten"),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("pull", 1, "xcomp", "VERB", "VB", "pull"),
        ("out", 3, "prep", "ADP", "IN", "out"),
        ("of", 4, "prep", "ADP", "IN", "of"),
        ("NATO", 5, "pobj", "PROPN", "NNP", "NATO"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "ORG"), (6, 7, "ORG")],
)


# Japan and Australia signed a pact on Monday. The pact with Australia covers defence.
PACT_NAMED_AGAIN = doc(
    [
        ("Japan", 3, "nsubj", "PROPN", "NNP", "Japan"),
        ("and", 0, "cc", "CCONJ", "CC", "and"),
        ("Australia", 0, "conj", "PROPN", "NNP", "Australia"),
        ("signed", 3, "ROOT", "VERB", "VBD", "sign"),
        ("a", 5, "det", "DET", "DT", "a"),
        ("pact", 3, "dobj", "NOUN", "NN", "pact"),
        ("on", 3, "prep", "ADP", "IN", "on"),
        ("Monday", 6, "pobj", "PROPN", "NNP", "Monday"),
        (".", 3, "punct", "PUNCT", ".", "."),
        ("The", 10, "det", "DET", "DT", "the"),
        ("pact", 13, "nsubj", "NOUN", "NN", "pact"),
        ("with", 10, "prep", "ADP", "IN", "with"),
        ("Australia", 11, "pobj", "PROPN", "NNP", "Australia"),
        ("covers", 13, "ROOT", "VERB", "VBZ", "cover"),
        ("defence", 13, "dobj", "NOUN", "NN", "defence"),
        (".", 13, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE"), (2, 3, "GPE"), (7, 8, "DATE"), (12, 13, "GPE")],
)


# The two countries have never officially struck a peace treaty.
NEVER_STRUCK_TREATY = doc(
    [
        ("The", 2, "det", "DET", "DT", "the"),
        ("two", 2, "nummod", "NUM", "CD", "two"),
        ("countries", 6, "nsubj", "NOUN", "NNS", "country"),
        ("have", 6, "aux", "AUX", "VBP", "have"),
        ("never", 6, "neg", "ADV", "RB", "never"),
        ("officially", 6, "advmod", "ADV", "RB", "officially"),
        ("struck", 6, "ROOT", "VERB", "VBN", "strike"),
        ("a", 9, "det", "DET", "DT", "a"),
        ("peace", 9, "compound", "NOUN", "NN", "peace"),
        ("treaty", 6, "dobj", "NOUN", "NN", "treaty"),
        (".", 6, "punct", "PUNCT", ".", "."),
    ],
    [(1, 2, "CARDINAL")],
)


# In Russia, political parties engage in blackmail.
ENGAGE_IN_BLACKMAIL = doc(
    [
        ("In", 5, "prep", "ADP", "IN", "in"),
        ("Russia", 0, "pobj", "PROPN", "NNP", "Russia"),
        (",", 5, "punct", "PUNCT", ",", ","),
        ("political", 4, "amod", "ADJ", "JJ", "political"),
        ("parties", 5, "nsubj", "NOUN", "NNS", "party"),
        ("engage", 5, "ROOT", "VERB", "VBP", "engage"),
        ("in", 5, "prep", "ADP", "IN", "in"),
        ("blackmail", 6, "pobj", "NOUN", "NN", "blackmail"),
        (".", 5, "punct", "PUNCT", ".", "."),
    ],
    [(1, 2, "GPE")],
)


# Hillary Clinton has pledged amnesty.
PLEDGED_AMNESTY = doc(
    [
        ("Hillary", 1, "compound", "PROPN", "NNP", "Hillary"),
        ("Clinton", 3, "nsubj", "PROPN", "NNP", "Clinton"),
        ("has", 3, "aux", "AUX", "VBZ", "have"),
        ("pledged", 3, "ROOT", "VERB", "VBN", "pledge"),
        ("amnesty", 3, "dobj", "NOUN", "NN", "amnesty"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ],
    [(0, 2, "PERSON")],
)


# Ankara and Athens are seeking a deal.
SEEKING_DEAL = doc(
    [
        ("Ankara", 4, "nsubj", "PROPN", "NNP", "Ankara"),
        ("and", 0, "cc", "CCONJ", "CC", "and"),
        ("Athens", 0, "conj", "PROPN", "NNP", "Athens"),
        ("are", 4, "aux", "AUX", "VBP", "be"),
        ("seeking", 4, "ROOT", "VERB", "VBG", "seek"),
        ("a", 6, "det", "DET", "DT", "a"),
        ("deal", 4, "dobj", "NOUN", "NN", "deal"),
        (".", 4, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE"), (2, 3, "GPE")],
)
