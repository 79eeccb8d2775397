from __future__ import annotations

import io
import re

from rich.console import Console

from summarizer.batch.remote.progress import PollBar, SilentPoll, poll_progress_for

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def console(*, terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=terminal, no_color=True, width=120), out


def test_quiet_when_not_a_terminal_or_asked() -> None:
    plain, _ = console(terminal=False)
    tty, _ = console(terminal=True)
    assert isinstance(poll_progress_for(plain, quiet=False), SilentPoll)
    assert isinstance(poll_progress_for(tty, quiet=True), SilentPoll)
    assert isinstance(poll_progress_for(tty, quiet=False), PollBar)


def test_the_bar_shows_requests_run_failed_and_batch_statuses_of_each_round() -> None:
    tty, out = console(terminal=True)
    bar = poll_progress_for(tty, quiet=False)
    bar.start("round 1", 700)
    bar.update(650, 3, "1 in_progress, 1 completed")
    bar.stop()
    bar.start("round 2", 3)
    bar.update(3, 0, "1 completed")
    bar.stop()
    shown = _ANSI.sub("", out.getvalue())
    assert re.search(r"round 1 .* 650/700\s+failed 3 1 in_progress, 1 completed", shown)
    assert re.search(r"round 2 .* 3/3\s+failed 0 1 completed", shown)
