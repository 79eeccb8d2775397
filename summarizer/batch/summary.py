"""What is printed when a batch ends: the table, notes, and the inputs that failed.

The table has counts by status, tokens, time and where it went; the failures come with
their reasons.
"""

from __future__ import annotations

from rich.table import Table

from summarizer.batch.manifest import BatchReport, Status
from summarizer.text import one_line

_STYLES = {Status.OK: "green", Status.SKIPPED: "yellow"}


def summary_table(report: BatchReport) -> Table:
    """A two-column table summing up ``report`` (with the cache hits, when it used one)."""
    table = Table(title="briefing batch", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    for status in Status:
        count = report.counts.get(status, 0)
        if count or status is Status.OK:
            table.add_row(status, str(count), style=_STYLES.get(status, "red"))
    table.add_row("total", str(report.total))
    if report.earlier:
        table.add_row("done earlier", str(report.earlier))
    usage = report.usage
    if usage.total_tokens:  # none are counted offline: "0 tokens" would say nothing
        table.add_row(
            "tokens",
            f"{usage.total_tokens:,} ({usage.prompt_tokens:,} in, {usage.completion_tokens:,} out)",
        )
    if report.cache_hits is not None:
        table.add_row("cache hits", str(report.cache_hits))
    table.add_row("time", f"{report.duration_s:.1f} s")
    table.add_row("output", str(report.out_dir))
    return table


def summary_notes(report: BatchReport) -> list[str]:
    """Sentences to print under the table: why some inputs were skipped, what to do next."""
    notes = []
    skipped = report.counts.get(Status.SKIPPED, 0)
    if report.halted is not None:
        notes.append(f"stopped: {report.halted}; {skipped} input(s) skipped")
    elif report.interrupted:
        notes.append(f"interrupted: {skipped} input(s) skipped; run the same command to resume")
    elif report.budget_reached:
        notes.append(
            f"token budget of {report.budget:,} reached: {skipped} input(s) skipped; "
            "run again (with a larger --max-tokens) to go on"
        )
    failed = report.total - report.counts.get(Status.OK, 0) - skipped
    if failed:
        notes.append(
            f"{failed} input(s) did not succeed (see manifest.jsonl); "
            "--retry-failed runs them again"
        )
    if report.kept:
        notes.append(
            f"{report.kept} of them keep the briefing an earlier run made "
            "(manifest.jsonl: output, output_settings)"
        )
    return notes


SHOWN_FAILURES = 10
"""Failed inputs listed when a batch ends; ``briefing batch status OUT --failed`` lists all."""


def failure_lines(report: BatchReport, limit: int = SHOWN_FAILURES) -> list[str]:
    """The inputs that failed, one line each with its reason: the first ``limit``, then a count."""
    shown = [failure_line(line.source, line.status, line.error) for line in report.failures[:limit]]
    more = len(report.failures) - limit
    if more > 0:
        shown.append(
            f"… and {more:,} more: `briefing batch status {report.out_dir} --failed` lists them all"
        )
    return shown


def failure_line(source: str, status: str, error: str | None, limit: int | None = 200) -> str:
    """``source (status): reason`` on one line, the reason cut to ``limit`` characters.

    A reason that begins with the source's name (as input errors do) is not made to
    say it twice.
    """
    if error and error.startswith(f"{source}: "):
        error = error[len(source) + 2 :]
    reason = one_line(error, limit) if error else "no reason recorded"
    return f"{source} ({status}): {reason}"
