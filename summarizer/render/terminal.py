"""The briefing in a terminal (rich): headline, summary, a table per section, evidence.

Fits 80 columns. Text from the article and the model is shown as text: never read as
rich markup, and stripped of control characters that could drive the terminal.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summarizer.dates import dated
from summarizer.render.view import (
    Section,
    article_mismatch,
    byline,
    distinct_title,
    evidence_text,
    excerpt_around,
    model_label,
    named_parties,
    party_name,
)
from summarizer.schema import Agreement, Briefing, EvidenceStatus, Party, Threat
from summarizer.text import printable

WIDTH = 80
"""Columns of the plain-text rendering."""

EXCERPT_CHARS = 110
"""Longest evidence excerpt shown in a table."""

_MARKS = {
    EvidenceStatus.EXACT: ("✓", "green"),
    EvidenceStatus.NORMALISED: ("≈", "green"),
    EvidenceStatus.FUZZY: ("~", "yellow"),
    EvidenceStatus.UNVERIFIED: ("⚠", "bold red"),
}
_SECTION_STYLES = {
    Section.PARTIES: "blue",
    Section.AGREEMENTS: "green",
    Section.THREATS: "red",
}


def print_terminal(briefing: Briefing, text: str | None, console: Console) -> None:
    """Print the briefing on ``console``; ``text`` is the article, if known, to check it."""
    console.print(_briefing(briefing, text))


def plain_text(briefing: Briefing, text: str | None, width: int = WIDTH) -> str:
    """The terminal rendering as plain text, ``width`` columns wide, without styles."""
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
    )
    print_terminal(briefing, text, console)
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    return "".join(line.rstrip() + "\n" for line in lines)


def _text(value: str, style: str = "") -> Text:
    return Text(printable(value), style=style)


def _briefing(briefing: Briefing, text: str | None) -> RenderableType:
    info = briefing.article
    facts = (distinct_title(briefing), info.site, info.date, byline(briefing))
    about = " · ".join(printable(v) for v in facts if v)
    header = Panel(
        Group(_text(briefing.headline, "bold"), Text(), _text(briefing.summary)),
        title=_text(about) if about else None,
        title_align="left",
        subtitle=_text(f"{info.url or info.source} · {info.chars:,} chars"),
        subtitle_align="right",
        box=box.ROUNDED,
        padding=(0, 1),
    )
    notes = list(briefing.warnings)
    if text is not None and (mismatch := article_mismatch(briefing, text)) is not None:
        notes.append(mismatch)
    parts: list[RenderableType] = [header]
    if notes:
        warnings = Text("Warnings\n", style="bold yellow")
        warnings.append_text(Text("\n").join(_text(f"⚠ {note}", "yellow") for note in notes))
        parts.append(Padding(warnings, (1, 1, 0, 1)))
    parts += [
        _section(
            Section.AGREEMENTS,
            ("Agreement", "Status"),
            [_agreement(briefing, a) for a in briefing.agreements],
        ),
        _section(
            Section.THREATS,
            ("Threat", "Severity"),
            [_threat(briefing, t) for t in briefing.threats],
        ),
        _section(
            Section.PARTIES, ("Party", "Kind"), [_party(briefing, p) for p in briefing.parties]
        ),
        Padding(_provenance(briefing), (1, 1, 0, 1)),
    ]
    return Group(*parts)


Row = tuple[Text, Text, Text]


def _section(section: Section, headers: tuple[str, str], rows: list[Row]) -> RenderableType:
    style = _SECTION_STYLES[section]
    title = Text.assemble((section.heading.upper(), f"bold {style}"), (f"  {len(rows)}", "dim"))
    if not rows:
        return Padding(Group(title, Text(f"No {section.value} found.", style="dim")), (1, 1, 0, 1))
    table = Table(
        box=box.SIMPLE_HEAD,
        expand=True,
        show_edge=False,
        pad_edge=False,
        header_style="bold",
        border_style=style,
        padding=(0, 1),
    )
    table.add_column(headers[0], ratio=4, overflow="fold")
    table.add_column(headers[1], width=12, overflow="fold")
    table.add_column("Evidence", ratio=7, overflow="fold")
    for index, row in enumerate(rows):
        table.add_row(*row, end_section=index < len(rows) - 1)
    return Padding(Group(title, table), (1, 1, 0, 1))


def _party(briefing: Briefing, party: Party) -> Row:
    name = _text(party.name, "bold")
    if party.role:
        name.append_text(_text(f"\n{party.role}", "dim"))
    affiliation = party_name(briefing, party.affiliation_id) if party.affiliation_id else None
    if affiliation or party.affiliation:
        name.append_text(_text(f"\nof {affiliation or party.affiliation}", "dim"))
    return name, _text(party.kind.value.replace("_", " ")), _evidence(briefing, party)


def _agreement(briefing: Briefing, agreement: Agreement) -> Row:
    what = _text(agreement.what, "bold")
    names = ", ".join(party_name(briefing, i) for i in agreement.party_ids)
    if names:
        what.append_text(_text(f"\n{names}", "dim"))
    if agreement.date:
        what.append_text(_text(f"\n{dated(agreement.date, briefing.article.date)}", "dim"))
    status = _text(agreement.status.value.replace("_", " "))
    return what, status, _evidence(briefing, agreement)


def _threat(briefing: Briefing, threat: Threat) -> Row:
    what = _text(threat.what, "bold")
    source = party_name(briefing, threat.source_id) if threat.source_id else "unnamed"
    targets = ", ".join(party_name(briefing, i) for i in threat.target_ids) or "unnamed"
    what.append_text(_text(f"\n{source} → {targets}", "dim"))
    grave = "bold red" if threat.severity.value in {"high", "critical"} else ""
    severity = _text(threat.severity.value, grave)
    severity.append_text(_text(f"\n{threat.domain.value}", "dim"))
    return what, severity, _evidence(briefing, threat)


def _evidence(briefing: Briefing, subject: Party | Agreement | Threat) -> Text:
    names = named_parties(briefing, subject)
    lines = []
    for item in subject.evidence:
        mark, style = _MARKS[item.status]
        line = Text.assemble((mark, style), " ")
        line.append_text(_text(f"“{excerpt_around(evidence_text(item), EXCERPT_CHARS, names)}”"))
        if item.status is EvidenceStatus.UNVERIFIED:
            line.append_text(Text(" unverified: not in the article", style="bold red"))
        elif item.status is EvidenceStatus.FUZZY:
            line.append_text(Text(f" fuzzy {item.score:.0f}%", style="yellow"))
        elif item.status is EvidenceStatus.NORMALISED:
            line.append_text(Text(" normalised", style="dim"))
        lines.append(line)
    return Text("\n").join(lines) if lines else Text("none", style="dim")


def _provenance(briefing: Briefing) -> Text:
    made = briefing.provenance
    facts = [
        made.engine,
        model_label(made),
        made.output_mode,
        made.prompt_version and f"prompt {made.prompt_version}",
        f"{made.usage.total_tokens:,} tokens" if made.usage.total_tokens else None,
        f"{made.attempts} attempt{'s' if made.attempts != 1 else ''}",
        f"{made.duration_s:.1f} s",
        made.created_at.isoformat(timespec="seconds"),
    ]
    return _text(" · ".join(fact for fact in facts if fact), "dim")
