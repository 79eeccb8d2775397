"""The digest as Markdown an analyst can read and paste into a report.

Each agreement and threat shows what every article reporting it says, with its evidence
as block quotes naming the article and the offsets in it. Text from articles and models
is escaped as in a briefing's Markdown (:func:`summarizer.render.markdown.md`), so that it
reads as written: no markup, links, HTML or headings of its own.
"""

from __future__ import annotations

from summarizer.digest.model import (
    AgreementReport,
    Digest,
    DigestAgreement,
    DigestArticle,
    DigestParty,
    DigestThreat,
    ThreatReport,
)
from summarizer.render.markdown import md
from summarizer.render.view import status_label
from summarizer.schema import Evidence
from summarizer.text import count_label


def digest_markdown(digest: Digest) -> str:
    """The digest as a Markdown document."""
    return _Writer(digest).document()


class _Writer:
    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        self.articles = {a.id: a for a in digest.articles}
        self.parties = {p.id: p for p in digest.parties}

    def document(self) -> str:
        digest = self.digest
        blocks = [f"# Digest of {count_label(len(digest.articles), 'article')}", self._totals()]
        blocks += ["## Articles", self._article_table()]
        blocks += ["## Parties", self._party_table() if digest.parties else "No parties found."]
        blocks.append("## Agreements")
        blocks += [
            f"### {n}. {self._agreement(a)}" for n, a in enumerate(digest.agreements, 1)
        ] or ["No agreements found."]
        blocks.append("## Threats")
        blocks += [f"### {n}. {self._threat(t)}" for n, t in enumerate(digest.threats, 1)] or [
            "No threats found."
        ]
        if digest.skipped:
            blocks.append("## Skipped")
            blocks.append("\n".join(f"- {md(s.path)}: {md(s.reason)}" for s in digest.skipped))
        blocks.append(f"*briefing {digest.tool_version}, digest schema {digest.schema_version}*")
        return "\n\n".join(blocks) + "\n"

    def _totals(self) -> str:
        digest = self.digest
        facts = [
            count_label(len(digest.articles), "article"),
            count_label(len(digest.parties), "party", "parties"),
            count_label(len(digest.agreements), "agreement"),
            count_label(len(digest.threats), "threat"),
        ]
        if digest.skipped:
            facts.append(f"{count_label(len(digest.skipped), 'input')} skipped")
        return " · ".join(facts)

    def _article_table(self) -> str:
        rows = ["| | Article | Headline | Parties | Agreements | Threats |"]
        rows.append("|---|---|---|--:|--:|--:|")
        rows += [
            f"| {a.id} | {_article_name(a)} | {md(a.headline)} "
            f"| {a.parties} | {a.agreements} | {a.threats} |"
            for a in self.digest.articles
        ]
        return "\n".join(rows)

    def _party_table(self) -> str:
        rows = ["| Party | Kind | Articles | Also named |", "|---|---|---|---|"]
        rows += [
            f"| {self._party_title(p)} | {self._party_kind(p)} "
            f"| {p.article_count}: {', '.join(p.articles)} "
            f"| {', '.join(md(alias) for alias in p.aliases)} |"
            for p in self.digest.parties
        ]
        return "\n".join(rows)

    def _party_title(self, party: DigestParty) -> str:
        return f"**{md(party.name)}**" + (f" ({party.country})" if party.country else "")

    def _party_kind(self, party: DigestParty) -> str:
        facts = [party.kind.value.replace("_", " ")]
        facts += [md(role) for role in party.roles]
        if party.affiliation_id:
            facts.append(f"of {self._names([party.affiliation_id])}")
        return " · ".join(facts)

    def _agreement(self, agreement: DigestAgreement) -> str:
        facts = [
            f"**Status:** {_label(agreement.status.value)}",
            f"**Parties:** {self._names(agreement.party_ids)}",
            f"**Reported by:** {self._reporters(agreement.articles)}",
        ]
        reports = [self._agreement_report(r, agreement.what) for r in agreement.reports]
        return "\n\n".join([md(agreement.what), " · ".join(facts), *reports])

    def _agreement_report(self, report: AgreementReport, what: str) -> str:
        facts = [_label(report.status.value)] + ([md(report.date)] if report.date else [])
        said = report.what if report.what != what else None
        return self._report(report.article, said, facts, report.evidence)

    def _threat(self, threat: DigestThreat) -> str:
        facts = [
            f"**Severity:** {threat.severity.value}",
            f"**Domain:** {threat.domain.value}",
            f"**From:** {self._names([threat.source_id] if threat.source_id else [])}",
            f"**Against:** {self._names(threat.target_ids)}",
            f"**Reported by:** {self._reporters(threat.articles)}",
        ]
        reports = [self._threat_report(r, threat.what) for r in threat.reports]
        return "\n\n".join([md(threat.what), " · ".join(facts), *reports])

    def _threat_report(self, report: ThreatReport, what: str) -> str:
        facts = [report.severity.value, report.domain.value]
        said = report.what if report.what != what else None
        return self._report(report.article, said, facts, report.evidence)

    def _report(
        self, article_id: str, said: str | None, facts: list[str], evidence: list[Evidence]
    ) -> str:
        """One article's account: what it says, if worded otherwise, and its evidence."""
        article = self.articles[article_id]
        head = f"**{article_id}** {_article_name(article)}" + (f": {md(said)}" if said else "")
        head += f" ({', '.join(facts)})"
        quotes = [_quote(e, article) for e in evidence] or ["*No evidence.*"]
        return "\n\n".join([head, *quotes])

    def _names(self, party_ids: list[str]) -> str:
        names = [md(self.parties[i].name) for i in party_ids if i in self.parties]
        return ", ".join(names) or "unnamed"

    def _reporters(self, article_ids: list[str]) -> str:
        return f"{count_label(len(article_ids), 'article')} ({', '.join(article_ids)})"


def _quote(evidence: Evidence, article: DigestArticle) -> str:
    source = f"{article.id} {_article_name(article)}"
    if not evidence.verified or evidence.text is None:
        return f"> ⚠ **Unverified**, not found in {source}: “{md(evidence.quote)}”"
    where = f"chars {evidence.start}–{evidence.end}"
    return f"> “{md(evidence.text)}”\n> — {source}, *{status_label(evidence)}, {where}*"


def _article_name(article: DigestArticle) -> str:
    return f"*{md(article.name)}*"


def _label(value: str) -> str:
    return value.replace("_", " ")
