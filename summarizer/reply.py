"""The REPLY schema: what an engine fills in, before our code locates any evidence.

Kept strict-mode compatible (every field required, nullable instead of optional, no
defaults, ``additionalProperties: false``) and small; field descriptions are part of the
prompt. Bump :data:`REPLY_SCHEMA_VERSION` whenever the JSON Schema changes.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from summarizer.schema import AgreementStatus, PartyKind, Severity, ThreatDomain

REPLY_SCHEMA_VERSION = "1.1"
"""Version of the reply schema; part of every cache key."""

_QUOTES = (
    "Verbatim passages copied character for character from the article that support this item "
    "(a clause or sentence each)."
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReplyParty(_Strict):
    """A party as the engine names it."""

    name: str = Field(description="Full name as in the article, e.g. 'Antony Blinken', 'Japan'.")
    kind: PartyKind
    aliases: list[str] = Field(description="Other names or demonyms used for it in the article.")
    role: str | None = Field(description="Role or title stated in the article, else null.")
    affiliation: str | None = Field(description="Name of the party it belongs to, else null.")
    quotes: list[str] = Field(description=_QUOTES)


class ReplyAgreement(_Strict):
    """An agreement as the engine describes it."""

    what: str = Field(description="What was agreed, in a short phrase.")
    parties: list[str] = Field(description="Names of the agreeing parties, as in 'parties'.")
    status: AgreementStatus
    date: str | None = Field(description="Date as stated in the article, else null.")
    quotes: list[str] = Field(description=_QUOTES)


class ReplyThreat(_Strict):
    """A threat as the engine describes it."""

    what: str = Field(description="The threat, in a short phrase.")
    source: str | None = Field(description="Name of the threatening party, as in 'parties'.")
    targets: list[str] = Field(description="Names of the threatened parties, as in 'parties'.")
    domain: ThreatDomain
    severity: Severity
    quotes: list[str] = Field(description=_QUOTES)


class Reply(_Strict):
    """A briefing of one article, before grounding."""

    headline: str = Field(description="One-line headline of the article's main event.")
    summary: str = Field(description="Two to four sentence neutral summary.")
    parties: list[ReplyParty]
    agreements: list[ReplyAgreement]
    threats: list[ReplyThreat]

    def quotes(self) -> list[str]:
        """Every quote of the reply, in section order."""
        items: list[ReplyParty | ReplyAgreement | ReplyThreat] = [
            *self.parties,
            *self.agreements,
            *self.threats,
        ]
        return [q for item in items for q in item.quotes]


def _strip_titles(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: _strip_titles(v)
            for k, v in node.items()
            if not (k == "title" and isinstance(v, str))
        }
    if isinstance(node, list):
        return [_strip_titles(v) for v in node]
    return node


@cache
def reply_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Reply`, without pydantic's generated titles."""
    schema: dict[str, Any] = _strip_titles(Reply.model_json_schema())
    return schema


@cache
def reply_json_schema_text() -> str:
    """:func:`reply_json_schema` as compact JSON, for prompts."""
    return json.dumps(reply_json_schema(), separators=(",", ":"), ensure_ascii=False)
