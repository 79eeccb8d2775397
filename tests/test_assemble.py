from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summarizer.assemble import assemble, reply_problems
from summarizer.grounding import Grounder
from summarizer.reply import Reply
from summarizer.schema import EvidenceStatus, PartyKind

TEXT = (
    "US Secretary of State Antony Blinken met Japan's foreign minister in Tokyo. "
    "Washington and Tokyo agreed to expand missile production. Blinken warned that "
    "North Korea threatens the region."
)


def party(
    name: str, *quotes: str, kind: str = "state", aliases: list[str] | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "name": name,
        "kind": kind,
        "aliases": aliases or [],
        "role": extra.get("role"),
        "affiliation": extra.get("affiliation"),
        "quotes": list(quotes),
    }


def reply(
    parties: list[dict[str, Any]],
    agreements: Sequence[dict[str, Any]] = (),
    threats: Sequence[dict[str, Any]] = (),
) -> Reply:
    return Reply.model_validate(
        {
            "headline": "h",
            "summary": "s",
            "parties": parties,
            "agreements": list(agreements),
            "threats": list(threats),
        }
    )


def test_entries_naming_one_party_are_merged() -> None:
    result = assemble(
        reply(
            [
                party("United States", "US Secretary of State"),
                party("Washington", "Washington and Tokyo agreed"),
                party("Japan", "Japan's foreign minister"),
            ]
        ),
        Grounder(TEXT),
    )
    assert [p.id for p in result.parties] == ["united-states", "japan"]
    us = result.parties[0]
    assert us.aliases == ["Washington"]
    assert [e.text for e in us.evidence] == ["US Secretary of State", "Washington and Tokyo agreed"]


def test_references_resolve_by_alias_and_affiliation() -> None:
    result = assemble(
        reply(
            [
                party("United States", aliases=["US"]),
                party("Japan"),
                party(
                    "Antony Blinken", kind="person", role="US Secretary of State", affiliation="US"
                ),
                party("North Korea"),
            ],
            agreements=[
                {
                    "what": "missiles",
                    "parties": ["Washington", "Tokyo"],
                    "status": "agreed",
                    "date": None,
                    "quotes": ["agreed to expand missile production"],
                }
            ],
            threats=[
                {
                    "what": "NK",
                    "source": "North Korea",
                    "targets": ["the region"],
                    "domain": "military",
                    "severity": "medium",
                    "quotes": ["North Korea threatens the region"],
                }
            ],
        ),
        Grounder(TEXT),
    )
    ids = [p.id for p in result.parties]
    assert result.agreements[0].party_ids == ["united-states", "japan"]
    blinken = result.parties[ids.index("antony-blinken")]
    assert blinken.affiliation_id == "united-states"
    assert result.threats[0].source_id == "north-korea"
    region = result.parties[-1]
    assert region.name == "the region" and region.kind is PartyKind.OTHER
    assert result.threats[0].target_ids == [region.id]
    assert any("'the region', not listed as a party; added" in w for w in result.warnings)


def test_party_without_a_usable_quote_is_grounded_on_its_name() -> None:
    result = assemble(
        reply([party("Antony Blinken", "Blinken said nothing of the sort", kind="person")]),
        Grounder(TEXT),
    )
    evidence = result.parties[0].evidence
    assert [e.status for e in evidence] == [EvidenceStatus.UNVERIFIED, EvidenceStatus.EXACT]
    assert evidence[1].text == "Antony Blinken"
    assert result.parties[0].verified


def test_party_absent_from_the_article_is_flagged() -> None:
    result = assemble(reply([party("France")]), Grounder(TEXT))
    assert result.parties[0].evidence == []
    assert not result.parties[0].verified
    assert result.warnings == ["party 'France' has no evidence in the article"]


def test_ids_are_stable_slugs_and_unique() -> None:
    result = assemble(
        reply(
            [
                party("Côte d'Ivoire"),
                party("Ministry of Defence", kind="organization"),
                party("Ministry of Defence!", kind="organization"),
            ]
        ),
        Grounder(TEXT),
    )
    assert [p.id for p in result.parties] == ["cote-d-ivoire", "ministry-of-defence"]


def test_names_without_ascii_get_ids_of_their_own() -> None:
    text = "Хамас and Фатх signed a deal with Party 2."
    result = assemble(
        reply(
            [
                party("Хамас", "Хамас", kind="armed_group"),
                party("Фатх", "Фатх", kind="organization"),
                party("Party 2", "Party 2", kind="organization"),
            ],
            agreements=[
                {
                    "what": "a deal",
                    "parties": ["Фатх", "Party 2"],
                    "status": "signed",
                    "date": None,
                    "quotes": [text],
                }
            ],
        ),
        Grounder(text),
    )
    assert [p.id for p in result.parties] == ["party", "party-2", "party-2-2"]
    assert result.agreements[0].party_ids == ["party-2", "party-2-2"]


def test_reply_problems_lists_what_a_reask_must_fix() -> None:
    problems = reply_problems(
        reply(
            [party("Japan"), party("France")],
            agreements=[
                {
                    "what": "deal",
                    "parties": ["Japan", "Germany"],
                    "status": "agreed",
                    "date": None,
                    "quotes": [],
                }
            ],
            threats=[
                {
                    "what": "t",
                    "source": "Japan",
                    "targets": [],
                    "domain": "cyber",
                    "severity": "low",
                    "quotes": ["Japan hacked everyone"],
                }
            ],
        ),
        Grounder(TEXT),
    )
    assert problems == [
        "party 'France' has no quote",
        "agreement 'deal' has no quote",
        "threat 't': quote not found in the article: 'Japan hacked everyone'",
        "agreement 'deal' names 'Germany', which is not in 'parties'",
    ]


def test_brothers_stay_two_parties_and_their_surname_alone_names_neither() -> None:
    text = "Tom Smith and his brother Jack Smith were arrested. Smith threatened a guard."
    result = assemble(
        reply(
            [
                party("Tom Smith", "Tom Smith", kind="person", aliases=["Smith"]),
                party("Jack Smith", "Jack Smith", kind="person", aliases=["Smith"]),
            ],
            threats=[
                {
                    "what": "threatened a guard",
                    "source": "Smith",
                    "targets": [],
                    "domain": "other",
                    "severity": "low",
                    "quotes": ["Smith threatened a guard."],
                }
            ],
        ),
        Grounder(text),
    )
    assert [p.name for p in result.parties][:2] == ["Tom Smith", "Jack Smith"]
    assert result.threats[0].source_id == "tom-smith"


def test_a_surname_two_parties_could_carry_is_its_own_party() -> None:
    text = "Tom Smith and Jack Smith were arrested. Smith threatened a guard."
    result = assemble(
        reply(
            [
                party("Tom Smith", "Tom Smith", kind="person"),
                party("Jack Smith", "Jack Smith", kind="person"),
            ],
            threats=[
                {
                    "what": "threatened a guard",
                    "source": "Smith",
                    "targets": [],
                    "domain": "other",
                    "severity": "low",
                    "quotes": ["Smith threatened a guard."],
                }
            ],
        ),
        Grounder(text),
    )
    assert [p.name for p in result.parties] == ["Tom Smith", "Jack Smith", "Smith"]
    assert result.threats[0].source_id == "smith"


def test_country_codes_of_groups_and_affiliated_people() -> None:
    text = "Fijian rebels and Taliban spokesman Zabihullah Mujahid spoke in Kabul."
    result = assemble(
        reply(
            [
                party("Fijian rebels", "Fijian rebels", kind="group"),
                party(
                    "Zabihullah Mujahid",
                    "Zabihullah Mujahid",
                    kind="person",
                    affiliation="Afghanistan",
                ),
                party("Afghanistan", "Kabul"),
            ]
        ),
        Grounder(text),
    )
    assert [p.country_code for p in result.parties] == ["FJI", "AFG", "AFG"]
