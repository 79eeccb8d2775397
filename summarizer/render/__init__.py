"""Briefings for people: JSON, Markdown, plain or rich terminal text, and an HTML page.

Every renderer takes the public :class:`~summarizer.schema.Briefing` and, when known,
the article text its evidence offsets refer to. Each renderer loads when first used, so
that naming a :class:`Format` (as the command line's options do) costs nothing.
"""

from __future__ import annotations

from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from summarizer.render.index import IndexRow, render_index
    from summarizer.schema import Briefing


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
            from summarizer.render.markdown import markdown

            return markdown(briefing, text)
        case Format.TEXT:
            from summarizer.render.terminal import plain_text

            return plain_text(briefing, text)
        case Format.HTML:
            from summarizer.render.html import briefing_page

            return briefing_page(briefing, text)


def print_terminal(briefing: Briefing, text: str | None, console: Console) -> None:
    """Print the briefing on a rich ``console`` (see :mod:`summarizer.render.terminal`)."""
    from summarizer.render.terminal import print_terminal as show

    show(briefing, text, console)


def __getattr__(name: str) -> Any:
    if name in {"IndexRow", "render_index"}:
        return getattr(import_module("summarizer.render.index"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Format", "IndexRow", "print_terminal", "render", "render_index"]
