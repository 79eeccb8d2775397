"""Places where things happen (:mod:`summarizer.engines.offline.places`), on parses built
by hand with en_core_web_sm's values: a place that is only a setting is no party."""

from __future__ import annotations

from summarizer.engines.offline.parties import find_parties
from tests.engines.offline.handmade import doc

# The talks took place in Geneva and Vienna.
CITIES = doc(
    [
        ("The", 1, "det", "DET", "DT", "the"),
        ("talks", 2, "nsubj", "NOUN", "NNS", "talk"),
        ("took", 2, "ROOT", "VERB", "VBD", "take"),
        ("place", 2, "dobj", "NOUN", "NN", "place"),
        ("in", 2, "prep", "ADP", "IN", "in"),
        ("Geneva", 4, "pobj", "PROPN", "NNP", "Geneva"),
        ("and", 5, "cc", "CCONJ", "CC", "and"),
        ("Vienna", 5, "conj", "PROPN", "NNP", "Vienna"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [(5, 6, "GPE"), (7, 8, "GPE")],
)

# Trump met Xi at the Peterson Institute. Eswar Prasad, a professor at Cornell, said it.
VENUE = doc(
    [
        ("Trump", 1, "nsubj", "NOUN", "NN", "trump"),
        ("met", 1, "ROOT", "VERB", "VBD", "meet"),
        ("Xi", 1, "dobj", "PROPN", "NNP", "Xi"),
        ("at", 1, "prep", "ADP", "IN", "at"),
        ("the", 6, "det", "DET", "DT", "the"),
        ("Peterson", 6, "compound", "PROPN", "NNP", "Peterson"),
        ("Institute", 3, "pobj", "PROPN", "NNP", "Institute"),
        (".", 1, "punct", "PUNCT", ".", "."),
        ("Eswar", 9, "compound", "PROPN", "NNP", "Eswar"),
        ("Prasad", 16, "nsubj", "PROPN", "NNP", "Prasad"),
        (",", 9, "punct", "PUNCT", ",", ","),
        ("a", 12, "det", "DET", "DT", "a"),
        ("professor", 9, "appos", "NOUN", "NN", "professor"),
        ("at", 12, "prep", "ADP", "IN", "at"),
        ("Cornell", 13, "pobj", "PROPN", "NNP", "Cornell"),
        (",", 9, "punct", "PUNCT", ",", ","),
        ("said", 16, "ROOT", "VERB", "VBD", "say"),
        ("it", 16, "dobj", "PRON", "PRP", "it"),
        (".", 16, "punct", "PUNCT", ".", "."),
    ],
    [(2, 3, "PERSON"), (4, 7, "ORG"), (8, 10, "ORG"), (14, 15, "PERSON")],
)


def test_capitals_that_are_only_where_talks_took_place_are_no_party() -> None:
    assert find_parties(CITIES).actors == []


def test_an_organisation_that_is_only_a_venue_is_no_party_an_employer_is() -> None:
    found = {a.name: a for a in find_parties(VENUE).actors}
    assert "Peterson Institute" not in found
    assert found["Cornell"].kind.value == "organization"
    prasad = found["Eswar Prasad"]
    assert (prasad.kind.value, prasad.role, prasad.affiliation) == (
        "person",
        "professor",
        "Cornell",
    )


# A bomb exploded in the city of Lyon. Lyon will host the final.
CITY_OF = doc(
    [
        ("A", 1, "det", "DET", "DT", "a"),
        ("bomb", 2, "nsubj", "NOUN", "NN", "bomb"),
        ("exploded", 2, "ROOT", "VERB", "VBD", "explode"),
        ("in", 2, "prep", "ADP", "IN", "in"),
        ("the", 5, "det", "DET", "DT", "the"),
        ("city", 3, "pobj", "NOUN", "NN", "city"),
        ("of", 5, "prep", "ADP", "IN", "of"),
        ("Lyon", 6, "pobj", "PROPN", "NNP", "Lyon"),
        (".", 2, "punct", "PUNCT", ".", "."),
        ("Lyon", 11, "nsubj", "PROPN", "NNP", "Lyon"),
        ("will", 11, "aux", "AUX", "MD", "will"),
        ("host", 11, "ROOT", "VERB", "VB", "host"),
        ("the", 13, "det", "DET", "DT", "the"),
        ("final", 11, "dobj", "NOUN", "NN", "final"),
        (".", 11, "punct", "PUNCT", ".", "."),
    ],
    [(7, 8, "ORG"), (9, 10, "PERSON")],
)


def test_a_name_the_text_calls_a_city_is_a_place_in_every_mention() -> None:
    assert find_parties(CITY_OF).actors == []
