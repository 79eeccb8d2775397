"""The briefing as Markdown an analyst can paste into a report.

Evidence appears as block quotes with its offsets. Text from the article and the model
is escaped so that it reads as written: no markup, links, HTML or headings of its own.
"""

from __future__ import annotations

import re

from summarizer.dates import dated
from summarizer.render.view import (
    Section,
    article_mismatch,
    byline,
    distinct_title,
    evidence_text,
    excerpt,
    model_label,
    party_name,
    status_label,
    token_figures,
)
from summarizer.schema import Agreement, Briefing, Evidence, Party, Threat
from summarizer.text import printable

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BLOCK_START = re.compile(
    r"^(?:[-+*](?=\s|$|[-*])|#{1,6}(?=\s|$)|>|(\d{1,9})[.)](?=\s|$)|\[(?=[^\]]*\]:))"
)


def md(text: str) -> str:
    """``text`` on one line, escaped so that Markdown shows it literally wherever it stands.

    Safe at the start of a line or block (where ``-``, ``#``, ``>`` or ``1.`` would begin a
    list, heading or quote) and inside a table cell; use :func:`md_inline` for text that
    follows other text on its line.
    """
    flat = md_inline(text)
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[0][len(m[1]) :]}" if m[1] else f"\\{m[0]}", flat)


def md_inline(text: str) -> str:
    """``text`` on one line, escaped so that Markdown shows it literally after other text.

    Only what Markdown would read as markup is escaped: emphasis, code, links, HTML,
    entities and table cells. Prose stays as written (``0.5 s``, ``-``, ``#1``, ``a * b``).
    """
    flat = excerpt(printable(text))
    out = []
    for index, char in enumerate(flat):
        before = flat[index - 1] if index else " "
        after = flat[index + 1] if index + 1 < len(flat) else " "
        if _needs_escape(char, before, after, flat, index):
            out.append("\\")
        out.append(char)
    return "".join(out)


def _needs_escape(char: str, before: str, after: str, flat: str, index: int) -> bool:
    if char in "`|":
        return True
    if char == "\\":
        return after in _ASCII_PUNCTUATION or index + 1 == len(flat)
    if char in "*~":
        return not (before.isspace() and after.isspace())
    if char == "_":
        return not (before.isalnum() and after.isalnum()) and not (
            before.isspace() and after.isspace()
        )
    if char == "]":
        return after in "(["
    if char == "<":
        return _TAG_START.match(flat, index) is not None
    if char == "&":
        return _ENTITY.match(flat, index) is not None
    return False


def markdown(briefing: Briefing, text: str | None) -> str:
    """The briefing as Markdown; ``text`` is the article, if known, to check it."""
    notes = list(briefing.warnings)
    if text is not None and (mismatch := article_mismatch(briefing, text)) is not None:
        notes.append(mismatch)
    blocks = [f"# {md_inline(briefing.headline)}", _source(briefing), md(briefing.summary)]
    if notes:
        blocks.append("**Warnings**\n\n" + "\n".join(f"- {md_inline(n)}" for n in notes))
    entries = {
        Section.AGREEMENTS: [_agreement(briefing, a) for a in briefing.agreements],
        Section.THREATS: [_threat(briefing, t) for t in briefing.threats],
        Section.PARTIES: [_party(briefing, p) for p in briefing.parties],
    }
    for section in Section:
        blocks.append(f"## {section.heading}")
        blocks += [f"### {n}. {entry}" for n, entry in enumerate(entries[section], 1)] or [
            f"No {section.value} found."
        ]
    blocks.append(_provenance(briefing))
    return "\n\n".join(blocks) + "\n"


def _source(briefing: Briefing) -> str:
    info = briefing.article
    title = distinct_title(briefing)
    facts = [f"*{md_inline(title)}*" if title else None]
    facts += [md_inline(fact) for fact in (info.site, info.date, byline(briefing)) if fact]
    facts.append(
        f"<{info.url}>" if info.url and _plain_url(info.url) else md_inline(info.url or info.source)
    )
    return "Source: " + " · ".join(fact for fact in facts if fact)


def _plain_url(url: str) -> bool:
    return re.fullmatch(r"https?://[^\s<>]+", url) is not None


def _party(briefing: Briefing, party: Party) -> str:
    facts = [f"*{party.kind.value.replace('_', ' ')}*"]
    if party.role:
        facts.append(md_inline(party.role))
    if party.affiliation_id or party.affiliation:
        of = (
            party_name(briefing, party.affiliation_id)
            if party.affiliation_id
            else party.affiliation
        )
        facts.append(f"of {md_inline(of or '')}")
    if party.aliases:
        facts.append("also " + ", ".join(md_inline(alias) for alias in party.aliases))
    return _entry(md_inline(party.name), " · ".join(facts), party.evidence)


def _agreement(briefing: Briefing, agreement: Agreement) -> str:
    names = (
        ", ".join(md_inline(party_name(briefing, i)) for i in agreement.party_ids) or "none named"
    )
    facts = [f"**Status:** {agreement.status.value.replace('_', ' ')}", f"**Parties:** {names}"]
    if agreement.date:
        facts.append(f"**Date:** {md_inline(dated(agreement.date, briefing.article.date))}")
    return _entry(md_inline(agreement.what), " · ".join(facts), agreement.evidence)


def _threat(briefing: Briefing, threat: Threat) -> str:
    source = md_inline(party_name(briefing, threat.source_id)) if threat.source_id else "unnamed"
    targets = ", ".join(md_inline(party_name(briefing, i)) for i in threat.target_ids) or "unnamed"
    facts = [
        f"**Severity:** {threat.severity.value}",
        f"**Domain:** {threat.domain.value}",
        f"**From:** {source}",
        f"**Against:** {targets}",
    ]
    return _entry(md_inline(threat.what), " · ".join(facts), threat.evidence)


def _entry(title: str, facts: str, evidence: list[Evidence]) -> str:
    quotes = [_quote(e) for e in evidence] or ["*No evidence.*"]
    return "\n\n".join([title, facts, *quotes])


def _quote(evidence: Evidence) -> str:
    if not evidence.verified:
        return f"> ⚠ **Unverified**, not found in the article: “{md_inline(evidence.quote)}”"
    where = f"chars {evidence.start}–{evidence.end}"
    return f"> “{md_inline(evidence_text(evidence))}”\n> — *{status_label(evidence)}, {where}*"


def _provenance(briefing: Briefing) -> str:
    made = briefing.provenance
    rows = [
        ("Engine", made.engine),
        ("Model", model_label(made)),
        ("Output mode", made.output_mode),
        ("Prompt", made.prompt_version),
        ("Tokens", token_figures(made.usage)),
        ("Attempts", str(made.attempts)),
        ("Time", f"{made.duration_s:.1f} s"),
        ("Made", made.created_at.isoformat(timespec="seconds")),
        ("briefing", f"{made.tool_version}, schema {made.schema_version}"),
        ("Source SHA-256", f"`{made.source_sha256}`"),
    ]
    lines = ["| | |", "|---|---|"]
    lines += [
        f"| {label} | {value if label == 'Source SHA-256' else md_inline(value)} |"
        for label, value in rows
        if value
    ]
    return "## Provenance\n\n" + "\n".join(lines)
