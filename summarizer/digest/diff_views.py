"""A :class:`~summarizer.digest.diff.DigestDiff` as Markdown or as a self-contained page.

Both list, in this order: parties that appeared and dropped out, then agreements and
threats that are new, changed (status; escalated or eased) or gone, each with the
evidence of its latest report. Text from articles and models is escaped.
"""

from __future__ import annotations

from summarizer.digest.diff import DigestDiff, EventChange
from summarizer.digest.summary import label
from summarizer.render.markdown import md
from summarizer.render.markup import Markup, asset, el, page
from summarizer.render.view import status_label
from summarizer.text import count_label

_HEADINGS = {
    "new": "New",
    "status": "Status changed",
    "escalated": "Escalated",
    "eased": "Eased",
    "gone": "Gone",
}


def diff_markdown(diff: DigestDiff) -> str:
    """The differences as a Markdown document."""
    blocks = [f"# Changes from {md(diff.old)} to {md(diff.new)}"]
    if diff.same:
        return blocks[0] + "\n\nNo changes.\n"
    for heading, parties in (
        ("appeared", diff.parties_added),
        ("dropped out", diff.parties_removed),
    ):
        if parties:
            blocks.append(f"## Parties that {heading}")
            blocks.append(
                "\n".join(
                    f"- **{md(p.name)}** ({label(p.kind.value)}, "
                    f"{count_label(p.article_count, 'article')})"
                    for p in parties
                )
            )
    for kind in ("agreement", "threat"):
        for change, heading in _HEADINGS.items():
            events = [e for e in diff.events if e.kind == kind and e.change == change]
            if events:
                blocks.append(f"## {heading} {kind}s")
                blocks += [_event_markdown(e) for e in events]
    return "\n\n".join(blocks) + "\n"


def _event_markdown(event: EventChange) -> str:
    states = " → ".join(label(s.value) for s in (event.old, event.new) if s is not None)
    head = f"- **{md(event.what)}** ({states}; {md(', '.join(event.parties)) or 'no parties'})"
    quotes = [
        f"  > “{md(e.text)}” *({status_label(e)}, chars {e.start}–{e.end})*"
        for e in event.evidence
        if e.text is not None
    ]
    return "\n".join([head, *quotes])


def diff_page(diff: DigestDiff) -> str:
    """The differences as one self-contained HTML page."""
    title = f"Changes from {diff.old} to {diff.new}"
    sections: list[Markup] = []
    for heading, parties in (
        ("appeared", diff.parties_added),
        ("dropped out", diff.parties_removed),
    ):
        if parties:
            rows = [
                el(
                    "li",
                    el("strong", p.name),
                    f" ({label(p.kind.value)}, {count_label(p.article_count, 'article')})",
                )
                for p in parties
            ]
            sections.append(_section(f"Parties that {heading}", "parties", el("ul", rows)))
    for kind in ("agreement", "threat"):
        for change, heading in _HEADINGS.items():
            events = [e for e in diff.events if e.kind == kind and e.change == change]
            if events:
                cards = el("ol", [_event_card(e) for e in events], class_="items")
                sections.append(_section(f"{heading} {kind}s", f"{kind}s", cards))
    if not sections:
        sections.append(el("p", "No changes.", class_="empty"))
    body = [
        el("header", el("h1", title), class_="top"),
        el("div", el("main", sections), class_="layout no-article digest"),
    ]
    return page(title, body, css=asset("briefing.css"))


def _section(heading: str, key: str, content: Markup) -> Markup:
    return el("section", el("h2", heading), content, class_=f"sec sec-{key}")


def _event_card(event: EventChange) -> Markup:
    states = " → ".join(label(s.value) for s in (event.old, event.new) if s is not None)
    quotes = [
        el(
            "li",
            el("span", e.text, class_="quote"),
            el("span", f"{status_label(e)} · chars {e.start}–{e.end}", class_="status"),
            class_=f"evidence is-{e.status.value}",
        )
        for e in event.evidence
        if e.text is not None
    ]
    return el(
        "li",
        el(
            "div",
            el("span", event.what, class_="title"),
            el("span", states, class_="tag"),
            class_="head",
        ),
        el("p", ", ".join(event.parties) or "no parties", class_="muted"),
        el("ul", quotes, class_="ev") if quotes else None,
        class_=f"item sec-{event.kind}s",
    )
