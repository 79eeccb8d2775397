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


# There are forces in our society that threaten to extinguish liberty.
FORCES_THAT_THREATEN = doc(
    [
        ("There", 1, "expl", "PRON", "EX", "there"),
        ("are", 1, "ROOT", "VERB", "VBP", "be"),
        ("forces", 1, "attr", "NOUN", "NNS", "force"),
        ("in", 2, "prep", "ADP", "IN", "in"),
        ("our", 5, "poss", "PRON", "PRP$", "our"),
        ("society", 3, "pobj", "NOUN", "NN", "society"),
        ("that", 7, "nsubj", "PRON", "WDT", "that"),
        ("threaten", 2, "relcl", "VERB", "VBP", "threaten"),
        ("to", 9, "aux", "PART", "TO", "to"),
        ("extinguish", 7, "xcomp", "VERB", "VB", "extinguish"),
        ("liberty", 9, "dobj", "NOUN", "NN", "liberty"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [],
)


# The United States is not going to be intimidated.
NOT_INTIMIDATED = doc(
    [
        ("The", 2, "det", "DET", "DT", "the"),
        ("United", 2, "compound", "PROPN", "NNP", "United"),
        ("States", 5, "nsubj", "PROPN", "NNP", "States"),
        ("is", 5, "aux", "AUX", "VBZ", "be"),
        ("not", 5, "neg", "PART", "RB", "not"),
        ("going", 5, "ROOT", "VERB", "VBG", "go"),
        ("to", 8, "aux", "PART", "TO", "to"),
        ("be", 8, "auxpass", "AUX", "VB", "be"),
        ("intimidated", 5, "xcomp", "VERB", "VBN", "intimidate"),
        (".", 5, "punct", "PUNCT", ".", "."),
    ],
    [(0, 3, "GPE")],
)


# Rising seas threaten the coast.
SEAS_THREATEN = doc(
    [
        ("Rising", 1, "amod", "VERB", "VBG", "rise"),
        ("seas", 2, "nsubj", "NOUN", "NNS", "sea"),
        ("threaten", 2, "ROOT", "VERB", "VBP", "threaten"),
        ("the", 4, "det", "DET", "DT", "the"),
        ("coast", 2, "dobj", "NOUN", "NN", "coast"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [],
)


# They think it was bribery and blackmail.
BRIBERY_AND_BLACKMAIL = doc(
    [
        ("They", 1, "nsubj", "PRON", "PRP", "they"),
        ("think", 1, "ROOT", "VERB", "VBP", "think"),
        ("it", 3, "nsubj", "PRON", "PRP", "it"),
        ("was", 1, "ccomp", "AUX", "VBD", "be"),
        ("bribery", 3, "attr", "NOUN", "NN", "bribery"),
        ("and", 4, "cc", "CCONJ", "CC", "and"),
        ("blackmail", 4, "conj", "NOUN", "NN", "blackmail"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [],
)


# Critics threatened to sue the newspaper.
CRITICS_THREATEN = doc(
    [
        ("Critics", 1, "nsubj", "NOUN", "NNS", "critic"),
        ("threatened", 1, "ROOT", "VERB", "VBD", "threaten"),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("sue", 1, "xcomp", "VERB", "VB", "sue"),
        ("the", 5, "det", "DET", "DT", "the"),
        ("newspaper", 3, "dobj", "NOUN", "NN", "newspaper"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [],
)


# Truman took the oath of office in 1945.
TOOK_THE_OATH = doc(
    [
        ("Truman", 1, "nsubj", "PROPN", "NNP", "Truman"),
        ("took", 1, "ROOT", "VERB", "VBD", "take"),
        ("the", 3, "det", "DET", "DT", "the"),
        ("oath", 1, "dobj", "NOUN", "NN", "oath"),
        ("of", 3, "prep", "ADP", "IN", "of"),
        ("office", 4, "pobj", "NOUN", "NN", "office"),
        ("in", 1, "prep", "ADP", "IN", "in"),
        ("1945", 6, "pobj", "NUM", "CD", "1945"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "PERSON"), (7, 8, "DATE")],
)


# Snowden broke his oath.
BROKE_AN_OATH = doc(
    [
        ("Snowden", 1, "nsubj", "PROPN", "NNP", "Snowden"),
        ("broke", 1, "ROOT", "VERB", "VBD", "break"),
        ("his", 3, "poss", "PRON", "PRP$", "his"),
        ("oath", 1, "dobj", "NOUN", "NN", "oath"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [],
)


# Russia withdrew from the treaty.
WITHDREW_FROM_THE_TREATY = doc(
    [
        ("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"),
        ("withdrew", 1, "ROOT", "VERB", "VBD", "withdraw"),
        ("from", 1, "prep", "ADP", "IN", "from"),
        ("the", 4, "det", "DET", "DT", "the"),
        ("treaty", 2, "pobj", "NOUN", "NN", "treaty"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE")],
)


# Iran pulled out of the accord.
PULLED_OUT_OF_THE_ACCORD = doc(
    [
        ("Iran", 1, "nsubj", "PROPN", "NNP", "Iran"),
        ("pulled", 1, "ROOT", "VERB", "VBD", "pull"),
        ("out", 1, "prep", "ADP", "IN", "out"),
        ("of", 2, "prep", "ADP", "IN", "of"),
        ("the", 5, "det", "DET", "DT", "the"),
        ("accord", 3, "pobj", "NOUN", "NN", "accord"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE")],
)


# Trump vowed that the days of neglect will end.
VOWED_THAT = doc(
    [
        ("Trump", 1, "nsubj", "NOUN", "NN", "trump"),
        ("vowed", 1, "ROOT", "VERB", "VBD", "vow"),
        ("that", 8, "mark", "SCONJ", "IN", "that"),
        ("the", 4, "det", "DET", "DT", "the"),
        ("days", 8, "nsubj", "NOUN", "NNS", "day"),
        ("of", 4, "prep", "ADP", "IN", "of"),
        ("neglect", 5, "pobj", "NOUN", "NN", "neglect"),
        ("will", 8, "aux", "AUX", "MD", "will"),
        ("end", 1, "ccomp", "VERB", "VB", "end"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(3, 5, "DATE")],
)


# He has claimed that undocumented immigrants are "taking our jobs" and "taking our money,"
# pledged to deport them en masse, and vowed to build a wall on the Mexican border.
CLAIMED_PLEDGED = doc(
    [
        ("He", 2, "nsubj", "PRON", "PRP", "he"),
        ("has", 2, "aux", "AUX", "VBZ", "have"),
        ("claimed", 19, "ccomp", "VERB", "VBN", "claim"),
        ("that", 8, "mark", "SCONJ", "IN", "that"),
        ("undocumented", 5, "amod", "ADJ", "JJ", "undocumented"),
        ("immigrants", 8, "nsubj", "NOUN", "NNS", "immigrant"),
        ("are", 8, "aux", "AUX", "VBP", "be"),
        ('"', 8, "punct", "PUNCT", "``", '"'),
        ("taking", 2, "ccomp", "VERB", "VBG", "take"),
        ("our", 10, "poss", "PRON", "PRP$", "our"),
        ("jobs", 8, "dobj", "NOUN", "NNS", "job"),
        ('"', 8, "punct", "PUNCT", "''", '"'),
        ("and", 8, "cc", "CCONJ", "CC", "and"),
        ('"', 14, "punct", "PUNCT", "``", '"'),
        ("taking", 8, "conj", "VERB", "VBG", "take"),
        ("our", 16, "poss", "PRON", "PRP$", "our"),
        ("money", 14, "dobj", "NOUN", "NN", "money"),
        (",", 19, "punct", "PUNCT", ",", ","),
        ('"', 19, "punct", "PUNCT", "''", '"'),
        ("pledged", 19, "ROOT", "VERB", "VBD", "pledge"),
        ("to", 21, "aux", "PART", "TO", "to"),
        ("deport", 19, "xcomp", "VERB", "VB", "deport"),
        ("them", 21, "dobj", "PRON", "PRP", "they"),
        ("en", 21, "prep", "ADP", "IN", "en"),
        ("masse", 23, "pobj", "X", "FW", "masse"),
        (",", 19, "punct", "PUNCT", ",", ","),
        ("and", 19, "cc", "CCONJ", "CC", "and"),
        ("vowed", 19, "conj", "VERB", "VBD", "vow"),
        ("to", 29, "aux", "PART", "TO", "to"),
        ("build", 27, "xcomp", "VERB", "VB", "build"),
        ("a", 31, "det", "DET", "DT", "a"),
        ("wall", 29, "dobj", "NOUN", "NN", "wall"),
        ("on", 29, "prep", "ADP", "IN", "on"),
        ("the", 35, "det", "DET", "DT", "the"),
        ("Mexican", 35, "amod", "ADJ", "JJ", "mexican"),
        ("border", 32, "pobj", "NOUN", "NN", "border"),
        (".", 19, "punct", "PUNCT", ".", "."),
    ],
    [(34, 35, "NORP")],
)


# Russia held drills in order to intimidate Estonia.
IN_ORDER_TO = doc(
    [
        ("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"),
        ("held", 1, "ROOT", "VERB", "VBD", "hold"),
        ("drills", 1, "dobj", "NOUN", "NNS", "drill"),
        ("in", 1, "prep", "ADP", "IN", "in"),
        ("order", 3, "pobj", "NOUN", "NN", "order"),
        ("to", 6, "aux", "PART", "TO", "to"),
        ("intimidate", 4, "acl", "VERB", "VB", "intimidate"),
        ("Estonia", 6, "dobj", "PROPN", "NNP", "Estonia"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE"), (7, 8, "GPE")],
)


# Putin's decision to withdraw from the treaty surprised Washington.
DECISION_TO_WITHDRAW = doc(
    [
        ("Putin", 2, "poss", "PROPN", "NNP", "Putin"),
        ("'s", 0, "case", "PART", "POS", "'s"),
        ("decision", 8, "nsubj", "NOUN", "NN", "decision"),
        ("to", 4, "aux", "PART", "TO", "to"),
        ("withdraw", 2, "acl", "VERB", "VB", "withdraw"),
        ("from", 4, "prep", "ADP", "IN", "from"),
        ("the", 7, "det", "DET", "DT", "the"),
        ("treaty", 5, "pobj", "NOUN", "NN", "treaty"),
        ("surprised", 8, "ROOT", "VERB", "VBD", "surprise"),
        ("Washington", 8, "npadvmod", "PROPN", "NNP", "Washington"),
        (".", 8, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "PERSON"), (9, 10, "GPE")],
)


# Washington gave Tehran an ultimatum.
GAVE_AN_ULTIMATUM = doc(
    [
        ("Washington", 1, "nsubj", "PROPN", "NNP", "Washington"),
        ("gave", 1, "ROOT", "VERB", "VBD", "give"),
        ("Tehran", 1, "dative", "PROPN", "NNP", "Tehran"),
        ("an", 4, "det", "DET", "DT", "an"),
        ("ultimatum", 1, "dobj", "NOUN", "NN", "ultimatum"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE"), (2, 3, "GPE")],
)


# Workers were given an ultimatum by their bosses.
GIVEN_AN_ULTIMATUM = doc(
    [
        ("Workers", 2, "nsubjpass", "NOUN", "NNS", "worker"),
        ("were", 2, "auxpass", "AUX", "VBD", "be"),
        ("given", 2, "ROOT", "VERB", "VBN", "give"),
        ("an", 4, "det", "DET", "DT", "an"),
        ("ultimatum", 2, "dobj", "NOUN", "NN", "ultimatum"),
        ("by", 4, "prep", "ADP", "IN", "by"),
        ("their", 7, "poss", "PRON", "PRP$", "their"),
        ("bosses", 5, "pobj", "NOUN", "NNS", "boss"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [],
)


# Russia refused to comment after Iran and Iraq signed the accord.
SIGNED_AFTER_REFUSAL = doc(
    [
        ("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"),
        ("refused", 1, "ROOT", "VERB", "VBD", "refuse"),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("comment", 1, "xcomp", "VERB", "VB", "comment"),
        ("after", 8, "mark", "SCONJ", "IN", "after"),
        ("Iran", 8, "nsubj", "PROPN", "NNP", "Iran"),
        ("and", 5, "cc", "CCONJ", "CC", "and"),
        ("Iraq", 5, "conj", "PROPN", "NNP", "Iraq"),
        ("signed", 3, "advcl", "VERB", "VBD", "sign"),
        ("the", 10, "det", "DET", "DT", "the"),
        ("accord", 8, "dobj", "NOUN", "NN", "accord"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE"), (5, 6, "GPE"), (7, 8, "GPE")],
)
