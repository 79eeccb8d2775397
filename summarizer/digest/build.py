"""Merging briefings into a :class:`Digest`: articles numbered, parties unified, events grouped.

Pure: briefings in, a digest out, no I/O. The order the briefings come in decides the
article ids (A1, A2 …) and breaks ties, so the same briefings in the same order always
give the same digest. Parties are listed by the number of articles mentioning them, then
by name; agreements by the number of articles reporting them, threats by that and then
by severity, both then in the order first seen.

Memory is bounded per party and per event, not per article: what the builder keeps of an
article is what a party or an event lists of it (see :mod:`summarizer.digest.model`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TypeVar

from summarizer._version import __version__
from summarizer.digest.events import EventGroup, EventGrouper, EventKey, Sighting, name_words
from summarizer.digest.fingerprints import Fingerprints
from summarizer.digest.model import (
    ARTICLES,
    AgreementReport,
    Digest,
    DigestAgreement,
    DigestArticle,
    DigestParty,
    DigestThreat,
    PartyMention,
    SkippedInput,
    ThreatReport,
    TimelineStep,
)
from summarizer.digest.parties import PartyGroup, PartyUnifier
from summarizer.names import party_ids
from summarizer.render.view import made_by
from summarizer.schema import (
    Agreement,
    AgreementStatus,
    Briefing,
    PloverType,
    Severity,
    Threat,
    ThreatDomain,
    ThreatMode,
)
from summarizer.text import unique

_SEVERITY_ORDER = list(Severity)
_Enum = TypeVar("_Enum", PloverType, ThreatMode)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def build_digest(briefings: Iterable[Briefing]) -> Digest:
    """The digest of ``briefings``, numbered in the order given."""
    builder = DigestBuilder()
    for briefing in briefings:
        builder.add(briefing)
    return builder.build()


def article_id(number: int) -> str:
    """The id the digest cites article ``number`` by: ``A1``, ``A2`` and so on."""
    return f"A{number}"


def article_date(briefing: Briefing) -> str | None:
    """The article's date as an ISO date, if its briefing gives one."""
    found = _ISO_DATE.match(briefing.article.date or "")
    return found.group(0) if found else None


class DigestBuilder:
    """Takes briefings one at a time, keeping only what the digest needs of each."""

    def __init__(self) -> None:
        self.article_count = 0
        self._articles: dict[int, DigestArticle] = {}
        self._kept_after = ARTICLES
        self._seen = Fingerprints()
        self._parties = PartyUnifier()
        self._agreements = EventGrouper[Agreement]()
        self._threats = EventGrouper[Threat]()
        self._tallies: dict[tuple[str, int], Counter[str]] = {}
        self._skipped: list[SkippedInput] = []
        self.skipped_count = 0
        self._made_with: Counter[str] = Counter()

    def skip(self, path: str, reason: str) -> None:
        """Record an input that gave no briefing."""
        self.skipped_count += 1
        if len(self._skipped) < ARTICLES:
            self._skipped.append(SkippedInput(path=path, reason=reason))

    def add(self, briefing: Briefing, file: str | None = None) -> str | None:
        """Add the briefing read from ``file``; its article id, or None for a repeat article.

        An article already added (same text, by SHA-256) is skipped with a note, so that
        a text summarised twice is not counted twice. To tell, 16 bytes of each article
        are kept (:class:`~summarizer.digest.fingerprints.Fingerprints`).
        """
        twin = self._seen.get(briefing.article.sha256)
        if twin is not None:
            self.skip(file or briefing.article.source, f"the same article as {article_id(twin)}")
            return None
        self.article_count += 1
        number = self.article_count
        self._seen.add(briefing.article.sha256, number)
        self._made_with[made_by(briefing.provenance)] += 1
        self._articles[number] = DigestArticle(
            id=article_id(number),
            file=file,
            headline=briefing.headline,
            parties=len(briefing.parties),
            agreements=len(briefing.agreements),
            threats=len(briefing.threats),
            info=briefing.article,
        )
        self._add_items(number, article_date(briefing), briefing)
        if len(self._articles) > self._kept_after:
            self._forget_articles()
        return article_id(number)

    def _add_items(self, number: int, date: str | None, briefing: Briefing) -> None:
        unifier = self._parties
        groups = {p.id: unifier.add(number, p) for p in briefing.parties}
        principal: dict[str, PartyGroup] = {}
        for party in briefing.parties:
            group = groups[party.id]
            boss = groups.get(party.affiliation_id or "")
            counted = boss is not None and unifier.affiliate(group, boss, party.role)
            principal[party.id] = boss if counted and boss and group.person else group
        for agreement in briefing.agreements:
            ids = [i for i in agreement.party_ids if i in groups]
            key: EventKey = ("agreement", None, frozenset(principal[i].index for i in ids))
            agreed = Sighting(number, date, agreement, _indices(groups[i] for i in ids))
            involved = [groups[i] for i in ids] + [principal[i] for i in ids]
            event = self._agreements.add(agreed, key, _words_of(involved), agreement.status.value)
            self._tally("agreement", event.index, agreement.plover_type, None, None)
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
                number,
                date,
                threat,
                _indices(groups[i] for i in targets),
                source.index if source else None,
            )
            ids = targets + ([threat.source_id] if source and threat.source_id else [])
            involved = [groups[i] for i in ids] + [principal[i] for i in ids]
            found = self._threats.add(threatened, key, _words_of(involved), threat.severity.value)
            self._tally(
                "threat", found.index, threat.plover_type, threat.plover_mode, threat.domain
            )

    def _tally(
        self,
        kind: str,
        index: int,
        plover: PloverType | None,
        mode: ThreatMode | None,
        domain: str | None,
    ) -> None:
        tally = self._tallies.setdefault((kind, index), Counter())
        for label, value in (("type", plover), ("mode", mode), ("domain", domain)):
            if value is not None:
                tally[f"{label}:{value}"] += 1

    def _cited(self) -> set[int]:
        """Numbers of the articles some event lists."""
        cited = {a for g in self._agreements.groups for a in g.articles}
        cited.update(a for g in self._threats.groups for a in g.articles)
        return cited

    def _forget_articles(self) -> None:
        """Drop the articles past the first :data:`ARTICLES` that no event lists any more."""
        cited = self._cited()
        for number in [n for n in self._articles if n > ARTICLES and n not in cited]:
            del self._articles[number]
        self._kept_after = max(ARTICLES, 2 * len(self._articles))

    def build(self) -> Digest:
        """The digest of every briefing added so far."""
        unifier = self._parties
        unifier.resolve_surnames()
        ordered = sorted(
            unifier.parties, key=lambda g: (-g.article_count, g.name.casefold(), g.index)
        )
        names = [g.name for g in ordered]
        own = dict(zip((g.index for g in ordered), party_ids(names), strict=True))
        ids = {g.index: own[unifier.find(g.index).index] for g in unifier.groups}
        parties = [self._party(group, ids) for group in ordered]
        agreements = sorted(self._agreements.groups, key=lambda g: (-g.count, g.index))
        threats = sorted(
            self._threats.groups,
            key=lambda g: (-g.count, -_SEVERITY_ORDER.index(_gravest(g)), g.index),
        )
        cited = self._cited()
        articles = [a for n, a in sorted(self._articles.items()) if n <= ARTICLES or n in cited]
        return Digest(
            tool_version=__version__,
            article_count=self.article_count,
            articles=articles,
            parties=parties,
            agreements=[self._agreement(g, n, ids) for n, g in enumerate(agreements, 1)],
            threats=[self._threat(g, n, ids) for n, g in enumerate(threats, 1)],
            skipped_count=self.skipped_count,
            skipped=list(self._skipped),
            made_with=dict(self._made_with.most_common()),
        )

    def _party(self, group: PartyGroup, ids: dict[int, str]) -> DigestParty:
        name = group.name
        bosses = Counter[str]()
        for index, count in group.affiliations.items():
            if ids[index] != ids[group.index]:
                bosses[ids[index]] += count
        boss = min(bosses, key=lambda i: (-bosses[i], i), default=None)
        return DigestParty(
            id=ids[group.index],
            name=name,
            kind=group.kind,
            country=group.country,
            cameo_code=group.code,
            aliases=[n for n in group.names if n != name],
            roles=list(group.roles),
            affiliation_id=boss,
            article_count=group.article_count,
            common_noun=group.common_noun,
            articles=[article_id(a) for a in group.articles],
            mentions=[
                PartyMention(article=article_id(a), party_id=p, name=n)
                for a, p, n in group.mentions
            ],
        )

    def _agreement(
        self, group: EventGroup[Agreement], number: int, ids: dict[int, str]
    ) -> DigestAgreement:
        sightings = group.sightings
        reports = [
            AgreementReport(
                article=article_id(s.article),
                what=s.item.what,
                status=s.item.status,
                date=s.item.date,
                party_ids=unique(ids[i] for i in s.parties),
                evidence=s.item.evidence,
            )
            for s in sightings
        ]
        timeline = _timeline(group, agreement=True)
        tally = self._tallies.get(("agreement", group.index), Counter())
        return DigestAgreement(
            id=f"agreement-{number}",
            what=group.listed[0].item.what,
            status=timeline[-1].status or AgreementStatus.AGREED,
            plover_type=_label(tally, "type", PloverType),
            party_ids=unique(p for r in reports for p in r.party_ids),
            article_count=group.count,
            articles=[r.article for r in reports],
            first_date=group.first_date,
            last_date=group.last_date,
            last_article=article_id(group.latest.article if group.latest else 0),
            timeline=timeline,
            reports=reports,
        )

    def _threat(self, group: EventGroup[Threat], number: int, ids: dict[int, str]) -> DigestThreat:
        sightings = group.sightings
        reports = [
            ThreatReport(
                article=article_id(s.article),
                what=s.item.what,
                source_id=ids[s.source] if s.source is not None else None,
                target_ids=unique(ids[i] for i in s.parties),
                domain=s.item.domain,
                severity=s.item.severity,
                evidence=s.item.evidence,
            )
            for s in sightings
        ]
        source = next((r.source_id for r in reports if r.source_id), None)
        targets = unique(t for r in reports for t in r.target_ids)
        tally = self._tallies.get(("threat", group.index), Counter())
        domains = Counter(
            {ThreatDomain(k[7:]): v for k, v in tally.items() if k.startswith("domain:")}
        )
        return DigestThreat(
            id=f"threat-{number}",
            what=group.listed[0].item.what,
            source_id=source,
            target_ids=targets,
            party_ids=unique([source, *targets]),
            domain=max(domains, key=domains.__getitem__) if domains else reports[0].domain,
            severity=_gravest(group),
            plover_type=_label(tally, "type", PloverType),
            plover_mode=_label(tally, "mode", ThreatMode),
            article_count=group.count,
            articles=[r.article for r in reports],
            first_date=group.first_date,
            last_date=group.last_date,
            last_article=article_id(group.latest.article if group.latest else 0),
            timeline=_timeline(group, agreement=False),
            reports=reports,
        )


def _timeline(
    group: EventGroup[Agreement] | EventGroup[Threat], agreement: bool
) -> list[TimelineStep]:
    """The first sighting of each status (or severity), by date where all are dated."""
    steps: list[Sighting[Agreement] | Sighting[Threat]] = list(group.steps.values())
    dated = all(s.date for s in steps)
    steps.sort(key=lambda s: s.when if dated else ("", s.article))
    timeline: list[TimelineStep] = []
    previous: Severity | None = None
    for step in steps:
        item = step.item
        severity = item.severity if isinstance(item, Threat) else None
        status = item.status if isinstance(item, Agreement) else None
        if not timeline:
            change = "first"
        elif agreement:
            change = "status"
        else:
            grave = _SEVERITY_ORDER.index(severity or Severity.LOW)
            change = (
                "escalated" if grave > _SEVERITY_ORDER.index(previous or Severity.LOW) else "eased"
            )
        timeline.append(
            TimelineStep(
                article=article_id(step.article),
                date=step.date,
                status=status,
                severity=severity,
                change=change,  # type: ignore[arg-type]
            )
        )
        previous = severity
    return timeline


def _label(tally: Counter[str], label: str, enum: type[_Enum]) -> _Enum | None:
    """The value of ``label`` most reports give, if any."""
    values = {k.split(":", 1)[1]: v for k, v in tally.items() if k.startswith(f"{label}:")}
    if not values:
        return None
    return enum(min(values, key=lambda v: (-values[v], v)))


def _gravest(group: EventGroup[Threat]) -> Severity:
    return max((Severity(k) for k in group.steps), key=_SEVERITY_ORDER.index)


def _indices(groups: Iterable[PartyGroup]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(g.index for g in groups))


def _words_of(groups: Iterable[PartyGroup]) -> set[str]:
    return {w for g in groups for w in name_words(g.names, g.country)}
