"""The briefing as Markdown an analyst can paste into a report.

Evidence appears as block quotes with its offsets. Text from the article and the model
is escaped so that it reads as written: no markup, links, HTML or headings of its own.
"""

from __future__ import annotations

import re

from summarizer.render.view import (
    Section,
    article_mismatch,
    evidence_text,
    excerpt,
    model_label,
    party_name,
    printable,
    status_label,
)
from summarizer.schema import Agreement, Briefing, Evidence, Party, Threat

_INLINE = re.compile(r"([\\`*_\[\]<>#|~&])")
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def md(text: str) -> str:
    """``text`` on one line, escaped so that Markdown shows it literally."""
    flat = _INLINE.sub(r"\\\1", excerpt(printable(text)))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", flat)


def markdown(briefing: Briefing, text: str | None) -> str:
    """The briefing as Markdown; ``text`` is the article, if known, to check it."""
    notes = list(briefing.warnings)
    if text is not None and (mismatch := article_mismatch(briefing, text)) is not None:
        notes.append(mismatch)
    blocks = [f"# {md(briefing.headline)}", _source(briefing), md(briefing.summary)]
    if notes:
        blocks.append("**Warnings**\n\n" + "\n".join(f"- {md(note)}" for note in notes))
    sections: list[tuple[Section, list[str]]] = [
        (Section.PARTIES, [_party(briefing, p) for p in briefing.parties]),
        (Section.AGREEMENTS, [_agreement(briefing, a) for a in briefing.agreements]),
        (Section.THREATS, [_threat(briefing, t) for t in briefing.threats]),
    ]
    for section, entries in sections:
        blocks.append(f"## {section.heading}")
        blocks += [f"### {n}. {entry}" for n, entry in enumerate(entries, 1)] or [
            f"No {section.value} found."
        ]
    blocks.append(_provenance(briefing))
    return "\n\n".join(blocks) + "\n"


def _source(briefing: Briefing) -> str:
    info = briefing.article
    facts = [f"*{md(info.title)}*" if info.title else None]
    facts += [md(fact) for fact in (info.site, info.date, info.author) if fact]
    facts.append(
        f"<{info.url}>" if info.url and _plain_url(info.url) else md(info.url or info.source)
    )
    return "Source: " + " · ".join(fact for fact in facts if fact)


def _plain_url(url: str) -> bool:
    return re.fullmatch(r"https?://[^\s<>]+", url) is not None


def _party(briefing: Briefing, party: Party) -> str:
    facts = [f"*{party.kind.value.replace('_', ' ')}*"]
    if party.role:
        facts.append(md(party.role))
    if party.affiliation_id or party.affiliation:
        of = (
            party_name(briefing, party.affiliation_id)
            if party.affiliation_id
            else party.affiliation
        )
        facts.append(f"of {md(of or '')}")
    if party.aliases:
        facts.append("also " + ", ".join(md(alias) for alias in party.aliases))
    return _entry(md(party.name), " · ".join(facts), party.evidence)


def _agreement(briefing: Briefing, agreement: Agreement) -> str:
    names = ", ".join(md(party_name(briefing, i)) for i in agreement.party_ids) or "none named"
    facts = [f"**Status:** {agreement.status.value.replace('_', ' ')}", f"**Parties:** {names}"]
    if agreement.date:
        facts.append(f"**Date:** {md(agreement.date)}")
    return _entry(md(agreement.what), " · ".join(facts), agreement.evidence)


def _threat(briefing: Briefing, threat: Threat) -> str:
    source = md(party_name(briefing, threat.source_id)) if threat.source_id else "unnamed"
    targets = ", ".join(md(party_name(briefing, i)) for i in threat.target_ids) or "unnamed"
    facts = [
        f"**Severity:** {threat.severity.value}",
        f"**Domain:** {threat.domain.value}",
        f"**From:** {source}",
        f"**Against:** {targets}",
    ]
    return _entry(md(threat.what), " · ".join(facts), threat.evidence)


def _entry(title: str, facts: str, evidence: list[Evidence]) -> str:
    quotes = [_quote(e) for e in evidence] or ["*No evidence.*"]
    return "\n\n".join([title, facts, *quotes])


def _quote(evidence: Evidence) -> str:
    if not evidence.verified:
        return f"> ⚠ **Unverified**, not found in the article: “{md(evidence.quote)}”"
    where = f"chars {evidence.start}–{evidence.end}"
    return f"> “{md(evidence_text(evidence))}”\n> — *{status_label(evidence)}, {where}*"


def _provenance(briefing: Briefing) -> str:
    made = briefing.provenance
    usage = made.usage
    rows = [
        ("Engine", made.engine),
        ("Model", model_label(made)),
        ("Output mode", made.output_mode),
        ("Prompt", made.prompt_version),
        (
            "Tokens",
            f"{usage.total_tokens:,} ({usage.prompt_tokens:,} prompt, "
            f"{usage.completion_tokens:,} completion)",
        ),
        ("Attempts", str(made.attempts)),
        ("Time", f"{made.duration_s:.1f} s"),
        ("Made", made.created_at.isoformat(timespec="seconds")),
        ("briefing", f"{made.tool_version}, schema {made.schema_version}"),
        ("Source SHA-256", f"`{made.source_sha256}`"),
    ]
    lines = ["| | |", "|---|---|"]
    lines += [
        f"| {label} | {value if label == 'Source SHA-256' else md(value)} |"
        for label, value in rows
        if value
    ]
    return "## Provenance\n\n" + "\n".join(lines)
