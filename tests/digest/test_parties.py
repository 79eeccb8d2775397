from __future__ import annotations

from summarizer.digest.parties import PartyGroup, PartyUnifier
from summarizer.schema import Party, PartyKind


def _party(name: str, kind: PartyKind = PartyKind.STATE, *aliases: str, role: str = "") -> Party:
    return Party(
        id=name.lower().replace(" ", "-"),
        name=name,
        kind=kind,
        aliases=list(aliases),
        role=role or None,
        affiliation=None,
        affiliation_id=None,
        evidence=[],
    )


def _groups(*parties: tuple[str, Party]) -> list[PartyGroup]:
    unifier = PartyUnifier()
    for article, party in parties:
        unifier.add(article, party)
    return unifier.groups


def test_a_country_is_one_party_under_its_names_demonyms_and_capital() -> None:
    (us,) = _groups(
        ("A1", _party("US")),
        ("A2", _party("Washington", PartyKind.STATE, "United States")),
        ("A3", _party("U.S.")),
        ("A3", _party("America", PartyKind.ORGANIZATION)),
    )
    assert us.name == "United States" and us.country == "USA"
    assert us.articles == ["A1", "A2", "A3"]
    assert us.names == ["US", "Washington", "United States", "America"]
    assert us.kind is PartyKind.STATE


def test_a_person_is_one_party_under_surname_and_title() -> None:
    (austin,) = _groups(
        ("A1", _party("Austin", PartyKind.PERSON, role="Defense Secretary")),
        ("A2", _party("Lloyd Austin", PartyKind.PERSON, role="defense secretary")),
        ("A3", _party("Secretary Austin", PartyKind.PERSON, role="US Defense Secretary")),
    )
    assert austin.name == "Lloyd Austin"
    assert austin.roles == ["Defense Secretary", "US Defense Secretary"]
    assert austin.articles == ["A1", "A2", "A3"]


def test_persons_and_others_are_never_one_party() -> None:
    groups = _groups(
        ("A1", _party("Jordan")),
        ("A2", _party("Jordan", PartyKind.PERSON)),
        ("A3", _party("Jordan", PartyKind.ORGANIZATION)),
    )
    assert [(g.name, g.person, g.articles) for g in groups] == [
        ("Jordan", False, ["A1", "A3"]),
        ("Jordan", True, ["A2"]),
    ]


def test_different_people_sharing_a_first_name_stay_apart() -> None:
    groups = _groups(
        ("A1", _party("Kim Jong Un", PartyKind.PERSON)),
        ("A2", _party("Kim Yo Jong", PartyKind.PERSON)),
        ("A3", _party("Kim", PartyKind.PERSON)),
    )
    assert [g.name for g in groups] == ["Kim Jong Un", "Kim Yo Jong", "Kim"]


def test_an_acronym_joins_the_full_name() -> None:
    (nato,) = _groups(
        ("A1", _party("NATO", PartyKind.ORGANIZATION)),
        ("A2", _party("North Atlantic Treaty Organization", PartyKind.ORGANIZATION)),
        ("A3", _party("NATO", PartyKind.ORGANIZATION)),
    )
    assert nato.name == "NATO"
    assert nato.articles == ["A1", "A2", "A3"]


def test_a_shared_name_key_beats_an_earlier_loose_match() -> None:
    unifier = PartyUnifier()
    jane = unifier.add("A1", _party("Jane Austin", PartyKind.PERSON))
    lloyd = unifier.add("A2", _party("Lloyd Austin", PartyKind.PERSON))
    assert jane is not lloyd
    assert unifier.add("A3", _party("Lloyd Austin", PartyKind.PERSON, "Austin")) is lloyd
    assert unifier.add("A4", _party("Austin", PartyKind.PERSON)) is lloyd


def test_the_usual_name_is_the_most_frequent() -> None:
    (group,) = _groups(
        ("A1", _party("Hamas", PartyKind.ARMED_GROUP, "Islamic Resistance Movement")),
        ("A2", _party("Islamic Resistance Movement", PartyKind.ARMED_GROUP, "Hamas")),
        ("A3", _party("Hamas", PartyKind.ARMED_GROUP)),
    )
    assert group.name == "Hamas"
    assert group.kind is PartyKind.ARMED_GROUP
    assert [m[0] for m in group.mentions] == ["A1", "A2", "A3"]
