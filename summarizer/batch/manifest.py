"""``manifest.jsonl``: one line per input, saying what became of it.

A line is appended as each input finishes (one ``write`` call, so a killed process
leaves whole lines); the last line of an id wins. The file is compacted, atomically,
when a run starts and when it ends, so that each input ends with exactly one line.
A torn last line (a crash mid-write, a full disk) is ignored when the file is read.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.errors import BriefingError
from summarizer.fileio import write_atomic

if sys.platform != "win32":
    import fcntl

log = logging.getLogger("summarizer")

MANIFEST_NAME = "manifest.jsonl"
LOCK_NAME = ".manifest.lock"
"""Held by the run writing a folder, so that two runs never interleave their lines."""
STATUSES = ("ok", "failed", "refused", "truncated", "invalid", "skipped")
"""Every status a line may have; ``skipped``: not processed in the run that wrote it."""


class FolderInUse(BriefingError):
    """Another batch is writing to the same output folder."""


@dataclass(slots=True)
class ManifestLine:
    """What became of one input."""

    id: str
    source: str
    sha256: str | None
    """SHA-256 of the article text; ``None`` if it could not be read."""
    status: str
    error: str | None
    attempts: int
    tokens: int
    duration_s: float
    output: str | None
    """The briefing's path relative to the output folder, when there is one."""
    settings: str | None
    """Fingerprint of the settings that produced this line (see ``runner.settings_key``)."""
    finished_at: str

    @classmethod
    def now(cls, **values: Any) -> ManifestLine:
        """A line stamped with the current time."""
        return cls(finished_at=datetime.now(UTC).isoformat(timespec="seconds"), **values)

    def to_json(self) -> str:
        """The line as written, without its newline."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> ManifestLine:
        """Parse a line; raises :class:`ValueError` if it is not one."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        names = [f.name for f in fields(cls)]
        missing = set(names) - set(data)
        if missing or data["status"] not in STATUSES or not isinstance(data["id"], str):
            raise ValueError("not a manifest line")
        return cls(**{name: data[name] for name in names})


class Manifest:
    """The manifest of an output folder: the latest line of each input, and the file."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST_NAME
        self._lines: dict[str, ManifestLine] = {}
        self._fd: int | None = None
        self._lock: BinaryIO | None = None

    def load(self) -> None:
        """Lock the folder for this run, read the file (if any) and compact it.

        Raises:
            FolderInUse: another batch holds the folder.
        """
        self._hold_folder()
        self._lines = read_lines(self.path)
        if self.path.exists():
            self.compact()

    def __contains__(self, item_id: str) -> bool:
        return item_id in self._lines

    def __len__(self) -> int:
        return len(self._lines)

    def get(self, item_id: str) -> ManifestLine | None:
        """The latest line of ``item_id``."""
        return self._lines.get(item_id)

    def lines(self) -> Iterator[ManifestLine]:
        """The latest line of every id, in the order they were first seen."""
        return iter(self._lines.values())

    def append(self, line: ManifestLine) -> None:
        """Record a finished input: one whole line appended to the file."""
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(self._fd, (line.to_json() + "\n").encode("utf-8"))
        self._lines[line.id] = line

    def compact(self, order: Iterable[str] = ()) -> None:
        """Rewrite the file atomically with one line per id: ``order`` first, then the rest."""
        self.close()
        ordered: dict[str, ManifestLine] = {}
        for item_id in order:
            if item_id in self._lines:
                ordered[item_id] = self._lines[item_id]
        for item_id, line in self._lines.items():
            ordered.setdefault(item_id, line)
        self._lines = ordered
        write_atomic(self.path, "".join(line.to_json() + "\n" for line in ordered.values()))

    def close(self) -> None:
        """Flush what was appended to disk and close the file."""
        if self._fd is not None:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None

    def release(self) -> None:
        """Close the file and let another run use the folder."""
        self.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _hold_folder(self) -> None:
        """Take the folder's lock, which the system drops if the process dies (not on Windows)."""
        if self._lock is not None or sys.platform == "win32":
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = (self.path.parent / LOCK_NAME).open("a+b")
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise FolderInUse(
                f"{self.path.parent}: another batch is writing to this folder"
            ) from None
        self._lock = lock


def read_lines(path: Path) -> dict[str, ManifestLine]:
    """The latest line of each id in a manifest file; damaged lines are skipped."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    lines: dict[str, ManifestLine] = {}
    chunks = data.split(b"\n")
    for number, chunk in enumerate(chunks, start=1):
        if not chunk.strip():
            continue
        try:
            line = ManifestLine.from_json(chunk)
        except (ValueError, TypeError):
            torn = number == len(chunks)
            if not torn:
                log.warning("%s: line %d is damaged and was ignored", path, number)
            continue
        lines[line.id] = line
    return lines
