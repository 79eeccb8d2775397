"""The ``briefing`` command line: a thin layer over the library."""

from __future__ import annotations

from summarizer.cli import read_cmd, schema_cmd  # noqa: F401  (registers its command)
from summarizer.cli.app import app


def main() -> None:
    """Run the ``briefing`` command."""
    app(prog_name="briefing")
