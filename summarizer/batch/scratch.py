"""Scratch space on disk for what a batch keeps per input, so its memory stays flat.

A batch of a million inputs needs, for each, its description, its latest manifest line
and its output name; held in lists and dictionaries they cost a kilobyte or more an
input. A :class:`ScratchDatabase` is a private SQLite database in a temporary file
(deleted when it is closed) whose pages stay in memory up to a small fixed cache
(:data:`CACHE_KIB`) and go to disk beyond it; a :class:`DiskSequence` is a list kept in
one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TypeVar, overload

T = TypeVar("T")

CACHE_KIB = 1024
"""Pages of a scratch database kept in memory, in KiB; the rest live on disk."""


class ScratchDatabase:
    """A temporary on-disk SQLite database, usable from any thread (one at a time)."""

    def __init__(self, schema: str) -> None:
        self._db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        with self.connection() as db:
            db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.executescript(schema)

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """The connection, held by this thread while the block runs."""
        with self._lock:
            yield self._db

    def close(self) -> None:
        """Close the database; its file goes with it."""
        with self._lock:
            self._db.close()


class DiskSequence(Sequence[T]):
    """A read-only sequence kept in a scratch database, a page of it in memory at a time.

    Built from ``values`` (each stored as the text ``encode`` gives, read back by
    ``decode``), in their order or, with ``key``, sorted by that text key (as ``sorted``
    orders strings: SQLite compares their UTF-8 bytes, which is code point order).
    """

    def __init__(
        self,
        values: Iterable[T],
        *,
        encode: Callable[[T], str],
        decode: Callable[[str], T],
        key: Callable[[T], str] | None = None,
    ) -> None:
        self._decode = decode
        self._db = ScratchDatabase(
            "CREATE TABLE found (key TEXT, value TEXT NOT NULL);"
            "CREATE TABLE value (n INTEGER PRIMARY KEY, value TEXT NOT NULL);"
        )
        rows = ((key(v) if key else None, encode(v)) for v in values)
        order = "key, rowid" if key else "rowid"
        with self.connection() as db:
            db.executemany("INSERT INTO found VALUES (?, ?)", rows)
            db.execute(f"INSERT INTO value (value) SELECT value FROM found ORDER BY {order}")
            db.execute("DROP TABLE found")
            self._length: int = db.execute("SELECT count(*) FROM value").fetchone()[0]

    def connection(self) -> AbstractContextManager[sqlite3.Connection]:
        """The database's connection, for this thread while the block runs."""
        return self._db.connection()

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("index out of range")
        with self.connection() as db:
            (text,) = db.execute("SELECT value FROM value WHERE n = ?", (index + 1,)).fetchone()
        return self._decode(text)

    def __iter__(self) -> Iterator[T]:
        after = 0
        while True:
            with self.connection() as db:
                rows = db.execute(
                    "SELECT n, value FROM value WHERE n > ? ORDER BY n LIMIT 512", (after,)
                ).fetchall()
            if not rows:
                return
            for _, text in rows:
                yield self._decode(text)
            after = rows[-1][0]
