"""The public briefing schema: what `briefing` produces and what users import.

Pure pydantic, no I/O and no import of the rest of the package, so that
``from summarizer.schema import Briefing`` works without the openai SDK or spaCy.
Bump :data:`SCHEMA_VERSION` on any change a consumer could notice.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.2"
"""Version of the public :class:`Briefing` schema.

1.1 added the party kind ``group``, the party codes ``country_code`` (ISO 3166-1 alpha-3) and
``cameo_code``, and the PLOVER ``plover_type`` of agreements and threats with the threat's
``plover_mode``. 1.2 added the provenance's ``served_model``. Every new field has a default,
so a 1.0 or 1.1 briefing reads as 1.2.
"""


class PartyKind(StrEnum):
    """What sort of actor a party is."""

    STATE = "state"
    PERSON = "person"
    ORGANIZATION = "organization"
    ARMED_GROUP = "armed_group"
    COMPANY = "company"
    GROUP = "group"
    """An unnamed or collective actor: police, officials, rebels, protesters, a people."""
    OTHER = "other"


class AgreementStatus(StrEnum):
    """How far an agreement has gone, as the article states it."""

    PROPOSED = "proposed"
    AGREED = "agreed"
    REAFFIRMED = "reaffirmed"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    VIOLATED = "violated"


class ThreatDomain(StrEnum):
    """The field a threat belongs to."""

    MILITARY = "military"
    NUCLEAR = "nuclear"
    CYBER = "cyber"
    ECONOMIC = "economic"
    TERRITORIAL = "territorial"
    POLITICAL = "political"
    OTHER = "other"


class Severity(StrEnum):
    """How grave a threat is, from the article's own wording."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class PloverType(StrEnum):
    """The PLOVER event types (openeventdata/PLOVER, the PLOVER manual, CC BY-SA 4.0)."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class ThreatMode(StrEnum):
    """What a threat threatens: the modes of PLOVER's THREATEN event type."""

    RESTRICT = "restrict"
    """Restrict movement of people or goods: boycotts, strikes, blockades, curfews, bans."""
    ARREST = "arrest"
    """Arrest, detain, imprison."""
    RELATIONS = "relations"
    """Suspend relations or ongoing talks, meetings or negotiations."""
    EXPEL = "expel"
    """Expel diplomats, peacekeepers, NGOs."""
    TERRITORY = "territory"
    """Occupy or seize the whole or part of a territory."""
    VIOLENCE = "violence"
    """Violence, military force included."""


class EvidenceStatus(StrEnum):
    """How a quote was found in the article.

    ``exact``: verbatim; ``normalised``: equal after folding whitespace, quote marks,
    dashes and case; ``fuzzy``: a close match over one contiguous span;
    ``unverified``: not found, so ``start``/``end``/``text`` are null.
    """

    EXACT = "exact"
    NORMALISED = "normalised"
    FUZZY = "fuzzy"
    UNVERIFIED = "unverified"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Evidence(_Model):
    """A passage of the article supporting an item, located by our code."""

    quote: str = Field(description="The quote as the engine gave it.")
    start: int | None = Field(description="Start offset in the article text; null if unverified.")
    end: int | None = Field(description="End offset (exclusive); null if unverified.")
    text: str | None = Field(description="The article text at [start:end]; null if unverified.")
    status: EvidenceStatus
    score: float = Field(description="Similarity of quote and text, 0 to 100.")

    @property
    def verified(self) -> bool:
        """Whether the quote was located in the article."""
        return self.status is not EvidenceStatus.UNVERIFIED


class _Grounded(_Model):
    evidence: list[Evidence] = Field(description="Passages of the article supporting this item.")

    @property
    def verified(self) -> bool:
        """Whether at least one piece of evidence was located in the article."""
        return any(e.verified for e in self.evidence)


class Party(_Grounded):
    """A state, person, organisation, armed group or company involved in the events."""

    id: str = Field(description="Stable identifier, derived from the name, unique in the briefing.")
    name: str
    kind: PartyKind
    aliases: list[str] = Field(description="Other names the article uses for this party.")
    role: str | None = Field(description="Role or title, e.g. 'US Secretary of State'.")
    affiliation: str | None = Field(description="Who the party belongs to, as stated.")
    affiliation_id: str | None = Field(
        description="Id of the affiliated party, if in this briefing."
    )
    country_code: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-3 code of the state the party is or belongs to, if known.",
    )
    cameo_code: str | None = Field(
        default=None,
        description="CAMEO actor code (country and sector codes, e.g. 'USAGOV', 'IGOUNO'), "
        "where an actor dictionary knows the party; the key that joins it across articles.",
    )


class Agreement(_Grounded):
    """Something parties agreed, proposed, reaffirmed, signed or broke."""

    what: str
    party_ids: list[str] = Field(description="Ids of the parties to the agreement.")
    status: AgreementStatus
    date: str | None = Field(description="The date as stated in the article, if any.")
    plover_type: PloverType | None = Field(
        default=None, description="The PLOVER event type, where it is clear (AGREE)."
    )


class Threat(_Grounded):
    """A threat the article describes: who threatens whom, how, how gravely."""

    what: str
    source_id: str | None = Field(description="Id of the party posing the threat.")
    target_ids: list[str] = Field(description="Ids of the parties threatened.")
    domain: ThreatDomain
    severity: Severity
    plover_type: PloverType | None = Field(
        default=None, description="The PLOVER event type, where it is clear (THREATEN)."
    )
    plover_mode: ThreatMode | None = Field(
        default=None, description="What is threatened, as a PLOVER THREATEN mode, where clear."
    )


class Usage(_Model):
    """Tokens used, summed over every request made for the briefing."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        """Sum two usages."""
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class ArticleInfo(_Model):
    """What is known of the source article, without its text."""

    source: str = Field(description="Path, URL or '-' for standard input.")
    sha256: str = Field(description="SHA-256 of the article text (UTF-8) that offsets refer to.")
    chars: int
    title: str | None
    url: str | None
    date: str | None
    author: str | None
    site: str | None


class Provenance(_Model):
    """How the briefing was made."""

    engine: str
    model: str | None = Field(
        description="The model asked for (a name, an alias or an Azure deployment); null offline."
    )
    served_model: str | None = Field(
        default=None,
        description=(
            "The model the server said answered (the chat completion's `model`), when it said: "
            "a dated snapshot for an alias, the model behind an Azure deployment or a router; "
            "comma-separated when passages were answered by different models."
        ),
    )
    output_mode: str | None = Field(description="json_schema, json_object or tools; null offline.")
    prompt_version: str | None
    schema_version: str = SCHEMA_VERSION
    tool_version: str
    source_sha256: str
    attempts: int = Field(description="Requests that produced a reply, re-asks included.")
    chunks: int = Field(description="Parts the article was split into for the engine.")
    usage: Usage
    duration_s: float
    created_at: datetime


class Briefing(_Model):
    """A structured briefing of one article, every item backed by located evidence."""

    schema_version: str = SCHEMA_VERSION
    headline: str
    summary: str
    parties: list[Party]
    agreements: list[Agreement]
    threats: list[Threat]
    article: ArticleInfo
    provenance: Provenance
    warnings: list[str] = Field(
        default_factory=list,
        description="Problems left after every attempt, e.g. unverified quotes.",
    )

    def party(self, party_id: str) -> Party | None:
        """The party with this id, if any."""
        return next((p for p in self.parties if p.id == party_id), None)

    def evidence(self) -> list[Evidence]:
        """All evidence of the briefing, in section order."""
        items: list[_Grounded] = [*self.parties, *self.agreements, *self.threats]
        return [e for item in items for e in item.evidence]
