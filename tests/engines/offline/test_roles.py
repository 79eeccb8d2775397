"""A person's role and affiliation (:mod:`summarizer.engines.offline.roles`), on parses built
by hand with en_core_web_sm's values."""

from __future__ import annotations

from spacy.tokens import Doc

from summarizer.engines.offline.parties import Actor, find_parties
from tests.engines.offline.handmade import doc

# Jennifer Williams, an aide to Pence on his call with Ukrainian President Zelensky, testified.
WILLIAMS = doc(
    [
        ("Jennifer", 1, "compound", "PROPN", "NNP", "Jennifer"),
        ("Williams", 15, "nsubj", "PROPN", "NNP", "Williams"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("an", 4, "det", "DET", "DT", "an"),
        ("aide", 1, "appos", "NOUN", "NN", "aide"),
        ("to", 4, "prep", "ADP", "IN", "to"),
        ("Pence", 5, "pobj", "PROPN", "NNP", "Pence"),
        ("on", 4, "prep", "ADP", "IN", "on"),
        ("his", 9, "poss", "PRON", "PRP$", "his"),
        ("call", 7, "pobj", "NOUN", "NN", "call"),
        ("with", 9, "prep", "ADP", "IN", "with"),
        ("Ukrainian", 12, "amod", "ADJ", "JJ", "ukrainian"),
        ("President", 13, "compound", "PROPN", "NNP", "President"),
        ("Zelensky", 10, "pobj", "PROPN", "NNP", "Zelensky"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("testified", 15, "ROOT", "VERB", "VBD", "testify"),
        (".", 15, "punct", "PUNCT", ".", "."),
    ],
    [(0, 2, "PERSON"), (6, 7, "ORG"), (11, 12, "NORP"), (13, 14, "PERSON")],
)

# He Jianxiong, the former executive director for China at the International Monetary
# Fund, said it.
DIRECTOR = doc(
    [
        ("He", 1, "compound", "PRON", "PRP", "he"),
        ("Jianxiong", 15, "nsubj", "PROPN", "NNP", "Jianxiong"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("the", 6, "det", "DET", "DT", "the"),
        ("former", 6, "amod", "ADJ", "JJ", "former"),
        ("executive", 6, "amod", "ADJ", "JJ", "executive"),
        ("director", 1, "appos", "NOUN", "NN", "director"),
        ("for", 6, "prep", "ADP", "IN", "for"),
        ("China", 7, "pobj", "PROPN", "NNP", "China"),
        ("at", 6, "prep", "ADP", "IN", "at"),
        ("the", 13, "det", "DET", "DT", "the"),
        ("International", 13, "compound", "PROPN", "NNP", "International"),
        ("Monetary", 13, "compound", "PROPN", "NNP", "Monetary"),
        ("Fund", 9, "pobj", "PROPN", "NNP", "Fund"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("said", 15, "ROOT", "VERB", "VBD", "say"),
        ("it", 15, "dobj", "PRON", "PRP", "it"),
        (".", 15, "punct", "PUNCT", ".", "."),
    ],
    [(1, 2, "PERSON"), (8, 9, "GPE"), (10, 14, "ORG")],
)

# Wikileaks editor-in-chief Kristinn Hrafnsson said it.
EDITOR = doc(
    [
        ("Wikileaks", 8, "dep", "NOUN", "NNS", "wikileak"),
        ("editor", 7, "nmod", "NOUN", "NN", "editor"),
        ("-", 1, "punct", "PUNCT", "HYPH", "-"),
        ("in", 1, "prep", "ADP", "IN", "in"),
        ("-", 3, "punct", "PUNCT", "HYPH", "-"),
        ("chief", 3, "pobj", "NOUN", "NN", "chief"),
        ("Kristinn", 7, "compound", "PROPN", "NNP", "Kristinn"),
        ("Hrafnsson", 8, "nsubj", "PROPN", "NNP", "Hrafnsson"),
        ("said", 8, "ROOT", "VERB", "VBD", "say"),
        ("it", 8, "dobj", "PRON", "PRP", "it"),
        (".", 8, "punct", "PUNCT", ".", "."),
    ],
    [(6, 8, "PERSON")],
)

# Trump and US Trade Representative Robert Lighthizer recognize it.
LIGHTHIZER = doc(
    [
        ("Trump", 4, "amod", "VERB", "VB", "trump"),
        ("and", 0, "cc", "CCONJ", "CC", "and"),
        ("US", 4, "compound", "PROPN", "NNP", "US"),
        ("Trade", 4, "compound", "PROPN", "NNP", "Trade"),
        ("Representative", 6, "compound", "PROPN", "NNP", "Representative"),
        ("Robert", 6, "compound", "PROPN", "NNP", "Robert"),
        ("Lighthizer", 7, "nsubj", "PROPN", "NNP", "Lighthizer"),
        ("recognize", 7, "ROOT", "VERB", "VBP", "recognize"),
        ("it", 7, "dobj", "PRON", "PRP", "it"),
        (".", 7, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "ORG"), (2, 3, "GPE"), (5, 7, "PERSON")],
)

# Mr. Xi said it.
COURTESY = doc(
    [
        ("Mr.", 1, "compound", "PROPN", "NNP", "Mr."),
        ("Xi", 2, "nsubj", "PROPN", "NNP", "Xi"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"),
        ("it", 2, "dobj", "PRON", "PRP", "it"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [(1, 2, "PERSON")],
)


def parties(parsed: Doc) -> dict[str, Actor]:
    return {actor.name: actor for actor in find_parties(parsed).actors}


def test_another_persons_title_is_no_affiliation() -> None:
    williams = parties(WILLIAMS)["Jennifer Williams"]
    assert williams.role == "aide"
    assert williams.affiliation is None


def test_a_portfolio_for_a_state_is_no_membership_the_employer_is() -> None:
    found = parties(DIRECTOR)
    assert found["He Jianxiong"].affiliation == "International Monetary Fund"


def test_a_hyphenated_title_is_one_role() -> None:
    assert parties(EDITOR)["Kristinn Hrafnsson"].role == "editor-in-chief"


def test_a_title_stops_at_another_partys_name() -> None:
    assert parties(LIGHTHIZER)["Robert Lighthizer"].role == "US Trade Representative"


def test_a_courtesy_title_is_no_role() -> None:
    assert parties(COURTESY)["Xi"].role is None
