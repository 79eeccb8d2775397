"""The index page of a batch: a sortable table of its articles, linking to their pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.render.markup import Markup, asset, el, page, safe_href

_GOOD = frozenset({"ok", "done", "cached", "succeeded", "success"})
_BAD = frozenset({"failed", "error", "errored"})
_COUNTS = ("parties", "agreements", "threats")


@dataclass(frozen=True)
class IndexRow:
    """One article of a batch, as the index page lists it."""

    id: str
    href: str | None
    """Where the article's briefing page is, relative to the index page."""
    title: str | None
    source: str
    status: str
    parties: int | None = None
    agreements: int | None = None
    threats: int | None = None
    error: str | None = None


def render_index(rows: Sequence[IndexRow], title: str) -> str:
    """The index page listing ``rows``, sortable by any column."""
    failed = sum(1 for row in rows if _tone(row) == "bad")
    totals = [f"{sum(getattr(row, name) or 0 for row in rows):,} {name}" for name in _COUNTS]
    summary = [f"{len(rows):,} article{'s' if len(rows) != 1 else ''}"]
    if failed:
        summary.append(f"{failed:,} failed")
    header = el(
        "header",
        el("h1", title),
        el("p", " · ".join(summary + totals), class_="summary"),
        class_="top",
    )
    columns = [("#", "number"), ("Article", "text"), ("Source", "text"), ("Status", "text")]
    columns += [(name.capitalize(), "number") for name in _COUNTS]
    head = el(
        "thead",
        el(
            "tr",
            [
                el(
                    "th",
                    el("button", label, type="button"),
                    scope="col",
                    data_type=kind,
                    class_="num" if kind == "number" else None,
                )
                for label, kind in columns
            ],
        ),
    )
    body = el("tbody", [_row(number, row) for number, row in enumerate(rows, 1)])
    table = (
        el("table", head, body, class_="index") if rows else el("p", "No articles.", class_="empty")
    )
    return page(
        title, [header, el("main", table)], css=asset("index.css"), script=asset("index.js")
    )


def _tone(row: IndexRow) -> str:
    status = row.status.lower()
    if row.error or status in _BAD:
        return "bad"
    return "good" if status in _GOOD else "neutral"


def _row(number: int, row: IndexRow) -> Markup:
    name = row.title or row.id
    href = safe_href(row.href)
    link = el("a", name, href=href) if href else el("span", name)
    article = el("td", link, el("div", row.id, class_="id") if row.title else None, data_sort=name)
    status = el(
        "td",
        el("span", row.status, class_=f"status {_tone(row)}"),
        el("div", row.error, class_="error") if row.error else None,
        data_sort=row.status,
    )
    counts = [
        el(
            "td",
            "—" if value is None else f"{value:,}",
            class_="num",
            data_sort=-1 if value is None else value,
        )
        for value in (row.parties, row.agreements, row.threats)
    ]
    return el(
        "tr",
        el("td", number, class_="num", data_sort=number),
        article,
        el("td", row.source, class_="source", data_sort=row.source),
        status,
        counts,
    )
