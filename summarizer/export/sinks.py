"""Where exported tables go: Parquet files, CSV files, or one DuckDB database.

Each sink takes record batches table by table and makes its output appear whole at
:meth:`~TableSink.close`: files are written under temporary names and renamed into
place, so an interrupted export leaves the previous export (or nothing), never half.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Protocol

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from summarizer.errors import ConfigError
from summarizer.export.tables import KEYS, TABLES
from summarizer.fileio import atomic_writer, file_landing, move_into_place, remove_leftovers


class TableSink(Protocol):
    """Receives the rows of every table of :data:`~summarizer.export.tables.TABLES`."""

    def write(self, table: str, batch: pa.RecordBatch) -> None:
        """Append ``batch`` (in the table's schema) to ``table``."""

    def close(self) -> list[Path]:
        """Finish: the outputs appear; the paths written."""

    def abort(self) -> None:
        """Give up: remove what was written, leave what was there."""


class _FileSink:
    """One file per table in a folder, each written aside and renamed at the end.

    The files are written as :func:`~summarizer.fileio.atomic_writer` writes: a link is
    followed, a device or pipe written in place, a new file gets the umask's mode and a
    replaced one keeps its own; temporary files an earlier export left are removed.
    """

    suffix = ""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        remove_leftovers(folder)
        self._files = contextlib.ExitStack()
        self._paths = [folder / f"{table}{self.suffix}" for table in TABLES]
        self._handles = {
            table: self._files.enter_context(atomic_writer(path))
            for table, path in zip(TABLES, self._paths, strict=True)
        }
        self._open()

    def _open(self) -> None:
        raise NotImplementedError

    def _close_writers(self) -> None:
        raise NotImplementedError

    def close(self) -> list[Path]:
        """Finish every file and rename it into place."""
        self._close_writers()
        self._files.close()
        return list(self._paths)

    def abort(self) -> None:
        """Remove the temporary files."""
        try:
            self._close_writers()
        finally:
            self._files.__exit__(InterruptedError, InterruptedError("export given up"), None)


class ParquetSink(_FileSink):
    """``<table>.parquet`` files (zstd), list columns kept as lists."""

    suffix = ".parquet"

    def _open(self) -> None:
        self._writers = {
            table: pq.ParquetWriter(self._handles[table], TABLES[table], compression="zstd")
            for table in TABLES
        }

    def write(self, table: str, batch: pa.RecordBatch) -> None:
        """Append ``batch`` to the table's file."""
        self._writers[table].write_batch(batch)

    def _close_writers(self) -> None:
        for writer in self._writers.values():
            writer.close()


class CsvSink(_FileSink):
    """``<table>.csv`` files with a header; list columns become JSON arrays."""

    suffix = ".csv"

    def _open(self) -> None:
        self._schemas = {table: _flat_schema(schema) for table, schema in TABLES.items()}
        self._writers = {
            table: pacsv.CSVWriter(self._handles[table], self._schemas[table]) for table in TABLES
        }

    def write(self, table: str, batch: pa.RecordBatch) -> None:
        """Append ``batch`` to the table's file."""
        self._writers[table].write_batch(_flatten(batch, self._schemas[table]))

    def _close_writers(self) -> None:
        for writer in self._writers.values():
            writer.close()


class DuckDBSink:
    """One DuckDB database file holding every table, with its key declared."""

    def __init__(self, path: Path) -> None:
        try:
            import duckdb
        except ImportError:
            raise ConfigError(
                "--format duckdb needs the duckdb package: pip install 'briefing[duckdb]'"
            ) from None
        self.path = path
        self._landing = file_landing(path)
        self._landing.parent.mkdir(parents=True, exist_ok=True)
        folder, name = self._landing.parent, self._landing.name
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        os.close(fd)
        os.unlink(temp)  # DuckDB creates the file itself
        self._temp = Path(temp)
        self._db = duckdb.connect(str(self._temp))
        for table, schema in TABLES.items():
            self._db.register("empty_batch", schema.empty_table())
            self._db.execute(f"CREATE TABLE {table} AS SELECT * FROM empty_batch")
            self._db.unregister("empty_batch")

    def write(self, table: str, batch: pa.RecordBatch) -> None:
        """Insert ``batch`` into the table."""
        self._db.register("new_rows", pa.Table.from_batches([batch]))
        self._db.execute(f"INSERT INTO {table} SELECT * FROM new_rows")
        self._db.unregister("new_rows")

    def close(self) -> list[Path]:
        """Declare each table's key, then checkpoint, close and rename the database into place."""
        for table, key in KEYS.items():
            self._db.execute(f"ALTER TABLE {table} ADD PRIMARY KEY ({', '.join(key)})")
        self._db.execute("CHECKPOINT")
        self._db.close()
        move_into_place(self._temp, self._landing)
        return [self.path]

    def abort(self) -> None:
        """Remove the temporary database."""
        try:
            self._db.close()
        finally:
            self._temp.unlink(missing_ok=True)
            Path(f"{self._temp}.wal").unlink(missing_ok=True)


def _flat_schema(schema: pa.Schema) -> pa.Schema:
    return pa.schema(
        [pa.field(f.name, pa.string()) if pa.types.is_list(f.type) else f for f in schema]
    )


def _flatten(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    columns = []
    for field, column in zip(batch.schema, batch.columns, strict=True):
        if pa.types.is_list(field.type):
            values = [None if v is None else json.dumps(v) for v in column.to_pylist()]
            column = pa.array(values, pa.string())
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, schema=schema)
