"""The ``briefing`` command line: a thin layer over the library."""

from __future__ import annotations

from summarizer.cli import schema_cmd, summarize_cmd  # noqa: F401  (registers commands)
from summarizer.cli.app import app


def main() -> None:
    """Run the ``briefing`` command."""
    app(prog_name="briefing")
