"""Safe HTML: escaping by default, elements built in code, and the page shell.

Every string that reaches a page goes through :func:`el` or :func:`escape`, so text
from the article or the model can never become markup, nor reorder what the page shows
(control characters and bidirectional overrides are shown as ``\ufffd``: see
:func:`~summarizer.text.printable`). The page shell adds a
Content-Security-Policy that allows only the page's own inline style and script (by
hash) and no network at all: a second guard should escaping ever be bypassed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import TypeAlias

from summarizer.text import printable

_TAG = re.compile(r"[a-z][a-z0-9]*")
_ATTRIBUTE = re.compile(r"[a-z][a-z0-9-]*")
_VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "wbr"})


class Markup(str):
    """A string already safe to place in HTML as it is."""

    __slots__ = ()


Child: TypeAlias = "str | int | float | None | Iterable[Child]"
"""What an element may contain: text (escaped), :class:`Markup` (kept), numbers, nothing,
or any nesting of these."""

Attribute: TypeAlias = "str | int | float | bool | None"


def escape(value: object) -> Markup:
    """``value`` as HTML text: unchanged if already :class:`Markup`, else escaped.

    Control characters and bidirectional controls are shown as ``\ufffd`` (see
    :func:`~summarizer.text.printable`): no text reorders the page around it, nor
    drives the terminal of someone reading the file.
    """
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(printable(str(value)), quote=True))


def join(children: Child) -> Markup:
    """Children concatenated as HTML, text escaped."""
    if children is None:
        return Markup()
    if isinstance(children, str | int | float):
        return escape(children)
    return Markup("".join(join(child) for child in children))


def el(tag: str, *children: Child, **attributes: Attribute) -> Markup:
    """An HTML element; text children and attribute values are escaped.

    Attribute names drop a trailing underscore and turn ``_`` into ``-``
    (``class_="x"``, ``data_ev="e1"``); ``True`` gives a bare attribute, ``None`` and
    ``False`` leave it out.
    """
    if not _TAG.fullmatch(tag):
        raise ValueError(f"not an HTML tag name: {tag!r}")
    parts = [f"<{tag}"]
    for key, value in attributes.items():
        name = key.rstrip("_").replace("_", "-")
        if not _ATTRIBUTE.fullmatch(name):
            raise ValueError(f"not an HTML attribute name: {name!r}")
        if value is None or value is False:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{escape(value)}"')
    parts.append(">")
    if tag in _VOID:
        if children:
            raise ValueError(f"<{tag}> cannot have children")
        return Markup("".join(parts))
    return Markup("".join(parts) + join(children) + f"</{tag}>")


def safe_href(url: str | None) -> str | None:
    """``url`` if a link to it cannot run script: relative, http(s) or file; else None."""
    if not url:
        return None
    scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]*):", url)
    if scheme is None or scheme.group(1).lower() in {"http", "https", "file"}:
        return url
    return None


@cache
def asset(name: str) -> str:
    """The text of a file shipped in ``summarizer/render/assets``."""
    return resources.files("summarizer.render").joinpath("assets", name).read_text("utf-8")


def _digest(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page(title: str, body: Child, *, css: str = "", script: str = "", lang: str = "en") -> str:
    """A complete, self-contained HTML document.

    ``css`` is added to the shared stylesheet (``assets/page.css``); ``script`` runs at
    the end of the body. Nothing is fetched: the policy forbids every request. The page
    names ``briefing`` as its generator, so that a batch never reads it back as an article.
    """
    style = asset("page.css") + css
    if "</style" in style.lower() or "</script" in script.lower():
        raise ValueError("inline style or script must not contain a closing tag")
    policy = "; ".join(
        [
            "default-src 'none'",
            f"style-src {_digest(style)}",
            f"script-src {_digest(script)}" if script else "script-src 'none'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    head = join(
        [
            Markup('<meta charset="utf-8">'),
            el("meta", http_equiv="Content-Security-Policy", content=policy),
            el("meta", name="generator", content="briefing"),
            el("meta", name="viewport", content="width=device-width, initial-scale=1"),
            el("meta", name="color-scheme", content="light dark"),
            el("link", rel="icon", href="data:,"),
            el("title", title),
            Markup(f"<style>{style}</style>"),
        ]
    )
    tail = Markup(f"<script>{script}</script>") if script else Markup()
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}">\n<head>{head}</head>\n'
        f"<body>{join(body)}{tail}</body>\n</html>\n"
    )
