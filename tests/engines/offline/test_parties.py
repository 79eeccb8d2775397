"""The party rules on parses built by hand: one party per actor, of the right kind."""

from __future__ import annotations

from spacy.tokens import Doc

from summarizer.engines.offline.parties import Actor, find_parties
from summarizer.schema import PartyKind
from tests.engines.offline.handmade import doc

# Police officers threatened to use live fire against the protesters.
POLICE = doc(
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
    ]
)

# The Kurds attacked the town on Monday.
KURDS = doc(
    [
        ("The", 1, "det", "DET", "DT", "the"),
        ("Kurds", 2, "nsubj", "PROPN", "NNPS", "Kurds"),
        ("attacked", 2, "ROOT", "VERB", "VBD", "attack"),
        ("the", 4, "det", "DET", "DT", "the"),
        ("town", 2, "dobj", "NOUN", "NN", "town"),
        ("on", 2, "prep", "ADP", "IN", "on"),
        ("Monday", 5, "pobj", "PROPN", "NNP", "Monday"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [(1, 2, "NORP"), (6, 7, "DATE")],
)

# Chinese President Xi Jinping met Joe Biden on Monday. Xi said the talks were useful.
XI = doc(
    [
        ("Chinese", 1, "amod", "ADJ", "JJ", "chinese"),
        ("President", 3, "compound", "PROPN", "NNP", "President"),
        ("Xi", 3, "compound", "PROPN", "NNP", "Xi"),
        ("Jinping", 4, "nsubj", "PROPN", "NNP", "Jinping"),
        ("met", 4, "ROOT", "VERB", "VBD", "meet"),
        ("Joe", 6, "compound", "PROPN", "NNP", "Joe"),
        ("Biden", 4, "dobj", "PROPN", "NNP", "Biden"),
        ("on", 4, "prep", "ADP", "IN", "on"),
        ("Monday", 7, "pobj", "PROPN", "NNP", "Monday"),
        (".", 4, "punct", "PUNCT", ".", "."),
        ("Xi", 11, "nsubj", "PROPN", "NNP", "Xi"),
        ("said", 11, "ROOT", "VERB", "VBD", "say"),
        ("the", 13, "det", "DET", "DT", "the"),
        ("talks", 14, "nsubj", "NOUN", "NNS", "talk"),
        ("were", 11, "ccomp", "AUX", "VBD", "be"),
        ("useful", 14, "acomp", "ADJ", "JJ", "useful"),
        (".", 11, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "NORP"), (2, 4, "PERSON"), (5, 7, "PERSON"), (8, 9, "DATE"), (10, 11, "PERSON")],
)

# John Doe may get five years in jail after threatening to kill Mayor Jane Roe.
DOE = doc(
    [
        ("John", 1, "compound", "PROPN", "NNP", "John"),
        ("Doe", 3, "nsubj", "PROPN", "NNP", "Doe"),
        ("may", 3, "aux", "AUX", "MD", "may"),
        ("get", 3, "ROOT", "VERB", "VB", "get"),
        ("five", 5, "nummod", "NUM", "CD", "five"),
        ("years", 3, "dobj", "NOUN", "NNS", "year"),
        ("in", 5, "prep", "ADP", "IN", "in"),
        ("jail", 6, "pobj", "NOUN", "NN", "jail"),
        ("after", 3, "prep", "ADP", "IN", "after"),
        ("threatening", 8, "pcomp", "VERB", "VBG", "threaten"),
        ("to", 11, "aux", "PART", "TO", "to"),
        ("kill", 9, "xcomp", "VERB", "VB", "kill"),
        ("Mayor", 14, "compound", "PROPN", "NNP", "Mayor"),
        ("Jane", 14, "compound", "PROPN", "NNP", "Jane"),
        ("Roe", 11, "dobj", "PROPN", "NNP", "Roe"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ],
    [(0, 2, "PERSON"), (4, 6, "DATE"), (13, 15, "PERSON")],
)

# Tom Smith and his brother Jack Smith were arrested. Smith said he was innocent.
BROTHERS = doc(
    [
        ("Tom", 1, "compound", "PROPN", "NNP", "Tom"),
        ("Smith", 8, "nsubjpass", "PROPN", "NNP", "Smith"),
        ("and", 1, "cc", "CCONJ", "CC", "and"),
        ("his", 4, "poss", "PRON", "PRP$", "his"),
        ("brother", 1, "conj", "NOUN", "NN", "brother"),
        ("Jack", 6, "compound", "PROPN", "NNP", "Jack"),
        ("Smith", 4, "appos", "PROPN", "NNP", "Smith"),
        ("were", 8, "auxpass", "AUX", "VBD", "be"),
        ("arrested", 8, "ROOT", "VERB", "VBN", "arrest"),
        (".", 8, "punct", "PUNCT", ".", "."),
        ("Smith", 11, "nsubj", "PROPN", "NNP", "Smith"),
        ("said", 11, "ROOT", "VERB", "VBD", "say"),
        ("he", 13, "nsubj", "PRON", "PRP", "he"),
        ("was", 11, "ccomp", "AUX", "VBD", "be"),
        ("innocent", 13, "acomp", "ADJ", "JJ", "innocent"),
        (".", 11, "punct", "PUNCT", ".", "."),
    ],
    [(0, 2, "PERSON"), (5, 7, "PERSON"), (10, 11, "PERSON")],
)

# John Hultquist, a North Korea expert at Mandiant, said the hackers were linked to Pyongyang.
EXPERT = doc(
    [
        ("John", 1, "compound", "PROPN", "NNP", "John"),
        ("Hultquist", 10, "nsubj", "PROPN", "NNP", "Hultquist"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("a", 6, "det", "DET", "DT", "a"),
        ("North", 5, "compound", "PROPN", "NNP", "North"),
        ("Korea", 6, "compound", "PROPN", "NNP", "Korea"),
        ("expert", 1, "appos", "NOUN", "NN", "expert"),
        ("at", 6, "prep", "ADP", "IN", "at"),
        ("Mandiant", 7, "pobj", "PROPN", "NNP", "Mandiant"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("said", 10, "ROOT", "VERB", "VBD", "say"),
        ("the", 12, "det", "DET", "DT", "the"),
        ("hackers", 14, "nsubjpass", "NOUN", "NNS", "hacker"),
        ("were", 14, "auxpass", "AUX", "VBD", "be"),
        ("linked", 10, "ccomp", "VERB", "VBN", "link"),
        ("to", 14, "prep", "ADP", "IN", "to"),
        ("Pyongyang", 15, "pobj", "PROPN", "NNP", "Pyongyang"),
        (".", 10, "punct", "PUNCT", ".", "."),
    ],
    [(0, 2, "PERSON"), (4, 6, "GPE"), (8, 9, "ORG"), (16, 17, "GPE")],
)

# The Soviet Union signed the treaty with the United States.
SOVIET = doc(
    [
        ("The", 2, "det", "DET", "DT", "the"),
        ("Soviet", 2, "compound", "PROPN", "NNP", "Soviet"),
        ("Union", 3, "nsubj", "PROPN", "NNP", "Union"),
        ("signed", 3, "ROOT", "VERB", "VBD", "sign"),
        ("the", 5, "det", "DET", "DT", "the"),
        ("treaty", 3, "dobj", "NOUN", "NN", "treaty"),
        ("with", 5, "prep", "ADP", "IN", "with"),
        ("the", 9, "det", "DET", "DT", "the"),
        ("United", 9, "compound", "PROPN", "NNP", "United"),
        ("States", 6, "pobj", "PROPN", "NNP", "States"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ],
    [(0, 3, "GPE"), (7, 10, "GPE")],
)

# Syrian rebels clashed with Russian troops and US officials.
QUALIFIED = doc(
    [
        ("Syrian", 1, "amod", "ADJ", "JJ", "syrian"),
        ("rebels", 2, "nsubj", "NOUN", "NNS", "rebel"),
        ("clashed", 2, "ROOT", "VERB", "VBD", "clash"),
        ("with", 2, "prep", "ADP", "IN", "with"),
        ("Russian", 5, "amod", "ADJ", "JJ", "russian"),
        ("troops", 3, "pobj", "NOUN", "NNS", "troop"),
        ("and", 5, "cc", "CCONJ", "CC", "and"),
        ("US", 8, "compound", "PROPN", "NNP", "US"),
        ("officials", 5, "conj", "NOUN", "NNS", "official"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "NORP"), (4, 5, "NORP"), (7, 8, "GPE")],
)


# Trump threatened to pull out of NATO.
TRUMP = doc(
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

# Duterte said he would kill drug dealers.
DUTERTE = doc(
    [
        ("Duterte", 1, "nsubj", "PROPN", "NNP", "Duterte"),
        ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("he", 4, "nsubj", "PRON", "PRP", "he"),
        ("would", 4, "aux", "AUX", "MD", "would"),
        ("kill", 1, "ccomp", "VERB", "VB", "kill"),
        ("drug", 6, "compound", "NOUN", "NN", "drug"),
        ("dealers", 4, "dobj", "NOUN", "NNS", "dealer"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "ORG")],
)


def parties(parsed: Doc) -> dict[str, Actor]:
    return {actor.name: actor for actor in find_parties(parsed).actors}


def test_police_and_protesters_are_groups_and_the_officers_are_the_police() -> None:
    found = parties(POLICE)
    assert set(found) == {"Police", "Protesters"}
    assert {a.kind for a in found.values()} == {PartyKind.GROUP}
    cast = find_parties(POLICE)
    assert cast.at(POLICE[1]) is cast.at(POLICE[0])


def test_a_people_is_a_group() -> None:
    (kurds,) = find_parties(KURDS).actors
    assert (kurds.name, kurds.kind) == ("Kurds", PartyKind.GROUP)


def test_a_family_name_written_first_joins_the_full_name() -> None:
    found = parties(XI)
    assert set(found) == {"China", "Xi Jinping", "Joe Biden"}
    xi = found["Xi Jinping"]
    assert xi.aliases == ["Xi"]
    assert (xi.role, xi.affiliation) == ("Chinese President", "China")
    cast = find_parties(XI)
    assert cast.at(XI[10]).name == "Xi Jinping"  # type: ignore[union-attr]


def test_a_title_is_a_role_not_a_name() -> None:
    found = parties(DOE)
    assert set(found) == {"John Doe", "Jane Roe"}
    assert found["Jane Roe"].role == "Mayor"
    assert found["John Doe"].kind is PartyKind.PERSON


def test_brothers_are_two_parties_and_their_surname_alone_is_neither() -> None:
    cast = find_parties(BROTHERS)
    assert [a.name for a in cast.actors] == ["Tom Smith", "Jack Smith"]
    assert all(a.aliases == [] for a in cast.actors)
    assert cast.at(BROTHERS[10]) is None


def test_a_field_of_expertise_is_no_affiliation_an_employer_is() -> None:
    found = parties(EXPERT)
    hultquist = found["John Hultquist"]
    assert hultquist.role == "North Korea expert"
    assert hultquist.affiliation == "Mandiant"
    assert found["North Korea"].aliases == ["Pyongyang"]
    assert found["Hackers"].kind is PartyKind.GROUP


def test_a_state_that_no_longer_exists_is_a_state() -> None:
    found = parties(SOVIET)
    assert found["Soviet Union"].kind is PartyKind.STATE
    assert found["Soviet Union"].code == "SUN"


def test_a_states_bodies_are_the_state_a_non_state_group_is_its_own() -> None:
    found = parties(QUALIFIED)
    assert set(found) == {"Syrian rebels", "Russia", "United States"}
    assert found["Syrian rebels"].kind is PartyKind.GROUP
    cast = find_parties(QUALIFIED)
    assert cast.of_argument([QUALIFIED[5]]) == [found["Russia"]]
    assert cast.of_argument([QUALIFIED[8]]) == [found["United States"]]


def test_a_surname_labelled_as_an_organisation_is_a_person() -> None:
    found = parties(TRUMP)
    assert found["Trump"].kind is PartyKind.PERSON
    assert found["NATO"].kind is PartyKind.ORGANIZATION


def test_a_subject_its_sentence_calls_he_is_a_person() -> None:
    assert parties(DUTERTE)["Duterte"].kind is PartyKind.PERSON
