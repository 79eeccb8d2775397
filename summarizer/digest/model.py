"""The digest schema: what ``briefing digest`` produces from the briefings of a batch.

Pure pydantic over :mod:`summarizer.schema`, like it stable and versioned: bump
:data:`DIGEST_SCHEMA_VERSION` on any change a consumer could notice. Articles get short
ids (``A1``, ``A2`` …) that parties and events cite; evidence keeps the offsets of the
briefing it came from, so each quote can be found in its own article.

A digest holds a bounded amount per party and per event, however many articles report
them: the first :data:`LISTED` articles and mentions of a party, the first
:data:`REPORTS` reports of an event with those that changed its course, and counts of
the rest. The full per-article record is the event export (:mod:`summarizer.digest.dyads`)
and the briefings themselves.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.schema import (
    AgreementStatus,
    ArticleInfo,
    Evidence,
    PartyKind,
    PloverType,
    Severity,
    ThreatDomain,
    ThreatMode,
)

DIGEST_SCHEMA_VERSION = "2.1"
"""Version of the :class:`Digest` schema.

2.1: the digest gains ``made_with``, what made its briefings (more than one entry: they
were made with different settings); parties gain ``common_noun``, set on a party named
by a common noun without a country ("Police"): the several actors of its articles,
counted under one name.

2.0: lists are bounded (``articles`` of parties and events, ``reports``, the digest's
``articles`` and ``skipped``) with their full counts beside them; parties gain
``cameo_code``, events ``plover_type`` (threats ``plover_mode``), a ``timeline`` and the
dates they were first and last reported; the digest gains ``article_count`` and
``skipped_count``.
"""

LISTED = 20
"""Mentions listed per party (and so articles); the rest are counted."""

REPORTS = 10
"""Reports listed per event besides its timeline's and its latest; the rest are counted."""

ARTICLES = 1000
"""Articles listed in the digest besides those its parties and events cite."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DigestArticle(_Model):
    """One article of the digest and the briefing it came from."""

    id: str = Field(description="Short id the digest cites the article by: A1, A2 …")
    file: str | None = Field(description="The briefing file, relative to the batch folder.")
    headline: str
    parties: int = Field(description="Parties in the article's briefing.")
    agreements: int = Field(description="Agreements in the article's briefing.")
    threats: int = Field(description="Threats in the article's briefing.")
    info: ArticleInfo

    @property
    def name(self) -> str:
        """How the article is named to a reader: its title, else its source."""
        return self.info.title or self.info.source


class PartyMention(_Model):
    """How one article names a party."""

    article: str = Field(description="Id of the article.")
    party_id: str = Field(description="Id of the party in that article's briefing.")
    name: str = Field(description="The name that briefing gives the party.")


class DigestParty(_Model):
    """A party unified across articles."""

    id: str = Field(description="Stable identifier, derived from the name, unique in the digest.")
    name: str
    kind: PartyKind
    country: str | None = Field(
        description="ISO 3166-1 alpha-3 of the state the party is or belongs to, if known."
    )
    cameo_code: str | None = Field(
        default=None, description="CAMEO actor code most of its articles give it, if any."
    )
    aliases: list[str] = Field(description="Every other name the articles use for it.")
    roles: list[str] = Field(description="Roles or titles the articles give it.")
    affiliation_id: str | None = Field(description="Id of the digest party it belongs to, if any.")
    article_count: int = Field(description="Number of articles mentioning the party.")
    common_noun: bool = Field(
        default=False,
        description="Named by a common noun without a country ('Police', 'Officials'): "
        "the several actors of its articles counted under one name, not one actor.",
    )
    articles: list[str] = Field(
        description=f"Ids of the first articles mentioning the party (at most {LISTED})."
    )
    mentions: list[PartyMention] = Field(description=f"The first {LISTED} mentions.")


class AgreementReport(_Model):
    """An agreement as one article reports it."""

    article: str = Field(description="Id of the article.")
    what: str
    status: AgreementStatus
    date: str | None
    party_ids: list[str] = Field(description="Digest ids of the parties this article names.")
    evidence: list[Evidence]


class ThreatReport(_Model):
    """A threat as one article reports it."""

    article: str = Field(description="Id of the article.")
    what: str
    source_id: str | None = Field(description="Digest id of the threatening party.")
    target_ids: list[str] = Field(description="Digest ids of the parties threatened.")
    domain: ThreatDomain
    severity: Severity
    evidence: list[Evidence]


class TimelineStep(_Model):
    """The first report of an agreement's status, or of a threat's severity."""

    article: str = Field(description="Id of the article reporting it first.")
    date: str | None = Field(description="That article's date (ISO), if known.")
    status: AgreementStatus | None = Field(description="Agreements: the status reported.")
    severity: Severity | None = Field(description="Threats: the severity reported.")
    change: Literal["first", "status", "escalated", "eased"] = Field(
        description="first report; agreements: a new status; threats: graver or milder."
    )


class _Event(_Model):
    id: str
    what: str = Field(description="As the first article reporting it puts it.")
    party_ids: list[str] = Field(description="Digest ids of every party any listed report names.")
    article_count: int = Field(description="Number of articles reporting it.")
    articles: list[str] = Field(description="Ids of the articles of the listed reports.")
    first_date: str | None = Field(description="Earliest date (ISO) of an article reporting it.")
    last_date: str | None = Field(description="Latest date (ISO) of an article reporting it.")
    last_article: str = Field(description="Id of the last article (in batch order) reporting it.")
    timeline: list[TimelineStep] = Field(
        description="Its course by date (else batch order): each status or severity first seen."
    )


class DigestAgreement(_Event):
    """An agreement reported by one or more articles, with what each of them says."""

    kind: Literal["agreement"] = "agreement"
    status: AgreementStatus = Field(
        description="The status of the latest step of its timeline (by date, else batch order)."
    )
    plover_type: PloverType | None = Field(description="PLOVER event type most reports give.")
    reports: list[AgreementReport] = Field(
        description=f"The first {REPORTS} reports, each timeline step's and the latest."
    )


class DigestThreat(_Event):
    """A threat reported by one or more articles, with what each of them says."""

    kind: Literal["threat"] = "threat"
    source_id: str | None
    target_ids: list[str]
    domain: ThreatDomain = Field(description="The domain most reports give; the first on a tie.")
    severity: Severity = Field(description="The gravest severity any article reports.")
    plover_type: PloverType | None = Field(description="PLOVER event type most reports give.")
    plover_mode: ThreatMode | None = Field(description="PLOVER THREATEN mode most reports give.")
    reports: list[ThreatReport] = Field(
        description=f"The first {REPORTS} reports, each timeline step's and the latest."
    )


class SkippedInput(_Model):
    """A file or manifest line that gave no briefing to the digest, and why."""

    path: str = Field(description="File or source, relative to the batch folder when inside it.")
    reason: str


class Digest(_Model):
    """The briefings of a batch merged: parties unified, same events grouped."""

    schema_version: str = DIGEST_SCHEMA_VERSION
    tool_version: str
    article_count: int = Field(description="Articles merged.")
    articles: list[DigestArticle] = Field(
        description=f"The first {ARTICLES} articles and every other one an event cites."
    )
    parties: list[DigestParty]
    agreements: list[DigestAgreement]
    threats: list[DigestThreat]
    skipped_count: int = Field(description="Inputs that gave no briefing.")
    skipped: list[SkippedInput] = Field(description=f"The first {ARTICLES} of them.")
    made_with: dict[str, int] = Field(
        default_factory=dict,
        description="Briefings merged, by what made them (engine, model, output mode, prompt "
        "and schema versions), most first. More than one entry: the briefings were made "
        "with different settings, and may differ for that alone.",
    )

    def article(self, article_id: str) -> DigestArticle | None:
        """The article with this id, if listed."""
        return next((a for a in self.articles if a.id == article_id), None)

    def party(self, party_id: str) -> DigestParty | None:
        """The party with this id, if any."""
        return next((p for p in self.parties if p.id == party_id), None)
