"""Page furniture (:mod:`summarizer.engines.offline.page_lines`) on a parse built by hand
with en_core_web_sm's values: a hover card written into a sentence, a "Top stories"
section and a tagged headline name no party; the article's own line does."""

from __future__ import annotations

from summarizer.engines.offline.page_lines import page_furniture
from summarizer.engines.offline.parties import find_parties
from tests.engines.offline.handmade import doc

# Rep. Ilhan OmarIlhan OmarSenators call for 5G security | Facebook gets questions |
# Louisiana hit by attack MORE (D-Minn.) said it.
# Top stories The House voted on Tuesday. Figaro reports that Armenia won.
# China furious at Macron for jibe [INSIGHT]
# Police arrested him.
PAGE = doc(
    [
        ("Rep.", 3, "compound", "PROPN", "NNP", "Rep."),
        ("Ilhan", 3, "compound", "PROPN", "NNP", "Ilhan"),
        ("OmarIlhan", 3, "compound", "PROPN", "NNP", "OmarIlhan"),
        ("OmarSenators", 4, "nsubj", "PROPN", "NNP", "OmarSenators"),
        ("call", 4, "ROOT", "VERB", "VBP", "call"),
        ("for", 4, "prep", "ADP", "IN", "for"),
        ("5", 7, "nummod", "NUM", "CD", "5"),
        ("G", 8, "compound", "NOUN", "NN", "g"),
        ("security", 5, "pobj", "NOUN", "NN", "security"),
        ("|", 4, "oprd", "NOUN", "NN", "|"),
        ("Facebook", 11, "nsubj", "PROPN", "NNP", "Facebook"),
        ("gets", 4, "ccomp", "VERB", "VBZ", "get"),
        ("questions", 11, "dobj", "NOUN", "NNS", "question"),
        ("|", 15, "advmod", "ADV", "RB", "|"),
        ("Louisiana", 15, "nsubj", "PROPN", "NNP", "Louisiana"),
        ("hit", 12, "acl", "VERB", "VBN", "hit"),
        ("by", 15, "agent", "ADP", "IN", "by"),
        ("attack", 16, "pobj", "NOUN", "NN", "attack"),
        ("MORE", 22, "amod", "ADJ", "JJR", "MORE"),
        ("(", 22, "punct", "PUNCT", "-LRB-", "("),
        ("D", 22, "compound", "PROPN", "NNP", "D"),
        ("-", 22, "punct", "PUNCT", "HYPH", "-"),
        ("Minn.", 15, "npadvmod", "PROPN", "NNP", "Minn."),
        (")", 15, "punct", "PUNCT", "-RRB-", ")"),
        ("said", 4, "conj", "VERB", "VBD", "say"),
        ("it", 24, "dobj", "PRON", "PRP", "it"),
        (".", 24, "punct", "PUNCT", ".", "."),
        ("\n", 26, "dep", "SPACE", "_SP", "\n"),
        ("Top", 29, "amod", "ADJ", "JJ", "top"),
        ("stories", 29, "ROOT", "NOUN", "NNS", "story"),
        ("The", 31, "det", "DET", "DT", "the"),
        ("House", 32, "nsubj", "PROPN", "NNP", "House"),
        ("voted", 29, "relcl", "VERB", "VBD", "vote"),
        ("on", 32, "prep", "ADP", "IN", "on"),
        ("Tuesday", 33, "pobj", "PROPN", "NNP", "Tuesday"),
        (".", 29, "punct", "PUNCT", ".", "."),
        ("Figaro", 37, "nsubj", "NOUN", "NN", "figaro"),
        ("reports", 37, "ROOT", "VERB", "VBZ", "report"),
        ("that", 40, "mark", "SCONJ", "IN", "that"),
        ("Armenia", 40, "nsubj", "PROPN", "NNP", "Armenia"),
        ("won", 37, "ccomp", "VERB", "VBD", "win"),
        (".", 37, "punct", "PUNCT", ".", "."),
        ("\n", 41, "dep", "SPACE", "_SP", "\n"),
        ("China", 43, "ROOT", "PROPN", "NNP", "China"),
        ("furious", 43, "amod", "ADJ", "JJ", "furious"),
        ("at", 44, "prep", "ADP", "IN", "at"),
        ("Macron", 45, "pobj", "PROPN", "NNP", "Macron"),
        ("for", 44, "prep", "ADP", "IN", "for"),
        ("jibe", 47, "pobj", "NOUN", "NN", "jibe"),
        ("[", 43, "punct", "X", "XX", "["),
        ("INSIGHT", 49, "dobj", "PROPN", "NNP", "INSIGHT"),
        ("]", 50, "punct", "PUNCT", "-RRB-", "]"),
        ("\n", 51, "dep", "SPACE", "_SP", "\n"),
        ("Police", 54, "nsubj", "NOUN", "NNS", "Police"),
        ("arrested", 54, "ROOT", "VERB", "VBD", "arrest"),
        ("him", 54, "dobj", "PRON", "PRP", "he"),
        (".", 54, "punct", "PUNCT", ".", "."),
    ],
    [
        (1, 4, "PERSON"),
        (14, 15, "GPE"),
        (31, 32, "ORG"),
        (34, 35, "DATE"),
        (36, 37, "ORG"),
        (39, 40, "PERSON"),
        (43, 44, "GPE"),
        (46, 47, "PERSON"),
    ],
)


# Sen. Marco Rubio Marco RubioWeek ahead: Obama DHS chief to testify MORE (R-Fla.) said it.
# Ted Cruz Ted Cruz blasted Obama.
SPACED = doc(
    [
        ("Sen.", 2, "compound", "PROPN", "NNP", "Sen."),
        ("Marco", 2, "compound", "PROPN", "NNP", "Marco"),
        ("Rubio", 4, "compound", "PROPN", "NNP", "Rubio"),
        ("Marco", 4, "compound", "PROPN", "NNP", "Marco"),
        ("RubioWeek", 18, "nsubj", "PROPN", "NNP", "RubioWeek"),
        ("ahead", 4, "advmod", "ADV", "RB", "ahead"),
        (":", 11, "punct", "PUNCT", ":", ":"),
        ("Obama", 8, "compound", "PROPN", "NNP", "Obama"),
        ("DHS", 9, "compound", "PROPN", "NNP", "DHS"),
        ("chief", 11, "nsubj", "NOUN", "NN", "chief"),
        ("to", 11, "aux", "PART", "TO", "to"),
        ("testify", 4, "acl", "VERB", "VB", "testify"),
        ("MORE", 11, "dobj", "ADJ", "JJR", "MORE"),
        ("(", 16, "punct", "PUNCT", "-LRB-", "("),
        ("R", 16, "compound", "PROPN", "NNP", "R"),
        ("-", 16, "punct", "PUNCT", "HYPH", "-"),
        ("Fla.", 12, "appos", "PROPN", "NNP", "Fla."),
        (")", 11, "punct", "PUNCT", "-RRB-", ")"),
        ("said", 18, "ROOT", "VERB", "VBD", "say"),
        ("it", 18, "dobj", "PRON", "PRP", "it"),
        (".", 18, "punct", "PUNCT", ".", "."),
        ("Ted", 22, "compound", "PROPN", "NNP", "Ted"),
        ("Cruz", 24, "compound", "PROPN", "NNP", "Cruz"),
        ("Ted", 24, "compound", "PROPN", "NNP", "Ted"),
        ("Cruz", 25, "nsubj", "PROPN", "NNP", "Cruz"),
        ("blasted", 25, "ROOT", "VERB", "VBD", "blast"),
        ("Obama", 25, "dobj", "PROPN", "NNP", "Obama"),
        (".", 25, "punct", "PUNCT", ".", "."),
    ],
    [(1, 4, "PERSON"), (7, 9, "PERSON"), (16, 17, "GPE"), (21, 25, "PERSON"), (26, 27, "PERSON")],
)


def words(indices: frozenset[int]) -> set[str]:
    return {PAGE[i].text for i in indices}


def test_a_hover_card_runs_from_the_name_written_twice_to_more() -> None:
    found = page_furniture(PAGE)
    assert {"OmarSenators", "Facebook", "Louisiana", "MORE"} <= words(found)
    assert not {"Rep.", "Ilhan", "said"} & words(found)


def test_a_heading_of_other_stories_runs_to_the_end_of_its_paragraph() -> None:
    assert {"Top", "House", "Figaro", "Armenia"} <= words(page_furniture(PAGE))


def test_a_tagged_headline_is_furniture() -> None:
    assert {"China", "Macron", "INSIGHT"} <= words(page_furniture(PAGE))


def test_only_the_articles_own_lines_name_parties() -> None:
    names = {a.name for a in find_parties(PAGE).actors}
    assert "Police" in names
    assert not names & {"Louisiana", "House", "Figaro", "Armenia", "China", "Macron"}


def test_a_name_written_again_after_a_space_starts_a_card_only_when_more_ends_it() -> None:
    found = page_furniture(SPACED)
    assert set(range(3, 13)) <= found
    assert not found & {1, 2, 21, 22, 23, 24, 25, 26}
    names = {a.name for a in find_parties(SPACED).actors}
    assert "Marco Rubio" in names
    assert "Obama DHS" not in names
    assert "Obama" in names
