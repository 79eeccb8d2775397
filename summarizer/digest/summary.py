"""What a digest says first, in every format: counts, the parties and events that matter most.

One holder of the choices every view of a digest makes (HTML, Markdown, the terminal):
which parties are the most mentioned, which events the most reported and the newest,
how many of a long list to show before folding the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.digest.model import Digest, DigestAgreement, DigestParty, DigestThreat
from summarizer.text import count_label

TOP = 10
"""Parties and events named in a digest's summary."""

SHOWN = 50
"""Items of a long list shown before the rest are folded ("and 120 more")."""

Event = DigestAgreement | DigestThreat


@dataclass(frozen=True)
class Highlights:
    """The summary of a digest."""

    totals: list[str]
    """The counts: "1,000 articles", "312 parties" and so on."""
    parties: list[DigestParty]
    """The most-mentioned parties, those named by a common noun ("Police") left out:
    they are several actors, not one."""
    reported: list[Event]
    """The events reported by most articles."""
    newest: list[Event]
    """The events reported last: by the latest article date, else batch order."""


def highlights(digest: Digest) -> Highlights:
    """The summary of ``digest``."""
    events: list[Event] = [*digest.agreements, *digest.threats]
    reported = sorted(events, key=lambda e: -e.article_count)[:TOP]
    newest = sorted(events, key=_recency, reverse=True)[:TOP]
    actors = [p for p in digest.parties if not p.common_noun][:TOP]
    return Highlights(totals(digest), actors, reported, newest)


def totals(digest: Digest) -> list[str]:
    """The digest's counts, as words."""
    facts = [
        count_label(digest.article_count, "article"),
        count_label(len(digest.parties), "party", "parties"),
        count_label(len(digest.agreements), "agreement"),
        count_label(len(digest.threats), "threat"),
    ]
    if digest.skipped_count:
        facts.append(f"{count_label(digest.skipped_count, 'input')} skipped")
    return facts


def more(total: int, shown: int) -> str | None:
    """The note for a folded list ("and 120 more"), or None when all are shown."""
    return f"and {total - shown:,} more" if total > shown else None


def codes_of(party: DigestParty) -> list[str]:
    """A party's ISO country code and its CAMEO code, each once ("USA", not "USA USA")."""
    return list(dict.fromkeys(c for c in (party.country, party.cameo_code) if c))


def kind_of(party: DigestParty) -> str:
    """A party's kind as words, saying when its name stands for several actors."""
    kind = label(party.kind.value)
    return f"{kind}, several actors" if party.common_noun else kind


def label(value: str) -> str:
    """An enum value as words: "in_force" → "in force"."""
    return value.replace("_", " ")


def _recency(event: Event) -> tuple[str, int]:
    return (event.last_date or "", int(event.last_article[1:] or 0))
