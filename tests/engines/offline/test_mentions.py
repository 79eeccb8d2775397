"""Which names are no actors, on parses built by hand.

The entity labels are the ones en_core_web_sm gave these names on real pages, mistakes
included: the rules are there to catch them.
"""

from __future__ import annotations

import pytest

from summarizer.engines.offline.non_actors import is_glued
from summarizer.engines.offline.page_lines import page_furniture
from summarizer.engines.offline.parties import find_parties
from tests.engines.offline.handmade import doc

# The Abraham Accords were signed by Israel.
ACCORDS = doc(
    [
        ("The", 2, "det", "DET", "DT", "the"),
        ("Abraham", 2, "compound", "PROPN", "NNP", "Abraham"),
        ("Accords", 4, "nsubjpass", "PROPN", "NNP", "Accords"),
        ("were", 4, "auxpass", "AUX", "VBD", "be"),
        ("signed", 4, "ROOT", "VERB", "VBN", "sign"),
        ("by", 4, "agent", "ADP", "IN", "by"),
        ("Israel", 5, "pobj", "PROPN", "NNP", "Israel"),
        (".", 4, "punct", "PUNCT", ".", "."),
    ],
    [(1, 3, "PERSON"), (6, 7, "GPE")],
)

# McCain was held in the Hoa Lo prison.
PRISON = doc(
    [
        ("McCain", 2, "nsubjpass", "PROPN", "NNP", "McCain"),
        ("was", 2, "auxpass", "AUX", "VBD", "be"),
        ("held", 2, "ROOT", "VERB", "VBN", "hold"),
        ("in", 2, "prep", "ADP", "IN", "in"),
        ("the", 7, "det", "DET", "DT", "the"),
        ("Hoa", 6, "compound", "PROPN", "NNP", "Hoa"),
        ("Lo", 7, "compound", "PROPN", "NNP", "Lo"),
        ("prison", 3, "pobj", "NOUN", "NN", "prison"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "PERSON"), (5, 7, "PERSON")],
)

# Refugees in the Rukban camp said Rukban was cut off.
CAMP = doc(
    [
        ("Refugees", 5, "nsubj", "NOUN", "NNS", "refugee"),
        ("in", 0, "prep", "ADP", "IN", "in"),
        ("the", 4, "det", "DET", "DT", "the"),
        ("Rukban", 4, "compound", "PROPN", "NNP", "Rukban"),
        ("camp", 1, "pobj", "NOUN", "NN", "camp"),
        ("said", 5, "ROOT", "VERB", "VBD", "say"),
        ("Rukban", 8, "nsubjpass", "PROPN", "NNP", "Rukban"),
        ("was", 8, "auxpass", "AUX", "VBD", "be"),
        ("cut", 5, "ccomp", "VERB", "VBN", "cut"),
        ("off", 8, "prt", "ADP", "RP", "off"),
        (".", 5, "punct", "PUNCT", ".", "."),
    ],
    [(3, 4, "ORG"), (6, 7, "ORG")],
)

# Associated Press writers Alan Fram and Zeke Miller contributed to this report.
CREDIT = doc(
    [
        ("Associated", 1, "compound", "PROPN", "NNP", "Associated"),
        ("Press", 2, "nsubj", "PROPN", "NNP", "Press"),
        ("writers", 2, "ROOT", "VERB", "VBZ", "writer"),
        ("Alan", 4, "compound", "PROPN", "NNP", "Alan"),
        ("Fram", 8, "nsubj", "PROPN", "NNP", "Fram"),
        ("and", 4, "cc", "CCONJ", "CC", "and"),
        ("Zeke", 7, "compound", "PROPN", "NNP", "Zeke"),
        ("Miller", 4, "conj", "PROPN", "NNP", "Miller"),
        ("contributed", 2, "ccomp", "VERB", "VBD", "contribute"),
        ("to", 8, "prep", "ADP", "IN", "to"),
        ("this", 11, "det", "DET", "DT", "this"),
        ("report", 9, "pobj", "NOUN", "NN", "report"),
        (".", 8, "punct", "PUNCT", ".", "."),
    ],
    [(0, 2, "ORG"), (3, 5, "PERSON"), (6, 8, "PERSON")],
)

# Sean Robertson, a spokesperson for Inherent Resolve, said the claims were false.
SPOKESPERSON = doc(
    [
        ("Sean", 1, "compound", "PROPN", "NNP", "Sean"),
        ("Robertson", 9, "nsubj", "PROPN", "NNP", "Robertson"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("a", 4, "det", "DET", "DT", "a"),
        ("spokesperson", 1, "appos", "NOUN", "NN", "spokesperson"),
        ("for", 4, "prep", "ADP", "IN", "for"),
        ("Inherent", 7, "compound", "PROPN", "NNP", "Inherent"),
        ("Resolve", 5, "pobj", "PROPN", "NNP", "Resolve"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("said", 9, "ROOT", "VERB", "VBD", "say"),
        ("the", 11, "det", "DET", "DT", "the"),
        ("claims", 12, "nsubj", "NOUN", "NNS", "claim"),
        ("were", 9, "ccomp", "AUX", "VBD", "be"),
        ("false", 12, "acomp", "ADJ", "JJ", "false"),
        (".", 9, "punct", "PUNCT", ".", "."),
    ],
    [(0, 2, "PERSON"), (6, 8, "PERSON")],
)

# Ted Cruz Ted CruzAccess Kasich Rubio (a page's link list, as trafilatura may leave it)
LINKS = doc(
    [
        ("Ted", 1, "compound", "PROPN", "NNP", "Ted"),
        ("Cruz", 5, "compound", "PROPN", "NNP", "Cruz"),
        ("Ted", 3, "compound", "PROPN", "NNP", "Ted"),
        ("CruzAccess", 5, "compound", "PROPN", "NNP", "CruzAccess"),
        ("Kasich", 5, "compound", "PROPN", "NNP", "Kasich"),
        ("Rubio", 5, "ROOT", "PROPN", "NNP", "Rubio"),
    ],
    [(0, 4, "PERSON"), (4, 5, "PERSON"), (5, 6, "PERSON")],
)


# Lockheed Martin said it would deliver the jets.
LOCKHEED = doc(
    [
        ("Lockheed", 1, "compound", "PROPN", "NNP", "Lockheed"),
        ("Martin", 2, "nsubj", "PROPN", "NNP", "Martin"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"),
        ("it", 5, "nsubj", "PRON", "PRP", "it"),
        ("would", 5, "aux", "AUX", "MD", "would"),
        ("deliver", 2, "ccomp", "VERB", "VB", "deliver"),
        ("the", 7, "det", "DET", "DT", "the"),
        ("jets", 5, "dobj", "NOUN", "NNS", "jet"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "ORG"), (1, 2, "PERSON")],
)

# Ursula von der Leyen said the Commission would propose sanctions. Von der Leyen spoke on
# Monday.
LEYEN = doc(
    [
        ("Ursula", 2, "compound", "PROPN", "NNP", "Ursula"),
        ("von", 2, "compound", "PROPN", "NNP", "von"),
        ("der", 3, "compound", "NOUN", "NN", "der"),
        ("Leyen", 4, "nsubj", "PROPN", "NNP", "Leyen"),
        ("said", 4, "ROOT", "VERB", "VBD", "say"),
        ("the", 6, "det", "DET", "DT", "the"),
        ("Commission", 8, "nsubj", "PROPN", "NNP", "Commission"),
        ("would", 8, "aux", "AUX", "MD", "would"),
        ("propose", 4, "ccomp", "VERB", "VB", "propose"),
        ("sanctions", 8, "dobj", "NOUN", "NNS", "sanction"),
        (".", 4, "punct", "PUNCT", ".", "."),
        ("Von", 12, "compound", "PROPN", "NNP", "Von"),
        ("der", 13, "compound", "PROPN", "NNP", "der"),
        ("Leyen", 14, "nsubj", "PROPN", "NNP", "Leyen"),
        ("spoke", 14, "ROOT", "VERB", "VBD", "speak"),
        ("on", 14, "prep", "ADP", "IN", "on"),
        ("Monday", 15, "pobj", "PROPN", "NNP", "Monday"),
        (".", 14, "punct", "PUNCT", ".", "."),
    ],
    [(0, 3, "PERSON"), (3, 4, "GPE"), (6, 7, "ORG"), (11, 14, "ORG"), (16, 17, "DATE")],
)


# The People's Liberation Army and Syria's National Defense Forces held drills.
POSSESSIVES = doc(
    [
        ("The", 1, "det", "DET", "DT", "the"),
        ("People", 4, "poss", "PROPN", "NNPS", "People"),
        ("'s", 1, "case", "PART", "POS", "'s"),
        ("Liberation", 4, "compound", "PROPN", "NNP", "Liberation"),
        ("Army", 11, "nsubj", "PROPN", "NNP", "Army"),
        ("and", 4, "cc", "CCONJ", "CC", "and"),
        ("Syria", 10, "poss", "PROPN", "NNP", "Syria"),
        ("'s", 6, "case", "PART", "POS", "'s"),
        ("National", 10, "compound", "PROPN", "NNP", "National"),
        ("Defense", 10, "compound", "PROPN", "NNP", "Defense"),
        ("Forces", 4, "conj", "PROPN", "NNPS", "Forces"),
        ("held", 11, "ROOT", "VERB", "VBD", "hold"),
        ("drills", 11, "dobj", "NOUN", "NNS", "drill"),
        (".", 11, "punct", "PUNCT", ".", "."),
    ],
    [(0, 5, "ORG"), (6, 7, "GPE"), (8, 11, "ORG")],
)

# Burisma, a gas company, hired him.
GAS_COMPANY = doc(
    [
        ("Burisma", 6, "nsubj", "PROPN", "NNP", "Burisma"),
        (",", 0, "punct", "PUNCT", ",", ","),
        ("a", 4, "det", "DET", "DT", "a"),
        ("gas", 4, "compound", "NOUN", "NN", "gas"),
        ("company", 0, "appos", "NOUN", "NN", "company"),
        (",", 0, "punct", "PUNCT", ",", ","),
        ("hired", 6, "ROOT", "VERB", "VBD", "hire"),
        ("him", 6, "dobj", "PRON", "PRP", "he"),
        (".", 6, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "ORG")],
)

# The militant group Ansar Allah claimed the attack.
MILITANT_GROUP = doc(
    [
        ("The", 2, "det", "DET", "DT", "the"),
        ("militant", 2, "amod", "ADJ", "JJ", "militant"),
        ("group", 5, "nsubj", "NOUN", "NN", "group"),
        ("Ansar", 4, "compound", "PROPN", "NNP", "Ansar"),
        ("Allah", 5, "nsubj", "PROPN", "NNP", "Allah"),
        ("claimed", 5, "ROOT", "VERB", "VBD", "claim"),
        ("the", 7, "det", "DET", "DT", "the"),
        ("attack", 5, "dobj", "NOUN", "NN", "attack"),
        (".", 5, "punct", "PUNCT", ".", "."),
    ],
    [(3, 5, "PERSON")],
)

# The think tank Chatham House published a report.
THINK_TANK = doc(
    [
        ("The", 4, "det", "DET", "DT", "the"),
        ("think", 2, "compound", "NOUN", "NN", "think"),
        ("tank", 4, "compound", "NOUN", "NN", "tank"),
        ("Chatham", 4, "compound", "PROPN", "NNP", "Chatham"),
        ("House", 5, "nsubj", "PROPN", "NNP", "House"),
        ("published", 5, "ROOT", "VERB", "VBD", "publish"),
        ("a", 7, "det", "DET", "DT", "a"),
        ("report", 5, "dobj", "NOUN", "NN", "report"),
        (".", 5, "punct", "PUNCT", ".", "."),
    ],
    [(3, 5, "ORG")],
)

# Energy Secretary Rick Perry met Volodymyr Zelensky.
PORTFOLIO = doc(
    [
        ("Energy", 1, "compound", "PROPN", "NNP", "Energy"),
        ("Secretary", 3, "compound", "PROPN", "NNP", "Secretary"),
        ("Rick", 3, "compound", "PROPN", "NNP", "Rick"),
        ("Perry", 4, "nsubj", "PROPN", "NNP", "Perry"),
        ("met", 4, "ROOT", "VERB", "VBD", "meet"),
        ("Volodymyr", 6, "compound", "PROPN", "NNP", "Volodymyr"),
        ("Zelensky", 4, "dobj", "PROPN", "NNP", "Zelensky"),
        (".", 4, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "ORG"), (2, 4, "PERSON"), (5, 7, "PERSON")],
)

# Time is not on Adam Schiff's side this time.
TIME = doc(
    [
        ("Time", 1, "nsubj", "NOUN", "NN", "time"),
        ("is", 1, "ROOT", "AUX", "VBZ", "be"),
        ("not", 1, "neg", "PART", "RB", "not"),
        ("on", 1, "prep", "ADP", "IN", "on"),
        ("Adam", 5, "compound", "PROPN", "NNP", "Adam"),
        ("Schiff", 7, "poss", "PROPN", "NNP", "Schiff"),
        ("'s", 5, "case", "PART", "POS", "'s"),
        ("side", 3, "pobj", "NOUN", "NN", "side"),
        ("this", 9, "det", "DET", "DT", "this"),
        ("time", 1, "npadvmod", "NOUN", "NN", "time"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "ORG"), (4, 7, "PERSON")],
)

# Trump has pledged to put American workers first.
PLEDGED = doc(
    [
        ("Trump", 2, "nsubj", "NOUN", "NN", "trump"),
        ("has", 2, "aux", "AUX", "VBZ", "have"),
        ("pledged", 2, "ROOT", "VERB", "VBN", "pledge"),
        ("to", 4, "aux", "PART", "TO", "to"),
        ("put", 2, "xcomp", "VERB", "VB", "put"),
        ("American", 6, "amod", "ADJ", "JJ", "american"),
        ("workers", 4, "dobj", "NOUN", "NNS", "worker"),
        ("first", 4, "advmod", "ADV", "RB", "first"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [(0, 1, "ORG"), (5, 6, "NORP"), (7, 8, "ORDINAL")],
)

# Joe Biden asked Ukraine to look into the Bidens.
FAMILY = doc(
    [
        ("Joe", 1, "compound", "PROPN", "NNP", "Joe"),
        ("Biden", 2, "nsubj", "PROPN", "NNP", "Biden"),
        ("asked", 2, "ROOT", "VERB", "VBD", "ask"),
        ("Ukraine", 2, "dobj", "PROPN", "NNP", "Ukraine"),
        ("to", 5, "aux", "PART", "TO", "to"),
        ("look", 2, "xcomp", "VERB", "VB", "look"),
        ("into", 5, "prep", "ADP", "IN", "into"),
        ("the", 8, "det", "DET", "DT", "the"),
        ("Bidens", 6, "pobj", "PROPN", "NNP", "Bidens"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [(0, 2, "PERSON"), (3, 4, "GPE"), (8, 9, "GPE")],
)

# Omar Lamrani, an analyst at Stratfor, told Business Insider that MaT was secular.
TOLD_OUTLET = doc(
    [
        ("Omar", 1, "compound", "PROPN", "NNP", "Omar"),
        ("Lamrani", 8, "nsubj", "PROPN", "NNP", "Lamrani"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("an", 4, "det", "DET", "DT", "an"),
        ("analyst", 1, "appos", "NOUN", "NN", "analyst"),
        ("at", 4, "prep", "ADP", "IN", "at"),
        ("Stratfor", 5, "pobj", "PROPN", "NNP", "Stratfor"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("told", 8, "ROOT", "VERB", "VBD", "tell"),
        ("Business", 10, "compound", "PROPN", "NNP", "Business"),
        ("Insider", 8, "dobj", "PROPN", "NNP", "Insider"),
        ("that", 13, "mark", "SCONJ", "IN", "that"),
        ("MaT", 13, "nsubj", "NOUN", "NN", "mat"),
        ("was", 8, "ccomp", "AUX", "VBD", "be"),
        ("secular", 13, "acomp", "ADJ", "JJ", "secular"),
        (".", 8, "punct", "PUNCT", ".", "."),
    ],
    [(0, 2, "PERSON"), (6, 7, "ORG"), (9, 11, "ORG"), (12, 13, "ORG")],
)

# Rebels have told Al-Monitor that the road was closed.
TOLD_MONITOR = doc(
    [
        ("Rebels", 2, "nsubj", "NOUN", "NNS", "rebel"),
        ("have", 2, "aux", "AUX", "VBP", "have"),
        ("told", 2, "ROOT", "VERB", "VBN", "tell"),
        ("Al", 5, "compound", "PROPN", "NNP", "Al"),
        ("-", 5, "punct", "PUNCT", "HYPH", "-"),
        ("Monitor", 2, "dobj", "PROPN", "NNP", "Monitor"),
        ("that", 10, "mark", "SCONJ", "IN", "that"),
        ("the", 8, "det", "DET", "DT", "the"),
        ("road", 10, "nsubjpass", "NOUN", "NN", "road"),
        ("was", 10, "auxpass", "AUX", "VBD", "be"),
        ("closed", 2, "ccomp", "VERB", "VBN", "close"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
    [(3, 6, "PERSON")],
)

# The Washington Post sued the Pentagon.
SUED = doc(
    [
        ("The", 2, "det", "DET", "DT", "the"),
        ("Washington", 2, "compound", "PROPN", "NNP", "Washington"),
        ("Post", 3, "nsubj", "PROPN", "NNP", "Post"),
        ("sued", 3, "ROOT", "VERB", "VBD", "sue"),
        ("the", 5, "det", "DET", "DT", "the"),
        ("Pentagon", 3, "dobj", "PROPN", "NNP", "Pentagon"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ],
    [(0, 3, "ORG"), (5, 6, "FAC")],
)


def names(parsed: object) -> set[str]:
    return {a.name for a in find_parties(parsed).actors}  # type: ignore[arg-type]


def test_an_agreement_is_no_person() -> None:
    assert names(ACCORDS) == {"Israel"}


def test_a_prison_is_no_person() -> None:
    assert names(PRISON) == {"McCain"}


def test_a_name_the_text_gives_a_place_is_never_a_party() -> None:
    assert names(CAMP) == {"Refugees"}


def test_a_credit_line_names_no_party() -> None:
    assert page_furniture(CREDIT) == frozenset(range(len(CREDIT)))
    assert names(CREDIT) == set()


def test_what_a_spokesperson_speaks_for_is_an_organisation() -> None:
    cast = find_parties(SPOKESPERSON)
    kinds = {a.name: a.kind.value for a in cast.actors}
    assert kinds == {"Sean Robertson": "person", "Inherent Resolve": "organization"}
    robertson = cast.actors[0]
    assert (robertson.role, robertson.affiliation) == ("spokesperson", "Inherent Resolve")


def test_a_link_list_names_no_party() -> None:
    assert page_furniture(LINKS) == frozenset(range(len(LINKS)))
    assert names(LINKS) == set()


@pytest.mark.parametrize(
    ("word", "vocabulary", "glued"),
    [
        ("TrumpRepublicans", {"Trump", "Republicans"}, True),
        ("ADCuomo", {"Cuomo"}, True),
        ("CruzAccess", {"Cruz"}, True),
        ("McCain", {"McCain", "Cain"}, False),
        ("DeSantis", {"Santis"}, False),
        ("BlackRock", {"Rock"}, False),
        ("Trump", {"Trump"}, False),
    ],
)
def test_glued_words(word: str, vocabulary: set[str], glued: bool) -> None:
    assert is_glued(word, frozenset(vocabulary)) is glued


def test_a_name_spacy_cut_in_two_is_one_party() -> None:
    (lockheed,) = find_parties(LOCKHEED).actors
    assert (lockheed.name, lockheed.kind.value) == ("Lockheed Martin", "organization")
    found = {a.name: a for a in find_parties(LEYEN).actors}
    assert set(found) == {"Ursula von der Leyen", "Commission"}
    assert found["Ursula von der Leyen"].aliases == ["Von der Leyen"]
    assert found["Ursula von der Leyen"].kind.value == "person"


def test_a_possessive_of_common_words_belongs_to_the_name_a_countrys_owns() -> None:
    assert names(POSSESSIVES) == {"People's Liberation Army", "Syria", "National Defense Forces"}


def kinds(parsed: object) -> dict[str, str]:
    return {a.name: a.kind.value for a in find_parties(parsed).actors}  # type: ignore[arg-type]


def test_a_name_the_text_calls_a_company_is_one_even_as_a_subject_near_him() -> None:
    assert kinds(GAS_COMPANY) == {"Burisma": "company"}


def test_a_name_the_text_calls_a_group_or_think_tank_is_an_organisation() -> None:
    assert kinds(MILITANT_GROUP) == {"Ansar Allah": "armed_group"}
    assert kinds(THINK_TANK) == {"Chatham House": "organization"}


def test_a_portfolio_in_a_title_is_no_party() -> None:
    assert kinds(PORTFOLIO) == {"Rick Perry": "person", "Volodymyr Zelensky": "person"}


def test_a_common_word_capitalised_at_a_sentence_start_is_no_name() -> None:
    assert kinds(TIME) == {"Adam Schiff": "person"}


def test_a_name_the_tagger_reads_as_a_common_noun_at_a_sentence_start_stays() -> None:
    assert kinds(PLEDGED) == {"Trump": "person", "American workers": "group"}


def test_a_persons_surname_in_the_plural_is_the_family() -> None:
    assert kinds(FAMILY) == {"Joe Biden": "person", "Ukraine": "state", "Bidens": "group"}


def test_a_news_outlet_cited_as_a_source_is_no_party() -> None:
    assert set(kinds(TOLD_OUTLET)) == {"Omar Lamrani", "Stratfor", "MaT"}
    assert kinds(TOLD_MONITOR) == {"Rebels": "group"}


def test_a_news_outlet_that_acts_stays_a_party() -> None:
    assert kinds(SUED) == {"Washington Post": "organization"}
