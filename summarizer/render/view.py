"""What every renderer shows the same way: sections, items, evidence labels, excerpts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum

from summarizer.schema import (
    Agreement,
    Briefing,
    Evidence,
    EvidenceStatus,
    Party,
    Provenance,
    Threat,
)
from summarizer.text import BIDI_CONTROLS

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


class Section(StrEnum):
    """The three kinds of item a briefing holds, in the order they are shown."""

    PARTIES = "parties"
    AGREEMENTS = "agreements"
    THREATS = "threats"

    @property
    def heading(self) -> str:
        """The heading of the section."""
        return self.value.capitalize()

    @property
    def singular(self) -> str:
        """The name of one item of the section."""
        return _SINGULAR[self]


_SINGULAR = {Section.PARTIES: "party", Section.AGREEMENTS: "agreement", Section.THREATS: "threat"}


@dataclass(frozen=True)
class Item:
    """One party, agreement or threat, with the key that names it on a page."""

    section: Section
    index: int
    subject: Party | Agreement | Threat

    @property
    def key(self) -> str:
        """A short id unique in the briefing, e.g. ``p0`` or ``t2``."""
        return f"{self.section.value[0]}{self.index}"

    @property
    def title(self) -> str:
        """The party's name, or what was agreed or threatened."""
        subject = self.subject
        return subject.name if isinstance(subject, Party) else subject.what

    @property
    def evidence(self) -> list[Evidence]:
        """The item's evidence."""
        return self.subject.evidence

    def evidence_key(self, position: int) -> str:
        """The id of the item's evidence at ``position``, e.g. ``p0e1``."""
        return f"{self.key}e{position}"


def items(briefing: Briefing) -> list[Item]:
    """Every item of the briefing, section by section."""
    return [
        *(Item(Section.PARTIES, n, party) for n, party in enumerate(briefing.parties)),
        *(
            Item(Section.AGREEMENTS, n, agreement)
            for n, agreement in enumerate(briefing.agreements)
        ),
        *(Item(Section.THREATS, n, threat) for n, threat in enumerate(briefing.threats)),
    ]


def party_name(briefing: Briefing, party_id: str) -> str:
    """The name of a party of the briefing, or the id itself if no party has it."""
    party = briefing.party(party_id)
    return party.name if party is not None else party_id


def status_label(evidence: Evidence) -> str:
    """How the evidence was located, in words: ``exact``, ``fuzzy 93%``, ``unverified``."""
    if evidence.status is EvidenceStatus.FUZZY:
        return f"fuzzy {evidence.score:.0f}%"
    return evidence.status.value


def made_by(provenance: Provenance) -> str:
    """What made a briefing, in a few words: engine, model, output mode, prompt and schema.

    Briefings told apart by these were made with different settings.
    """
    parts = [provenance.engine, provenance.model or "", provenance.output_mode or ""]
    if provenance.prompt_version:
        parts.append(f"prompt {provenance.prompt_version}")
    parts.append(f"schema {provenance.schema_version}")
    return " ".join(part for part in parts if part)


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\ufffd``.

    Those that could drive a terminal, and the bidirectional controls that would reorder
    the text around them (:data:`~summarizer.text.BIDI_CONTROLS`).
    """
    return _CONTROL.sub("\ufffd", text)


def excerpt(text: str, limit: int | None = None) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis past ``limit`` chars."""
    flat = _SPACES.sub(" ", text).strip()
    if limit is None or len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if flat[limit - 1] != " " and space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


def evidence_text(evidence: Evidence) -> str:
    """The passage to show: the article's text if located, else the quote as given."""
    return evidence.text if evidence.text is not None else evidence.quote


def article_mismatch(briefing: Briefing, text: str) -> str | None:
    """Why ``text`` is not the article the briefing's offsets refer to, or None if it is."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest == briefing.article.sha256:
        return None
    return (
        f"the article text given (sha256 {digest[:12]}…) is not the one this briefing was "
        f"made from (sha256 {briefing.article.sha256[:12]}…); its evidence is not shown in it"
    )


def located(evidence: Evidence, text: str) -> bool:
    """Whether the evidence has offsets that point at its own text in ``text``."""
    start, end = evidence.start, evidence.end
    if not evidence.verified or start is None or end is None:
        return False
    return 0 <= start < end <= len(text) and text[start:end] == evidence.text
