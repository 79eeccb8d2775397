"""Batch results as Parquet: one row per article, in part files that only ever get added.

A folder of results holds ``part-<run>-<number>.parquet`` files, each one row group of
:data:`RESULT_SCHEMA`: the fields of a manifest line (id, source, sha256, status, error,
attempts, tokens, duration, settings, time) and the briefing as JSON (null unless the
status is ``ok``). A run writes new parts and never rewrites an old one; each part
appears whole or not at all (written aside, then renamed), so a killed run loses only the
rows it had not flushed. When an id has several rows, the last one wins: parts sort by
name in the order runs wrote them, rows within a part in the order they were added. A
failure never hides a briefing, though: an id whose last row failed keeps the briefing
of its last ``ok`` row, if it has one (readers give that row's briefing with the
failure's line, whose ``output_settings`` say which settings made it).

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

    A line's ``output`` names the part file holding the briefing it stands for: its own
    row's when ``ok``; when a later run failed the input, the part of its last ``ok``
    row, kept (``output_settings`` says which settings made it); else None. A part that
    cannot be read (not Parquet, another schema) raises :class:`ValueError` naming it.
    """
    return _scan(folder)[0]


def iter_result_rows(folder: Path, *, batch_rows: int = 512) -> Iterator[ResultRow]:
    """The last row of each id, with its briefing, part by part (memory: ``batch_rows`` rows).

    An input a later run failed comes with the briefing of its last ``ok`` row, if any.
    """
    latest, chosen = _scan(folder)
    wanted: dict[str, dict[int, str]] = {}
    for item_id, (part_name, number) in chosen.items():
        wanted.setdefault(part_name, {})[number] = item_id
    for part in part_files(folder):
        rows = wanted.get(part.name)
        if not rows:
            continue
        row_number = 0
        source = pq.ParquetFile(part)
        for batch in source.iter_batches(batch_size=batch_rows, columns=["briefing"]):
            briefings = batch.column(0)
            for index in range(len(briefings)):
                wanted_id = rows.get(row_number + index)
                if wanted_id is not None:
                    yield ResultRow(latest[wanted_id], briefings[index].as_py())
            row_number += len(briefings)


def briefing_in_part(part: Path, item_id: str) -> str | None:
    """The briefing of ``item_id``'s last ``ok`` row in ``part``; None if none can be read."""
    try:
        table = pq.read_table(part, columns=["id", "briefing"], filters=[("id", "==", item_id)])
    except (pa.ArrowException, OSError):
        return None
    found = [briefing for briefing in table.column("briefing").to_pylist() if briefing]
    return found[-1] if found else None


def _scan(folder: Path) -> tuple[dict[str, ManifestLine], dict[str, tuple[str, int]]]:
    """The line of each id, and the (part, row number) of the row giving its briefing.

    That row is the id's last ``ok`` row when the line keeps it, else its last row.
    """
    lines: dict[str, ManifestLine] = {}
    chosen: dict[str, tuple[str, int]] = {}
    kept: dict[str, tuple[str, int, str | None]] = {}
    """Where each id's last ``ok`` row is, and the settings that made it."""
    for part in part_files(folder):
        table = _read(part, _LINE_COLUMNS)
        for number, values in enumerate(table.to_pylist()):
            if values["status"] not in Status.__members__.values():
                raise ValueError(f"{part}: unknown status {values['status']!r}")
            line = ManifestLine(output=None, **values)
            item_id = line.id
            if line.status == Status.OK:
                kept[item_id] = (part.name, number, line.settings)
            if item_id in kept:
                part_name, row, settings = kept[item_id]
                line.output, line.output_settings = part_name, settings
                chosen[item_id] = (part_name, row)
            else:
                chosen[item_id] = (part.name, number)
            lines[item_id] = line
    return lines, chosen


def _read(part: Path, columns: Sequence[str]) -> pa.Table:
    try:
        return pq.read_table(part, columns=list(columns))
    except (pa.ArrowException, OSError) as exc:
        raise ValueError(f"{part}: not a part of batch results ({exc})") from None
