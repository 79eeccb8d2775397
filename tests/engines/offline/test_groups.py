"""Collective actors and a bare noun joining its group, on a parse built by hand."""

from __future__ import annotations

from summarizer.engines.offline.parties import find_parties
from tests.engines.offline.handmade import doc
from tests.engines.offline.parses import FORCES_THAT_THREATEN

# Security forces and government forces fired; the forces withdrew.
FORCES = doc(
    [
        ("Security", 1, "compound", "NOUN", "NN", "security"),
        ("forces", 5, "nsubj", "NOUN", "NNS", "force"),
        ("and", 1, "cc", "CCONJ", "CC", "and"),
        ("government", 4, "compound", "NOUN", "NN", "government"),
        ("forces", 1, "conj", "NOUN", "NNS", "force"),
        ("fired", 9, "ccomp", "VERB", "VBD", "fire"),
        (";", 9, "punct", "PUNCT", ":", ";"),
        ("the", 8, "det", "DET", "DT", "the"),
        ("forces", 9, "nsubj", "NOUN", "NNS", "force"),
        ("withdrew", 9, "ROOT", "VERB", "VBD", "withdraw"),
        (".", 9, "punct", "PUNCT", ".", "."),
    ]
)

# Riot police used tear gas; the police said the use of force was lawful.
POLICE = doc(
    [
        ("Riot", 1, "compound", "NOUN", "NN", "riot"),
        ("police", 2, "nsubj", "NOUN", "NNS", "police"),
        ("used", 9, "ccomp", "VERB", "VBD", "use"),
        ("tear", 4, "compound", "NOUN", "NN", "tear"),
        ("gas", 2, "dobj", "NOUN", "NN", "gas"),
        (";", 9, "punct", "PUNCT", ":", ";"),
        ("the", 7, "det", "DET", "DT", "the"),
        ("police", 9, "nsubj", "NOUN", "NNS", "police"),
        ("said", 9, "ROOT", "VERB", "VBD", "say"),
        ("the", 11, "det", "DET", "DT", "the"),
        ("use", 14, "nsubj", "NOUN", "NN", "use"),
        ("of", 11, "prep", "ADP", "IN", "of"),
        ("force", 12, "pobj", "NOUN", "NN", "force"),
        ("was", 9, "ccomp", "AUX", "VBD", "be"),
        ("lawful", 14, "acomp", "ADJ", "JJ", "lawful"),
        (".", 9, "punct", "PUNCT", ".", "."),
    ]
)

# Mr. Trump's supporters stormed the Capitol.
SUPPORTERS = doc(
    [
        ("Mr.", 1, "compound", "PROPN", "NNP", "Mr."),
        ("Trump", 3, "poss", "PROPN", "NNP", "Trump"),
        ("'s", 1, "case", "PART", "POS", "'s"),
        ("supporters", 4, "nsubj", "NOUN", "NNS", "supporter"),
        ("stormed", 4, "ROOT", "VERB", "VBD", "storm"),
        ("the", 6, "det", "DET", "DT", "the"),
        ("Capitol", 4, "dobj", "PROPN", "NNP", "Capitol"),
        (".", 4, "punct", "PUNCT", ".", "."),
    ],
    [(1, 2, "PERSON"), (6, 7, "FAC")],
)

# Senior officials said they are criminals.
CRIMINALS = doc(
    [
        ("Senior", 1, "amod", "ADJ", "JJ", "senior"),
        ("officials", 2, "nsubj", "NOUN", "NNS", "official"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"),
        ("they", 4, "nsubj", "PRON", "PRP", "they"),
        ("are", 2, "ccomp", "AUX", "VBP", "be"),
        ("criminals", 4, "attr", "NOUN", "NNS", "criminal"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
)

# He hates radical Muslims in government.
IN_GOVERNMENT = doc(
    [
        ("He", 1, "nsubj", "PRON", "PRP", "he"),
        ("hates", 1, "ROOT", "VERB", "VBZ", "hat"),
        ("radical", 3, "amod", "ADJ", "JJ", "radical"),
        ("Muslims", 1, "dobj", "PROPN", "NNPS", "Muslims"),
        ("in", 3, "prep", "ADP", "IN", "in"),
        ("government", 4, "pobj", "NOUN", "NN", "government"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(3, 4, "NORP")],
)

# Japan said its troops and their nuclear forces would stay.
OWNED_BY_A_PRONOUN = doc(
    [
        ("Japan", 1, "nsubj", "PROPN", "NNP", "Japan"),
        ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("its", 3, "poss", "PRON", "PRP$", "its"),
        ("troops", 9, "nsubj", "NOUN", "NNS", "troop"),
        ("and", 3, "cc", "CCONJ", "CC", "and"),
        ("their", 7, "poss", "PRON", "PRP$", "their"),
        ("nuclear", 7, "amod", "ADJ", "JJ", "nuclear"),
        ("forces", 3, "conj", "NOUN", "NNS", "force"),
        ("would", 9, "aux", "AUX", "MD", "would"),
        ("stay", 1, "ccomp", "VERB", "VB", "stay"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "GPE")],
)

# He said his government would act.
HIS_GOVERNMENT = doc(
    [
        ("He", 1, "nsubj", "PRON", "PRP", "he"),
        ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("his", 3, "poss", "PRON", "PRP$", "his"),
        ("government", 5, "nsubj", "NOUN", "NN", "government"),
        ("would", 5, "aux", "AUX", "MD", "would"),
        ("act", 1, "ccomp", "VERB", "VB", "act"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
)


def test_groups_are_named_by_what_classifies_them() -> None:
    cast = find_parties(FORCES)
    assert [a.name for a in cast.actors] == ["Security forces", "Government"]


def test_a_bare_noun_two_groups_could_take_joins_neither() -> None:
    cast = find_parties(FORCES)
    assert cast.at(FORCES[8]) is None


def test_a_bare_noun_joins_the_one_group_with_its_head() -> None:
    cast = find_parties(POLICE)
    (police,) = cast.actors
    assert police.name == "Riot police"
    assert cast.at(POLICE[7]) is police


def test_force_in_the_singular_is_no_group() -> None:
    assert find_parties(POLICE).at(POLICE[12]) is None


def test_a_group_a_person_owns_is_named_by_the_surname() -> None:
    assert [a.name for a in find_parties(SUPPORTERS).actors] == ["Trump", "Trump supporters"]


def test_a_capital_at_a_sentence_start_and_a_noun_said_of_a_subject_name_no_group() -> None:
    assert [a.name for a in find_parties(CRIMINALS).actors] == ["Officials"]


def test_a_state_one_is_in_names_no_group() -> None:
    assert [a.name for a in find_parties(IN_GOVERNMENT).actors] == ["Muslims"]


def test_a_noun_after_there_is_names_a_group() -> None:
    assert [a.name for a in find_parties(FORCES_THAT_THREATEN).actors] == ["Forces"]


def test_an_armed_body_owned_through_a_pronoun_is_its_owners_not_a_group() -> None:
    assert [a.name for a in find_parties(OWNED_BY_A_PRONOUN).actors] == ["Japan"]
    assert [a.name for a in find_parties(HIS_GOVERNMENT).actors] == ["Government"]
