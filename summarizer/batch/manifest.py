"""``manifest.jsonl``: one line per input, saying what became of it; and the run's report.

```
{"id": "a.txt", "source": "wires/a.txt", "sha256": "…", "status": "ok", "error": null,
 "attempts": 1, "tokens": 2113, "duration_s": 3.2, "output": "a.json",
 "settings": "9f3c…", "finished_at": "2026-11-30T14:02:11+00:00"}
```
A line is appended as each input finishes (one ``write`` call, so a killed process
leaves whole lines); the last line of an id wins. The file is compacted, atomically,
when a run starts and when it ends, so that each input ends with exactly one line.
A torn last line (a crash mid-write, a full disk) is ignored when the file is read.
:func:`read_lines` reads it as a batch does, :func:`scan_lines` as a reader of folders
that other versions or tools wrote (the digest) does; :class:`BatchReport` sums it up.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.engines.base import EngineInfo
from summarizer.errors import BriefingError, ExitCode, InputError
from summarizer.fileio import write_atomic
from summarizer.schema import SCHEMA_VERSION, Usage

if sys.platform != "win32":
    import fcntl

log = logging.getLogger("summarizer")

MANIFEST_NAME = "manifest.jsonl"
LOCK_NAME = ".manifest.lock"
"""Held by the run writing a folder, so that two runs never interleave their lines."""


class Status(StrEnum):
    """What became of an input; errors name theirs (:attr:`BriefingError.status`)."""

    OK = "ok"
    FAILED = "failed"
    REFUSED = "refused"
    TRUNCATED = "truncated"
    INVALID = "invalid"
    SKIPPED = "skipped"
    """Not processed in the run that wrote the line (stopped, over budget, in flight)."""


def settings_key(info: EngineInfo) -> str:
    """A short fingerprint of what shapes a briefing: the engine's settings and the schema.

    Each line records it; an input done with the same key is not done again.
    """
    payload = json.dumps(
        {"engine": info.fingerprint, "schema_version": SCHEMA_VERSION},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


class FolderInUse(BriefingError):
    """Another batch is writing to the same output folder."""


@dataclass(slots=True)
class ManifestLine:
    """What became of one input."""

    id: str
    source: str
    sha256: str | None
    """SHA-256 of the article text; ``None`` if it could not be read."""
    status: Status
    error: str | None
    attempts: int
    tokens: int
    duration_s: float
    output: str | None
    """The briefing's path relative to the output folder, when there is one."""
    settings: str | None
    """Fingerprint of the settings that produced this line (see :func:`settings_key`)."""
    finished_at: str

    def __post_init__(self) -> None:
        self.status = Status(self.status)

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
        if missing or not isinstance(data["id"], str):
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


def scan_lines(path: Path) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """Every line of a manifest as it stands, leniently: its number and its JSON object.

    For readers of folders that another version or tool may have written: no field is
    required, a line that is not a JSON object comes as ``None``, and blank lines are
    passed over.

    Raises:
        InputError: the file cannot be read, or is not UTF-8 text.
    """
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc.strerror
        raise InputError(f"{path}: cannot be read ({why})") from None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            entry = None
        yield number, entry if isinstance(entry, dict) else None


@dataclass(frozen=True)
class BatchReport:
    """What a batch run did."""

    out_dir: Path
    total: int
    counts: Counter[str]
    """Final status of every input, whether this run or an earlier one settled it."""
    earlier: int
    """Inputs an earlier run had already done with the same settings, left as they were."""
    usage: Usage
    """Tokens this run spent."""
    duration_s: float
    budget: int | None = None
    """The token budget of the run, if it had one."""
    budget_reached: bool = False
    interrupted: bool = False
    cache_hits: int | None = None
    """Extractions the response cache served, when the run used one."""

    @classmethod
    def from_manifest(cls, manifest: Manifest, ids: Iterable[str], **done: Any) -> BatchReport:
        """The report of a run over the inputs ``ids`` of ``manifest``, as it now stands.

        ``done`` gives the other fields (``earlier``, ``usage``, ``duration_s``…); an
        input with no line counts as skipped.
        """
        counts: Counter[str] = Counter()
        total = 0
        for item_id in ids:
            line = manifest.get(item_id)
            counts[line.status if line else Status.SKIPPED] += 1
            total += 1
        return cls(out_dir=manifest.path.parent, total=total, counts=counts, **done)

    def with_cache_hits(self, hits: int | None) -> BatchReport:
        """The same report, with the response cache's hits."""
        return replace(self, cache_hits=hits)

    @property
    def all_ok(self) -> bool:
        """Whether every input ended ``ok``."""
        return self.counts[Status.OK] == self.total

    @property
    def exit_code(self) -> int:
        """0 if every input is ok, 130 if interrupted, else 30 (finished with failures)."""
        if self.interrupted:
            return ExitCode.INTERRUPTED
        return ExitCode.OK if self.all_ok else ExitCode.WITH_FAILURES
