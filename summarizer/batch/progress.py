"""Progress of a batch: a rich bar on a terminal, silence elsewhere.

The bar shows inputs done of the total, how many failed, the rate, the time left and
the tokens spent so far. It stays quiet when stderr is not a terminal or ``--quiet`` is
given; colours follow the console, which honours ``NO_COLOR``.
"""

from __future__ import annotations

from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class BatchProgress(Protocol):
    """What the runner reports as inputs finish."""

    def start(self, total: int) -> None:
        """A batch of ``total`` inputs begins."""
        ...

    def advance(self, status: str, tokens: int) -> None:
        """One input finished with ``status``, having spent ``tokens``."""
        ...

    def stop(self) -> None:
        """The batch is over."""
        ...


class SilentProgress:
    """Reports nothing."""

    def start(self, total: int) -> None:
        """Nothing to show."""

    def advance(self, status: str, tokens: int) -> None:
        """Nothing to show."""

    def stop(self) -> None:
        """Nothing to show."""


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text("–/s" if speed is None else f"{speed:.1f}/s", style="progress.data.speed")


class ProgressBar:
    """A live bar on ``console``: done/total, failed, rate, time left, tokens."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("failed [bold]{task.fields[failed]}[/]"),
            _RateColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[tokens]:,} tokens"),
            console=console,
            transient=False,
        )
        self._task: TaskID | None = None
        self._failed = 0
        self._tokens = 0

    def start(self, total: int) -> None:
        """Show the bar."""
        self._task = self._progress.add_task("briefing", total=total, failed=0, tokens=0)
        self._progress.start()

    def advance(self, status: str, tokens: int) -> None:
        """Move the bar by one input."""
        if self._task is None:
            return
        self._failed += status != "ok"
        self._tokens += tokens
        self._progress.update(self._task, advance=1, failed=self._failed, tokens=self._tokens)

    def stop(self) -> None:
        """Leave the final state of the bar on screen."""
        self._progress.stop()


def progress_for(console: Console, *, quiet: bool) -> BatchProgress:
    """A bar when ``console`` is a terminal and not ``quiet``, else silence."""
    if quiet or not console.is_terminal:
        return SilentProgress()
    return ProgressBar(console)
