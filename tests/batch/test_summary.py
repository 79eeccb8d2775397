from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from rich.console import Console

from summarizer.batch.manifest import BatchReport
from summarizer.batch.summary import summary_notes, summary_table
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
