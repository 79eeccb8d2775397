"""The digest as Markdown an analyst can read and paste into a report: summary first.

:func:`summary_markdown` gives the counts, the most-mentioned parties, the events
reported by most articles and the newest; :func:`details_markdown` each agreement and
threat with its timeline and the evidence of its first reports, then the parties and
the articles. Long lists show :data:`~summarizer.digest.summary.SHOWN` items and say how
many more there are. Text from articles and models is escaped as in a briefing's
Markdown (:func:`summarizer.render.markdown.md`), so that it reads as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from summarizer.digest.model import (
    AgreementReport,
    Digest,
    DigestArticle,
    DigestParty,
    ThreatReport,
    TimelineStep,
)
from summarizer.digest.summary import SHOWN, Event, codes_of, highlights, kind_of, label, more
from summarizer.render.markdown import md
from summarizer.render.view import status_label
from summarizer.schema import Evidence
from summarizer.text import count_label

REPORTS_SHOWN = 3
"""Reports quoted per event in Markdown; the HTML page and JSON list more."""


def digest_markdown(digest: Digest) -> str:
    """The digest as a Markdown document: summary, then details."""
    return summary_markdown(digest) + "\n" + details_markdown(digest)


def summary_markdown(digest: Digest) -> str:
    """The digest's title and summary."""
    return _Writer(digest).summary()


def details_markdown(digest: Digest) -> str:
    """Everything after the summary."""
    return _Writer(digest).details()


class _Writer:
    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        self.articles = {a.id: a for a in digest.articles}
        self.parties = {p.id: p for p in digest.parties}

    def summary(self) -> str:
        digest = self.digest
        found = highlights(digest)
        blocks = [f"# Digest of {count_label(digest.article_count, 'article')}"]
        blocks.append(" · ".join(found.totals))
        if len(digest.made_with) > 1:
            blocks.append(
                "**Made with different settings:** "
                + ", ".join(f"{count:,} by {md(what)}" for what, count in digest.made_with.items())
            )
        if found.parties:
            blocks.append(
                "**Most-mentioned parties:** "
                + ", ".join(f"{md(p.name)} ({p.article_count:,})" for p in found.parties)
            )
        if found.reported:
            blocks += [
                "**Reported by most articles:**",
                _list(
                    f"{e.kind} {md(e.what)} ({count_label(e.article_count, 'article')})"
                    for e in found.reported
                ),
            ]
        if found.newest:
            blocks += [
                "**Newest:**",
                _list(
                    f"{e.kind} {md(e.what)} (last reported {e.last_date or 'in ' + e.last_article})"
                    for e in found.newest
                ),
            ]
        return "\n\n".join(blocks) + "\n"

    def details(self) -> str:
        digest = self.digest
        blocks = ["## Agreements", *self._events(digest.agreements, "agreements")]
        blocks += ["## Threats", *self._events(digest.threats, "threats")]
        blocks += ["## Parties", self._party_table() if digest.parties else "No parties found."]
        blocks += ["## Articles", self._article_table()]
        if digest.skipped:
            blocks.append("## Skipped")
            lines = [f"- {md(s.path)}: {md(s.reason)}" for s in digest.skipped[:SHOWN]]
            note = more(digest.skipped_count, min(SHOWN, len(digest.skipped)))
            blocks.append("\n".join(lines + ([f"- *{note}*"] if note else [])))
        blocks.append(f"*briefing {digest.tool_version}, digest schema {digest.schema_version}*")
        return "\n\n".join(blocks) + "\n"

    def _events(self, events: Sequence[Event], what: str) -> list[str]:
        if not events:
            return [f"No {what} found."]
        blocks = [f"### {n}. {self._event(e)}" for n, e in enumerate(events[:SHOWN], 1)]
        note = more(len(events), SHOWN)
        if note:
            blocks.append(
                f"*{note} {what}:* "
                + "; ".join(
                    f"{md(e.what)} ({e.article_count:,})" for e in events[SHOWN : SHOWN * 4]
                )
                + ("; …" if len(events) > SHOWN * 4 else "")
            )
        return blocks

    def _event(self, event: Event) -> str:
        if event.kind == "threat":
            facts = [
                f"**Severity:** {event.severity.value}",
                f"**Domain:** {event.domain.value}",
                f"**From:** {self._names([event.source_id] if event.source_id else [])}",
                f"**Against:** {self._names(event.target_ids)}",
            ]
            plover = " ".join(
                v.value for v in (event.plover_type, event.plover_mode) if v is not None
            )
        else:
            facts = [
                f"**Status:** {label(event.status.value)}",
                f"**Parties:** {self._names(event.party_ids)}",
            ]
            plover = event.plover_type.value if event.plover_type else ""
        facts += [f"**PLOVER:** {plover}"] if plover else []
        facts.append(f"**Reported by:** {self._reporters(event.articles, event.article_count)}")
        if event.first_date:
            facts.append(f"**Dates:** {event.first_date} – {event.last_date}")
        blocks = [md(event.what), " · ".join(facts)]
        if len(event.timeline) > 1:
            blocks.append("**Timeline:** " + " → ".join(map(_step, event.timeline)))
        reports = event.reports[:REPORTS_SHOWN]
        blocks += [self._report(r, event.what) for r in reports]
        note = more(event.article_count, len(reports))
        blocks += [f"*{note} reports*"] if note else []
        return "\n\n".join(blocks)

    def _report(self, report: AgreementReport | ThreatReport, what: str) -> str:
        if isinstance(report, AgreementReport):
            facts = [label(report.status.value)] + ([md(report.date)] if report.date else [])
        else:
            facts = [report.severity.value, report.domain.value]
        article = self.articles.get(report.article)
        name = f" {_article_name(article)}" if article else ""
        said = f": {md(report.what)}" if report.what != what else ""
        head = f"**{report.article}**{name}{said} ({', '.join(facts)})"
        source = f"{report.article}{name}"
        quotes = [_quote(e, source) for e in report.evidence] or ["*No evidence.*"]
        return "\n\n".join([head, *quotes])

    def _party_table(self) -> str:
        rows = ["| Party | Kind | Codes | Articles | Also named |", "|---|---|---|---|---|"]
        rows += [self._party_row(p) for p in self.digest.parties[:SHOWN]]
        note = more(len(self.digest.parties), SHOWN)
        return "\n".join(rows) + (f"\n\n*{note} parties*" if note else "")

    def _party_row(self, party: DigestParty) -> str:
        kind = [kind_of(party), *(md(role) for role in party.roles)]
        if party.affiliation_id:
            kind.append(f"of {self._names([party.affiliation_id])}")
        codes = md(" ".join(codes_of(party)))
        return (
            f"| **{md(party.name)}** | {' · '.join(kind)} | {codes} "
            f"| {self._reporters(party.articles, party.article_count)} "
            f"| {', '.join(md(alias) for alias in party.aliases)} |"
        )

    def _article_table(self) -> str:
        rows = ["| | Article | Headline | Parties | Agreements | Threats |"]
        rows.append("|---|---|---|--:|--:|--:|")
        rows += [
            f"| {a.id} | {_article_name(a)} | {md(a.headline)} "
            f"| {a.parties} | {a.agreements} | {a.threats} |"
            for a in self.digest.articles[:SHOWN]
        ]
        note = more(self.digest.article_count, min(SHOWN, len(self.digest.articles)))
        return "\n".join(rows) + (f"\n\n*{note} articles*" if note else "")

    def _names(self, party_ids: list[str]) -> str:
        names = [md(self.parties[i].name) for i in party_ids if i in self.parties]
        return ", ".join(names) or "unnamed"

    @staticmethod
    def _reporters(article_ids: list[str], total: int) -> str:
        shown = article_ids[:SHOWN]
        note = more(total, len(shown))
        return f"{count_label(total, 'article')} ({', '.join(shown)}{f' {note}' if note else ''})"


def _step(step: TimelineStep) -> str:
    value = step.status.value if step.status else step.severity.value if step.severity else ""
    change = f", {step.change}" if step.change in ("escalated", "eased") else ""
    return f"{label(value)} ({step.article}{f' {step.date}' if step.date else ''}{change})"


def _list(lines: Iterable[str]) -> str:
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))


def _quote(evidence: Evidence, source: str) -> str:
    if not evidence.verified or evidence.text is None:
        return f"> ⚠ **Unverified**, not found in {source}: “{md(evidence.quote)}”"
    where = f"chars {evidence.start}–{evidence.end}"
    return f"> “{md(evidence.text)}”\n> — {source}, *{status_label(evidence)}, {where}*"


def _article_name(article: DigestArticle) -> str:
    return f"*{md(article.name)}*"
