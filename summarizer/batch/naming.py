"""Output names: one briefing file per input, derived from its path, never two alike.

``2024/05/Talks in Manila.txt`` becomes ``2024/05/Talks in Manila.json`` under the output
folder. Characters unsafe on some file system become ``_``; names that would clash
(``a.md`` and ``a.txt``; ``A.txt`` and ``a.txt`` on a case-insensitive disk; an article
called ``manifest.txt``) get a short hash of the input's id. Names given in an earlier
run are kept, so resuming never renames a finished briefing.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata

from summarizer.batch.scratch import ScratchDatabase

RESERVED_STEMS = frozenset({"manifest", "digest", "index"})
"""Top-level names the batch and its companions write (``manifest.jsonl``, ``digest.json``…)."""
MAX_COMPONENT_BYTES = 150
_UNSAFE = re.compile(r"[^\w .,()+=@\[\]-]|[\x00-\x1f\x7f]")
_WINDOWS_DEVICES = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)(\..*)?", re.IGNORECASE)


class OutputNames:
    """Hands out clash-free relative output paths (``/``-separated, ending in ``.json``).

    What it has handed out is kept on disk (:class:`ScratchDatabase`), not in memory.
    """

    def __init__(self) -> None:
        self._db = ScratchDatabase(
            "CREATE TABLE owner (key TEXT PRIMARY KEY, id TEXT NOT NULL);"
            "CREATE TABLE name (id TEXT PRIMARY KEY, output TEXT NOT NULL);"
        )

    def keep(self, item_id: str, output: str) -> None:
        """Claim the name an earlier run gave ``item_id``, unless it is taken."""
        with self._db.connection() as db:
            if self._name(db, item_id) is None and not self._taken(db, output):
                self._give(db, item_id, output)

    def claim(self, item_id: str, name: str) -> str:
        """The output path of ``item_id``, whose name (without extension) is ``name``."""
        with self._db.connection() as db:
            given = self._name(db, item_id)
            if given is not None:
                return given
            parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
            stem = safe_component(parts.pop() if parts else "")
            folders = [_safe_folder(p, top=i == 0) for i, p in enumerate(parts)]
            prefix = "".join(f"{folder}/" for folder in folders)
            candidate = f"{prefix}{stem}.json"
            if self._taken(db, candidate) or (not folders and stem.lower() in RESERVED_STEMS):
                candidate = f"{prefix}{stem}-{_digest(item_id, 8)}.json"
            if self._taken(db, candidate):
                candidate = f"{prefix}{stem}-{_digest(item_id, 20)}.json"
            self._give(db, item_id, candidate)
            return candidate

    def close(self) -> None:
        """Forget every name (and delete the scratch file holding them)."""
        self._db.close()

    @staticmethod
    def _name(db: sqlite3.Connection, item_id: str) -> str | None:
        row = db.execute("SELECT output FROM name WHERE id = ?", (item_id,)).fetchone()
        return None if row is None else str(row[0])

    @staticmethod
    def _taken(db: sqlite3.Connection, output: str) -> bool:
        found = db.execute("SELECT 1 FROM owner WHERE key = ?", (_fold(output),)).fetchone()
        return found is not None

    @staticmethod
    def _give(db: sqlite3.Connection, item_id: str, output: str) -> None:
        db.execute("INSERT INTO owner VALUES (?, ?)", (_fold(output), item_id))
        db.execute("INSERT INTO name VALUES (?, ?)", (item_id, output))


def safe_component(text: str) -> str:
    """One path component made safe: no separators, controls, leading dots or device names."""
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub("_", text).strip(" .")
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_COMPONENT_BYTES:
        text = encoded[:MAX_COMPONENT_BYTES].decode("utf-8", "ignore").rstrip(" .")
    if not text:
        return "_"
    if _WINDOWS_DEVICES.fullmatch(text):
        return f"_{text}"
    return text


def _safe_folder(text: str, *, top: bool) -> str:
    folder = safe_component(text)
    lowered = folder.lower()
    stem, dot, _ = lowered.partition(".")
    reserved = top and bool(dot) and stem in RESERVED_STEMS  # e.g. a folder "manifest.jsonl"
    return f"{folder}_" if lowered.endswith(".json") or reserved else folder


def _fold(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]
