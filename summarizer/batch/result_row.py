"""One input's result as every reader of batch results gives it, and where Parquet parts are."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from summarizer.batch.manifest import ManifestLine

PART_SUFFIX = ".parquet"
"""What the name of a part file of Parquet results ends with."""
_PART = re.compile(r"^[^.].*\.parquet$")


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One article's result: its manifest line and its briefing's JSON.

    The briefing is the line's own when ``ok``; for a failure, the one an earlier run
    made, when the line kept it (``line.output_settings`` says what made it).
    """

    line: ManifestLine
    briefing: str | None = None
    problem: str | None = None
    """Why an ``ok`` line has no briefing (its file is missing or unreadable)."""


def is_parquet_results(folder: Path) -> bool:
    """Whether ``folder`` holds Parquet results (at least one part file)."""
    return bool(part_files(folder))


def part_files(folder: Path) -> list[Path]:
    """The part files of ``folder``, in the order they were written."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if _PART.match(entry.name))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in names]
