"""The ``briefing`` command line: a thin layer over the library."""

from __future__ import annotations

from summarizer.cli import (  # noqa: F401  (each module registers its command)
    batch_cmd,
    batch_remote_cmd,
    batch_status_cmd,
    batch_transfer_cmd,
    cache_cmd,
    check_cmd,
    config_cmd,
    diff_cmd,
    digest_cmd,
    eval_cmd,
    export_cmd,
    models_cmd,
    read_cmd,
    schema_cmd,
    summarize_cmd,
)
from summarizer.cli.app import app


def main() -> None:
    """Run the ``briefing`` command."""
    app(prog_name="briefing")
