"""The digest schema: what ``briefing digest`` produces from the briefings of a batch.

Pure pydantic over :mod:`summarizer.schema`, like it stable and versioned: bump
:data:`DIGEST_SCHEMA_VERSION` on any change a consumer could notice. Articles get short
ids (``A1``, ``A2`` …) that parties and events cite; evidence keeps the offsets of the
briefing it came from, so each quote can be found in its own article.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.schema import (
    AgreementStatus,
    ArticleInfo,
    Evidence,
    PartyKind,
    Severity,
    ThreatDomain,
)

DIGEST_SCHEMA_VERSION = "1.0"
"""Version of the :class:`Digest` schema."""


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
    country: str | None = Field(description="ISO 3166 alpha-3 code when the party is a country.")
    aliases: list[str] = Field(description="Every other name the articles use for it.")
    roles: list[str] = Field(description="Roles or titles the articles give it.")
    affiliation_id: str | None = Field(description="Id of the digest party it belongs to, if any.")
    article_count: int = Field(description="Number of articles mentioning the party.")
    articles: list[str] = Field(description="Ids of the articles mentioning the party.")
    mentions: list[PartyMention]


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


class DigestAgreement(_Model):
    """An agreement reported by one or more articles, with what each of them says."""

    kind: Literal["agreement"] = "agreement"
    id: str
    what: str = Field(description="As the first article reporting it puts it.")
    status: AgreementStatus = Field(
        description="The furthest status any article reports, in the order of AgreementStatus."
    )
    party_ids: list[str] = Field(description="Digest ids of every party any report names.")
    article_count: int
    articles: list[str] = Field(description="Ids of the articles reporting it.")
    reports: list[AgreementReport]


class DigestThreat(_Model):
    """A threat reported by one or more articles, with what each of them says."""

    kind: Literal["threat"] = "threat"
    id: str
    what: str = Field(description="As the first article reporting it puts it.")
    source_id: str | None
    target_ids: list[str]
    party_ids: list[str] = Field(description="The source, then the targets.")
    domain: ThreatDomain = Field(description="The domain most reports give; the first on a tie.")
    severity: Severity = Field(description="The gravest severity any article reports.")
    article_count: int
    articles: list[str] = Field(description="Ids of the articles reporting it.")
    reports: list[ThreatReport]


class SkippedInput(_Model):
    """A file or manifest line that gave no briefing to the digest, and why."""

    path: str = Field(description="File or source, relative to the batch folder when inside it.")
    reason: str


class Digest(_Model):
    """The briefings of a batch merged: parties unified, same events grouped."""

    schema_version: str = DIGEST_SCHEMA_VERSION
    tool_version: str
    articles: list[DigestArticle]
    parties: list[DigestParty]
    agreements: list[DigestAgreement]
    threats: list[DigestThreat]
    skipped: list[SkippedInput]

    def article(self, article_id: str) -> DigestArticle | None:
        """The article with this id, if any."""
        return next((a for a in self.articles if a.id == article_id), None)

    def party(self, party_id: str) -> DigestParty | None:
        """The party with this id, if any."""
        return next((p for p in self.parties if p.id == party_id), None)
