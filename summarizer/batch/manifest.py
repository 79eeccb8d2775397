"""``manifest.jsonl``: one line per input, saying what became of it; and the run's report.

```
{"id": "a.txt", "source": "wires/a.txt", "sha256": "…", "status": "ok", "error": null,
 "attempts": 1, "tokens": 2113, "duration_s": 3.2, "output": "a.json",
 "settings": "9f3c…", "finished_at": "2026-11-30T14:02:11+00:00"}
```
A line is appended as each input finishes (one ``write`` call, so a killed process
leaves whole lines; a write the disk has no room for is taken back, so the file stays
whole); the last line of an id wins. The file is compacted, atomically, when a run
starts and when it ends, so that each input ends with exactly one line. A torn last line
(a crash mid-write) is ignored when the file is read, and so, with a warning, is a line
whose ``output`` does not name a briefing inside the folder (a damaged or planted line
must not make a run overwrite or delete anything else).

A line's ``output`` is the input's briefing: the one its run made (``ok``), or after a
failure the one an earlier run made, which a failure never removes; ``output_settings``
says which settings made it. While a run goes, the latest line of each input is kept
in a scratch file on disk, not in memory (see :mod:`summarizer.batch.scratch`).
:func:`latest_lines` reads the file as a batch does, :func:`scan_lines` as a reader of
folders that other versions or tools wrote (the digest) does; :class:`BatchReport` sums
up a run.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import MISSING, dataclass, fields, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.batch.scratch import ScratchDatabase
from summarizer.engines.base import EngineInfo
from summarizer.errors import BriefingError, ExitCode, InputError
from summarizer.fileio import atomic_writer
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


def is_failure(line: ManifestLine) -> bool:
    """Whether an input's line says it failed (any status but ok and skipped)."""
    return line.status not in (Status.OK, Status.SKIPPED)


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


class FolderUnwritable(BriefingError):
    """The output folder cannot take what a batch writes: the disk is full, or read-only.

    The batch stops cleanly; what it wrote is whole, and running it again once there is
    room goes on where it stopped.
    """


NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})
"""Errors that say the folder, not the input, is the problem: no input could be written."""


def unwritable(path: Path, exc: OSError) -> FolderUnwritable:
    """The error that stops a batch which cannot write ``path``."""
    why = exc.strerror or os.strerror(exc.errno or 0)
    return FolderUnwritable(
        f"{path}: cannot be written ({why}); the batch stopped with its manifest whole: "
        "make room and run the same command again to go on"
    )


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
    output_settings: str | None = None
    """Fingerprint of the settings that made the briefing at ``output``: this line's own
    for an ``ok`` line, an earlier run's when a failure kept that run's briefing."""

    def __post_init__(self) -> None:
        self.status = Status(self.status)
        if self.output is not None and self.output_settings is None and self.status is Status.OK:
            self.output_settings = self.settings  # a line of an earlier version

    @classmethod
    def now(cls, **values: Any) -> ManifestLine:
        """A line stamped with the current time."""
        return cls(finished_at=datetime.now(UTC).isoformat(timespec="seconds"), **values)

    def to_json(self) -> str:
        """The line as written, without its newline."""
        return json.dumps({name: getattr(self, name) for name in _FIELDS}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes) -> ManifestLine:
        """Parse a line; raises :class:`ValueError` if it is not one."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        if not data.keys() >= _REQUIRED or not isinstance(data["id"], str):
            raise ValueError("not a manifest line")
        return cls(**{name: data[name] for name in _FIELDS if name in data})


_FIELDS = tuple(f.name for f in fields(ManifestLine))
_REQUIRED = frozenset(f.name for f in fields(ManifestLine) if f.default is MISSING)


class Manifest:
    """The manifest of an output folder: the latest line of each input, and the file.

    Raises :class:`FolderUnwritable` when the file cannot be written for want of room.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / MANIFEST_NAME
        self._index = _Index()
        self._fd: int | None = None
        self._lock: BinaryIO | None = None

    def load(self) -> None:
        """Lock the folder for this run, read the file (if any) and compact it.

        Raises:
            FolderInUse: another batch holds the folder.
            FolderUnwritable: the folder cannot be written.
        """
        self._hold_folder()
        for line in _read(self.path):
            self._index.put(line)
        if self.path.exists():
            self.compact()

    def __contains__(self, item_id: str) -> bool:
        return self._index.get(item_id) is not None

    def __len__(self) -> int:
        return len(self._index)

    def get(self, item_id: str) -> ManifestLine | None:
        """The latest line of ``item_id``."""
        return self._index.get(item_id)

    def lines(self) -> Iterator[ManifestLine]:
        """The latest line of every id, in the order they were first seen."""
        return self._index.lines()

    def kept(self, item_id: str) -> tuple[str | None, str | None]:
        """The briefing an earlier run made of ``item_id``, if it is on disk, and its settings.

        ``(output, output_settings)`` for the line a failure of ``item_id`` writes: a
        failure keeps it. ``(None, None)`` when there is none.
        """
        previous = self.get(item_id)
        if previous is None or previous.output is None or previous.output_settings is None:
            return None, None
        if not (self.folder / previous.output).is_file():
            return None, None
        return previous.output, previous.output_settings

    def append(self, line: ManifestLine) -> None:
        """Record a finished input: one whole line appended to the file.

        A line the disk takes only in part is cut off again, so the file stays whole.
        """
        data = (line.to_json() + "\n").encode("utf-8")
        try:
            if self._fd is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
            size = os.fstat(self._fd).st_size
            try:
                written = os.write(self._fd, data)
                if written != len(data):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            except OSError:
                os.ftruncate(self._fd, size)
                raise
        except OSError as exc:
            if exc.errno in NO_ROOM:
                raise unwritable(self.path, exc) from None
            raise
        self._index.put(line)

    def compact(self, order: Iterable[str] = ()) -> None:
        """Rewrite the file atomically with one line per id: ``order`` first, then the rest.

        Raises:
            FolderUnwritable: no room for the new file; the old one stays as it was.
        """
        self.close()
        try:
            with atomic_writer(self.path) as out:
                for line in self._index.lines(order):
                    out.write((line.to_json() + "\n").encode("utf-8"))
        except OSError as exc:
            if exc.errno in NO_ROOM:
                raise unwritable(self.path, exc) from None
            raise

    def close(self) -> None:
        """Flush what was appended to disk and close the file."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def release(self) -> None:
        """Close the file and let another run use the folder."""
        try:
            self.close()
        finally:
            if self._lock is not None:
                self._lock.close()
                self._lock = None

    def _hold_folder(self) -> None:
        """Take the folder's lock, which the system drops if the process dies (not on Windows)."""
        if self._lock is not None or sys.platform == "win32":
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            lock = (self.folder / LOCK_NAME).open("a+b")
        except OSError as exc:
            if exc.errno in NO_ROOM:
                raise unwritable(self.folder / LOCK_NAME, exc) from None
            raise
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise FolderInUse(f"{self.folder}: another batch is writing to this folder") from None
        self._lock = lock


class _Index:
    """The latest line of each id, in a scratch database on disk; first seen, first listed."""

    def __init__(self) -> None:
        self._db = ScratchDatabase(
            "CREATE TABLE line (seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, json TEXT);"
            "CREATE TABLE wanted (pos INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL);"
        )
        self._listings = itertools.count()

    def put(self, line: ManifestLine) -> None:
        with self._db.connection() as db:
            db.execute(
                "INSERT INTO line (id, json) VALUES (?, ?) "
                "ON CONFLICT (id) DO UPDATE SET json = excluded.json",
                (line.id, line.to_json()),
            )

    def get(self, item_id: str) -> ManifestLine | None:
        with self._db.connection() as db:
            row = db.execute("SELECT json FROM line WHERE id = ?", (item_id,)).fetchone()
        return None if row is None else ManifestLine.from_json(row[0])

    def __len__(self) -> int:
        with self._db.connection() as db:
            count: int = db.execute("SELECT count(*) FROM line").fetchone()[0]
        return count

    def lines(self, order: Iterable[str] = ()) -> Iterator[ManifestLine]:
        """Every line: those of ``order`` in that order, then the rest as first seen.

        The order is settled when iteration starts; lines put meanwhile are not listed.
        """
        listing = f"listing_{next(self._listings)}"
        with self._db.connection() as db:
            db.execute(f"CREATE TABLE {listing} (seq INTEGER NOT NULL)")
            db.execute("DELETE FROM wanted")
            db.executemany("INSERT OR IGNORE INTO wanted (id) VALUES (?)", ((i,) for i in order))
            db.execute(
                f"INSERT INTO {listing} (seq) SELECT l.seq FROM line l "
                "LEFT JOIN wanted w ON w.id = l.id ORDER BY w.pos IS NULL, w.pos, l.seq"
            )
        try:
            after = 0
            while True:  # a page at a time: the lines stay on disk
                with self._db.connection() as db:
                    rows = db.execute(
                        f"SELECT o.rowid, l.json FROM {listing} o JOIN line l ON l.seq = o.seq "
                        "WHERE o.rowid > ? ORDER BY o.rowid LIMIT 512",
                        (after,),
                    ).fetchall()
                if not rows:
                    return
                for _, text in rows:
                    yield ManifestLine.from_json(text)
                after = rows[-1][0]
        finally:
            with self._db.connection() as db:
                db.execute(f"DROP TABLE {listing}")


def output_inside(folder: Path, output: str) -> bool:
    """Whether ``output`` names a result file inside ``folder``, as a batch names them.

    A relative ``/``-separated path ending in ``.json`` (a briefing), or a name ending in
    ``.parquet`` with no folder (a part of Parquet results), with no hidden or ``..``
    part, that stays inside the folder once links are followed.
    """
    parts = output.split("/")
    part_file = len(parts) == 1 and output.endswith(".parquet")
    if output.startswith("/") or "\\" in output or not (output.endswith(".json") or part_file):
        return False
    if any(not part or part.startswith(".") for part in parts):
        return False
    root = os.path.realpath(folder)
    return os.path.realpath(os.path.join(root, *parts)).startswith(root + os.sep)


def _read(path: Path) -> Iterator[ManifestLine]:
    """The lines of a manifest file, read a line at a time; damaged ones are skipped.

    A line naming an output outside the folder is skipped with a warning; so is any
    other damaged line but a torn last one (a crash mid-write), skipped silently.
    """
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        return
    with stream:
        for number, chunk in enumerate(stream, start=1):
            if not chunk.strip():
                continue
            try:
                line = ManifestLine.from_json(chunk)
            except (ValueError, TypeError):
                if chunk.endswith(b"\n"):  # not torn: damaged
                    log.warning("%s: line %d is damaged and was ignored", path, number)
                continue
            if line.output is not None and not output_inside(path.parent, line.output):
                log.warning(
                    "%s: line %d names an output outside the folder (%r) and was ignored",
                    path,
                    number,
                    line.output,
                )
                continue
            yield line


def read_lines(path: Path) -> dict[str, ManifestLine]:
    """The latest line of each id in a manifest file, in memory (see :func:`latest_lines`)."""
    return {line.id: line for line in _read(path)}


def latest_lines(path: Path) -> Iterator[ManifestLine]:
    """The latest line of each id in a manifest file, read as a batch reads it.

    Damaged lines, and lines naming an output outside the folder, are skipped (with a
    warning). What is kept meanwhile lives on disk: any number of lines costs the same.
    """
    index = _Index()
    for line in _read(path):
        index.put(line)
    yield from index.lines()


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
    halted: str | None = None
    """Why the run stopped before its end though no one asked (a full disk), if it did."""
    kept: int = 0
    """Inputs this run failed whose earlier briefing stays (a failure removes none)."""
    cache_hits: int | None = None
    """Extractions the response cache served, when the run used one."""
    failures: tuple[ManifestLine, ...] = ()
    """The lines of the inputs that did not succeed (neither ok nor skipped), in order."""

    @classmethod
    def from_manifest(cls, manifest: Manifest, ids: Iterable[str], **done: Any) -> BatchReport:
        """The report of a run over the inputs ``ids`` of ``manifest``, as it now stands.

        ``done`` gives the other fields (``earlier``, ``usage``, ``duration_s``…); an
        input with no line counts as skipped.
        """
        counts: Counter[str] = Counter()
        failures: list[ManifestLine] = []
        total = 0
        for item_id in ids:
            line = manifest.get(item_id)
            counts[line.status if line else Status.SKIPPED] += 1
            if line is not None and is_failure(line):
                failures.append(line)
            total += 1
        return cls(
            out_dir=manifest.path.parent,
            total=total,
            counts=counts,
            failures=tuple(failures),
            **done,
        )

    def with_cache_hits(self, hits: int | None) -> BatchReport:
        """The same report, with the response cache's hits."""
        return replace(self, cache_hits=hits)

    @property
    def all_ok(self) -> bool:
        """Whether every input ended ``ok``."""
        return self.counts[Status.OK] == self.total

    @property
    def exit_code(self) -> int:
        """0 if every input is ok, 130 if interrupted, 1 if halted, else 30 (with failures)."""
        if self.interrupted:
            return ExitCode.INTERRUPTED
        if self.halted is not None:
            return FolderUnwritable.exit_code
        return ExitCode.OK if self.all_ok else ExitCode.WITH_FAILURES
