"""The digest as one self-contained HTML page people read: summary first, details folded.

The page opens on the counts, the most-mentioned parties, the events reported by most
articles and the newest ones. Below, a filter bar (text, kind, status or severity, party,
dates: ``digest.js``, inline, no network) narrows the agreement and threat cards; each
card shows its timeline and folds its reports. Parties, articles and skipped inputs are
tables folded under ``<details>``; any list longer than
:data:`~summarizer.digest.summary.SHOWN` shows that many and folds the rest ("and 120
more"). Built with :mod:`summarizer.render.markup`, so every string from an article or a
model is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from summarizer.digest.model import (
    AgreementReport,
    Digest,
    DigestArticle,
    DigestParty,
    ThreatReport,
    TimelineStep,
)
from summarizer.digest.summary import SHOWN, Event, codes_of, highlights, kind_of, label, more
from summarizer.render.markup import Child, Markup, asset, el, page, safe_href
from summarizer.render.view import status_label
from summarizer.schema import AgreementStatus, Evidence, Severity
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
        title = f"Digest of {count_label(digest.article_count, 'article')}"
        main = [
            self._summary(),
            self._filters(),
            self._events("agreements", "Agreements", digest.agreements),
            self._events("threats", "Threats", digest.threats),
            self._folded("parties", "Parties", len(digest.parties), self._party_table()),
            self._folded("articles", "Articles", digest.article_count, self._article_table()),
        ]
        if digest.skipped:
            rows = [el("li", el("strong", s.path), f": {s.reason}") for s in digest.skipped]
            note = more(digest.skipped_count, len(rows))
            rows += [el("li", note, class_="more-note")] if note else []
            main.append(self._folded("skipped", "Skipped", digest.skipped_count, el("ul", rows)))
        body = [
            el(
                "header",
                el("h1", title),
                el("p", " · ".join(highlights(digest).totals), class_="summary"),
                class_="top",
            ),
            el("div", el("main", main, id="digest"), class_="layout no-article digest"),
            el(
                "footer",
                el("p", f"briefing {digest.tool_version}, digest schema {digest.schema_version}"),
                class_="provenance",
            ),
        ]
        return page(
            title, body, css=asset("briefing.css") + _own("digest.css"), script=_own("digest.js")
        )

    def _summary(self) -> Markup:
        found = highlights(self.digest)
        parties = [
            el("li", self._party_ref(p.id), el("span", f" {p.article_count:,}", class_="n"))
            for p in found.parties
        ]
        reported = [
            self._event_line(e, f"{count_label(e.article_count, 'article')}")
            for e in found.reported
        ]
        newest = [self._event_line(e, e.last_date or e.last_article) for e in found.newest]
        boxes = [
            ("Most-mentioned parties", parties),
            ("Reported by most articles", reported),
            ("Newest", newest),
        ]
        return el(
            "section",
            [
                el("div", el("h2", heading), el("ol", items) if items else _empty(), class_="box")
                for heading, items in boxes
            ],
            class_="overview",
            aria_label="Summary",
        )

    def _event_line(self, event: Event, fact: str) -> Markup:
        names = [self.parties[p].name for p in event.party_ids[:3] if p in self.parties]
        return el(
            "li",
            el("span", event.kind, class_=f"tag kind-{event.kind}"),
            " ",
            el("a", event.what, href=f"#{event.id}"),
            el("span", f" {', '.join(names)} · {fact}" if names else f" {fact}", class_="muted"),
        )

    def _filters(self) -> Markup:
        statuses = [s.value for s in AgreementStatus] + [s.value for s in Severity]
        names = [el("option", value=p.name) for p in self.digest.parties[: SHOWN * 4]]
        return el(
            "form",
            el("input", type="search", id="q", placeholder="Search events", aria_label="Search"),
            _select("kind", "Kind", ["agreement", "threat"]),
            _select("status", "Status or severity", statuses),
            el("input", id="party", list="party-names", placeholder="Party", aria_label="Party"),
            el("datalist", names, id="party-names"),
            el("label", "From ", el("input", type="date", id="from")),
            el("label", "to ", el("input", type="date", id="to")),
            el("output", id="shown", aria_live="polite"),
            class_="filters",
            role="search",
        )

    def _events(self, key: str, heading: str, events: Sequence[Event]) -> Markup:
        cards = [self._card(e) for e in events]
        if not cards:
            return self._folded(key, heading, 0, el("p", f"No {key} found.", class_="empty"))
        listed = el("ol", cards[:SHOWN], class_="items")
        rest = _fold(more(len(cards), SHOWN), el("ol", cards[SHOWN:], class_="items"))
        return self._folded(key, heading, len(cards), [listed, rest], open_=True)

    def _card(self, event: Event) -> Markup:
        rows: list[tuple[str, Child]] = []
        if event.kind == "threat":
            rows.append(("From", self._party_refs([event.source_id] if event.source_id else [])))
            rows.append(("Against", self._party_refs(event.target_ids)))
            tags = [el("span", event.severity.value, class_=f"tag severity-{event.severity.value}")]
            tags.append(el("span", event.domain.value, class_="tag"))
            state = event.severity.value
        else:
            rows.append(("Parties", self._party_refs(event.party_ids)))
            tags = [el("span", label(event.status.value), class_="tag")]
            state = event.status.value
        plover = [event.plover_type.value] if event.plover_type else []
        plover += [event.plover_mode.value] if event.kind == "threat" and event.plover_mode else []
        tags += [el("span", " ".join(plover), class_="tag plover")] if plover else []
        rows.append(("Reported by", self._reporters(event.articles, event.article_count)))
        if event.first_date:
            span = event.first_date + (
                f" – {event.last_date}" if event.last_date != event.first_date else ""
            )
            rows.append(("Dates", span))
        if len(event.timeline) > 1:
            rows.append(("Timeline", self._timeline(event.timeline)))
        reports = [self._report(r, event.what) for r in event.reports]
        names = " ".join(self.parties[p].name for p in event.party_ids if p in self.parties)
        return el(
            "li",
            el("div", el("span", event.what, class_="title"), tags, class_="head"),
            el("dl", [[el("dt", k), el("dd", v)] for k, v in rows], class_="details"),
            el(
                "details",
                el("summary", f"Reports and evidence ({len(reports)} listed)"),
                reports,
                class_="reports",
            ),
            id=event.id,
            class_=f"item sec-{event.kind}s",
            data_kind=event.kind,
            data_state=state,
            data_parties=names.casefold(),
            data_text=f"{event.what} {names}".casefold(),
            data_first=event.first_date or "",
            data_last=event.last_date or "",
        )

    def _timeline(self, steps: list[TimelineStep]) -> Markup:
        items = []
        for step in steps:
            value = (
                step.status.value if step.status else step.severity.value if step.severity else ""
            )
            change = "" if step.change in ("first", "status") else f" ({step.change})"
            items.append(
                el(
                    "li",
                    el("a", step.article, href=f"#article-{step.article}", class_="aid"),
                    f" {step.date}" if step.date else None,
                    " ",
                    el("strong", label(value)),
                    change,
                )
            )
        return el("ol", items, class_="timeline")

    def _report(self, report: AgreementReport | ThreatReport, what: str) -> Markup:
        if isinstance(report, AgreementReport):
            facts = [label(report.status.value)] + ([report.date] if report.date else [])
        else:
            facts = [report.severity.value, report.domain.value]
        article = self.articles.get(report.article)
        line = el(
            "p",
            self._article_ref(report.article),
            " ",
            article.name if article else None,
            f": {report.what}" if report.what != what else None,
            el("span", f" ({', '.join(facts)})", class_="muted"),
        )
        quotes = [_evidence(e) for e in report.evidence] or [
            el("p", "No evidence.", class_="empty")
        ]
        return el("div", line, el("ul", quotes, class_="ev"), class_="report")

    def _party_table(self) -> Markup:
        if not self.digest.parties:
            return el("p", "No parties found.", class_="empty")
        head = el(
            "tr",
            [el("th", c, scope="col") for c in ("Party", "Kind", "Codes", "Articles", "Also")],
        )
        rows = [self._party_row(p) for p in self.digest.parties]
        return _table(head, rows)

    def _party_row(self, party: DigestParty) -> Markup:
        kind: list[Child] = [el("span", kind_of(party), class_="tag")]
        if party.affiliation_id:
            kind += [" of ", self._party_refs([party.affiliation_id])]
        codes = " · ".join(codes_of(party))
        return el(
            "tr",
            el(
                "td",
                el("strong", party.name),
                el("div", " · ".join(party.roles), class_="muted") if party.roles else None,
            ),
            el("td", kind),
            el("td", codes, class_="code"),
            el("td", self._reporters(party.articles, party.article_count)),
            el("td", ", ".join(party.aliases)),
            id=f"party-{party.id}",
            data_text=" ".join([party.name, *party.aliases]).casefold(),
        )

    def _article_table(self) -> Markup:
        counts = ("Parties", "Agreements", "Threats")
        head = el("tr", [el("th", c, scope="col") for c in ("", "Article", "Headline", *counts)])
        rows = [self._article_row(a) for a in self.digest.articles]
        table = _table(head, rows)
        unlisted = self.digest.article_count - len(rows)
        if unlisted <= 0:
            return table
        note = f"{unlisted:,} more articles are not listed: the first and those events cite are."
        return el("div", table, el("p", note, class_="more-note"))

    def _article_row(self, article: DigestArticle) -> Markup:
        href = safe_href(article.info.url)
        name = el("a", article.name, href=href) if href else el("span", article.name)
        return el(
            "tr",
            el("td", el("strong", article.id)),
            el(
                "td",
                name,
                el("div", article.info.source, class_="muted") if article.info.title else None,
            ),
            el("td", article.headline),
            [
                el("td", n, class_="num")
                for n in (article.parties, article.agreements, article.threats)
            ],
            id=f"article-{article.id}",
        )

    @staticmethod
    def _folded(key: str, heading: str, n: int, content: Child, open_: bool = False) -> Markup:
        return el(
            "details",
            el("summary", el("h2", heading, el("span", f"{n:,}", class_="n"))),
            content,
            class_=f"sec sec-{key}",
            open=open_ or None,
        )

    def _party_ref(self, party_id: str) -> Markup:
        party = self.parties.get(party_id)
        name = party.name if party else party_id
        return el("a", name, href=f"#party-{party_id}", class_="ref")

    def _party_refs(self, party_ids: list[str]) -> list[Child]:
        refs: list[Child] = []
        for party_id in party_ids:
            if party_id in self.parties:
                refs += [", "] if refs else []
                refs.append(self._party_ref(party_id))
        return refs or ["—"]

    def _article_ref(self, article_id: str) -> Markup:
        if article_id in self.articles:
            return el("a", article_id, href=f"#article-{article_id}", class_="aid")
        return el("span", article_id, class_="aid")

    def _reporters(self, article_ids: list[str], total: int) -> list[Child]:
        refs: list[Child] = [f"{total:,}: "]
        for n, article_id in enumerate(article_ids):
            refs += [", "] if n else []
            refs.append(self._article_ref(article_id))
        note = more(total, len(article_ids))
        return refs + ([f" {note}"] if note else [])


def _table(head: Markup, rows: list[Markup]) -> Markup:
    listed = el("table", el("thead", head), el("tbody", rows[:SHOWN]))
    rest = _fold(more(len(rows), SHOWN), el("table", el("tbody", rows[SHOWN:])))
    return el("div", listed, rest)


def _fold(note: str | None, content: Child) -> Markup | None:
    if note is None:
        return None
    return el("details", el("summary", note), content, class_="more")


def _select(key: str, name: str, values: list[str]) -> Markup:
    options = [el("option", f"Any {name.casefold()}", value="")]
    options += [el("option", label(v), value=v) for v in values]
    return el("select", options, id=key, aria_label=name)


def _empty() -> Markup:
    return el("p", "None.", class_="empty")


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
def _own(name: str) -> str:
    """A file of the page's own (``digest.css``, ``digest.js``), shipped beside this module."""
    return resources.files("summarizer.digest").joinpath(name).read_text("utf-8")
