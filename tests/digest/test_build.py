from __future__ import annotations

from summarizer.digest import (
    DIGEST_SCHEMA_VERSION,
    Digest,
    DigestAgreement,
    DigestThreat,
    build_digest,
)
from summarizer.schema import AgreementStatus, Briefing, Severity
from tests.digest.conftest import ARTICLES, article_text

NAMES = list(ARTICLES)
ACCESS, BLINKEN, COMMAND, VOA = (f"A{n}" for n in range(1, 5))


def _digest(briefings: dict[str, Briefing]) -> Digest:
    return build_digest(briefings[name] for name in NAMES)


def _agreement(digest: Digest, *articles: str) -> DigestAgreement:
    return next(a for a in digest.agreements if a.articles == list(articles))


def _threat(digest: Digest, *articles: str) -> DigestThreat:
    return next(t for t in digest.threats if t.articles == list(articles))


def test_articles_are_numbered_in_the_order_given(briefings: dict[str, Briefing]) -> None:
    digest = _digest(briefings)
    assert [(a.id, a.info.source) for a in digest.articles] == [
        (f"A{n}", name) for n, name in enumerate(NAMES, 1)
    ]
    voa = digest.articles[3]
    assert voa.headline == briefings[NAMES[3]].headline
    assert (voa.parties, voa.agreements, voa.threats) == (9, 2, 2)
    assert voa.name == "voa-us-japan-2plus2.txt"


def test_parties_are_unified_across_names_with_article_counts(
    briefings: dict[str, Briefing],
) -> None:
    digest = _digest(briefings)
    counts = {p.name: (p.article_count, p.articles) for p in digest.parties}
    assert counts == {
        "Japan": (4, [ACCESS, BLINKEN, COMMAND, VOA]),
        "China": (3, [ACCESS, COMMAND, VOA]),
        "United States": (3, [BLINKEN, COMMAND, VOA]),
        "Antony Blinken": (2, [BLINKEN, VOA]),
        "Lloyd Austin": (2, [COMMAND, VOA]),
        "Minoru Kihara": (2, [COMMAND, VOA]),
        "North Korea": (2, [BLINKEN, VOA]),
        "Russia": (2, [BLINKEN, VOA]),
        "Yoko Kamikawa": (2, [BLINKEN, VOA]),
        "Philippines": (1, [ACCESS]),
    }
    assert [p.name for p in digest.parties][:3] == ["Japan", "China", "United States"]


def test_a_party_keeps_every_name_the_articles_give_it(briefings: dict[str, Briefing]) -> None:
    digest = _digest(briefings)
    us = digest.party("united-states")
    assert us is not None and us.kind == "state" and us.country == "USA"
    assert {"U.S.", "Washington"} <= set(us.aliases)
    assert [(m.article, m.party_id, m.name) for m in us.mentions] == [
        (BLINKEN, "u-s", "U.S."),
        (COMMAND, "washington", "Washington"),
        (VOA, "united-states", "United States"),
    ]
    austin = digest.party("lloyd-austin")
    assert austin is not None and austin.kind == "person" and austin.country == "USA"
    assert austin.cameo_code == "USAGOVMIL"
    assert "Austin" in austin.aliases
    assert sorted(austin.roles) == ["Defense Secretary", "US Defense Secretary"]
    assert austin.affiliation_id == "united-states"
    blinken = digest.party("antony-blinken")
    assert blinken is not None and blinken.aliases == ["Blinken"]
    assert blinken.roles == ["US Secretary of State"]


def test_an_agreement_reported_by_two_articles_is_one_event_with_both_evidence(
    briefings: dict[str, Briefing],
) -> None:
    digest = _digest(briefings)
    upgrade = _agreement(digest, COMMAND, VOA)
    assert upgrade.id == "agreement-1"
    assert upgrade.article_count == 2
    assert upgrade.party_ids == ["united-states", "japan"]
    assert upgrade.status is AgreementStatus.AGREED
    assert upgrade.what == briefings[NAMES[2]].agreements[0].what
    command, voa = upgrade.reports
    assert command.what.startswith("Upgrade the US military command")
    assert voa.what.startswith("Strengthen military cooperation")
    assert command.date == "Sunday" and voa.date is None
    for report, name in ((command, NAMES[2]), (voa, NAMES[3])):
        assert report.party_ids == ["united-states", "japan"]
        text = article_text(name)
        (evidence,) = report.evidence
        assert evidence.status == "exact"
        assert evidence.start is not None and evidence.end is not None
        assert text[evidence.start : evidence.end] == evidence.text
    assert "boosting production there of US-licensed missiles" in (voa.evidence[0].text or "")


def test_a_threat_reported_by_two_articles_is_one_event(briefings: dict[str, Briefing]) -> None:
    digest = _digest(briefings)
    threat = _threat(digest, BLINKEN, VOA)
    assert threat.id == "threat-1"
    assert threat.source_id == "north-korea"
    assert set(threat.target_ids) == {"japan", "united-states"}
    assert threat.party_ids[0] == "north-korea"
    assert (threat.severity, threat.domain) == (Severity.HIGH, "nuclear")
    assert [r.evidence[0].text for r in threat.reports] == [
        "Pyongyang's nuclear program and its growing military cooperation with Moscow "
        "threaten regional and global security",
        "North Korea’s nuclear program and its deepening cooperation with Russia “threaten "
        "regional and global security”",
    ]


def test_distinct_events_stay_apart(briefings: dict[str, Briefing]) -> None:
    digest = _digest(briefings)
    assert [(a.what, a.articles) for a in digest.agreements[1:]] == [
        (briefings[NAMES[0]].agreements[0].what, [ACCESS]),
        ("Hold the first ministerial meeting on extended deterrence", [COMMAND]),
        ("Reaffirm the US-Japan alliance", [VOA]),
    ]
    assert [(t.source_id, t.articles, t.severity) for t in digest.threats[1:]] == [
        ("china", [VOA], Severity.HIGH),
        ("china", [COMMAND], Severity.MEDIUM),
    ]


def test_the_same_briefings_give_the_same_digest(briefings: dict[str, Briefing]) -> None:
    assert _digest(briefings).model_dump_json() == _digest(briefings).model_dump_json()


def test_a_repeated_article_is_skipped(briefings: dict[str, Briefing]) -> None:
    voa = briefings[NAMES[3]]
    digest = build_digest([voa, briefings[NAMES[2]], voa.model_copy(deep=True)])
    assert [a.id for a in digest.articles] == ["A1", "A2"]
    assert [(s.path, s.reason) for s in digest.skipped] == [
        ("voa-us-japan-2plus2.txt", "the same article as A1")
    ]
    assert all(p.article_count <= 2 for p in digest.parties)


def test_two_events_of_one_article_are_never_merged(briefings: dict[str, Briefing]) -> None:
    voa = briefings[NAMES[3]]
    twin = voa.agreements[0].model_copy(update={"status": AgreementStatus.SIGNED})
    voa.agreements.append(twin)
    digest = build_digest([voa, briefings[NAMES[2]]])
    upgrades = [a for a in digest.agreements if a.what == twin.what]
    assert [a.articles for a in upgrades] == [["A1", "A2"], ["A1"]]
    assert upgrades[1].status is AgreementStatus.SIGNED


def test_a_person_acting_for_a_party_counts_as_that_party(
    briefings: dict[str, Briefing],
) -> None:
    command = briefings[NAMES[2]]
    command.agreements[0].party_ids = ["austin", "japan"]
    digest = build_digest([command, briefings[NAMES[3]]])
    upgrade = digest.agreements[0]
    assert upgrade.articles == ["A1", "A2"]
    assert upgrade.reports[0].party_ids == ["lloyd-austin", "japan"]
    assert upgrade.party_ids == ["lloyd-austin", "japan", "united-states"]


def test_different_parties_keep_similar_events_apart(briefings: dict[str, Briefing]) -> None:
    command = briefings[NAMES[2]]
    command.agreements[0].party_ids = ["china", "japan"]
    digest = build_digest([command, briefings[NAMES[3]]])
    assert all(a.article_count == 1 for a in digest.agreements)
    assert len(digest.agreements) == 4


def test_an_event_takes_the_furthest_status_and_gravest_severity(
    briefings: dict[str, Briefing],
) -> None:
    command, voa = briefings[NAMES[2]], briefings[NAMES[3]]
    command.agreements[0].status = AgreementStatus.SIGNED
    blinken = briefings[NAMES[1]]
    blinken.threats[0].severity = Severity.CRITICAL
    digest = build_digest([voa, command, blinken])
    upgrade = next(a for a in digest.agreements if a.article_count == 2)
    assert [r.status for r in upgrade.reports] == [AgreementStatus.AGREED, AgreementStatus.SIGNED]
    assert upgrade.status is AgreementStatus.SIGNED
    assert digest.threats[0].severity is Severity.CRITICAL
    assert [r.severity for r in digest.threats[0].reports] == [Severity.HIGH, Severity.CRITICAL]


def test_threats_of_equal_reach_are_ordered_by_severity(briefings: dict[str, Briefing]) -> None:
    voa, command = briefings[NAMES[3]], briefings[NAMES[2]]
    command.threats[0].severity = Severity.CRITICAL
    digest = build_digest([voa, command])
    assert [t.severity for t in digest.threats] == [Severity.CRITICAL, Severity.HIGH, Severity.HIGH]
    assert digest.threats[0].source_id == "china" and digest.threats[0].articles == ["A2"]


def test_no_briefings_give_an_empty_digest() -> None:
    digest = build_digest([])
    assert not (digest.articles or digest.parties or digest.agreements or digest.threats)
    assert digest.schema_version == DIGEST_SCHEMA_VERSION == "2.1" and digest.article_count == 0


def test_parties_carry_their_codes(briefings: dict[str, Briefing]) -> None:
    digest = _digest(briefings)
    codes = {p.name: (p.country, p.cameo_code) for p in digest.parties}
    assert codes["Japan"] == ("JPN", "JPN")
    assert codes["United States"] == ("USA", "USA")
    assert codes["Antony Blinken"][0] == "USA"


def test_events_carry_their_plover_type_and_a_timeline(briefings: dict[str, Briefing]) -> None:
    command, voa = briefings[NAMES[2]], briefings[NAMES[3]]
    command.article.date = "2024-07-29"
    voa.article.date = "2024-07-28T10:00:00"
    command.agreements[0].status = AgreementStatus.SIGNED
    digest = build_digest([command, voa])
    upgrade = next(a for a in digest.agreements if a.article_count == 2)
    assert upgrade.plover_type == "AGREE"
    assert [(s.article, s.date, s.status, s.change) for s in upgrade.timeline] == [
        ("A2", "2024-07-28", AgreementStatus.AGREED, "first"),
        ("A1", "2024-07-29", AgreementStatus.SIGNED, "status"),
    ]
    assert upgrade.status is AgreementStatus.SIGNED
    assert (upgrade.first_date, upgrade.last_date, upgrade.last_article) == (
        "2024-07-28",
        "2024-07-29",
        "A2",
    )


def test_a_threat_timeline_says_whether_it_escalated_or_eased(
    briefings: dict[str, Briefing],
) -> None:
    blinken, voa = briefings[NAMES[1]], briefings[NAMES[3]]
    blinken.threats[0].severity = Severity.MEDIUM
    third = blinken.model_copy(deep=True)
    third.article.sha256 = "0" * 64
    third.threats[0].severity = Severity.LOW
    digest = build_digest([blinken, voa, third])
    threat = next(t for t in digest.threats if t.article_count == 3)
    assert [(s.article, s.severity, s.change) for s in threat.timeline] == [
        ("A1", Severity.MEDIUM, "first"),
        ("A2", Severity.HIGH, "escalated"),
        ("A3", Severity.LOW, "eased"),
    ]
    assert threat.plover_type == "THREATEN"


def test_repeats_are_found_among_thousands_of_articles(briefings: dict[str, Briefing]) -> None:
    access = briefings[NAMES[0]]
    copies = []
    for n in [*range(3000), 0, 1, 2999]:
        copy = access.model_copy(deep=True)
        copy.article.sha256 = f"{n:064x}"
        copies.append(copy)
    digest = build_digest(copies)
    assert digest.article_count == 3000
    assert [s.reason for s in digest.skipped] == [
        "the same article as A1",
        "the same article as A2",
        "the same article as A3000",
    ]
