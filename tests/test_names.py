"""Country codes, demonyms, titles and the same-party rule."""

from __future__ import annotations

import pytest

from summarizer.names import (
    acronym,
    bare_form,
    bare_names,
    countries_in,
    country_aliases,
    country_code,
    country_name,
    index_entries,
    name_key,
    national_body,
    party_ids,
    same_name,
    same_party,
    strip_title,
)


def test_name_key_folds_case_accents_possessives_and_the() -> None:
    assert name_key("The Élysée's") == "elysee"
    assert name_key("  U.S.  ") == "us"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("US", "USA"),
        ("U.S.", "USA"),
        ("American", "USA"),
        ("Washington", "USA"),
        ("the Kremlin", "RUS"),
        ("Japanese", "JPN"),
        ("North Korea's", "PRK"),
        ("Sudanese government", "SDN"),
        ("Ivorian", "CIV"),
        ("Sierra Leonean", "SLE"),
        ("Trinidad", "TTO"),
        ("Fijian", "FJI"),
        ("Kampuchean", "KHM"),
        ("Emirates", "ARE"),
        ("Côte d'Ivoire", "CIV"),
        ("Germany", "DEU"),
    ],
)
def test_country_code(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("word", ["male", "car", "Kingston", "Georgetown", "talks", "Austin"])
def test_common_words_and_ambiguous_cities_are_no_country(word: str) -> None:
    assert country_code(word) is None


def test_country_name_and_aliases() -> None:
    assert country_name("usa") == "United States"
    assert country_name("CIV") == "Ivory Coast"
    assert country_name("XXX") is None
    assert {"us", "american", "washington"} <= set(country_aliases("USA"))


def test_countries_in_a_phrase() -> None:
    assert countries_in("Moroccan diplomats") == {"MAR"}
    assert countries_in("Greek-Cypriot") == {"GRC", "CYP"}
    assert countries_in("U.S. ... negotiators") == {"USA"}
    assert countries_in("villages near Macedonia's border with Bulgaria") == {"MKD", "BGR"}
    assert countries_in("terror group") == set()


def test_strip_title_and_acronym() -> None:
    assert strip_title("US Secretary of State Antony Blinken") == "Antony Blinken"
    assert strip_title("Secretary Austin") == "Austin"
    assert acronym("North Atlantic Treaty Organization") == "nato"
    assert acronym("NATO") is None
    assert acronym("Umma (Nation)") is None
    assert acronym("Nidaa Tounes [Call of Tunisia] party") == "ntp"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("US", "United States", True),
        ("American", "Washington", True),
        ("Austin", "Lloyd Austin", True),
        ("Secretary Austin", "Lloyd Austin", True),
        ("NATO", "North Atlantic Treaty Organization", True),
        ("Japan", "China", False),
        ("Defense Ministry", "Russian Defense Ministry", False),
        ("Li", "Xi Li", False),
        ("", "Japan", False),
        ("Xi", "Xi Jinping", True),
        ("Moon", "Moon Jae-in", True),
        ("Assad", "Bashar al-Assad", True),
        ("Mr. Trump", "Trump", True),
        ("Tom Smith", "Jack Smith", False),
        ("Joe Biden", "Hunter Biden", False),
        ("Tim Morrison", "Scott Morrison", False),
        ("John Williams", "Jennifer Williams", False),
        ("George W. Bush", "George Walker Bush", True),
        ("George H. W. Bush", "George W. Bush", False),
        ("Martin Luther King Jr.", "Martin Luther King", True),
        ("Soviet Union", "USSR", True),
        ("al-Assad", "Bashar al-Assad", True),
        ("Al-Assad", "Assad", True),
        ("bin Salman", "Mohammed bin Salman", True),
        ("Salman", "Mohammed bin Salman", False),
        ("Von der Leyen", "Ursula von der Leyen", True),
        ("Le Pen", "Marine Le Pen", True),
        ("Gore", "Al Gore", True),
        ("Al Gore", "Tipper Gore", False),
    ],
)
def test_same_name(a: str, b: str, expected: bool) -> None:
    assert same_name(a, b) is expected


def test_same_party_compares_every_name() -> None:
    assert same_party(["United States", "US"], ["Washington"])
    assert not same_party(["Japan"], ["China", "Beijing"])


def test_people_with_different_full_names_are_apart_whatever_their_short_names() -> None:
    assert not same_party(["Tom Smith", "Smith"], ["Jack Smith", "Smith"])
    assert same_party(["Donald Trump", "Trump"], ["President Trump"])
    assert same_party(["Xi Jinping"], ["Xi"])


def test_a_surname_with_its_particles_is_a_surname_alone() -> None:
    assert bare_form("al-Assad") == "assad"
    assert bare_form("von der Leyen") == "leyen"
    assert bare_form("bin Salman") == "bin salman"
    assert bare_form("Assad") == "assad"
    assert bare_form("Al Gore") is None
    assert bare_form("Bashar al-Assad") is None
    assert same_party(["Bashar al-Assad"], ["al-Assad"])
    assert not same_party(["Mohammed bin Salman"], ["Mohammed bin Nayef"])


def test_bare_names_of_a_full_name() -> None:
    assert bare_names(["antony", "blinken"]) == {"blinken"}
    assert bare_names(["xi", "jinping"]) == {"xi", "jinping"}
    assert bare_names(["xi", "li"]) == {"xi"}
    assert bare_names(["blinken"]) == set()


NAMES = [
    "US",
    "United States",
    "Washington",
    "American",
    "NATO",
    "North Atlantic Treaty Organization",
    "Xi",
    "Xi Jinping",
    "Austin",
    "Secretary Lloyd Austin",
    "Lloyd Austin",
    "Mr. Trump",
    "Trump",
    "Donald J. Trump",
    "Al Jazeera",
    "Jazeera",
    "U.N.",
    "United Nations",
    "Moon Jae-in",
    "Moon",
    "al-Assad",
    "Bashar al-Assad",
    "bin Salman",
    "Mohammed bin Salman",
    "Von der Leyen",
    "Ursula von der Leyen",
]


def test_names_the_same_name_rule_accepts_find_each_other_in_the_index() -> None:
    for a in NAMES:
        for b in NAMES:
            if same_name(a, b):
                assert set(index_entries(a).sought) & set(index_entries(b).filed), (a, b)


def test_states_that_no_longer_exist() -> None:
    assert country_code("Soviet Union") == "SUN"
    assert country_code("USSR") == "SUN"
    assert country_code("Yugoslavia") == "YUG"
    assert country_name("SUN") == "Soviet Union"


def test_party_ids_are_slugs_unique_whatever_the_names() -> None:
    assert party_ids(["North Korea", "Côte d'Ivoire", "Ministry of Defence!"]) == [
        "north-korea",
        "cote-d-ivoire",
        "ministry-of-defence",
    ]
    assert party_ids(["Хамас", "Фатх", "Party 2"]) == ["party", "party-2", "party-2-2"]
    assert party_ids(["Japan", "Japan", "Japan-2"]) == ["japan", "japan-2", "japan-2-2"]
    long = "A" * 47 + " B"
    assert party_ids([long]) == ["a" * 47]


def test_names_with_the_same_initials_do_not_meet_in_the_index() -> None:
    filed = set(index_entries("Anna Baranov").filed)
    assert not filed & set(index_entries("Alan Brown").sought)


def test_a_body_of_one_country_however_the_name_places_the_country() -> None:
    assert national_body("Constitutional Court of Turkey") == "TUR constitutional court"
    assert national_body("Turkish Constitutional Court") == "TUR constitutional court"
    assert national_body("Turkey's Constitutional Court") == "TUR constitutional court"
    assert national_body("Turkey") is None
    assert national_body("Greek-Cypriot talks") is None
    assert same_name("Russian Defense Ministry", "Defense Ministry of Russia")
    assert not same_name("Russian Defense Ministry", "Russian Foreign Ministry")
