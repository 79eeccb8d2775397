"""Batch results as Parquet: one row per article, in part files that only ever get added.

A folder of results holds ``part-<run>-<number>.parquet`` files, each one row group of
:data:`RESULT_SCHEMA`: the fields of a manifest line (id, source, sha256, status, error,
attempts, tokens, duration, settings, time) and the briefing as JSON (null unless the
status is ``ok``). A run writes new parts and never rewrites an old one; each part
appears whole or not at all (written aside, then renamed), so a killed run loses only the
rows it had not flushed. When an id has several rows, the last one wins: parts sort by
name in the order runs wrote them, rows within a part in the order they were added.

DuckDB, pandas, polars and Spark read the folder as one table
(``SELECT * FROM 'out/*.parquet'``).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from summarizer.batch.manifest import ManifestLine, Status
from summarizer.batch.result_row import ResultRow, part_files
from summarizer.fileio import atomic_writer

RESULT_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("sha256", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("error", pa.string()),
        pa.field("attempts", pa.int32(), nullable=False),
        pa.field("tokens", pa.int64(), nullable=False),
        pa.field("duration_s", pa.float64(), nullable=False),
        pa.field("settings", pa.string()),
        pa.field("finished_at", pa.string(), nullable=False),
        pa.field("briefing", pa.string()),
    ]
)
"""Columns of a result row; ``briefing`` is the briefing's JSON document."""

ROWS_PER_PART = 2_000
"""Rows buffered before a part is written (about 10-20 MB of briefings)."""
SECONDS_PER_PART = 60.0
"""Longest a finished row waits in memory before its part is written."""
_LINE_COLUMNS = [name for name in RESULT_SCHEMA.names if name != "briefing"]


class ParquetResultWriter:
    """Adds result rows to a folder as part files; see the module's docstring.

    Rows are buffered and written as one part every :data:`ROWS_PER_PART` rows or
    :data:`SECONDS_PER_PART` seconds, and by :meth:`flush` / :meth:`close`.
    """

    def __init__(
        self,
        folder: Path,
        *,
        rows_per_part: int = ROWS_PER_PART,
        seconds_per_part: float = SECONDS_PER_PART,
    ) -> None:
        self.folder = folder
        self.rows_per_part = rows_per_part
        self.seconds_per_part = seconds_per_part
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        self._run = f"{stamp}-{uuid.uuid4().hex[:8]}"
        self._parts = 0
        self._rows: list[dict[str, Any]] = []
        self._oldest = 0.0

    def add(self, row: ResultRow) -> str:
        """Buffer one row; write a part when the buffer is full or old enough.

        Returns:
            The name of the part file the row goes into (it exists once written).
        """
        name = self._part_name()
        self._buffer([row_values(row)])
        return name

    def add_table(self, table: pa.Table) -> None:
        """Buffer rows already in :data:`RESULT_SCHEMA` (as a Ray pipeline yields them)."""
        self._buffer(table.select(RESULT_SCHEMA.names).to_pylist())

    def _buffer(self, rows: list[dict[str, Any]]) -> None:
        if rows and not self._rows:
            self._oldest = time.monotonic()
        self._rows.extend(rows)
        full = len(self._rows) >= self.rows_per_part
        if full or (self._rows and time.monotonic() - self._oldest >= self.seconds_per_part):
            self.flush()

    def flush(self) -> Path | None:
        """Write the buffered rows as one part; its path, or None when nothing was buffered."""
        if not self._rows:
            return None
        table = pa.Table.from_pylist(self._rows, schema=RESULT_SCHEMA)
        path = self.folder / self._part_name()
        with atomic_writer(path) as handle:
            pq.write_table(table, handle, compression="zstd")
        self._parts += 1
        self._rows = []
        return path

    def close(self) -> None:
        """Write what is still buffered."""
        self.flush()

    def _part_name(self) -> str:
        return f"part-{self._run}-{self._parts:05d}.parquet"


def row_values(row: ResultRow) -> dict[str, Any]:
    """A result row as the values of :data:`RESULT_SCHEMA`."""
    values = asdict(row.line)
    del values["output"]
    values["briefing"] = row.briefing
    return values


def read_result_lines(folder: Path) -> dict[str, ManifestLine]:
    """The last row of each id in ``folder``'s parts, without the briefings.

    A line's ``output`` names the part file that holds its row. A part that cannot be
    read (not Parquet, another schema) raises :class:`ValueError` naming it.
    """
    lines: dict[str, ManifestLine] = {}
    for part in part_files(folder):
        table = _read(part, _LINE_COLUMNS)
        for values in table.to_pylist():
            if values["status"] not in Status.__members__.values():
                raise ValueError(f"{part}: unknown status {values['status']!r}")
            lines[values["id"]] = ManifestLine(output=part.name, **values)
    return lines


def iter_result_rows(
    folder: Path, lines: dict[str, ManifestLine] | None = None, *, batch_rows: int = 512
) -> Iterator[ResultRow]:
    """The last row of each id, with its briefing, part by part (memory: ``batch_rows`` rows).

    ``lines`` (from :func:`read_result_lines`) saves reading the ids again.
    """
    latest = read_result_lines(folder) if lines is None else lines
    last_row = _last_rows(folder, latest)
    for part in part_files(folder):
        wanted = last_row.get(part.name)
        if not wanted:
            continue
        row_number = 0
        source = pq.ParquetFile(part)
        for batch in source.iter_batches(batch_size=batch_rows, columns=["id", "briefing"]):
            ids = batch.column(0).to_pylist()
            briefings = batch.column(1)
            for index, item_id in enumerate(ids):
                if wanted.get(item_id) == row_number + index:
                    yield ResultRow(latest[item_id], briefings[index].as_py())
            row_number += len(ids)


def _last_rows(folder: Path, latest: dict[str, ManifestLine]) -> dict[str, dict[str, int]]:
    """For each part, the ids whose last row it holds, and that row's number."""
    chosen: dict[str, dict[str, int]] = {}
    for part in part_files(folder):
        ids = _read(part, ["id"]).column(0).to_pylist()
        for number, item_id in enumerate(ids):
            line = latest.get(item_id)
            if line is not None and line.output == part.name:
                chosen.setdefault(part.name, {})[item_id] = number
    return chosen


def _read(part: Path, columns: Sequence[str]) -> pa.Table:
    try:
        return pq.read_table(part, columns=list(columns))
    except (pa.ArrowException, OSError) as exc:
        raise ValueError(f"{part}: not a part of batch results ({exc})") from None
