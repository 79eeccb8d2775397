"""Articles: a source read once and normalised into the text evidence offsets refer to.

A source is a path (``.txt``, ``.md``, ``.html``, ``.htm``; any other name is sniffed by
content), ``-`` for standard input or an ``http(s)`` URL. No more than ``max_bytes`` is
ever read from any of them.

The readers of pages, URLs and encodings (trafilatura, the HTTP client, charset
detection) load when a source needs them, so that importing this module stays cheap.
"""

from __future__ import annotations

import hashlib
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal

from summarizer.errors import (
    EmptyArticle,
    InputTooLarge,
    SourceIsDirectory,
    SourceNotFound,
    UnreadableSource,
    UnsupportedSource,
)
from summarizer.metadata import clean_author, clean_title

if TYPE_CHECKING:
    from summarizer.schema import ArticleInfo

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
URL_SCHEMES = frozenset({"http", "https"})
DEFAULT_MAX_BYTES = 5_000_000
"""Largest input read, in bytes (file, page or standard input)."""

Kind = Literal["html", "text"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060\ufeff]")
_ODD_SPACE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0c\x0b]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUN = re.compile(r"\n{3,}")
_READ_CHUNK = 1 << 16
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+)://")


@dataclass(frozen=True)
class Article:
    """The text of one article, as every later step sees it, and what is known of it."""

    text: str
    source: str = "<text>"
    title: str | None = None
    url: str | None = None
    date: str | None = None
    author: str | None = None
    site: str | None = None
    encoding: str | None = None
    """The character encoding the source was decoded from, if it was read as bytes."""
    media_type: str = "text/plain"
    """``text/html`` when the text was extracted from a web page."""
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        object.__setattr__(self, "sha256", digest)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        source: str = "<text>",
        title: str | None = None,
        url: str | None = None,
        date: str | None = None,
        author: str | None = None,
        site: str | None = None,
    ) -> Article:
        """An article from plain text in memory, normalised as files are.

        ``date`` (ISO 8601) lets relative dates in the briefing be resolved. Raises
        :class:`~summarizer.errors.EmptyArticle` if the text is blank.
        """
        return article_from_text(
            text, source=source, title=title, url=url, date=date, author=author, site=site
        )

    @classmethod
    def from_html(cls, html: str, *, source: str = "<html>", url: str | None = None) -> Article:
        """The article of a web page held in memory: its main text and metadata.

        Read as a saved ``.html`` file is (trafilatura, then the metadata cleaned); ``url``
        is where the page came from, if known. Raises
        :class:`~summarizer.errors.NoArticleText` when the page holds no article.
        """
        return _from_page(html, source=source, url=url, encoding=None)

    def info(self) -> ArticleInfo:
        """Metadata of the article, without its text."""
        from summarizer.schema import ArticleInfo

        return ArticleInfo(
            source=self.source,
            sha256=self.sha256,
            chars=len(self.text),
            title=self.title,
            url=self.url,
            date=self.date,
            author=self.author,
            site=self.site,
        )


def normalise_text(text: str) -> str:
    """Canonical article text: NFC, Unix line ends, no control or zero-width characters.

    Odd spaces become plain spaces, trailing spaces go, runs of blank lines shrink to one
    and the whole is stripped. Offsets of evidence refer to the text this returns.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = _ODD_SPACE.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_RUN.sub("\n\n", text)
    return text.strip()


def article_from_text(
    text: str,
    *,
    source: str = "<text>",
    title: str | None = None,
    url: str | None = None,
    date: str | None = None,
    author: str | None = None,
    site: str | None = None,
    encoding: str | None = None,
    media_type: str = "text/plain",
) -> Article:
    """An article from text already in memory; raises :class:`EmptyArticle` if blank."""
    clean = normalise_text(text)
    if not clean:
        raise EmptyArticle(f"{source}: the article is empty")
    return Article(
        text=clean,
        source=source,
        title=title,
        url=url,
        date=date,
        author=author,
        site=site,
        encoding=encoding,
        media_type=media_type,
    )


def load_article(
    source: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float | None = None,
    allow_private: bool = True,
) -> Article:
    """Read an article from a path, an ``http(s)`` URL, or standard input if ``source`` is ``-``.

    At most ``max_bytes`` bytes are read; ``timeout`` bounds fetching a URL, in seconds,
    and ``allow_private=False`` refuses a URL on a loopback, link-local or private address.

    Returns:
        The :class:`Article`: its text decoded and normalised (HTML reduced to the
        article's text by trafilatura), with what is known of its title, URL and date.

    Raises:
        InputError: every failure, with a one-line message: :class:`SourceNotFound`,
            :class:`SourceIsDirectory`, :class:`EmptyArticle`, :class:`BinaryInput`,
            :class:`NoArticleText`, :class:`InputTooLarge`, :class:`UnsupportedSource`,
            :class:`FetchError` or :class:`UnreadableSource`.
    """
    name = str(source)
    scheme = _SCHEME.match(name) if isinstance(source, str) else None
    if scheme:
        if scheme.group(1).lower() not in URL_SCHEMES:
            raise UnsupportedSource(f"{name}: only http and https URLs are read")
        from summarizer.fetch import DEFAULT_TIMEOUT, HTML_TYPES, fetch_url

        fetched = fetch_url(
            name,
            max_bytes=max_bytes,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            allow_private=allow_private,
        )
        kind: Kind | None = None
        if fetched.media_type:
            kind = "html" if fetched.media_type in HTML_TYPES else "text"
        return _from_bytes(
            fetched.content, source=name, kind=kind, declared=fetched.charset, url=fetched.url
        )
    if name == "-":
        return _from_bytes(_read_stdin(max_bytes), source="-", kind=None)
    path = Path(name)
    suffix = path.suffix.lower()
    kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else None
    data = _read_file(path, shown_name(name, MAX_SHOWN_PATH), max_bytes)
    return _from_bytes(data, source=name, kind=kind)


MAX_SHOWN_PATH = 300
"""Longest path an error message shows whole (longer ones are cut, e.g. text given as a path)."""


def shown_name(name: str, limit: int) -> str:
    """A source's name as error messages show it: one line, at most ``limit`` chars."""
    flat = " ".join(name.split()) if "\n" in name else name
    return flat if len(flat) <= limit else repr(flat[: limit - 1] + "…")


def _from_bytes(
    data: bytes,
    *,
    source: str,
    kind: Kind | None,
    declared: str | None = None,
    url: str | None = None,
) -> Article:
    """Decode, sniff and, for HTML, extract the article from what a source held."""
    from summarizer.decoding import declared_charset, decode_bytes
    from summarizer.webpage import looks_like_html

    if declared is None and kind != "text":
        declared = declared_charset(data)
    decoded = decode_bytes(data, source=source, declared=declared)
    if kind is None:
        kind = "html" if looks_like_html(decoded.text) else "text"
    if kind == "text":
        return article_from_text(decoded.text, source=source, url=url, encoding=decoded.encoding)
    return _from_page(decoded.text, source=source, url=url, encoding=decoded.encoding)


def _from_page(html: str, *, source: str, url: str | None, encoding: str | None) -> Article:
    """The article of a decoded web page, its metadata cleaned."""
    from summarizer.webpage import extract_page

    if not normalise_text(html):
        raise EmptyArticle(f"{source}: the article is empty")
    page = extract_page(html, source=source, url=url)
    return article_from_text(
        page.text,
        source=source,
        title=clean_title(page.title, site=page.site, url=page.url),
        url=page.url,
        date=page.date,
        author=clean_author(page.author, site=page.site),
        site=page.site,
        encoding=encoding,
        media_type="text/html",
    )


def _read_file(path: Path, name: str, max_bytes: int) -> bytes:
    """The bytes of a file, refused before reading when its size is over ``max_bytes``."""
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise SourceNotFound(f"{name}: no such file") from None
    except OSError as exc:
        raise UnreadableSource(f"{name}: cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(status.st_mode):
        raise SourceIsDirectory(f"{name}: is a directory, not an article")
    if stat.S_ISREG(status.st_mode) and status.st_size > max_bytes:
        raise _too_large(name, max_bytes, status.st_size)
    try:
        with path.open("rb") as stream:
            return _read_capped(stream, name, max_bytes)
    except OSError as exc:
        raise UnreadableSource(f"{name}: cannot be read ({exc.strerror})") from None


def _read_stdin(max_bytes: int) -> bytes:
    stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise UnreadableSource("-: standard input cannot be read as bytes")
    return _read_capped(stream, "-", max_bytes)


def _read_capped(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of ``stream``, read in chunks: memory follows what is there.

    (``read(max_bytes + 1)`` would set aside the whole cap, 5 MB by default, for every
    article however short: a batch reading many at once peaked that many times over.)
    """
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = stream.read(min(_READ_CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise _too_large(name, max_bytes)


def _too_large(name: str, max_bytes: int, size: int | None = None) -> InputTooLarge:
    what = f"{size:,} bytes" if size is not None else "more than that"
    return InputTooLarge(
        f"{name}: over the {max_bytes:,}-byte limit ({what}); set BRIEFING_MAX_BYTES to raise it"
    )
