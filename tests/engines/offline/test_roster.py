"""One party per actor (:mod:`summarizer.engines.offline.roster`), on parses built by hand.

The entity labels are en_core_web_sm's on real pages, mistakes included.
"""

from __future__ import annotations

from spacy.tokens import Doc

from summarizer.engines.offline.parties import Actor, find_parties
from summarizer.schema import PartyKind
from tests.engines.offline.handmade import doc

# Syrian President Bashar al-Assad met Vladimir Putin. Al-Assad thanked Russia.
ASSAD = doc(
    [
        ("Syrian", 1, "amod", "ADJ", "JJ", "syrian"),
        ("President", 5, "compound", "PROPN", "NNP", "President"),
        ("Bashar", 5, "compound", "PROPN", "NNP", "Bashar"),
        ("al", 5, "compound", "PROPN", "NNP", "al"),
        ("-", 5, "punct", "PROPN", "NNP", "-"),
        ("Assad", 6, "nsubj", "PROPN", "NNP", "Assad"),
        ("met", 6, "ROOT", "VERB", "VBD", "meet"),
        ("Vladimir", 8, "compound", "PROPN", "NNP", "Vladimir"),
        ("Putin", 6, "dobj", "PROPN", "NNP", "Putin"),
        (".", 6, "punct", "PUNCT", ".", "."),
        ("Al", 12, "compound", "PROPN", "NNP", "Al"),
        ("-", 12, "punct", "PUNCT", "HYPH", "-"),
        ("Assad", 13, "nsubj", "PROPN", "NNP", "Assad"),
        ("thanked", 13, "ROOT", "VERB", "VBD", "thank"),
        ("Russia", 13, "dobj", "PROPN", "NNP", "Russia"),
        (".", 13, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "NORP"), (2, 6, "PERSON"), (7, 9, "PERSON"), (10, 13, "PERSON"), (14, 15, "GPE")],
)

# Kurt Volker, the former special envoy to Ukraine, testified on Tuesday.
VOLKER = doc(
    [
        ("Kurt", 1, "compound", "PROPN", "NNP", "Kurt"),
        ("Volker", 10, "nsubj", "PROPN", "NNP", "Volker"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("the", 6, "det", "DET", "DT", "the"),
        ("former", 6, "amod", "ADJ", "JJ", "former"),
        ("special", 6, "amod", "ADJ", "JJ", "special"),
        ("envoy", 1, "appos", "NOUN", "NN", "envoy"),
        ("to", 6, "prep", "ADP", "IN", "to"),
        ("Ukraine", 7, "pobj", "PROPN", "NNP", "Ukraine"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("testified", 10, "ROOT", "VERB", "VBD", "testify"),
        ("on", 10, "prep", "ADP", "IN", "on"),
        ("Tuesday", 11, "pobj", "PROPN", "NNP", "Tuesday"),
        (".", 10, "punct", "PUNCT", ".", "."),
    ],
    [(0, 2, "ORG"), (8, 9, "GPE"), (12, 13, "DATE")],
)

# Ocasio-Cortez blamed Fox News host Jeanine Pirro.
PIRRO = doc(
    [
        ("Ocasio", 2, "compound", "PROPN", "NNP", "Ocasio"),
        ("-", 2, "punct", "PUNCT", "HYPH", "-"),
        ("Cortez", 3, "nsubj", "PROPN", "NNP", "Cortez"),
        ("blamed", 3, "ROOT", "VERB", "VBD", "blame"),
        ("Fox", 5, "compound", "PROPN", "NNP", "Fox"),
        ("News", 6, "compound", "PROPN", "NNP", "News"),
        ("host", 8, "compound", "NOUN", "NN", "host"),
        ("Jeanine", 8, "compound", "PROPN", "NNP", "Jeanine"),
        ("Pirro", 3, "dobj", "PROPN", "NNP", "Pirro"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ],
    [(0, 3, "ORG"), (4, 6, "ORG"), (7, 9, "ORG")],
)


# The House Intelligence Committee met. The Intelligence Committee said Amnesty
# International and Amnesty agreed.
COMMITTEES = doc(
    [
        ("The", 3, "det", "DET", "DT", "the"),
        ("House", 3, "compound", "PROPN", "NNP", "House"),
        ("Intelligence", 3, "compound", "PROPN", "NNP", "Intelligence"),
        ("Committee", 4, "nsubj", "PROPN", "NNP", "Committee"),
        ("met", 4, "ROOT", "VERB", "VBD", "meet"),
        (".", 4, "punct", "PUNCT", ".", "."),
        ("The", 8, "det", "DET", "DT", "the"),
        ("Intelligence", 8, "compound", "PROPN", "NNP", "Intelligence"),
        ("Committee", 9, "nsubj", "PROPN", "NNP", "Committee"),
        ("said", 9, "ROOT", "VERB", "VBD", "say"),
        ("Amnesty", 11, "compound", "PROPN", "NNP", "Amnesty"),
        ("International", 14, "nsubj", "PROPN", "NNP", "International"),
        ("and", 11, "cc", "CCONJ", "CC", "and"),
        ("Amnesty", 11, "conj", "PROPN", "NNP", "Amnesty"),
        ("agreed", 9, "ccomp", "VERB", "VBD", "agree"),
        (".", 9, "punct", "PUNCT", ".", "."),
    ],
    [(0, 4, "ORG"), (6, 9, "ORG"), (10, 12, "ORG"), (13, 14, "ORG")],
)


def first_name_doc(other: tuple[str, str]) -> Doc:
    """Gordon Sondland met <other>. Gordon said it."""
    return doc(
        [
            ("Gordon", 1, "compound", "PROPN", "NNP", "Gordon"),
            ("Sondland", 2, "nsubj", "PROPN", "NNP", "Sondland"),
            ("met", 2, "ROOT", "VERB", "VBD", "meet"),
            (other[0], 4, "compound", "PROPN", "NNP", other[0]),
            (other[1], 2, "dobj", "PROPN", "NNP", other[1]),
            (".", 2, "punct", "PUNCT", ".", "."),
            ("Gordon", 7, "nsubj", "PROPN", "NNP", "Gordon"),
            ("said", 7, "ROOT", "VERB", "VBD", "say"),
            ("it", 7, "dobj", "PRON", "PRP", "it"),
            (".", 7, "punct", "PUNCT", ".", "."),
        ],
        [(0, 2, "PERSON"), (3, 5, "PERSON"), (6, 7, "PERSON")],
    )


def parties(parsed: Doc) -> dict[str, Actor]:
    return {actor.name: actor for actor in find_parties(parsed).actors}


def test_a_surname_with_its_particle_joins_the_full_name() -> None:
    found = parties(ASSAD)
    assert set(found) == {"Syria", "Bashar al-Assad", "Vladimir Putin", "Russia"}
    assert found["Bashar al-Assad"].aliases == ["Al-Assad"]


def test_a_full_name_labelled_as_an_organisation_is_a_person_when_a_role_stands_beside_it() -> None:
    assert parties(VOLKER)["Kurt Volker"].kind is PartyKind.PERSON
    pirro = parties(PIRRO)["Jeanine Pirro"]
    assert (pirro.kind, pirro.role, pirro.affiliation) == (
        PartyKind.PERSON,
        "Fox News host",
        "Fox News",
    )
    assert parties(PIRRO)["Fox News"].kind is PartyKind.ORGANIZATION


def test_a_first_name_alone_joins_the_one_person_it_starts() -> None:
    cast = find_parties(first_name_doc(("Rick", "Perry")))
    assert [(a.name, a.aliases) for a in cast.actors] == [
        ("Gordon Sondland", ["Gordon"]),
        ("Rick Perry", []),
    ]


def test_a_first_name_two_people_share_is_neither_and_no_party() -> None:
    parsed = first_name_doc(("Gordon", "Brown"))
    cast = find_parties(parsed)
    assert [(a.name, a.aliases) for a in cast.actors] == [
        ("Gordon Sondland", []),
        ("Gordon Brown", []),
    ]
    assert cast.at(parsed[6]) is None


def test_an_organisation_named_by_the_end_or_the_head_of_one_others_name_joins_it() -> None:
    cast = find_parties(COMMITTEES)
    assert [(a.name, a.aliases) for a in cast.actors] == [
        ("House Intelligence Committee", ["Intelligence Committee"]),
        ("Amnesty International", ["Amnesty"]),
    ]
