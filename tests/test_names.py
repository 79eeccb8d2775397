"""Country codes, demonyms, titles and the same-party rule."""

from __future__ import annotations

import pytest

from summarizer.names import (
    acronym,
    countries_in,
    country_aliases,
    country_code,
    country_name,
    name_key,
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
    ],
)
def test_same_name(a: str, b: str, expected: bool) -> None:
    assert same_name(a, b) is expected


def test_same_party_compares_every_name() -> None:
    assert same_party(["United States", "US"], ["Washington"])
    assert not same_party(["Japan"], ["China", "Beijing"])


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
