"""What every renderer shows the same way: sections, items, evidence labels, excerpts."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from summarizer.metadata import AUTHOR_SEPARATOR, same_words
from summarizer.schema import (
    Agreement,
    Briefing,
    Evidence,
    EvidenceStatus,
    Party,
    Provenance,
    Threat,
    Usage,
)

_SPACES = re.compile(r"\s+")
_SENTENCE_START = re.compile(r'(?:^|[.!?][”"’)]?\s+)(?=\S)')
_CLAUSE_START = re.compile(r"[,;:—–]\s+(?=\S)")
_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b")
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)


class Section(StrEnum):
    """The three kinds of item a briefing holds, in the order they are shown.

    What was agreed and threatened comes first: it is what a reader came for; the
    parties follow as a reference.
    """

    AGREEMENTS = "agreements"
    THREATS = "threats"
    PARTIES = "parties"

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
    """Every item of the briefing, section by section in :class:`Section` order."""
    return [
        *(
            Item(Section.AGREEMENTS, n, agreement)
            for n, agreement in enumerate(briefing.agreements)
        ),
        *(Item(Section.THREATS, n, threat) for n, threat in enumerate(briefing.threats)),
        *(Item(Section.PARTIES, n, party) for n, party in enumerate(briefing.parties)),
    ]


def named_parties(briefing: Briefing, subject: Party | Agreement | Threat) -> list[list[str]]:
    """The names (name, then aliases) of each party an item is about, the main one first.

    A party is about itself; an agreement about its parties; a threat about its source,
    then its targets.
    """
    if isinstance(subject, Party):
        ids = [subject.id]
    elif isinstance(subject, Agreement):
        ids = list(subject.party_ids)
    else:
        ids = [*([subject.source_id] if subject.source_id else []), *subject.target_ids]
    names = []
    for party_id in dict.fromkeys(ids):
        party = subject if isinstance(subject, Party) else briefing.party(party_id)
        if party is not None:
            names.append([party.name, *party.aliases])
    return names


def distinct_title(briefing: Briefing) -> str | None:
    """The article's title, unless it reads the same as the headline shown above it."""
    title = briefing.article.title
    return None if same_words(title, briefing.headline) else title


def byline(briefing: Briefing) -> str | None:
    """The article's authors as a reader expects them: ``"Jane Doe, John Roe"``."""
    author = briefing.article.author
    return author.replace(AUTHOR_SEPARATOR, ", ") if author else None


def token_figures(usage: Usage) -> str | None:
    """``"3,485 (2,614 prompt, 871 completion)"``, or None when no token was counted.

    The offline engine counts none, and some servers do not report usage: "0 tokens"
    would say nothing true.
    """
    if not usage.total_tokens:
        return None
    return (
        f"{usage.total_tokens:,} ({usage.prompt_tokens:,} prompt, "
        f"{usage.completion_tokens:,} completion)"
    )


def party_name(briefing: Briefing, party_id: str) -> str:
    """The name of a party of the briefing, or the id itself if no party has it."""
    party = briefing.party(party_id)
    return party.name if party is not None else party_id


def model_label(provenance: Provenance) -> str | None:
    """The model asked for, and the one the server said answered when that differs.

    ``"gpt4o-prod (served: gpt-4o-2024-11-20)"``; ``None`` offline.
    """
    model, served = provenance.model, provenance.served_model
    if served and served != model:
        return f"{model} (served: {served})" if model else served
    return model


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


def excerpt_around(text: str, limit: int, names: Sequence[Sequence[str]]) -> str:
    """``text`` on one line in at most ``limit`` chars, showing where it names ``names``.

    ``names`` are the names of each party the passage should show, the main one first
    (see :func:`named_parties`). A passage too long is cut to the window that names most
    of them (the first above all), from the start of a sentence or clause where
    one is near, with an ellipsis where text was left out at either end. Without any of
    the names in it, the passage is cut as :func:`excerpt` does.
    """
    flat = _SPACES.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    found = [
        (match.start(), match.end(), group)
        for group, aliases in enumerate(names)
        for name in aliases
        for match in _name_pattern(name).finditer(flat)
        if not _inside_longer_name(flat, match.end())
    ]
    if not found:
        return excerpt(flat, limit)
    room = limit - 2  # an ellipsis at each end

    def score(start: int) -> tuple[bool, int, int]:
        groups = {g for s, e, g in found if start <= s and e <= start + room}
        return 0 in groups, len(groups), -start

    start = max((_window_start(flat, s, room) for s, _, _ in found), key=score)
    if start == 0:
        return excerpt(flat, limit)
    rest = flat[start:]
    return "…" + (rest if len(rest) < limit else excerpt(rest, limit - 1))


def _window_start(flat: str, at: int, room: int) -> int:
    """Where a window showing ``flat[at:]`` begins.

    A sentence or clause start shortly before, else a word a little before.
    """
    reach = max(0, at - room // 3)
    for boundary in (_SENTENCE_START, _CLAUSE_START):
        starts = [m.end() for m in boundary.finditer(flat, reach, at + 1) if m.end() <= at]
        if starts:
            return starts[-1]
    lead = max(0, at - room // 8)
    space = flat.rfind(" ", 0, lead + 1)
    return 0 if space <= 0 else space + 1


def _inside_longer_name(flat: str, end: int) -> bool:
    """Whether a name ending at ``end`` runs on into a longer one ("South China Sea")."""
    following = _NEXT_WORD.match(flat, end)
    return following is not None and following.group(1).lower() not in _CALENDAR_WORDS


def _name_pattern(name: str) -> re.Pattern[str]:
    """A name as a whole word; short capitals ("US") match case, other names ignore it."""
    flags = 0 if len(name) <= 4 and name.isupper() else re.IGNORECASE
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", flags)


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
