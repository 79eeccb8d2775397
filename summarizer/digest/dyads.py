"""Dyadic event data: one row per source, target and event, as event data sets are laid out.

Each agreement gives a row for every pair of its parties (PLOVER's AGREE is mutual, so
the pair is written once, in the order the briefing lists them); each threat a row from
its source to each of its targets. A party is named as its briefing names it, with its
CAMEO actor code (else its ISO 3166-1 alpha-3 country code) beside it. Rows are made
from one briefing at a time, so an export streams: memory does not grow with the batch.

```python
for row in event_rows(briefing, "a.json"):
    print(row.model_dump_json())
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import combinations
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.digest.build import article_date
from summarizer.schema import Briefing, Evidence, Party, PloverType, ThreatMode


class EventRow(BaseModel):
    """One dyad of one event of one article."""

    model_config = ConfigDict(extra="forbid")

    date: str | None = Field(description="The article's date (ISO), if known.")
    article: str = Field(description="The article's source (path or URL).")
    file: str | None = Field(description="Its briefing file, relative to the batch folder.")
    sha256: str = Field(description="SHA-256 of the article text.")
    kind: Literal["agreement", "threat"]
    plover_type: PloverType | None
    plover_mode: ThreatMode | None = Field(description="Threats: the PLOVER THREATEN mode.")
    source: str | None = Field(description="Name of the source actor (the threatening party).")
    source_code: str | None = Field(description="Its CAMEO code, else its ISO country code.")
    target: str | None = Field(description="Name of the target actor.")
    target_code: str | None = Field(description="Its CAMEO code, else its ISO country code.")
    status: str = Field(description="Agreements: the status; threats: the severity.")
    what: str
    quote: str | None = Field(description="The first located passage of its evidence.")


def event_rows(briefing: Briefing, file: str | None = None) -> Iterator[EventRow]:
    """The dyads of every agreement and threat of ``briefing``."""
    parties = {p.id: p for p in briefing.parties}
    date, article, sha256 = article_date(briefing), briefing.article.source, briefing.article.sha256
    for agreement in briefing.agreements:
        listed = [parties[i] for i in agreement.party_ids if i in parties]
        pairs: list[tuple[Party | None, Party | None]] = list(combinations(listed, 2))
        for source, target in pairs or [(listed[0] if listed else None, None)]:
            yield EventRow(
                date=date,
                article=article,
                file=file,
                sha256=sha256,
                kind="agreement",
                plover_type=agreement.plover_type,
                plover_mode=None,
                **_actor("source", source),
                **_actor("target", target),
                status=agreement.status.value,
                what=agreement.what,
                quote=_quote(agreement.evidence),
            )
    for threat in briefing.threats:
        source = parties.get(threat.source_id or "")
        targets: list[Party | None] = [parties[i] for i in threat.target_ids if i in parties]
        for target in targets or [None]:
            yield EventRow(
                date=date,
                article=article,
                file=file,
                sha256=sha256,
                kind="threat",
                plover_type=threat.plover_type,
                plover_mode=threat.plover_mode,
                **_actor("source", source),
                **_actor("target", target),
                status=threat.severity.value,
                what=threat.what,
                quote=_quote(threat.evidence),
            )


def _actor(role: str, party: Party | None) -> dict[str, str | None]:
    """``source`` and ``source_code`` (or ``target`` …) of a party."""
    if party is None:
        return {role: None, f"{role}_code": None}
    return {role: party.name, f"{role}_code": party.cameo_code or party.country_code}


def _quote(evidence: Sequence[Evidence]) -> str | None:
    return next((e.text for e in evidence if e.text), None)
