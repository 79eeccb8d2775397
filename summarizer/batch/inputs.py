"""What a batch reads: the articles of a folder, or the records of a JSONL file.

A folder is walked recursively (hidden entries and the output folder left out) for
``.txt``, ``.md``, ``.html`` and ``.htm`` files, or for whatever ``--glob`` patterns
match; a named pipe, socket or device among them fails with its own error rather than
being waited on. A JSONL file holds one record a line, ``{"id": …, "text" | "url" | "path": …}``
with an optional ``title``; a line that is not such a record becomes an input that
fails with its own one-line error, so nothing is dropped silently. Records are read
again when their turn comes, so a large file is never held in memory, and a line longer
than the size cap allows is skipped over, not read. A Parquet file holds one article a
row (see :mod:`summarizer.batch.parquet_inputs`).
"""

from __future__ import annotations

import fnmatch
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.article import DEFAULT_MAX_BYTES
from summarizer.batch.item import RECORD_OVERHEAD, InputItem, too_large
from summarizer.batch.parquet_inputs import ParquetColumns, parquet_inputs
from summarizer.errors import SourceNotFound, UnsupportedSource

__all__ = ["InputItem", "ParquetColumns", "discover_inputs"]

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
_SKIP_CHUNK = 1 << 20


def discover_inputs(
    source: Path,
    *,
    globs: Sequence[str] = (),
    exclude: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    columns: ParquetColumns | None = None,
) -> list[InputItem]:
    """The inputs of a folder, a JSONL file or a Parquet file, in a stable order.

    A JSONL line over ``max_bytes`` (plus :data:`RECORD_OVERHEAD`) is not read: it
    becomes an input that fails as too large. ``columns`` names a Parquet file's columns
    (default: ``text``, and ``id`` when there is one).

    Raises:
        SourceNotFound: ``source`` does not exist.
        UnsupportedSource: ``source`` is a file but neither ``.jsonl`` nor ``.parquet``,
            or ``columns`` are given for something else than a Parquet file.
        InputError: a Parquet column is missing or of the wrong type.
    """
    parquet = source.suffix.lower() in PARQUET_SUFFIXES and not source.is_dir()
    if columns is not None and not parquet:
        raise UnsupportedSource(f"{source}: column options go with a .parquet file")
    if source.is_dir():
        return _folder_inputs(source, globs, exclude)
    if not source.exists():
        raise SourceNotFound(f"{source}: no such folder or file")
    if parquet:
        return list(parquet_inputs(source, columns or ParquetColumns()))
    if source.suffix.lower() not in JSONL_SUFFIXES:
        raise UnsupportedSource(
            f"{source}: a batch reads a folder or a .jsonl file of records (or a .parquet "
            "file of articles), not one article"
        )
    return _jsonl_inputs(source, max_bytes)


def _folder_inputs(root: Path, globs: Sequence[str], exclude: Path | None) -> list[InputItem]:
    skip = exclude.resolve() if exclude is not None else None
    items: list[InputItem] = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".") and (here / d).resolve() != skip]
        for filename in files:
            path = here / filename
            relative = path.relative_to(root).as_posix()
            if filename.startswith(".") or not _wanted(relative, globs):
                continue
            name = os.path.splitext(relative)[0]  # broken links and pipes fail when read
            items.append(InputItem(relative, str(path), name, "file", str(path)))
    items.sort(key=lambda item: item.id)
    return items


def _wanted(relative: str, globs: Sequence[str]) -> bool:
    if not globs:
        return os.path.splitext(relative)[1].lower() in ARTICLE_SUFFIXES
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(relative if "/" in g else name, g) for g in globs)


def _jsonl_inputs(path: Path, max_bytes: int) -> list[InputItem]:
    items: list[InputItem] = []
    first_line: dict[str, int] = {}
    offset = number = 0
    with path.open("rb") as stream:
        while True:
            line, size = _read_line(stream, max_bytes + RECORD_OVERHEAD)
            if not size:
                return items
            number += 1
            start, offset = offset, offset + size
            if line is None:
                where = f"{path}:{number}"
                items.append(_invalid(f"line-{number}", where, str(too_large(where, max_bytes))))
            elif line.strip():
                items.append(_record_input(path, number, start, line, first_line))


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


def _record_input(
    path: Path, number: int, offset: int, line: bytes, first_line: dict[str, int]
) -> InputItem:
    where = f"{path}:{number}"
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
        record_id = str(raw_id).strip() or f"line-{number}"
    if record_id in first_line:
        first = first_line[record_id]
        return _invalid(
            f"{record_id}#{number}",
            where,
            f"{where}: duplicate id {record_id!r} (first on line {first})",
        )
    first_line[record_id] = number
    return _record_kind(path, record_id, where, offset, record)


def _record_kind(
    path: Path, record_id: str, where: str, offset: int, record: dict[str, Any]
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
        return InputItem(record_id, value, name, "url", value)
    target = Path(value).expanduser()
    if not target.is_absolute():
        target = path.parent / target
    return InputItem(record_id, str(target), name, "file", str(target))


def _invalid(record_id: str, where: str, problem: str) -> InputItem:
    return InputItem(record_id, where, _flat(record_id), "invalid", problem=problem)


def _flat(record_id: str) -> str:
    return record_id.replace("/", "_").replace("\\", "_")
