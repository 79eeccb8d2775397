"""``briefing export``: a batch's briefings as related tables (Parquet, CSV or DuckDB).

See :mod:`summarizer.export.tables` for the tables and their keys.
"""

from summarizer.export.run import ExportFormat, ExportReport, export_tables
from summarizer.export.tables import KEYS, TABLES

__all__ = ["KEYS", "TABLES", "ExportFormat", "ExportReport", "export_tables"]
