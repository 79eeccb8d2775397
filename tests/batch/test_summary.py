from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from rich.console import Console

from summarizer.batch.manifest import BatchReport, ManifestLine, Status
from summarizer.batch.summary import failure_line, failure_lines, summary_notes, summary_table
from summarizer.schema import Usage


def report(**changes: object) -> BatchReport:
    values: dict[str, object] = {
        "out_dir": Path("out"),
        "total": 10,
        "counts": Counter({"ok": 6, "refused": 1, "skipped": 3}),
        "earlier": 2,
        "usage": Usage(prompt_tokens=1200, completion_tokens=800, total_tokens=2000),
        "duration_s": 12.34,
        "budget": 2000,
        "budget_reached": True,
        "interrupted": False,
    }
    values.update(changes)
    return BatchReport(**values)  # type: ignore[arg-type]


def rendered(table: object) -> str:
    out = io.StringIO()
    Console(file=out, width=100, no_color=True).print(table)
    return out.getvalue()


def test_table_counts_by_status_tokens_time_and_folder() -> None:
    text = rendered(summary_table(report(cache_hits=4)))
    for expected in [
        "ok",
        "refused",
        "skipped",
        "done earlier",
        "2,000 (1,200 in, 800 out)",
        "cache hits",
        "12.3 s",
        "out",
    ]:
        assert expected in text
    assert "failed" not in text and "truncated" not in text, "only statuses that occurred"
    assert "cache hits" not in rendered(summary_table(report()))


def test_notes_say_why_inputs_were_skipped() -> None:
    notes = summary_notes(report())
    assert notes[0].startswith("token budget of 2,000 reached: 3 input(s) skipped")
    assert "1 input(s) did not succeed" in notes[1] and "--retry-failed" in notes[1]
    interrupted = summary_notes(report(interrupted=True))
    assert interrupted[0] == "interrupted: 3 input(s) skipped; run the same command to resume"
    clean = report(counts=Counter({"ok": 10}), budget_reached=False)
    assert summary_notes(clean) == [] and clean.exit_code == 0
    assert report().exit_code == 30 and report(interrupted=True).exit_code == 130


def test_no_token_figures_when_none_were_counted() -> None:
    assert "tokens" not in rendered(summary_table(report(usage=Usage())))


def _failed(number: int, error: str | None) -> ManifestLine:
    source = f"in/{number:02d}.txt"
    return ManifestLine.now(
        id=f"{number:02d}.txt",
        source=source,
        sha256=None,
        status=Status.INVALID if number % 2 else Status.FAILED,
        error=error and f"{source}: {error}",
        attempts=1,
        tokens=0,
        duration_s=0.1,
        output=None,
        settings=None,
    )


def test_failures_list_the_first_ten_with_their_reasons_then_a_count() -> None:
    failures = tuple(_failed(n, "the article is empty" if n else None) for n in range(13))
    lines = failure_lines(report(failures=failures))
    assert lines[0] == "in/00.txt (failed): no reason recorded"
    assert lines[1] == "in/01.txt (invalid): the article is empty"
    assert len(lines) == 11
    assert lines[-1] == "… and 3 more: `briefing batch status out --failed` lists them all"
    assert failure_lines(report(failures=failures[:2])) == lines[:2]
    assert failure_lines(report()) == []


def test_a_failure_is_one_line_and_its_reason_cut_unless_asked_whole() -> None:
    long = "quota\nexceeded " + "x" * 400
    assert "\n" not in failure_line("in/a.txt", "failed", long)
    assert len(failure_line("in/a.txt", "failed", long)) < 250
    assert failure_line("in/a.txt", "failed", long, None).endswith("x" * 400)
