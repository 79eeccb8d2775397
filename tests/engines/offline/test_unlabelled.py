"""Organisations the actor dictionary knows that spaCy left unlabelled, on parses by hand."""

from __future__ import annotations

from spacy.tokens import Doc

from summarizer.engines.offline.parties import find_parties
from tests.engines.offline.handmade import Row, doc


def _fire_from(first: str, second: str) -> Doc:
    """A general was killed by mortar fire from the FIRST SECOND, officials said."""
    rows: list[Row] = [
        ("A", 1, "det", "DET", "DT", "a"),
        ("general", 3, "nsubjpass", "NOUN", "NN", "general"),
        ("was", 3, "auxpass", "AUX", "VBD", "be"),
        ("killed", 13, "ccomp", "VERB", "VBN", "kill"),
        ("by", 3, "agent", "ADP", "IN", "by"),
        ("mortar", 6, "compound", "NOUN", "NN", "mortar"),
        ("fire", 4, "pobj", "NOUN", "NN", "fire"),
        ("from", 3, "prep", "ADP", "IN", "from"),
        ("the", 10, "det", "DET", "DT", "the"),
        (first, 10, "compound", "PROPN", "NNP", first),
        (second, 7, "pobj", "PROPN", "NNP", second),
        (",", 13, "punct", "PUNCT", ",", ","),
        ("officials", 13, "nsubj", "NOUN", "NNS", "official"),
        ("said", 13, "ROOT", "VERB", "VBD", "say"),
        (".", 13, "punct", "PUNCT", ".", "."),
    ]
    return doc(rows, [(9, 10, "NORP")])


def test_a_known_organisation_spacy_left_unlabelled_is_a_party() -> None:
    cast = find_parties(_fire_from("Islamic", "State"))
    kinds = {a.name: a.kind.value for a in cast.actors}
    assert kinds == {"Islamic State": "armed_group", "Officials": "group"}


def test_an_unknown_run_of_proper_nouns_stays_unlabelled() -> None:
    cast = find_parties(_fire_from("Purple", "Dawn"))
    assert [a.name for a in cast.actors] == ["Officials"]
