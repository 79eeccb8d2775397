from __future__ import annotations

import io
import re

from rich.console import Console

from summarizer.batch.progress import ProgressBar, SilentProgress, progress_for

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7]|38;)[0-9;]*m")


def console(*, terminal: bool, no_color: bool = False) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=terminal, no_color=no_color, width=120), out


def test_quiet_when_not_a_terminal_or_asked() -> None:
    plain, _ = console(terminal=False)
    tty, _ = console(terminal=True)
    assert isinstance(progress_for(plain, quiet=False), SilentProgress)
    assert isinstance(progress_for(tty, quiet=True), SilentProgress)
    assert isinstance(progress_for(tty, quiet=False), ProgressBar)


def run_bar(no_color: bool) -> str:
    tty, out = console(terminal=True, no_color=no_color)
    bar = progress_for(tty, quiet=False)
    bar.start(3)
    bar.advance("ok", 200)
    bar.advance("refused", 150)
    bar.advance("ok", 1000)
    bar.stop()
    return out.getvalue()


def test_bar_shows_done_failed_and_tokens() -> None:
    shown = run_bar(no_color=True)
    last = _ANSI.sub("", shown.rsplit("\r", 1)[-1])
    assert "3/3" in last and "failed 1" in last and "1,350 tokens" in last
    assert "/s" in last


def test_no_color_means_no_colour_codes() -> None:
    assert _COLOUR.search(run_bar(no_color=False)), "colours are used by default"
    assert not _COLOUR.search(run_bar(no_color=True))
