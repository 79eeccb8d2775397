"""Briefings for people: JSON, Markdown, plain or rich terminal text, and an HTML page.

Every renderer takes the public :class:`~summarizer.schema.Briefing` and, when known,
the article text its evidence offsets refer to. The terminal renderer (rich) loads when
first used.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from summarizer.render.html import briefing_page
from summarizer.render.index import IndexRow, render_index
from summarizer.render.markdown import markdown
from summarizer.schema import Briefing

if TYPE_CHECKING:
    from rich.console import Console


class Format(StrEnum):
    """The output formats of a briefing."""

    JSON = "json"
    MARKDOWN = "markdown"
    TEXT = "text"
    HTML = "html"


def render(briefing: Briefing, text: str | None, fmt: Format) -> str:
    """The briefing in ``fmt``; ``text`` is the article its offsets refer to, if known.

    Without ``text`` the HTML page has no article column and every format shows the
    evidence as excerpts. ``TEXT`` is the terminal rendering, 80 columns, unstyled.
    """
    match fmt:
        case Format.JSON:
            return briefing.model_dump_json(indent=2) + "\n"
        case Format.MARKDOWN:
            return markdown(briefing, text)
        case Format.TEXT:
            from summarizer.render.terminal import plain_text

            return plain_text(briefing, text)
        case Format.HTML:
            return briefing_page(briefing, text)


def print_terminal(briefing: Briefing, text: str | None, console: Console) -> None:
    """Print the briefing on a rich ``console`` (see :mod:`summarizer.render.terminal`)."""
    from summarizer.render.terminal import print_terminal as show

    show(briefing, text, console)


__all__ = ["Format", "IndexRow", "print_terminal", "render", "render_index"]
