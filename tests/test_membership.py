from __future__ import annotations

import pytest

from summarizer.membership import role_countries, role_names_membership
from summarizer.schema import PartyKind

STATE = PartyKind.STATE
ORG = PartyKind.ORGANIZATION


@pytest.mark.parametrize(
    ("role", "kind", "owner", "is_member"),
    [
        (None, STATE, "Japan", True),
        ("Japanese Foreign Minister", STATE, "Japan", True),
        ("Foreign Minister", STATE, "Japan", True),
        ("spokesperson for the Kremlin", ORG, "Kremlin", True),
        ("member of the Politburo", ORG, "Politburo", True),
        ("UN Secretary-General", ORG, "United Nations", True),
        ("senior US officials", STATE, "United States", True),
        ("North Korea expert", STATE, "North Korea", False),
        ("North Korea expert at Mandiant", ORG, "Mandiant", True),
        ("Middle East correspondent", ORG, "BBC", True),
        ("Trump's leading Democratic rival", STATE, "United States", False),
        ("son of the former vice president", STATE, "United States", False),
        ("town resident", STATE, "Ukraine", False),
        ("US ambassador to China", STATE, "China", False),
        ("US ambassador to China", STATE, "United States", True),
        ("ambassador to the United Nations", ORG, "United Nations", False),
        ("adviser on Iran", STATE, "Iran", False),
        ("deputy head of mission at the US embassy in China", STATE, "China", False),
        ("deputy head of mission at the US embassy in China", STATE, "United States", True),
    ],
)
def test_a_role_is_an_affiliation_only_if_it_names_a_membership(
    role: str | None, kind: PartyKind, owner: str, is_member: bool
) -> None:
    assert role_names_membership(role, kind, [owner]) is is_member


def test_a_person_is_no_member_of_another_person() -> None:
    assert not role_names_membership("spokesman for Donald Trump", PartyKind.PERSON, ["Trump"])
    assert not role_names_membership(None, PartyKind.PERSON, ["Donald Trump"])


def test_a_state_is_found_by_its_demonym() -> None:
    assert not role_names_membership("envoy to the North Korean regime", STATE, ["North Korea"])
    assert role_names_membership("North Korean envoy", STATE, ["North Korea"])


@pytest.mark.parametrize(
    ("role", "countries"),
    [
        ("US ambassador to China", {"USA"}),
        ("Japanese Foreign Minister", {"JPN"}),
        ("minister of foreign affairs of North Korea", {"PRK"}),
        ("North Korea expert", set()),
        ("envoy to the Greek-Cypriot talks", set()),
        ("Greek-Cypriot negotiator", {"GRC", "CYP"}),
    ],
)
def test_a_role_names_as_its_own_only_the_countries_of_its_membership(
    role: str, countries: set[str]
) -> None:
    assert role_countries(role) == countries
