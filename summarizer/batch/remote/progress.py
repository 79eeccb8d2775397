"""Progress of a round of batches: a rich bar on a terminal, silence elsewhere.

The bar counts the round's requests the API reports done (completed or failed), the
failed ones, and the status of its batches (``2 in_progress, 1 completed``).
"""

from __future__ import annotations

from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class PollProgress(Protocol):
    """What the run reports while it waits for a round of batches."""

    def start(self, label: str, total: int) -> None:
        """A round of ``total`` requests is being waited for."""
        ...

    def update(self, done: int, failed: int, statuses: str) -> None:
        """The API reports ``done`` requests run, ``failed`` of them failed."""
        ...

    def stop(self) -> None:
        """The round is over, or the wait is."""
        ...


class SilentPoll:
    """Reports nothing."""

    def start(self, label: str, total: int) -> None:
        """Nothing to show."""

    def update(self, done: int, failed: int, statuses: str) -> None:
        """Nothing to show."""

    def stop(self) -> None:
        """Nothing to show."""


class PollBar:
    """A live bar on ``console``: requests done of the round, failed, batch statuses."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("failed [bold]{task.fields[failed]}[/]"),
            TextColumn("{task.fields[statuses]}"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self._task: TaskID | None = None

    def start(self, label: str, total: int) -> None:
        """Show a bar for the round."""
        self._task = self._progress.add_task(label, total=total, failed=0, statuses="")
        self._progress.start()

    def update(self, done: int, failed: int, statuses: str) -> None:
        """Move the bar to what the API reports."""
        if self._task is not None:
            self._progress.update(self._task, completed=done, failed=failed, statuses=statuses)

    def stop(self) -> None:
        """Leave the final state of the bar on screen."""
        self._progress.stop()
        self._task = None


def poll_progress_for(console: Console, *, quiet: bool) -> PollProgress:
    """A bar when ``console`` is a terminal and not ``quiet``, else silence."""
    if quiet or not console.is_terminal:
        return SilentPoll()
    return PollBar(console)
