"""Scratch space on disk for what a batch keeps per input, so its memory stays flat.

A batch of a million inputs needs, for each, its latest manifest line and its output
name; held in dictionaries they cost kilobytes an input. A :class:`ScratchDatabase` is a
private SQLite database in a temporary file (deleted when it is closed) whose pages stay
in memory up to a small fixed cache and go to disk beyond it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

CACHE_KIB = 4096
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
