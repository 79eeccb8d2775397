"""The briefing as one self-contained HTML page, beside the article it came from.

The briefing fills one column, the article the other, with every located evidence span
highlighted in the colour of its section. Overlapping spans are cut into flat segments
(:mod:`summarizer.render.spans`); each ``<mark>`` lists in ``data-ev`` the evidence it
belongs to, and each item lists its evidence the same way, which is all the page's
script needs to link the two both ways.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.dates import dated
from summarizer.metadata import same_words
from summarizer.render.markup import Child, Markup, asset, el, escape, join, page, safe_href
from summarizer.render.spans import Segment, Span, segments
from summarizer.render.view import (
    Item,
    Section,
    article_mismatch,
    byline,
    distinct_title,
    evidence_text,
    excerpt_around,
    items,
    located,
    model_label,
    named_parties,
    party_name,
    status_label,
    token_figures,
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
    title = distinct_title(briefing)
    facts = [title and el("span", title, class_="article-title")]
    facts += [el("span", fact) for fact in (info.site, info.date, byline(briefing)) if fact]
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
        content: Markup
        if not members:
            content = el("p", f"No {section.value} found.", class_="empty")
        elif section is Section.PARTIES:
            content = _party_table(briefing, members, keys, text)
        else:
            content = el(
                "ol", [_card(briefing, item, keys, text) for item in members], class_="items"
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


def _card(briefing: Briefing, item: Item, keys: dict[str, str], text: str | None) -> Markup:
    """An agreement or a threat as a card: what, its tags and parties, its evidence."""
    subject = item.subject
    if isinstance(subject, Party):
        raise TypeError("parties are shown in the party table, not as cards")
    unverified = not subject.verified
    return el(
        "li",
        el(
            "div",
            el("span", item.title, class_="title"),
            _tags(subject),
            el("span", "unverified", class_="flag") if unverified else None,
            class_="head",
        ),
        _details(briefing, subject, keys),
        _evidence_list(briefing, item, text),
        **_item_attributes(item, text, "item card"),
    )


def _item_attributes(item: Item, text: str | None, kind: str = "item") -> dict[str, str | int]:
    """What the page's script needs of an item: its key, section and located evidence."""
    evidence_keys = [
        item.evidence_key(position)
        for position, evidence in enumerate(item.evidence)
        if text is not None and located(evidence, text)
    ]
    unverified = " is-unverified" if not item.subject.verified else ""
    return {
        "id": f"item-{item.key}",
        "class_": f"{kind} sec-{item.section.value}{unverified}",
        "data_item": item.key,
        "data_section": item.section.value,
        "data_ev": " ".join(evidence_keys),
        "tabindex": 0,
    }


def _evidence_list(briefing: Briefing, item: Item, text: str | None) -> Markup:
    names = named_parties(briefing, item.subject)
    return el(
        "ul",
        [_evidence(item, n, e, text, names) for n, e in enumerate(item.evidence)],
        class_="ev",
    )


def _party_table(
    briefing: Briefing, members: list[Item], keys: dict[str, str], text: str | None
) -> Markup:
    """The parties as a compact table, one row each, their evidence folded away."""
    head = el("tr", [el("th", label, scope="col") for label in ("Party", "Kind", "Evidence")])
    return el(
        "table",
        el("thead", head),
        el(
            "tbody",
            [
                _party_row(briefing, item, item.subject, keys, text)
                for item in members
                if isinstance(item.subject, Party)
            ],
        ),
        class_="parties",
    )


def _party_row(
    briefing: Briefing, item: Item, party: Party, keys: dict[str, str], text: str | None
) -> Markup:
    role: list[Markup | str] = [party.role] if party.role else []
    if party.affiliation_id:
        role.append(join(["of ", _ref(briefing, party.affiliation_id, keys)]))
    elif party.affiliation:
        role.append(f"of {party.affiliation}")
    count = len(item.evidence)
    label = f"{count} passage{'s' if count != 1 else ''}"
    if not party.verified:
        label += " · unverified"
    return el(
        "tr",
        el(
            "td",
            el("span", party.name, class_="title"),
            el("span", _between(role, " · "), class_="role") if role else None,
            el("span", "also ", ", ".join(party.aliases), class_="also") if party.aliases else None,
        ),
        el("td", party.kind.value.replace("_", " "), class_="kind"),
        el(
            "td",
            el("details", el("summary", label), _evidence_list(briefing, item, text))
            if item.evidence
            else "none",
            class_="passages",
        ),
        **_item_attributes(item, text),
    )


def _tags(subject: Agreement | Threat) -> list[Markup]:
    if isinstance(subject, Agreement):
        return [el("span", subject.status.value.replace("_", " "), class_="tag")]
    return [
        el("span", subject.severity.value, class_=f"tag severity-{subject.severity.value}"),
        el("span", subject.domain.value, class_="tag"),
    ]


def _details(briefing: Briefing, subject: Agreement | Threat, keys: dict[str, str]) -> Markup:
    def ref(party_id: str) -> Markup:
        return _ref(briefing, party_id, keys)

    rows: list[tuple[str, Child]] = []
    if isinstance(subject, Agreement):
        rows.append(("Parties", _between([ref(i) for i in subject.party_ids], ", ") or "—"))
        if subject.date:
            rows.append(("Date", dated(subject.date, briefing.article.date)))
    else:
        rows.append(("From", ref(subject.source_id) if subject.source_id else "—"))
        rows.append(("Against", _between([ref(i) for i in subject.target_ids], ", ") or "—"))
    return el("dl", [[el("dt", label), el("dd", value)] for label, value in rows], class_="details")


def _ref(briefing: Briefing, party_id: str, keys: dict[str, str]) -> Markup:
    """A link to a party of the briefing, or its id marked as missing."""
    key = keys.get(party_id)
    name = party_name(briefing, party_id)
    if key is None:
        return el("span", name, class_="ref missing", title="not a party of this briefing")
    return el("a", name, href=f"#item-{key}", class_="ref", data_ref=key)


def _evidence(
    item: Item, position: int, evidence: Evidence, text: str | None, names: list[list[str]]
) -> Markup:
    shown = excerpt_around(evidence_text(evidence), EXCERPT_CHARS, names)
    quote = el("span", shown, class_="quote")
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
    title_end = _title_line_end(briefing, text)
    cut = [part for segment in segments(len(text), spans) for part in _split(segment, title_end)]
    title = [_segment(s, text, by_key) for s in cut if s.end <= title_end]
    body = [_segment(s, text, by_key) for s in cut if s.end > title_end]
    pieces = [el("span", title, class_="title-line") if title else None, body]
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


def _title_line_end(briefing: Briefing, text: str) -> int:
    """Where the article's first line ends if it is its title (or the headline), else 0.

    That line is then set as the article's heading rather than as a paragraph.
    """
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    if same_words(first, briefing.headline) or same_words(first, briefing.article.title):
        return len(first)
    return 0


def _split(segment: Segment, at: int) -> list[Segment]:
    if segment.start < at < segment.end:
        return [Segment(segment.start, at, segment.spans), Segment(at, segment.end, segment.spans)]
    return [segment]


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
    facts: list[tuple[str, str | None]] = [
        ("Engine", provenance.engine),
        ("Model", model_label(provenance)),
        ("Output mode", provenance.output_mode),
        ("Prompt", provenance.prompt_version),
        ("Tokens", token_figures(provenance.usage)),
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
