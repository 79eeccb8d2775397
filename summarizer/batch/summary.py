"""The table printed when a batch ends: counts by status, tokens, time, where it went."""

from __future__ import annotations

from rich.table import Table

from summarizer.batch.manifest import BatchReport, Status

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
