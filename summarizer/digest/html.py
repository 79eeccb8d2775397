"""The digest as one self-contained HTML page, in the look of a briefing's page.

Articles and parties are tables; each agreement and threat is a card listing, article by
article, what the article says and the passages it quotes, with their offsets. Article
ids (A1, A2 …) link to the article's row and party names to the party's row. Built with
:mod:`summarizer.render.markup`, so every string from an article or a model is escaped.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from summarizer.digest.model import (
    AgreementReport,
    Digest,
    DigestAgreement,
    DigestArticle,
    DigestParty,
    DigestThreat,
    ThreatReport,
)
from summarizer.render.markup import Child, Markup, asset, el, page, safe_href
from summarizer.render.view import status_label
from summarizer.schema import Evidence
from summarizer.text import count_label


def digest_page(digest: Digest) -> str:
    """The page for ``digest``."""
    return _Page(digest).html()


class _Page:
    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        self.articles = {a.id: a for a in digest.articles}
        self.parties = {p.id: p for p in digest.parties}

    def html(self) -> str:
        digest = self.digest
        title = f"Digest of {count_label(len(digest.articles), 'article')}"
        sections = [
            self._section("articles", "Articles", len(digest.articles), self._article_table()),
            self._section("parties", "Parties", len(digest.parties), self._party_table()),
            self._section(
                "agreements",
                "Agreements",
                len(digest.agreements),
                self._cards([self._agreement(a) for a in digest.agreements], "agreements"),
            ),
            self._section(
                "threats",
                "Threats",
                len(digest.threats),
                self._cards([self._threat(t) for t in digest.threats], "threats"),
            ),
        ]
        if digest.skipped:
            rows = [el("li", el("strong", s.path), f": {s.reason}") for s in digest.skipped]
            sections.append(self._section("skipped", "Skipped", len(rows), el("ul", rows)))
        body = [
            el("header", el("h1", title), el("p", self._totals(), class_="summary"), class_="top"),
            el("div", el("main", sections, id="digest"), class_="layout no-article digest"),
            el(
                "footer",
                el("p", f"briefing {digest.tool_version}, digest schema {digest.schema_version}"),
                class_="provenance",
            ),
        ]
        return page(title, body, css=asset("briefing.css") + _digest_css())

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

    @staticmethod
    def _section(key: str, heading: str, count: int, content: Child) -> Markup:
        return el(
            "section",
            el("h2", heading, el("span", count, class_="n")),
            content,
            class_=f"sec sec-{key}",
            aria_label=heading,
        )

    @staticmethod
    def _cards(cards: list[Markup], what: str) -> Markup:
        if not cards:
            return el("p", f"No {what} found.", class_="empty")
        return el("ol", cards, class_="items")

    def _article_table(self) -> Markup:
        counts = ("Parties", "Agreements", "Threats")
        head = el(
            "tr",
            [el("th", c, scope="col") for c in ("", "Article", "Headline", *counts)],
        )
        rows = [
            el(
                "tr",
                el("td", el("strong", a.id)),
                el(
                    "td",
                    self._article_link(a),
                    el("div", a.info.source, class_="muted") if a.info.title else None,
                ),
                el("td", a.headline),
                [el("td", n, class_="num") for n in (a.parties, a.agreements, a.threats)],
                id=f"article-{a.id}",
            )
            for a in self.digest.articles
        ]
        return el("table", el("thead", head), el("tbody", rows))

    @staticmethod
    def _article_link(article: DigestArticle) -> Markup:
        href = safe_href(article.info.url)
        return el("a", article.name, href=href) if href else el("span", article.name)

    def _party_table(self) -> Markup:
        if not self.digest.parties:
            return el("p", "No parties found.", class_="empty")
        head = el("tr", [el("th", c, scope="col") for c in ("Party", "Kind", "Articles", "Also")])
        rows = [
            el(
                "tr",
                el(
                    "td",
                    el("strong", p.name),
                    f" ({p.country})" if p.country else None,
                    el("div", " · ".join(p.roles), class_="muted") if p.roles else None,
                ),
                el("td", self._party_kind(p)),
                el("td", f"{p.article_count}: ", self._article_refs(p.articles)),
                el("td", ", ".join(p.aliases)),
                id=f"party-{p.id}",
            )
            for p in self.digest.parties
        ]
        return el("table", el("thead", head), el("tbody", rows))

    def _party_kind(self, party: DigestParty) -> list[Child]:
        kind: list[Child] = [el("span", party.kind.value.replace("_", " "), class_="tag")]
        if party.affiliation_id:
            kind += [" of ", self._party_refs([party.affiliation_id])]
        return kind

    def _agreement(self, agreement: DigestAgreement) -> Markup:
        rows: list[tuple[str, Child]] = [
            ("Parties", self._party_refs(agreement.party_ids)),
            ("Reported by", self._reporters(agreement.articles)),
        ]
        tags = [el("span", agreement.status.value.replace("_", " "), class_="tag")]
        reports = [self._agreement_report(r, agreement.what) for r in agreement.reports]
        return self._card(agreement.id, "agreements", agreement.what, tags, rows, reports)

    def _agreement_report(self, report: AgreementReport, what: str) -> Markup:
        facts = [report.status.value.replace("_", " ")] + ([report.date] if report.date else [])
        return self._report(report.article, report.what, what, facts, report.evidence)

    def _threat(self, threat: DigestThreat) -> Markup:
        rows: list[tuple[str, Child]] = [
            ("From", self._party_refs([threat.source_id] if threat.source_id else [])),
            ("Against", self._party_refs(threat.target_ids)),
            ("Reported by", self._reporters(threat.articles)),
        ]
        tags = [
            el("span", threat.severity.value, class_=f"tag severity-{threat.severity.value}"),
            el("span", threat.domain.value, class_="tag"),
        ]
        reports = [self._threat_report(r, threat.what) for r in threat.reports]
        return self._card(threat.id, "threats", threat.what, tags, rows, reports)

    def _threat_report(self, report: ThreatReport, what: str) -> Markup:
        facts = [report.severity.value, report.domain.value]
        return self._report(report.article, report.what, what, facts, report.evidence)

    @staticmethod
    def _card(
        key: str,
        section: str,
        what: str,
        tags: list[Markup],
        rows: list[tuple[str, Child]],
        reports: list[Markup],
    ) -> Markup:
        return el(
            "li",
            el("div", el("span", what, class_="title"), tags, class_="head"),
            el(
                "dl",
                [[el("dt", label), el("dd", value)] for label, value in rows],
                class_="details",
            ),
            reports,
            id=key,
            class_=f"item sec-{section}",
        )

    def _report(
        self, article_id: str, said: str, what: str, facts: list[str], evidence: list[Evidence]
    ) -> Markup:
        article = self.articles[article_id]
        line = el(
            "p",
            el("a", article_id, href=f"#article-{article_id}", class_="aid"),
            " ",
            article.name,
            f": {said}" if said != what else None,
            el("span", f" ({', '.join(facts)})", class_="muted"),
        )
        quotes = [_evidence(e) for e in evidence] or [el("p", "No evidence.", class_="empty")]
        return el("div", line, el("ul", quotes, class_="ev"), class_="report")

    def _party_refs(self, party_ids: list[str]) -> list[Child]:
        refs: list[Child] = []
        for party_id in party_ids:
            party = self.parties.get(party_id)
            if party is not None:
                refs += [", "] if refs else []
                refs.append(el("a", party.name, href=f"#party-{party.id}", class_="ref"))
        return refs or ["—"]

    def _article_refs(self, article_ids: list[str]) -> list[Child]:
        refs: list[Child] = []
        for article_id in article_ids:
            refs += [", "] if refs else []
            refs.append(el("a", article_id, href=f"#article-{article_id}", class_="aid"))
        return refs

    def _reporters(self, article_ids: list[str]) -> list[Child]:
        return [f"{count_label(len(article_ids), 'article')}: ", self._article_refs(article_ids)]


def _evidence(evidence: Evidence) -> Markup:
    if not evidence.verified or evidence.text is None:
        return el(
            "li",
            el("span", evidence.quote, class_="quote"),
            el("span", "⚠ unverified: not found in the article", class_="status"),
            class_="evidence is-unverified",
        )
    where = f"{status_label(evidence)} · chars {evidence.start}–{evidence.end}"
    return el(
        "li",
        el("span", evidence.text, class_="quote"),
        el("span", where, class_="status"),
        class_=f"evidence is-{evidence.status.value}",
    )


@cache
def _digest_css() -> str:
    """The page's own rules (``digest.css``), added to those of a briefing's page."""
    return resources.files("summarizer.digest").joinpath("digest.css").read_text("utf-8")
