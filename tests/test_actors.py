from __future__ import annotations

import gzip
from datetime import date
from importlib import resources

import pytest

from summarizer.actors import Actor, actor_code, agent_code, dictionary_actor
from summarizer.names import name_key
from summarizer.schema import PartyKind


@pytest.mark.parametrize(
    ("names", "kind", "role", "code"),
    [
        (["Japan"], PartyKind.STATE, None, "JPN"),
        (["Washington"], PartyKind.STATE, None, "USA"),
        (["United Nations"], PartyKind.ORGANIZATION, None, "IGOUNO"),
        (["U.N."], PartyKind.ORGANIZATION, None, "IGOUNO"),
        (["NATO"], PartyKind.ORGANIZATION, None, "IGOWSTNAT"),
        (["North Atlantic Treaty Organization"], PartyKind.ORGANIZATION, None, "IGOWSTNAT"),
        (["Hamas"], PartyKind.ARMED_GROUP, None, "PSEREBHMS"),
        (["Pentagon"], PartyKind.ORGANIZATION, None, "USAMIL"),
        # Not in the dictionary: a country and an agent phrase of the name or role.
        (["U.S. Navy"], PartyKind.ORGANIZATION, None, "USAMIL"),
        (["Japanese Defense Ministry"], PartyKind.ORGANIZATION, None, "JPNGOV"),
        (["Scott Morrison"], PartyKind.PERSON, "Australian Prime Minister", "AUSGOV"),
        (["Lloyd Austin", "Austin"], PartyKind.PERSON, "US Defense Secretary", "USAGOVMIL"),
        # The country a role names as the person's own, not the one they are sent to.
        (["Nicholas Burns"], PartyKind.PERSON, "US ambassador to China", "USAGOV"),
    ],
)
def test_parties_are_coded_as_petrarch_codes_them(
    names: list[str], kind: PartyKind, role: str | None, code: str
) -> None:
    assert actor_code(names, kind, role) == code


def test_the_un_and_the_us_navy_get_different_codes() -> None:
    un = actor_code(["U.N."], PartyKind.ORGANIZATION)
    navy = actor_code(["U.S. Navy"], PartyKind.ORGANIZATION)
    assert un != navy


def test_a_code_follows_the_office_held_on_the_date() -> None:
    obama = dictionary_actor("President Barack Obama")
    assert obama is not None
    assert obama.code_on(date(2012, 5, 1)) == "USAGOV"
    assert obama.code_on() == "USAGOV"  # open-ended in the 2014 dictionary
    assert obama.code_on(date(1990, 1, 1)) == "USAELI"


def test_an_actor_whose_codes_have_all_ended_has_no_current_code() -> None:
    # A namesake minister of Barbados (2003-2006) does not code the president of the New York Fed.
    assert actor_code(["John Williams"], PartyKind.PERSON, "president of the New York Fed") is None
    assert Actor((("BRBGOV", "2003-09-01", "2006-02-28"),)).code_on(date(2004, 1, 1)) == "BRBGOV"


def test_a_person_is_never_coded_as_a_place_or_as_another_country() -> None:
    assert actor_code(["Austin"], PartyKind.PERSON) is None  # the city is "USA"
    # Joe Biden is USAGOV in the dictionary: a role naming another country rules it out.
    assert actor_code(["Joe Biden"], PartyKind.PERSON, "French minister") == "FRAGOV"
    assert actor_code(["Joe Biden"], PartyKind.PERSON) == "USAGOV"


def test_no_code_without_a_country_or_a_known_sector() -> None:
    assert actor_code(["Kofi Mensah"], PartyKind.PERSON, "farmer") is None
    assert actor_code(["Ministry"], PartyKind.ORGANIZATION) is None
    assert actor_code(["tourists"], PartyKind.GROUP) is None
    assert actor_code(["Japanese tourists"], PartyKind.GROUP) == "JPNCVL"


def test_the_agent_phrase_is_the_longest_then_the_last() -> None:
    assert agent_code("Secretary of Defense") == "~GOVMIL"
    assert agent_code("army spokesman") == "~MED"
    assert agent_code("nothing here") is None


def test_the_shipped_table_is_in_name_key_form_and_credits_its_source() -> None:
    raw = resources.files("summarizer").joinpath("data/actors.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    assert "MIT License" in "\n".join(lines[:3]) and "petrarch2" in lines[1]
    keys = [k for line in lines if line[0] in "AG" for k in line.split("\t")[2].split("|")]
    assert len(keys) > 40_000
    assert all(name_key(k) == k for k in keys[::97])
    notice = resources.files("summarizer").joinpath("data/ACTORS.md").read_text("utf-8")
    assert "Copyright (c) 2014 Open Event Data Alliance" in notice
