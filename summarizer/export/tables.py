"""The briefings of a batch as related tables, for SQL, pandas or polars.

Seven tables, each keyed by the batch input's id (``article_id``) and the item's place:

==================  =====================================  ==========================
table               key                                    refers to
==================  =====================================  ==========================
articles            article_id                             (every input of the batch)
parties             article_id, party_id                   articles
agreements          article_id, agreement_id               articles
agreement_parties   article_id, agreement_id, party_id     agreements, parties
threats             article_id, threat_id                  articles; source_id → parties
threat_targets      article_id, threat_id, party_id        threats, parties
evidence            article_id, item_type, item_id,        parties, agreements or
                    evidence_no                            threats (by item_type)
==================  =====================================  ==========================

``party_id`` is the briefing's own party id (stable, from the name); ``agreement_id`` and
``threat_id`` are ``agreement-1``, ``threat-1``… in the briefing's order, so the keys of
an export are the same every time the same briefings are exported. Every input is an
``articles`` row, with its batch status and error; only ``ok`` inputs have items.
Evidence offsets are ``start_char`` / ``end_char`` (``article[start_char:end_char]``),
null when the quote is unverified. Schema 1.1 fields are columns: party
``country_code`` (ISO 3166-1 alpha-3) and ``cameo_code``, ``plover_type`` of agreements
and threats, threat ``plover_mode``.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Any

import pyarrow as pa

from summarizer.batch.manifest import ManifestLine
from summarizer.schema import Briefing, Evidence

_STR = pa.string()
TABLES: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article_id", _STR),
            ("source", _STR),
            ("sha256", _STR),
            ("status", _STR),
            ("error", _STR),
            ("title", _STR),
            ("url", _STR),
            ("date", _STR),
            ("author", _STR),
            ("site", _STR),
            ("chars", pa.int64()),
            ("headline", _STR),
            ("summary", _STR),
            ("engine", _STR),
            ("model", _STR),
            ("schema_version", _STR),
            ("created_at", pa.timestamp("us", tz="UTC")),
            ("warnings", pa.list_(_STR)),
        ]
    ),
    "parties": pa.schema(
        [
            ("article_id", _STR),
            ("party_id", _STR),
            ("name", _STR),
            ("kind", _STR),
            ("aliases", pa.list_(_STR)),
            ("role", _STR),
            ("affiliation", _STR),
            ("affiliation_id", _STR),
            ("country_code", _STR),
            ("cameo_code", _STR),
        ]
    ),
    "agreements": pa.schema(
        [
            ("article_id", _STR),
            ("agreement_id", _STR),
            ("what", _STR),
            ("status", _STR),
            ("date", _STR),
            ("plover_type", _STR),
        ]
    ),
    "agreement_parties": pa.schema(
        [("article_id", _STR), ("agreement_id", _STR), ("party_id", _STR)]
    ),
    "threats": pa.schema(
        [
            ("article_id", _STR),
            ("threat_id", _STR),
            ("what", _STR),
            ("source_id", _STR),
            ("domain", _STR),
            ("severity", _STR),
            ("plover_type", _STR),
            ("plover_mode", _STR),
        ]
    ),
    "threat_targets": pa.schema([("article_id", _STR), ("threat_id", _STR), ("party_id", _STR)]),
    "evidence": pa.schema(
        [
            ("article_id", _STR),
            ("item_type", _STR),
            ("item_id", _STR),
            ("evidence_no", pa.int32()),
            ("quote", _STR),
            ("start_char", pa.int64()),
            ("end_char", pa.int64()),
            ("text", _STR),
            ("status", _STR),
            ("score", pa.float64()),
        ]
    ),
}
"""Each table's columns, in order."""

KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "parties": ("article_id", "party_id"),
    "agreements": ("article_id", "agreement_id"),
    "agreement_parties": ("article_id", "agreement_id", "party_id"),
    "threats": ("article_id", "threat_id"),
    "threat_targets": ("article_id", "threat_id", "party_id"),
    "evidence": ("article_id", "item_type", "item_id", "evidence_no"),
}
"""Each table's primary key."""

Row = tuple[str, dict[str, Any]]
"""A table's name and one row of it."""


def article_rows(line: ManifestLine, briefing: Briefing | None, error: str | None) -> Iterator[Row]:
    """The rows one batch input gives: its ``articles`` row, then its items' rows.

    ``briefing`` is None for an input with no briefing (or whose briefing could not be
    read: ``error`` then says why, in place of the manifest's); a failed input may bring
    the briefing an earlier run made, which its failure kept.
    """
    article_id = line.id
    yield "articles", _article(line, briefing, error)
    if briefing is None:
        return
    seen_parties: set[str] = set()
    for party in briefing.parties:
        if party.id in seen_parties:
            continue  # the key holds even for a hand-edited briefing repeating an id
        seen_parties.add(party.id)
        yield (
            "parties",
            {
                "article_id": article_id,
                "party_id": party.id,
                "name": party.name,
                "kind": party.kind.value,
                "aliases": party.aliases,
                "role": party.role,
                "affiliation": party.affiliation,
                "affiliation_id": party.affiliation_id,
                "country_code": party.country_code,
                "cameo_code": party.cameo_code,
            },
        )
        yield from _evidence(article_id, "party", party.id, party.evidence)
    for number, agreement in enumerate(briefing.agreements, 1):
        agreement_id = f"agreement-{number}"
        yield (
            "agreements",
            {
                "article_id": article_id,
                "agreement_id": agreement_id,
                "what": agreement.what,
                "status": agreement.status.value,
                "date": agreement.date,
                "plover_type": _value(agreement.plover_type),
            },
        )
        for party_id in dict.fromkeys(agreement.party_ids):
            yield (
                "agreement_parties",
                {
                    "article_id": article_id,
                    "agreement_id": agreement_id,
                    "party_id": party_id,
                },
            )
        yield from _evidence(article_id, "agreement", agreement_id, agreement.evidence)
    for number, threat in enumerate(briefing.threats, 1):
        threat_id = f"threat-{number}"
        yield (
            "threats",
            {
                "article_id": article_id,
                "threat_id": threat_id,
                "what": threat.what,
                "source_id": threat.source_id,
                "domain": threat.domain.value,
                "severity": threat.severity.value,
                "plover_type": _value(threat.plover_type),
                "plover_mode": _value(threat.plover_mode),
            },
        )
        for party_id in dict.fromkeys(threat.target_ids):
            yield (
                "threat_targets",
                {
                    "article_id": article_id,
                    "threat_id": threat_id,
                    "party_id": party_id,
                },
            )
        yield from _evidence(article_id, "threat", threat_id, threat.evidence)


def _article(line: ManifestLine, briefing: Briefing | None, error: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "article_id": line.id,
        "source": line.source,
        "sha256": line.sha256,
        "status": line.status,
        "error": error if error is not None else line.error,
    }
    if briefing is None:
        return row
    info, provenance = briefing.article, briefing.provenance
    row.update(
        sha256=info.sha256,
        title=info.title,
        url=info.url,
        date=info.date,
        author=info.author,
        site=info.site,
        chars=info.chars,
        headline=briefing.headline,
        summary=briefing.summary,
        engine=provenance.engine,
        model=provenance.model,
        schema_version=briefing.schema_version,
        created_at=provenance.created_at,
        warnings=briefing.warnings,
    )
    return row


def _evidence(
    article_id: str, item_type: str, item_id: str, evidence: list[Evidence]
) -> Iterator[Row]:
    for number, item in enumerate(evidence, 1):
        yield (
            "evidence",
            {
                "article_id": article_id,
                "item_type": item_type,
                "item_id": item_id,
                "evidence_no": number,
                "quote": item.quote,
                "start_char": item.start,
                "end_char": item.end,
                "text": item.text,
                "status": item.status.value,
                "score": item.score,
            },
        )


def _value(member: StrEnum | None) -> str | None:
    return None if member is None else str(member)
