"""Articles: a source read once and normalised into the text evidence offsets refer to."""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.errors import (
    EmptyArticle,
    SourceIsDirectory,
    SourceNotFound,
    UnreadableSource,
)
from summarizer.schema import ArticleInfo

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060\ufeff]")
_ODD_SPACE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0c\x0b]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUN = re.compile(r"\n{3,}")


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
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        object.__setattr__(self, "sha256", digest)

    def info(self) -> ArticleInfo:
        """Metadata of the article, without its text."""
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


def article_from_text(text: str, *, source: str = "<text>", title: str | None = None) -> Article:
    """An article from text already in memory; raises :class:`EmptyArticle` if blank."""
    clean = normalise_text(text)
    if not clean:
        raise EmptyArticle(f"{source}: the article is empty")
    return Article(text=clean, source=source, title=title)


def load_article(source: str | Path) -> Article:
    """Read an article from a path, or from standard input when ``source`` is ``-``."""
    name = str(source)
    if name == "-":
        return article_from_text(sys.stdin.read(), source="-")
    path = Path(name)
    if path.is_dir():
        raise SourceIsDirectory(f"{name}: is a directory, not an article")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceNotFound(f"{name}: no such file") from None
    except OSError as exc:
        raise UnreadableSource(f"{name}: cannot be read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableSource(f"{name}: is not UTF-8 text") from None
    return article_from_text(text, source=name)
