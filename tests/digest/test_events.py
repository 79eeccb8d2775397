from __future__ import annotations

import random
import string

import pytest

from summarizer.digest import events
from summarizer.digest.events import (
    EVIDENCE_MIN_WORDS,
    OPEN_EVENTS,
    SAMPLE,
    WHAT_SIMILARITY,
    EventGrouper,
    EventKey,
    Sighting,
    name_words,
    words,
)
from summarizer.digest.model import REPORTS
from summarizer.schema import Agreement, AgreementStatus, Evidence, EvidenceStatus

US_JAPAN: EventKey = ("agreement", None, frozenset({0, 1}))
US_WORDS = name_words(["United States"], "USA") | name_words(["Japan"], "JPN")


def _agreement(what: str, *passages: str) -> Agreement:
    evidence = [
        Evidence(quote=p, start=0, end=len(p), text=p, status=EvidenceStatus.EXACT, score=100)
        for p in passages
    ]
    return Agreement(
        what=what, party_ids=[], status=AgreementStatus.AGREED, date=None, evidence=evidence
    )


def _sighting(article: str, item: Agreement, parties: tuple[int, ...]) -> Sighting[Agreement]:
    return Sighting(int(article[1:]), None, item, parties)


def _ids(grouper: EventGrouper[Agreement]) -> list[list[str]]:
    return [[f"A{n}" for n in g.articles] for g in grouper.groups]


def _group(*reports: tuple[str, Agreement], key: EventKey = US_JAPAN) -> list[list[str]]:
    grouper = EventGrouper[Agreement]()
    for article, item in reports:
        grouper.add(_sighting(article, item, (0, 1)), key, US_WORDS, item.status.value)
    return _ids(grouper)


def test_words_drop_case_accents_possessives_and_stop_words() -> None:
    assert words("Japan’s pact with the Philippines: Défense of its islands") == [
        "japan",
        "pact",
        "philippines",
        "defense",
        "islands",
    ]


def test_name_words_cover_every_name_of_a_country() -> None:
    found = name_words(["U.S."], "USA")
    assert {"us", "washington", "america", "united", "states"} <= found
    assert name_words(["Lloyd Austin"], None) == {"lloyd", "austin"}


def test_reports_saying_the_same_thing_are_one_event() -> None:
    groups = _group(
        (
            "A1",
            _agreement(
                "Strengthen military cooperation: improve command and control of US forces in "
                "Japan and boost production of US-licensed missiles there"
            ),
        ),
        (
            "A2",
            _agreement(
                "Upgrade the US military command in Japan and expand production of "
                "US-designed missiles there"
            ),
        ),
    )
    assert groups == [["A1", "A2"]]


def test_party_names_alone_do_not_make_one_event() -> None:
    groups = _group(
        ("A1", _agreement("Reaffirm the US-Japan alliance")),
        ("A2", _agreement("Upgrade the US military command in Japan")),
        ("A3", _agreement("Washington and Tokyo hold first ministerial meeting")),
    )
    assert groups == [["A1"], ["A2"], ["A3"]]


def test_a_shared_passage_makes_one_event_however_it_is_described() -> None:
    passage = "the ministers agreed to set up a joint force headquarters in Tokyo by March"
    groups = _group(
        ("A1", _agreement("New command structure", passage)),
        ("A2", _agreement("Joint headquarters", "Officials said " + passage + ".")),
    )
    assert groups == [["A1", "A2"]]


def test_short_passages_do_not_tie_events_together() -> None:
    short = " ".join(["agreed", "to", "cooperate", "closely"][: EVIDENCE_MIN_WORDS - 1])
    groups = _group(
        ("A1", _agreement("Missile co-production", short)),
        ("A2", _agreement("Naval exercises", short)),
    )
    assert groups == [["A1"], ["A2"]]


def test_events_of_other_parties_are_not_compared() -> None:
    same = _agreement("Upgrade the military command")
    grouper = EventGrouper[Agreement]()
    other: EventKey = ("agreement", None, frozenset({0, 2}))
    grouper.add(_sighting("A1", same, (0, 1)), US_JAPAN, US_WORDS, "agreed")
    grouper.add(_sighting("A2", same, (0, 2)), other, US_WORDS, "agreed")
    assert _ids(grouper) == [["A1"], ["A2"]]


def test_a_report_joins_the_closest_group() -> None:
    groups = _group(
        ("A1", _agreement("Expand production of US-designed missiles in Japan")),
        ("A2", _agreement("Upgrade the US military command in Japan")),
        ("A3", _agreement("Upgrade the US military command in Japan and its missiles")),
    )
    assert groups == [["A1"], ["A2", "A3"]]


def test_the_threshold_is_documented_as_a_score() -> None:
    assert 0 < WHAT_SIMILARITY < 100


def test_a_group_keeps_a_bounded_summary_however_many_articles_report_it() -> None:
    grouper = EventGrouper[Agreement]()
    statuses = [AgreementStatus.PROPOSED] * 30 + [AgreementStatus.SIGNED] * 500
    statuses += [AgreementStatus.VIOLATED] * 470
    for n, status in enumerate(statuses, 1):
        item = _agreement(f"Sign the grain corridor deal, round {n % 7}")
        item.status = status
        grouper.add(_sighting(f"A{n}", item, (0, 1)), US_JAPAN, US_WORDS, status.value)
    (group,) = grouper.groups
    assert group.count == 1000
    assert len(group.texts) <= SAMPLE
    assert [s.article for s in group.listed] == list(range(1, REPORTS + 1))
    assert {k: s.article for k, s in group.steps.items()} == {
        "proposed": 1,
        "signed": 31,
        "violated": 531,
    }
    assert group.articles == [*range(1, REPORTS + 1), 31, 531, 1000]


def test_only_the_most_recently_reported_events_of_a_dyad_are_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(events, "OPEN_EVENTS", 3)
    passage = "the two ministers signed the grain corridor deal in Ankara on Friday"
    stories = ["Grain corridor deal", "Fishing rights", "Port access", "Customs union"]
    grouper = EventGrouper[Agreement]()
    reports = [
        ("A1", _agreement(stories[0], passage)),
        ("A2", _agreement(stories[1])),
        ("A3", _agreement(stories[2])),
        ("A4", _agreement(stories[1] + " extended")),  # fishing rights: reported again
        ("A5", _agreement(stories[3])),  # the grain deal is overtaken by three others
        ("A6", _agreement("Grain corridor deal renewed")),  # closed: a new event
        ("A7", _agreement("Extension of the grain export route", passage)),  # verbatim
        ("A8", _agreement("Fishing rights extended")),  # still open
    ]
    for article, item in reports:
        grouper.add(_sighting(article, item, (0, 1)), US_JAPAN, US_WORDS, "agreed")
    assert _ids(grouper) == [["A1", "A7"], ["A2", "A4", "A8"], ["A3"], ["A5"], ["A6"]]


def test_a_dyad_with_many_events_compares_a_bounded_sample() -> None:
    rng = random.Random(5)
    grouper = EventGrouper[Agreement]()
    for n in range(1, 3 * OPEN_EVENTS):
        what = " ".join("".join(rng.choices(string.ascii_lowercase, k=8)) for _ in range(4))
        item = _agreement(what)
        grouper.add(_sighting(f"A{n}", item, (0, 1)), US_JAPAN, US_WORDS, "agreed")
    (block,) = grouper._blocks.values()
    assert len(block.open) == OPEN_EVENTS
    assert len(block.listed) <= OPEN_EVENTS * 5 // 4
    assert len(block.texts) <= SAMPLE * len(block.listed)
