"""The briefing as one self-contained HTML page, beside the article it came from.

The briefing fills one column, the article the other, with every located evidence span
highlighted in the colour of its section. Overlapping spans are cut into flat segments
(:mod:`summarizer.render.spans`); each ``<mark>`` lists in ``data-ev`` the evidence it
belongs to, and each item lists its evidence the same way, which is all the page's
script needs to link the two both ways.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.render.markup import Child, Markup, asset, el, escape, page, safe_href
from summarizer.render.spans import Segment, Span, segments
from summarizer.render.view import (
    Item,
    Section,
    article_mismatch,
    evidence_text,
    excerpt,
    items,
    located,
    model_label,
    party_name,
    status_label,
)
from summarizer.schema import Agreement, Briefing, Evidence, Party, Threat

EXCERPT_CHARS = 320
"""Longest evidence excerpt shown in the briefing column."""


def briefing_page(briefing: Briefing, text: str | None) -> str:
    """The page for ``briefing``; ``text`` is the article its offsets refer to, if known."""
    notes = list(briefing.warnings)
    if text is not None and (mismatch := article_mismatch(briefing, text)) is not None:
        notes.append(mismatch)
        text = None
    all_items = items(briefing)
    layout = "layout" if text is not None else "layout no-article"
    body = [
        _header(briefing, all_items, text is not None),
        el(
            "div",
            el("main", _notes(notes), _sections(briefing, all_items, text), id="briefing"),
            _article(briefing, all_items, text) if text is not None else None,
            class_=layout,
        ),
        _footer(briefing),
    ]
    return page(
        f"Briefing: {briefing.headline}",
        body,
        css=asset("briefing.css"),
        script=asset("briefing.js"),
    )


def _header(briefing: Briefing, all_items: list[Item], with_article: bool) -> Markup:
    info = briefing.article
    href = safe_href(info.url)
    source = el("a", info.url, href=href) if href and info.url else el("span", info.source)
    facts = [info.title and el("span", info.title, class_="article-title")]
    facts += [el("span", fact) for fact in (info.site, info.date, info.author) if fact]
    facts.append(source)
    legend = [
        el(
            "span",
            el("strong", sum(1 for i in all_items if i.section is section)),
            f" {section.value}",
            class_=f"count sec-{section.value}",
        )
        for section in Section
    ]
    hint = (
        "Click an item to find its evidence in the article; click a highlight to find its items."
        if with_article
        else "Without the article text, evidence is shown as excerpts only."
    )
    return el(
        "header",
        el("p", *_between(facts, " · "), class_="source"),
        el("h1", briefing.headline),
        el("p", briefing.summary, class_="summary"),
        el("p", *legend, el("span", hint, class_="hint"), class_="legend"),
        class_="top",
    )


def _between(parts: Sequence[Markup | str | None], separator: str) -> list[Child]:
    joined: list[Child] = []
    for part in filter(None, parts):
        joined += [separator, part] if joined else [part]
    return joined


def _notes(notes: list[str]) -> Markup | None:
    if not notes:
        return None
    return el(
        "aside",
        el("strong", "Warnings"),
        el("ul", [el("li", note) for note in notes]),
        class_="warnings",
        role="note",
    )


def _sections(briefing: Briefing, all_items: list[Item], text: str | None) -> list[Markup]:
    keys = {item.subject.id: item.key for item in all_items if isinstance(item.subject, Party)}
    shown = []
    for section in Section:
        members = [item for item in all_items if item.section is section]
        content: Markup = (
            el("ol", [_item(briefing, item, keys, text) for item in members], class_="items")
            if members
            else el("p", f"No {section.value} found.", class_="empty")
        )
        shown.append(
            el(
                "section",
                el("h2", section.heading, el("span", len(members), class_="n")),
                content,
                class_=f"sec sec-{section.value}",
                aria_label=section.heading,
            )
        )
    return shown


def _item(briefing: Briefing, item: Item, keys: dict[str, str], text: str | None) -> Markup:
    evidence_keys = [
        item.evidence_key(position)
        for position, evidence in enumerate(item.evidence)
        if text is not None and located(evidence, text)
    ]
    unverified = not item.subject.verified
    return el(
        "li",
        el(
            "div",
            el("span", item.title, class_="title"),
            _tags(item.subject),
            el("span", "unverified", class_="flag") if unverified else None,
            class_="head",
        ),
        _details(briefing, item.subject, keys),
        el("ul", [_evidence(item, n, e, text) for n, e in enumerate(item.evidence)], class_="ev"),
        id=f"item-{item.key}",
        class_=f"item sec-{item.section.value}" + (" is-unverified" if unverified else ""),
        data_item=item.key,
        data_section=item.section.value,
        data_ev=" ".join(evidence_keys),
        tabindex=0,
    )


def _tags(subject: Party | Agreement | Threat) -> list[Markup]:
    if isinstance(subject, Party):
        return [el("span", subject.kind.value.replace("_", " "), class_="tag")]
    if isinstance(subject, Agreement):
        return [el("span", subject.status.value.replace("_", " "), class_="tag")]
    return [
        el("span", subject.severity.value, class_=f"tag severity-{subject.severity.value}"),
        el("span", subject.domain.value, class_="tag"),
    ]


def _details(
    briefing: Briefing, subject: Party | Agreement | Threat, keys: dict[str, str]
) -> Markup:
    def ref(party_id: str) -> Markup:
        key = keys.get(party_id)
        name = party_name(briefing, party_id)
        if key is None:
            return el("span", name, class_="ref missing", title="not a party of this briefing")
        return el("a", name, href=f"#item-{key}", class_="ref", data_ref=key)

    rows: list[tuple[str, Child]] = []
    if isinstance(subject, Party):
        if subject.role:
            rows.append(("Role", subject.role))
        if subject.affiliation_id:
            rows.append(("Affiliation", ref(subject.affiliation_id)))
        elif subject.affiliation:
            rows.append(("Affiliation", subject.affiliation))
        if subject.aliases:
            rows.append(("Also", ", ".join(subject.aliases)))
    elif isinstance(subject, Agreement):
        rows.append(("Parties", _between([ref(i) for i in subject.party_ids], ", ") or "—"))
        if subject.date:
            rows.append(("Date", subject.date))
    else:
        rows.append(("From", ref(subject.source_id) if subject.source_id else "—"))
        rows.append(("Against", _between([ref(i) for i in subject.target_ids], ", ") or "—"))
    if not rows:
        return Markup()
    return el("dl", [[el("dt", label), el("dd", value)] for label, value in rows], class_="details")


def _evidence(item: Item, position: int, evidence: Evidence, text: str | None) -> Markup:
    quote = el("span", excerpt(evidence_text(evidence), EXCERPT_CHARS), class_="quote")
    if not evidence.verified:
        status: Child = el("span", "⚠ unverified: not found in the article", class_="status")
        return el("li", quote, status, class_="evidence is-unverified")
    where = f"{evidence.start}–{evidence.end}"
    if text is not None and not located(evidence, text):
        status = el(
            "span", f"{status_label(evidence)} · {where} · not in this text", class_="status"
        )
        return el("li", quote, status, class_="evidence is-missing")
    status = el("span", f"{status_label(evidence)} · chars {where}", class_="status")
    return el(
        "li",
        quote,
        status,
        class_=f"evidence is-{evidence.status.value}",
        data_ev=item.evidence_key(position) if text is not None else None,
    )


def _article(briefing: Briefing, all_items: list[Item], text: str) -> Markup:
    spans = [
        Span(e.start, e.end, item.evidence_key(position))
        for item in all_items
        for position, e in enumerate(item.evidence)
        if located(e, text) and e.start is not None and e.end is not None
    ]
    by_key = {
        item.evidence_key(position): (item, e)
        for item in all_items
        for position, e in enumerate(item.evidence)
    }
    pieces = [_segment(segment, text, by_key) for segment in segments(len(text), spans)]
    return el(
        "aside",
        el(
            "div",
            el("h2", "Article"),
            el("p", "", class_="selection", id="selection", aria_live="polite"),
            class_="article-head",
        ),
        el("div", pieces, class_="article-text", id="article-text"),
        class_="article",
        id="article",
        aria_label="Article",
    )


def _segment(segment: Segment, text: str, by_key: dict[str, tuple[Item, Evidence]]) -> Markup:
    passage = text[segment.start : segment.end]
    if not segment.spans:
        return escape(passage)
    owners = [by_key[span.label] for span in segment.spans]
    inner, outer = owners[-1][0].section, owners[0][0].section
    tooltip = "\n".join(
        f"{item.section.singular.capitalize()}: {item.title} ({status_label(e)})"
        for item, e in owners
    )
    return el(
        "mark",
        passage,
        class_="hl",
        data_ev=" ".join(span.label for span in segment.spans),
        data_sec=inner.value,
        data_outer=outer.value if outer is not inner else None,
        data_depth=min(len(segment.spans), 3),
        title=tooltip,
    )


def _footer(briefing: Briefing) -> Markup:
    provenance = briefing.provenance
    usage = provenance.usage
    tokens = (
        f"{usage.total_tokens:,} ({usage.prompt_tokens:,} prompt, "
        f"{usage.completion_tokens:,} completion)"
    )
    facts: list[tuple[str, str | None]] = [
        ("Engine", provenance.engine),
        ("Model", model_label(provenance)),
        ("Output mode", provenance.output_mode),
        ("Prompt", provenance.prompt_version),
        ("Tokens", tokens),
        ("Attempts", str(provenance.attempts)),
        ("Chunks", str(provenance.chunks)),
        ("Time", f"{provenance.duration_s:.1f} s"),
        ("Made", provenance.created_at.isoformat(timespec="seconds")),
        ("briefing", f"{provenance.tool_version} (schema {provenance.schema_version})"),
        ("Source", briefing.article.source),
        ("SHA-256", provenance.source_sha256),
    ]
    return el(
        "footer",
        el("h2", "Provenance"),
        el(
            "dl",
            [
                el("div", el("dt", label), el("dd", value))
                for label, value in facts
                if value is not None
            ],
        ),
        class_="provenance",
    )
