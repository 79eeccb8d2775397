"""Exporting a batch output folder (JSON or Parquet results) into related tables.

Briefings are read one at a time and their rows written in record batches of
:data:`BATCH_ROWS`, so memory stays flat however many briefings there are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyarrow as pa
from pydantic import ValidationError

from summarizer.batch.result_row import ResultRow
from summarizer.batch.results import iter_results
from summarizer.errors import InputError
from summarizer.export.sinks import CsvSink, DuckDBSink, ParquetSink, TableSink
from summarizer.export.tables import TABLES, article_rows
from summarizer.fileio import file_landing
from summarizer.schema import SCHEMA_VERSION, Briefing

BATCH_ROWS = 4_096
"""Rows of a table held before they are written."""


class ExportFormat(StrEnum):
    """What ``briefing export`` writes."""

    PARQUET = "parquet"
    CSV = "csv"
    DUCKDB = "duckdb"


@dataclass
class ExportReport:
    """What an export wrote."""

    paths: list[Path]
    rows: Counter[str]
    """Rows written per table."""
    problems: list[str] = field(default_factory=list)
    """Briefings the batch lists as done that could not be read (their article row says why)."""


def export_tables(
    folder: Path, destination: Path, fmt: ExportFormat, *, replace: bool = False
) -> ExportReport:
    """Write the results in the batch output ``folder`` as tables at ``destination``.

    Parquet and CSV write ``<table>.parquet`` / ``<table>.csv`` files in the folder
    ``destination``; DuckDB writes one database file. Existing outputs are kept unless
    ``replace``; either way they are only replaced once the new ones are complete.

    Raises:
        SourceNotFound: ``folder`` does not exist.
        InputError: ``folder`` holds no batch results, or ``destination`` is in the way.
        ConfigError: DuckDB is asked for but not installed.
    """
    _check_destination(destination, fmt, replace)
    results = iter_results(folder)
    first = next(results, None)
    if first is None:
        raise InputError(f"{folder}: no batch results (briefings, manifest.jsonl or parts)")
    sink = _sink(destination, fmt)
    report = ExportReport(paths=[], rows=Counter())
    buffers: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    try:
        for result in _chain(first, results):
            briefing, problem = _briefing(result)
            if problem is not None:
                report.problems.append(f"{result.line.id}: {problem}")
            for table, row in article_rows(result.line, briefing, problem):
                rows = buffers[table]
                rows.append(row)
                if len(rows) >= BATCH_ROWS:
                    _flush(sink, table, rows, report)
        for table, rows in buffers.items():
            _flush(sink, table, rows, report)
        report.paths = sink.close()
    except BaseException:
        sink.abort()
        raise
    return report


def _chain(first: ResultRow, rest: Any) -> Any:
    yield first
    yield from rest


def _check_destination(destination: Path, fmt: ExportFormat, replace: bool) -> None:
    if fmt is ExportFormat.DUCKDB:
        if destination.is_dir():
            raise InputError(f"{destination}: is a folder; --format duckdb writes one file")
        try:
            file_landing(destination)
        except OSError as exc:
            raise InputError(
                f"{destination}: {exc.strerror}; --format duckdb writes a database file"
            ) from None
        if destination.exists() and not replace:
            raise InputError(f"{destination}: already exists; --force replaces it")
        return
    if destination.exists() and not destination.is_dir():
        raise InputError(f"{destination}: is a file; --format {fmt.value} writes a folder")
    existing = [
        name for table in TABLES if (destination / (name := f"{table}.{fmt.value}")).exists()
    ]
    if existing and not replace:
        raise InputError(f"{destination}: already holds {existing[0]}; --force replaces it")


def _sink(destination: Path, fmt: ExportFormat) -> TableSink:
    if fmt is ExportFormat.DUCKDB:
        return DuckDBSink(destination)
    if fmt is ExportFormat.CSV:
        return CsvSink(destination)
    return ParquetSink(destination)


def _flush(sink: TableSink, table: str, rows: list[dict[str, Any]], report: ExportReport) -> None:
    if not rows:
        return
    sink.write(table, pa.RecordBatch.from_pylist(rows, schema=TABLES[table]))
    report.rows[table] += len(rows)
    rows.clear()


def _briefing(result: ResultRow) -> tuple[Briefing | None, str | None]:
    """The result's briefing, or why an ``ok`` result has none.

    A failed result exports the briefing an earlier run made, when the failure kept one
    (as the digest reads it); its ``articles`` row keeps the failure's status and error.
    """
    failed = result.line.status != "ok"
    if result.briefing is None:
        return None, (None if failed else result.problem or "ok, but no briefing was kept")
    briefing, problem = _read(result.briefing)
    return briefing, (None if failed else problem)


def _read(text: str) -> tuple[Briefing | None, str | None]:
    """The briefing in ``text``, or why it cannot be read."""
    try:
        briefing = Briefing.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        return None, f"not a briefing ({where}: {first['msg']})"
    major = briefing.schema_version.split(".")[0]
    if major != SCHEMA_VERSION.split(".")[0]:
        return (
            None,
            f"briefing schema {briefing.schema_version}; this version reads {SCHEMA_VERSION}",
        )
    return briefing, None
