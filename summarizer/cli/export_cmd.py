"""``briefing export``: the briefings of a batch as related tables for analysis.

Not to be confused with ``briefing batch export``, which writes Batch API requests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import clean_failures, err_console, fail

_SUFFIX_FORMATS = {".duckdb": "duckdb", ".db": "duckdb"}


@app.command()
def export(
    out_dir: Annotated[
        Path,
        typer.Argument(
            help="Output folder of `briefing batch` (JSON briefings or Parquet results).",
            metavar="OUT_DIR",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder of <table>.parquet or <table>.csv files, or the .duckdb file.",
            metavar="DEST",
            show_default=False,
        ),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="parquet, csv or duckdb. Default: duckdb when DEST ends in .duckdb, else parquet.",
            metavar="FORMAT",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the tables DEST already holds.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show a traceback on internal errors.")
    ] = False,
) -> None:
    """Write the briefings of a batch as related tables for SQL, pandas or polars.

    Tables: articles, parties, agreements, agreement_parties, threats, threat_targets
    and evidence (quotes with offsets and status). Each table is keyed by the batch
    input's id (article_id) and the item's id, the same on every export. Every input
    has an articles row with its status and error.
    The tables replace earlier ones only with --force, and only once complete.

    **Examples:**

    ```
    briefing export briefings/ -o tables.duckdb
    duckdb tables.duckdb "SELECT name, count(*) FROM parties GROUP BY ALL ORDER BY 2 DESC"
    briefing export briefings/ -o tables/ --format parquet
    briefing export briefings/ -o csv/ --format csv --force
    ```
    """
    from summarizer.export import ExportFormat, export_tables
    from summarizer.export.tables import TABLES

    with clean_failures(verbose):
        chosen = format or _SUFFIX_FORMATS.get(output.suffix.lower(), "parquet")
        try:
            fmt = ExportFormat(chosen.lower())
        except ValueError:
            raise fail(f"--format {chosen}: choose parquet, csv or duckdb", 2) from None
        if out_dir.resolve() == output.resolve():
            raise fail("the tables must not go into the batch folder itself", 2)
        report = export_tables(out_dir, output, fmt, replace=force)
    for problem in report.problems[:10]:
        err_console.print(f"briefing: skipped {problem}", soft_wrap=True)
    counts = ", ".join(f"{report.rows[table]:,} {table}" for table in TABLES)
    err_console.print(f"briefing: wrote {output} ({counts})", soft_wrap=True)
