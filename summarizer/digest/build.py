"""Merging briefings into a :class:`Digest`: articles numbered, parties unified, events grouped.

Pure: briefings in, a digest out, no I/O. The order the briefings come in decides the
article ids (A1, A2 …) and breaks ties, so the same briefings in the same order always
give the same digest. Parties are listed by the number of articles mentioning them, then
by name; agreements by the number of articles reporting them, threats by that and then
by severity, both then in the order first seen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from summarizer._version import __version__
from summarizer.digest.events import EventGroup, EventGrouper, EventKey, Sighting, name_words
from summarizer.digest.model import (
    AgreementReport,
    Digest,
    DigestAgreement,
    DigestArticle,
    DigestParty,
    DigestThreat,
    PartyMention,
    SkippedInput,
    ThreatReport,
)
from summarizer.digest.parties import PartyGroup, PartyUnifier
from summarizer.names import party_ids
from summarizer.schema import Agreement, AgreementStatus, Briefing, Severity, Threat

_STATUS_ORDER = list(AgreementStatus)
_SEVERITY_ORDER = list(Severity)


def build_digest(briefings: Iterable[Briefing]) -> Digest:
    """The digest of ``briefings``, numbered in the order given."""
    builder = DigestBuilder()
    for briefing in briefings:
        builder.add(briefing)
    return builder.build()


class DigestBuilder:
    """Takes briefings one at a time, keeping only what the digest needs of each."""

    def __init__(self) -> None:
        self._articles: list[DigestArticle] = []
        self._by_sha256: dict[str, str] = {}
        self._parties = PartyUnifier()
        self._agreements = EventGrouper[Agreement]()
        self._threats = EventGrouper[Threat]()
        self._skipped: list[SkippedInput] = []

    @property
    def article_count(self) -> int:
        """How many articles have been added."""
        return len(self._articles)

    def skip(self, path: str, reason: str) -> None:
        """Record an input that gave no briefing."""
        self._skipped.append(SkippedInput(path=path, reason=reason))

    def add(self, briefing: Briefing, file: str | None = None) -> str | None:
        """Add the briefing read from ``file``; its article id, or None for a repeat article.

        An article already added (same text, by SHA-256) is skipped with a note, so that
        a text summarised twice is not counted twice.
        """
        twin = self._by_sha256.get(briefing.article.sha256)
        if twin is not None:
            self.skip(file or briefing.article.source, f"the same article as {twin}")
            return None
        article = f"A{len(self._articles) + 1}"
        self._by_sha256[briefing.article.sha256] = article
        self._articles.append(
            DigestArticle(
                id=article,
                file=file,
                headline=briefing.headline,
                parties=len(briefing.parties),
                agreements=len(briefing.agreements),
                threats=len(briefing.threats),
                info=briefing.article,
            )
        )
        groups = {p.id: self._parties.add(article, p) for p in briefing.parties}
        principal: dict[str, PartyGroup] = {}
        for party in briefing.parties:
            group = groups[party.id]
            boss = groups.get(party.affiliation_id or "")
            if boss is not None and boss is not group:
                group.affiliations[boss.index] += 1
            principal[party.id] = boss if boss is not None and group.person else group
        for agreement in briefing.agreements:
            ids = [i for i in agreement.party_ids if i in groups]
            key: EventKey = ("agreement", None, frozenset(principal[i].index for i in ids))
            agreed = Sighting(article, agreement, _indices(groups[i] for i in ids))
            involved = [groups[i] for i in ids] + [principal[i] for i in ids]
            self._agreements.add(agreed, key, _words_of(involved))
        for threat in briefing.threats:
            targets = [i for i in threat.target_ids if i in groups]
            source = groups.get(threat.source_id or "")
            boss = principal.get(threat.source_id or "")
            key = (
                "threat",
                boss.index if boss else None,
                frozenset(principal[i].index for i in targets),
            )
            threatened = Sighting(
                article,
                threat,
                _indices(groups[i] for i in targets),
                source.index if source else None,
            )
            ids = targets + ([threat.source_id] if source and threat.source_id else [])
            involved = [groups[i] for i in ids] + [principal[i] for i in ids]
            self._threats.add(threatened, key, _words_of(involved))
        return article

    def build(self) -> Digest:
        """The digest of every briefing added so far."""
        ordered = sorted(
            self._parties.groups, key=lambda g: (-len(g.articles), g.name.casefold(), g.index)
        )
        ids = dict(
            zip((g.index for g in ordered), party_ids([g.name for g in ordered]), strict=True)
        )
        parties = [_party(group, ids) for group in ordered]
        agreements = sorted(self._agreements.groups, key=lambda g: (-len(g.sightings), g.index))
        threats = sorted(
            self._threats.groups,
            key=lambda g: (-len(g.sightings), -_SEVERITY_ORDER.index(_gravest(g)), g.index),
        )
        return Digest(
            tool_version=__version__,
            articles=list(self._articles),
            parties=parties,
            agreements=[_agreement(g, n, ids) for n, g in enumerate(agreements, 1)],
            threats=[_threat(g, n, ids) for n, g in enumerate(threats, 1)],
            skipped=list(self._skipped),
        )


def _party(group: PartyGroup, ids: dict[int, str]) -> DigestParty:
    name = group.name
    boss = min(group.affiliations, key=lambda i: (-group.affiliations[i], i), default=None)
    return DigestParty(
        id=ids[group.index],
        name=name,
        kind=group.kind,
        country=group.country,
        aliases=[n for n in group.names if n != name],
        roles=list(group.roles),
        affiliation_id=ids[boss] if boss is not None else None,
        article_count=len(group.articles),
        articles=group.articles,
        mentions=[PartyMention(article=a, party_id=p, name=n) for a, p, n in group.mentions],
    )


def _agreement(group: EventGroup[Agreement], number: int, ids: dict[int, str]) -> DigestAgreement:
    items = [s.item for s in group.sightings]
    reports = [
        AgreementReport(
            article=sighting.article,
            what=item.what,
            status=item.status,
            date=item.date,
            party_ids=[ids[i] for i in sighting.parties],
            evidence=item.evidence,
        )
        for sighting, item in zip(group.sightings, items, strict=True)
    ]
    return DigestAgreement(
        id=f"agreement-{number}",
        what=items[0].what,
        status=max((i.status for i in items), key=_STATUS_ORDER.index),
        party_ids=_unique(p for r in reports for p in r.party_ids),
        article_count=len(reports),
        articles=group.articles,
        reports=reports,
    )


def _threat(group: EventGroup[Threat], number: int, ids: dict[int, str]) -> DigestThreat:
    items = [s.item for s in group.sightings]
    reports = [
        ThreatReport(
            article=sighting.article,
            what=item.what,
            source_id=ids[sighting.source] if sighting.source is not None else None,
            target_ids=[ids[i] for i in sighting.parties],
            domain=item.domain,
            severity=item.severity,
            evidence=item.evidence,
        )
        for sighting, item in zip(group.sightings, items, strict=True)
    ]
    source = next((r.source_id for r in reports if r.source_id), None)
    targets = _unique(t for r in reports for t in r.target_ids)
    domains = Counter(i.domain for i in items)
    return DigestThreat(
        id=f"threat-{number}",
        what=items[0].what,
        source_id=source,
        target_ids=targets,
        party_ids=_unique([source, *targets]),
        domain=max(domains, key=domains.__getitem__),
        severity=_gravest(group),
        article_count=len(reports),
        articles=group.articles,
        reports=reports,
    )


def _gravest(group: EventGroup[Threat]) -> Severity:
    return max((s.item.severity for s in group.sightings), key=_SEVERITY_ORDER.index)


def _indices(groups: Iterable[PartyGroup]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(g.index for g in groups))


def _words_of(groups: Iterable[PartyGroup]) -> set[str]:
    return {w for g in groups for w in name_words(g.names, g.country)}


def _unique(values: Iterable[str | None]) -> list[str]:
    return [v for v in dict.fromkeys(values) if v]
