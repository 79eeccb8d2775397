"""One input of a batch, and how it is read: a file, a URL, a JSONL record.

Inputs are listed by :mod:`summarizer.batch.inputs` (and Parquet rows by
:mod:`summarizer.batch.parquet_inputs`); each is read only when its turn comes.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from typing import Literal

from summarizer.article import DEFAULT_MAX_BYTES, Article, article_from_text, load_article
from summarizer.errors import InputError, InputTooLarge, UnreadableSource

RECORD_OVERHEAD = 65_536
"""Bytes a record's line may hold beyond the size cap: its id, title and JSON syntax."""

Kind = Literal["file", "url", "record", "invalid"]


@dataclass(frozen=True, slots=True)
class InputItem:
    """One input of a batch: where it comes from and how to read it.

    ``id`` is unique in the batch: the path relative to the folder, or the record's id.
    ``name`` is the output path it suggests, without extension: the relative path of a
    file, or the record's id (with no folders).
    """

    id: str
    source: str
    name: str
    kind: Kind
    location: str = ""
    """The file path or URL to read; for a record, the JSONL file."""
    offset: int = 0
    """Where the record's line starts in the JSONL file."""
    problem: str | None = None
    """Why an ``invalid`` input cannot be read."""

    def load(self, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
        """Read the article; every failure is an :class:`InputError` with a one-line message."""
        if self.kind == "invalid":
            raise InputError(self.problem or f"{self.source}: not a valid input")
        if self.kind == "record":
            return self._load_record(max_bytes)
        if self.kind == "file":
            refuse_special_file(self.location, self.source)
        return load_article(self.location, max_bytes=max_bytes)

    def _load_record(self, max_bytes: int) -> Article:
        try:
            with open(self.location, "rb") as stream:
                stream.seek(self.offset)
                line = stream.readline(max_bytes + RECORD_OVERHEAD + 1)
                if len(line) > max_bytes + RECORD_OVERHEAD:
                    raise too_large(self.source, max_bytes)
                record = json.loads(line)
            text, title = record["text"], record.get("title")
        except (OSError, ValueError, KeyError, TypeError):
            raise InputError(f"{self.source}: the JSONL file changed during the batch") from None
        if not isinstance(text, str):
            raise InputError(f"{self.source}: the JSONL file changed during the batch")
        if len(text.encode("utf-8")) > max_bytes:
            raise too_large(self.source, max_bytes)
        return article_from_text(
            text, source=self.source, title=title if isinstance(title, str) else None
        )


def too_large(where: str, max_bytes: int) -> InputTooLarge:
    """The error of an input over the size cap, saying how to raise it."""
    return InputTooLarge(
        f"{where}: over the {max_bytes:,}-byte limit; set BRIEFING_MAX_BYTES to raise it"
    )


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def refuse_special_file(location: str, source: str) -> None:
    """Refuse what reading could block on forever (a pipe no one writes to) or never end."""
    try:
        mode = os.stat(location).st_mode
    except OSError:
        return  # reading it says what is wrong
    for test, kind in _SPECIAL_FILES:
        if test(mode):
            raise UnreadableSource(f"{source}: is {kind}, not a file; a batch reads files")
