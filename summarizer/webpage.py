"""Web pages: the main text of an article and its metadata, extracted by trafilatura.

Menus, comments, captions and footers are left out; what remains, one paragraph per
block of the page separated by blank lines, is the text evidence offsets refer to.

Malformed pages are read as far as they can be: a page nested deeper than the 256 levels
libxml2 parses by default is parsed again without that limit (up to 2,048 levels), and
a page on which trafilatura's metadata extraction trips is read for its text alone.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import lxml.html
import trafilatura

from summarizer.errors import NoArticleText

MIN_PARAGRAPH_WORDS = 8
"""A page counts as an article only if some paragraph has at least this many words;
otherwise what was extracted is a menu or a list of links."""

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(
    r"<(?:p|div|article|section|span|a|br|h[1-6]|meta|title|script)\b[^>]*>", re.I
)
_WORD = re.compile(r"\w+")
_SNIFF_CHARS = 2048
MAX_DEPTH = 2048
"""Deepest nesting of elements libxml2 parses, even without its default limit of 256."""

log = logging.getLogger("summarizer")

for _name in ("trafilatura", "htmldate", "courlan"):
    # their complaints about a page surface as NoArticleText; keep them off stderr
    # unless the application configures logging
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Page:
    """The article found in a web page, and what the page says of it."""

    text: str
    title: str | None
    date: str | None
    author: str | None
    site: str | None
    url: str | None


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document or fragment rather than plain text."""
    head = text[:_SNIFF_CHARS]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 3


def extract_page(html: str, *, source: str, url: str | None = None) -> Page:
    """The main article of ``html``; ``url`` is where it was fetched from, if known.

    Raises :class:`NoArticleText` when the page holds no article text.
    """
    document = _extract(html, url, deep=False)
    paragraphs = _paragraphs(document)
    if not _is_article(paragraphs):
        document = _extract(html, url, deep=True)
        paragraphs = _paragraphs(document)
    if not _is_article(paragraphs):
        reason = f" (it nests elements over {MAX_DEPTH:,} deep)" if _too_deep(html) else ""
        raise NoArticleText(f"{source}: no article text found in the page{reason}")
    return Page(
        text="\n\n".join(paragraphs),
        title=_field(document, "title"),
        date=_field(document, "date"),
        author=_field(document, "author"),
        site=_field(document, "sitename"),
        url=url or _field(document, "url"),
    )


def _extract(html: str, url: str | None, *, deep: bool) -> object:
    """The page as trafilatura reads it, or ``None``; ``deep`` lifts the depth limit."""
    for with_metadata in (True, False):
        try:
            return trafilatura.bare_extraction(
                _deep_tree(html) if deep else html,
                url=url,
                with_metadata=with_metadata,
                include_comments=False,
                include_images=False,
                include_links=False,
                include_formatting=False,
                include_tables=True,
            )
        except Exception as exc:  # the libraries tripping on malformed markup
            log.debug("reading the page failed (%s: %s)", type(exc).__name__, exc)
    return None


def _deep_tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_deep_parser())


def _deep_parser() -> lxml.html.HTMLParser:
    """A parser as trafilatura configures it, without the 256-level depth limit."""
    return lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )


def _too_deep(html: str) -> bool:
    parser = _deep_parser()
    try:
        lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:  # an empty or unparsable document: not a matter of depth
        return False
    return any("Excessive depth" in error.message for error in parser.error_log)


def _paragraphs(document: object) -> list[str]:
    text = getattr(document, "text", None) or ""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _is_article(paragraphs: list[str]) -> bool:
    return any(len(_WORD.findall(p)) >= MIN_PARAGRAPH_WORDS for p in paragraphs)


def _field(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    return value.strip() or None if isinstance(value, str) else None
