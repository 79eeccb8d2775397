"""``briefing batch --via openai-batch``: its options, and the run through the Batch API."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.batch.options import Reask
from summarizer.batch.remote.lines import MAX_REQUESTS
from summarizer.cli.common import err_console, fail
from summarizer.config import EngineName, Settings
from summarizer.errors import ExitCode

if TYPE_CHECKING:  # the Batch API's machinery (and the SDK) loads when a run needs it
    from summarizer.batch.inputs import InputItem
    from summarizer.batch.manifest import BatchReport
    from summarizer.batch.remote.openai_batch import RemoteReport


class Via(StrEnum):
    """Where a batch's requests go."""

    ONLINE = "online"
    OPENAI_BATCH = "openai-batch"
    RAY = "ray"


ViaOpt = Annotated[
    Via,
    typer.Option(
        "--via",
        help="online: requests to the endpoint, --jobs at a time; openai-batch: the OpenAI "
        "Batch API (half price, results within 24 h); ray: a Ray Data actor pool on a "
        "cluster (--ray-address) or on this machine.",
    ),
]
ReaskOpt = Annotated[
    Reask | None,
    typer.Option(
        "--reask",
        help="With --via openai-batch: re-ask failed replies in a follow-up batch (default) "
        "or online.",
    ),
]
PollIntervalOpt = Annotated[
    float,
    typer.Option("--poll-interval", min=0, help="With --via openai-batch: seconds between checks."),
]
DetachOpt = Annotated[
    bool,
    typer.Option(
        "--detach",
        help="With --via openai-batch: submit (or check) the batches and return; run the "
        "command again to collect them.",
    ),
]
BatchSizeOpt = Annotated[
    int | None,
    typer.Option(
        "--batch-size",
        min=1,
        max=MAX_REQUESTS,
        help=f"With --via openai-batch: most requests per batch. [default: {MAX_REQUESTS:,}]",
    ),
]


def run_openai_batch(
    items: Sequence[InputItem],
    output: Path,
    settings: Settings,
    *,
    jobs: int,
    retry_failed: bool,
    max_tokens: int | None,
    reask: Reask | None,
    poll_interval: float,
    detach: bool,
    batch_size: int | None,
    html: bool,
    quiet: bool,
) -> int:
    """Run ``briefing batch … --via openai-batch``; the exit code."""
    from summarizer.batch import run_remote
    from summarizer.batch.remote.openai_batch import RemoteOptions
    from summarizer.batch.remote.progress import poll_progress_for

    if max_tokens is not None:
        raise fail("--max-tokens is for online runs: a batch cannot stop halfway", ExitCode.USAGE)
    if settings.engine is EngineName.OFFLINE:
        raise fail("--via openai-batch needs a model, not the offline engine", ExitCode.USAGE)
    options = RemoteOptions(
        reask=reask or Reask.BATCH,
        poll_interval=poll_interval,
        detach=detach,
        batch_size=batch_size or MAX_REQUESTS,
        jobs=jobs,
        retry_failed=retry_failed,
        max_bytes=settings.max_bytes,
        html=html,
    )
    progress = poll_progress_for(err_console, quiet=quiet)
    outcome = run_remote(items, output, settings, options=options, progress=progress)
    if not quiet:
        print_summary(outcome.report, _in_flight_notes(outcome, output))
    return outcome.exit_code


def _in_flight_notes(outcome: RemoteReport, output: Path) -> list[str]:
    if not outcome.in_flight:
        return []
    shown = ", ".join(outcome.in_flight[:3]) + (", …" if len(outcome.in_flight) > 3 else "")
    return [
        f"{len(outcome.in_flight)} batch(es) still running ({shown}): run the same command "
        f"again to collect them; `briefing batch status {output}` shows where they stand"
    ]


def print_summary(report: BatchReport, notes: list[str]) -> None:
    """The batch's summary table on stderr, the inputs that failed, then the notes."""
    from summarizer.batch.summary import failure_lines, summary_notes, summary_table

    err_console.print(summary_table(report))
    failures = failure_lines(report)
    if failures:
        err_console.print("briefing: failed:", soft_wrap=True)
        for line in failures:
            err_console.print(f"  {line}", soft_wrap=True, markup=False, highlight=False)
    for note in [*notes, *summary_notes(report)]:
        err_console.print(f"briefing: {note}", soft_wrap=True)
