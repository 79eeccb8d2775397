"""Batch inputs from a Parquet file: one article a row.

The columns are named by :class:`ParquetColumns` (``--text-column``, ``--id-column``,
``--url-column``, ``--title-column``, ``--date-column``); the text column holds the
article text, the others metadata that the briefing carries. An input's id is its id
column's value (numbers are written in decimal), ``row-N`` when the file has no id column
or the value is null or blank; N counts rows from 1. A repeated id makes the later rows
inputs that fail with their own error, as in a JSONL file.

Only the id column is read to list the inputs; texts are read when their turn comes,
a few hundred rows at a time (:data:`ROWS_PER_READ`), in the order the batch takes
them, so a file of millions of articles is never held in memory.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from summarizer.article import DEFAULT_MAX_BYTES, Article, article_from_text
from summarizer.batch.inputs import InputItem
from summarizer.errors import InputError, InputTooLarge, UnsupportedSource

PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
ROWS_PER_READ = 256
"""Rows decoded at a time when loading texts."""
_KEPT_READS = 4
_OPEN_FILES = 4


@dataclass(frozen=True, slots=True)
class ParquetColumns:
    """Which columns of a Parquet file hold the article and its metadata.

    ``id`` None means: the column ``id`` if the file has one, else row numbers.
    """

    text: str = "text"
    id: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None

    def metadata(self) -> dict[str, str]:
        """Article field → column, for the metadata columns named."""
        named = {"url": self.url, "title": self.title, "date": self.date}
        return {key: column for key, column in named.items() if column}


@dataclass(frozen=True, slots=True)
class ParquetRow(InputItem):
    """An input that is row ``offset`` (from 0) of the Parquet file at ``location``."""

    columns: ParquetColumns = ParquetColumns()

    def load(self, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
        """Read the row's article; every failure is an :class:`InputError` with one line."""
        if self.kind == "invalid":
            raise InputError(self.problem or f"{self.source}: not a valid input")
        values = _readers.row(self.location, self.columns, self.offset)
        return article_from_row(values, self.columns, self.source, max_bytes)


def article_from_row(
    values: dict[str, Any], columns: ParquetColumns, source: str, max_bytes: int
) -> Article:
    """The article of one row's values (column name → value).

    Raises:
        InputError: the text is missing or not a string.
        InputTooLarge: the text is over ``max_bytes``.
        EmptyArticle: the text is blank.
    """
    text = values.get(columns.text)
    if text is None:
        raise InputError(f"{source}: the {columns.text!r} column is empty")
    if not isinstance(text, str):
        raise InputError(f"{source}: the {columns.text!r} column does not hold text")
    if len(text.encode("utf-8")) > max_bytes:
        raise InputTooLarge(
            f"{source}: over the {max_bytes:,}-byte limit; set BRIEFING_MAX_BYTES to raise it"
        )
    return article_from_text(
        text,
        source=source,
        url=_text_or_none(values.get(columns.url)) if columns.url else None,
        title=_text_or_none(values.get(columns.title)) if columns.title else None,
        date=_text_or_none(values.get(columns.date)) if columns.date else None,
    )


def parquet_inputs(path: Path, columns: ParquetColumns) -> list[ParquetRow]:
    """The inputs of the Parquet file at ``path``, in row order.

    Raises:
        UnsupportedSource: the file is not Parquet.
        InputError: a named column is missing, or the text column is not text.
    """
    source = open_parquet(path)
    id_column = resolve_columns(path, source.schema_arrow, columns)
    if id_column is None:
        return [_row(path, n, f"row-{n + 1}", columns) for n in range(source.metadata.num_rows)]
    items: list[ParquetRow] = []
    first_row: dict[str, int] = {}
    number = 0
    for batch in source.iter_batches(batch_size=65_536, columns=[id_column]):
        for value in batch.column(0).to_pylist():
            items.append(_identified(path, number, value, first_row, columns))
            number += 1
    return items


def open_parquet(path: Path) -> pq.ParquetFile:
    """The Parquet file at ``path``; :class:`UnsupportedSource` if it is not one."""
    try:
        return pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise UnsupportedSource(f"{path}: not a Parquet file ({exc})") from None


def resolve_columns(path: Path, schema: pa.Schema, columns: ParquetColumns) -> str | None:
    """Check the named columns against ``schema``; the id column to use, if any.

    Raises:
        InputError: a named column is missing, or the text column is not text.
    """
    names = schema.names
    for option, column in (
        ("--text-column", columns.text),
        ("--id-column", columns.id),
        *((f"--{key}-column", column) for key, column in columns.metadata().items()),
    ):
        if column is not None and column not in names:
            shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
            raise InputError(f"{path}: no column {column!r} ({option}); it has: {shown}")
    text_type = schema.field(columns.text).type
    if not (pa.types.is_string(text_type) or pa.types.is_large_string(text_type)):
        raise InputError(f"{path}: the text column {columns.text!r} holds {text_type}, not text")
    if columns.id is not None:
        return columns.id
    return "id" if "id" in names else None


def row_identity(
    path: Path, number: int, value: Any, first_row: dict[str, int]
) -> tuple[str, str | None]:
    """The id of row ``number`` (from 0) whose id column holds ``value``, and its problem.

    ``first_row`` maps the ids seen so far to their row; a repeated id's row gets the
    id ``<id>#<row>`` and a problem naming the first.
    """
    row_id = _id_text(value) or f"row-{number + 1}"
    if row_id in first_row:
        first = first_row[row_id] + 1
        problem = f"{path} row {number + 1}: duplicate id {row_id!r} (first on row {first})"
        return f"{row_id}#{number + 1}", problem
    first_row[row_id] = number
    return row_id, None


def _identified(
    path: Path, number: int, value: Any, first_row: dict[str, int], columns: ParquetColumns
) -> ParquetRow:
    row_id, problem = row_identity(path, number, value, first_row)
    item = _row(path, number, row_id, columns)
    if problem is None:
        return item
    return ParquetRow(
        id=item.id,
        source=item.source,
        name=item.name,
        kind="invalid",
        location=item.location,
        offset=number,
        problem=problem,
        columns=columns,
    )


def _row(path: Path, number: int, row_id: str, columns: ParquetColumns) -> ParquetRow:
    name = row_id.replace("/", "_").replace("\\", "_")
    where = f"{path} row {number + 1}"
    return ParquetRow(
        id=row_id,
        source=where,
        name=name,
        kind="record",
        location=str(path),
        offset=number,
        columns=columns,
    )


def _id_text(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value).strip()


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


class _Reader:
    """Rows of one file, read forwards in batches; the last few batches kept."""

    def __init__(self, path: str, columns: list[str]) -> None:
        self._path = path
        self._file = pq.ParquetFile(path)
        self._columns = columns
        meta = self._file.metadata
        self._starts = [0]
        for group in range(meta.num_row_groups):
            self._starts.append(self._starts[-1] + meta.row_group(group).num_rows)
        self._kept: deque[tuple[int, pa.RecordBatch]] = deque(maxlen=_KEPT_READS)
        self._batches: Any = None
        self._next = 0
        self.lock = threading.Lock()

    def row(self, number: int) -> dict[str, Any]:
        for start, batch in self._kept:
            if start <= number < start + batch.num_rows:
                return dict(batch.slice(number - start, 1).to_pylist()[0])
        if self._batches is None or number < self._next:
            group = bisect.bisect_right(self._starts, number) - 1
            groups = range(group, len(self._starts) - 1)
            self._batches = self._file.iter_batches(
                batch_size=ROWS_PER_READ, row_groups=groups, columns=self._columns
            )
            self._next = self._starts[group]
            self._kept.clear()
        for batch in self._batches:
            start, self._next = self._next, self._next + batch.num_rows
            self._kept.append((start, batch))
            if number < self._next:
                return dict(batch.slice(number - start, 1).to_pylist()[0])
        self._batches = None
        raise InputError(f"{self._path}: row {number + 1} is past the end; the file changed")


class _Readers:
    """The open files, most recently used kept; safe to use from several threads."""

    def __init__(self) -> None:
        self._open: OrderedDict[tuple[str, ParquetColumns], _Reader] = OrderedDict()
        self._lock = threading.Lock()

    def row(self, path: str, columns: ParquetColumns, number: int) -> dict[str, Any]:
        key = (path, columns)
        with self._lock:
            reader = self._open.pop(key, None)
            if reader is None:
                names = list(dict.fromkeys([columns.text, *columns.metadata().values()]))
                try:
                    reader = _Reader(path, names)
                except (pa.ArrowException, OSError):
                    raise InputError(f"{path}: the Parquet file changed during the batch") from None
            self._open[key] = reader
            while len(self._open) > _OPEN_FILES:
                self._open.popitem(last=False)
        with reader.lock:
            try:
                return reader.row(number)
            except (pa.ArrowException, OSError):
                raise InputError(f"{path}: the Parquet file changed during the batch") from None


_readers = _Readers()
