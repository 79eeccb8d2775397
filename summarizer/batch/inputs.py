r"""What a batch reads: the articles of a folder, or the records of a JSONL file.

A folder is walked recursively for ``.txt``, ``.md``, ``.html`` and ``.htm`` files, or
for whatever ``--glob`` patterns match. Left out: hidden entries, the output folder, any
other folder holding a batch's manifest (an earlier output folder), and the pages and
briefings this program wrote (an HTML page naming ``briefing`` as its generator, a JSON
document opening with our ``schema_version``). A named pipe, socket or device among the
files fails with its own error rather than being waited on. A file name that is not
valid UTF-8 is read all the same; its id shows each stray byte as ``\xNN``.

A JSONL file holds one record a line, ``{"id": …, "text" | "url" | "path": …}`` with an
optional ``title``; a line that is not such a record becomes an input that fails with
its own one-line error, so nothing is dropped silently. Records are untrusted: a
``path`` must lead inside the JSONL file's folder (unless ``allow_paths``), a ``url``
must be ``http(s)`` and, when fetched, not on a loopback, link-local or private address
(unless ``allow_private_urls``). Records are read again when their turn comes, so a
large file is never held in memory, and a line longer than the size cap allows is
skipped over, not read.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, Literal

from summarizer.article import (
    DEFAULT_MAX_BYTES,
    URL_SCHEMES,
    Article,
    article_from_text,
    load_article,
)
from summarizer.batch.manifest import LOCK_NAME, MANIFEST_NAME, ManifestLine
from summarizer.batch.scratch import DiskSequence, ScratchDatabase
from summarizer.errors import (
    InputError,
    InputTooLarge,
    SourceNotFound,
    UnreadableSource,
    UnsupportedSource,
)

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
RECORD_OVERHEAD = 65_536
"""Bytes a record's line may hold beyond the size cap: its id, title and JSON syntax."""

Kind = Literal["file", "url", "record", "invalid"]
_SKIP_CHUNK = 1 << 20
_SNIFF_BYTES = 2048
_OUR_PAGE = re.compile(rb'<meta name="generator" content="briefing[ "/]', re.I)
_OUR_JSON = re.compile(
    rb'\A\s*\{\s*"schema_version"\s*:\s*"\d+\.\d+"\s*,\s*"(?:headline|digest|parties)"'
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")


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
    allow_private: bool = False
    """For a URL: whether it may be fetched from a loopback, link-local or private address."""

    def load(self, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
        """Read the article; every failure is an :class:`InputError` with a one-line message."""
        if self.kind == "invalid":
            raise InputError(self.problem or f"{self.source}: not a valid input")
        if self.kind == "record":
            return self._load_record(max_bytes)
        try:
            if self.kind == "file":
                _refuse_special_file(self.location, self.source)
                article = load_article(Path(self.location), max_bytes=max_bytes)
            else:
                article = load_article(
                    self.location, max_bytes=max_bytes, allow_private=self.allow_private
                )
        except InputError as exc:
            message = str(exc)
            if _SURROGATE.search(message):  # a name that is not UTF-8, quoted in the error
                raise type(exc)(printable_name(message)) from None
            raise
        return article if article.source == self.source else replace(article, source=self.source)

    def _load_record(self, max_bytes: int) -> Article:
        try:
            with open(self.location, "rb") as stream:
                stream.seek(self.offset)
                line = stream.readline(max_bytes + RECORD_OVERHEAD + 1)
                if len(line) > max_bytes + RECORD_OVERHEAD:
                    raise _too_large(self.source, max_bytes)
                record = json.loads(line)
            text, title = record["text"], record.get("title")
        except (OSError, ValueError, KeyError, TypeError):
            raise InputError(f"{self.source}: the JSONL file changed during the batch") from None
        if not isinstance(text, str):
            raise InputError(f"{self.source}: the JSONL file changed during the batch")
        text = _SURROGATE.sub("\ufffd", text)  # "\ud800" alone is not a character
        if len(text.encode("utf-8")) > max_bytes:
            raise _too_large(self.source, max_bytes)
        return article_from_text(
            text,
            source=self.source,
            title=_SURROGATE.sub("\ufffd", title) if isinstance(title, str) else None,
        )


def discover_inputs(
    source: Path,
    *,
    globs: Sequence[str] = (),
    exclude: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_paths: bool = False,
    allow_private_urls: bool = False,
) -> Sequence[InputItem]:
    """The inputs of a folder or a JSONL file, in a stable order.

    A JSONL line over ``max_bytes`` (plus :data:`RECORD_OVERHEAD`) is not read: it
    becomes an input that fails as too large. ``allow_paths`` lets records read files
    anywhere; ``allow_private_urls`` lets them fetch from private addresses. The inputs
    are kept on disk (:class:`~summarizer.batch.scratch.DiskSequence`): a million cost
    what ten do in memory.

    Raises:
        SourceNotFound: ``source`` does not exist.
        UnsupportedSource: ``source`` is a file but not a ``.jsonl`` file.
    """
    if source.is_dir():
        return _kept(_folder_inputs(source, globs, exclude), key=_by_id)
    if not source.exists():
        raise SourceNotFound(f"{source}: no such folder or file")
    if source.suffix.lower() not in JSONL_SUFFIXES:
        raise UnsupportedSource(
            f"{source}: a batch reads a folder or a .jsonl file of records, not one article"
        )
    return _kept(_jsonl_inputs(source, max_bytes, _Trust(allow_paths, allow_private_urls)))


def _kept(
    items: Iterable[InputItem], key: Callable[[InputItem], str] | None = None
) -> Sequence[InputItem]:
    return DiskSequence(items, encode=_encode, decode=_decode, key=key)


def _by_id(item: InputItem) -> str:
    return item.id


def _encode(item: InputItem) -> str:
    return json.dumps(astuple(item))  # surrogates of names that are not UTF-8 escaped


def _decode(text: str) -> InputItem:
    return InputItem(*json.loads(text))


def _folder_inputs(root: Path, globs: Sequence[str], exclude: Path | None) -> Iterator[InputItem]:
    skip = exclude.resolve() if exclude is not None else None
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith(".")
            and (here / d).resolve() != skip
            and not is_output_folder(here / d)
        ]
        for filename in files:
            path = here / filename
            relative = path.relative_to(root).as_posix()
            if filename.startswith(".") or not _wanted(relative, globs) or _written_by_us(path):
                continue
            shown, location = printable_name(relative), str(path)
            name = os.path.splitext(shown)[0]  # broken links and pipes fail when read
            yield InputItem(shown, printable_name(location), name, "file", location)


def is_output_folder(folder: Path) -> bool:
    """Whether ``folder`` is a batch's output folder: it holds our lock or manifest."""
    if (folder / LOCK_NAME).exists():
        return True
    try:
        with (folder / MANIFEST_NAME).open("rb") as stream:
            first = stream.readline(RECORD_OVERHEAD)
        ManifestLine.from_json(first)
    except (OSError, ValueError, TypeError):
        return False
    return True


def _written_by_us(path: Path) -> bool:
    """Whether the file at ``path`` is a page or a JSON document this program wrote."""
    suffix = path.suffix.lower()
    if suffix not in {".html", ".htm", ".json"}:
        return False
    try:  # not blocking on a named pipe: reading it later says what it is
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False  # reading it says what is wrong
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = os.read(fd, _SNIFF_BYTES)
    except OSError:
        return False
    finally:
        os.close(fd)
    pattern = _OUR_JSON if suffix == ".json" else _OUR_PAGE
    return bool(pattern.search(head))


def printable_name(name: str) -> str:
    r"""A file name as valid Unicode: each byte that was not UTF-8 shown as ``\xNN``."""
    return _SURROGATE.sub(_escape_surrogate, name)


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _wanted(relative: str, globs: Sequence[str]) -> bool:
    if not globs:
        return os.path.splitext(relative)[1].lower() in ARTICLE_SUFFIXES
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(relative if "/" in g else name, g) for g in globs)


@dataclass(frozen=True)
class _Trust:
    """What a JSONL file's records may reach beyond its own folder."""

    paths: bool
    private_urls: bool


class _FirstLines:
    """The line each record id was first seen on, kept on disk."""

    def __init__(self) -> None:
        self._db = ScratchDatabase("CREATE TABLE seen (id TEXT PRIMARY KEY, line INTEGER);")

    def first(self, record_id: str) -> int | None:
        with self._db.connection() as db:
            row = db.execute("SELECT line FROM seen WHERE id = ?", (record_id,)).fetchone()
        return None if row is None else int(row[0])

    def note(self, record_id: str, number: int) -> None:
        with self._db.connection() as db:
            db.execute("INSERT INTO seen VALUES (?, ?)", (record_id, number))


def _jsonl_inputs(path: Path, max_bytes: int, trust: _Trust) -> Iterator[InputItem]:
    first_lines = _FirstLines()
    offset = number = 0
    with path.open("rb") as stream:
        while True:
            line, size = _read_line(stream, max_bytes + RECORD_OVERHEAD)
            if not size:
                return
            number += 1
            start, offset = offset, offset + size
            where = f"{printable_name(str(path))}:{number}"
            if line is None:
                yield _invalid(f"line-{number}", where, str(_too_large(where, max_bytes)))
            elif line.strip():
                yield _record_input(path, where, number, start, line, first_lines, trust)


def _read_line(stream: BinaryIO, limit: int) -> tuple[bytes | None, int]:
    """The next line and its size; ``None`` for a line over ``limit``, skipped unread."""
    line = stream.readline(limit + 1)
    if len(line) <= limit:
        return line, len(line)
    size = len(line)
    while not line.endswith(b"\n"):
        line = stream.readline(_SKIP_CHUNK)
        if not line:
            break
        size += len(line)
    return None, size


def _too_large(where: str, max_bytes: int) -> InputTooLarge:
    return InputTooLarge(
        f"{where}: over the {max_bytes:,}-byte limit; set BRIEFING_MAX_BYTES to raise it"
    )


def _record_input(
    path: Path,
    where: str,
    number: int,
    offset: int,
    line: bytes,
    first_lines: _FirstLines,
    trust: _Trust,
) -> InputItem:
    try:
        record = json.loads(line)
    except ValueError:
        return _invalid(f"line-{number}", where, f"{where}: not a JSON record")
    if not isinstance(record, dict):
        return _invalid(f"line-{number}", where, f"{where}: not a JSON object")
    raw_id = record.get("id")
    if raw_id is None or isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
        record_id = f"line-{number}"
        if raw_id is not None:
            return _invalid(record_id, where, f"{where}: the id must be a string or a number")
    else:
        record_id = printable_name(str(raw_id).strip()) or f"line-{number}"
    first = first_lines.first(record_id)
    if first is not None:
        return _invalid(
            f"{record_id}#{number}",
            where,
            f"{where}: duplicate id {record_id!r} (first on line {first})",
        )
    first_lines.note(record_id, number)
    return _record_kind(path, record_id, where, offset, record, trust)


def _record_kind(
    path: Path, record_id: str, where: str, offset: int, record: dict[str, Any], trust: _Trust
) -> InputItem:
    given = [key for key in ("text", "url", "path") if record.get(key) is not None]
    if len(given) != 1:
        problem = "has none of" if not given else "has more than one of"
        return _invalid(record_id, where, f"{where}: the record {problem} text, url and path")
    key = given[0]
    value = record[key]
    if not isinstance(value, str):
        return _invalid(record_id, where, f"{where}: {key} must be a string")
    name = _flat(record_id)
    if key == "text":
        return InputItem(record_id, where, name, "record", str(path), offset)
    if key == "url":
        scheme = value.partition("://")[0].lower() if "://" in value else ""
        if scheme not in URL_SCHEMES or _SURROGATE.search(value):
            return _invalid(record_id, where, f"{where}: url must be an http or https URL")
        return InputItem(record_id, value, name, "url", value, allow_private=trust.private_urls)
    return _record_file(path, record_id, where, value, trust)


def _record_file(path: Path, record_id: str, where: str, value: str, trust: _Trust) -> InputItem:
    """A record's ``path``: inside the JSONL file's folder, links followed, unless trusted."""
    folder = path.parent
    target = Path(value).expanduser() if trust.paths else Path(value)
    if not target.is_absolute():
        target = folder / target
    if not trust.paths:
        inside = folder.resolve()
        if not target.resolve().is_relative_to(inside):
            return _invalid(
                record_id,
                where,
                f"{where}: the path {printable_name(value)!r} leads outside "
                f"{printable_name(str(folder))}; --allow-paths reads it",
            )
    shown = printable_name(str(target))
    return InputItem(record_id, shown, _flat(record_id), "file", str(target))


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def _refuse_special_file(location: str, source: str) -> None:
    """Refuse what reading could block on forever (a pipe no one writes to) or never end."""
    try:
        mode = os.stat(location).st_mode
    except OSError:
        return  # reading it says what is wrong
    for test, kind in _SPECIAL_FILES:
        if test(mode):
            raise UnreadableSource(f"{source}: is {kind}, not a file; a batch reads files")


def _invalid(record_id: str, where: str, problem: str) -> InputItem:
    return InputItem(record_id, where, _flat(record_id), "invalid", problem=problem)


def _flat(record_id: str) -> str:
    return record_id.replace("/", "_").replace("\\", "_")
