"""The response cache: an extraction the engine finished is never requested again.

Entries live in one sqlite file in the user cache directory (platformdirs), or in
``$BRIEFING_CACHE_DIR``, or wherever ``--cache-dir`` says. A key is the engine's
fingerprint (base URL, model, output mode, prompt version, reply-schema version,
generation parameters) with the passage's text sha256 and title. The file is in WAL
mode, so several processes may read and write it at once; a commit survives the
process being killed right after it.

:class:`CachingEngine` wraps any engine in the :class:`~summarizer.engines.base.Engine`
protocol, so the pipeline does not know the cache is there.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summarizer.engines.base import Engine, Extraction, Passage, Verifier
from summarizer.errors import ConfigError
from summarizer.reply import Reply
from summarizer.schema import Usage

log = logging.getLogger("summarizer")

CACHE_DIR_ENV = "BRIEFING_CACHE_DIR"
CACHE_FILE = "responses.sqlite3"
KEY_FORMAT = 1
"""Version of the key and entry layout; bump to make every older entry a miss."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    engine TEXT NOT NULL,
    model TEXT,
    tokens INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    extraction TEXT NOT NULL
)
"""


def cache_dir(override: Path | None = None, env: Mapping[str, str] | None = None) -> Path:
    """Where the cache lives: ``override``, else ``$BRIEFING_CACHE_DIR``, else the user's."""
    if override is not None:
        return override
    env = os.environ if env is None else env
    if env.get(CACHE_DIR_ENV):
        return Path(env[CACHE_DIR_ENV])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing"))


def cache_key(fingerprint: Mapping[str, Any], passage: Passage) -> str:
    """The key of a passage's extraction by an engine with this fingerprint."""
    payload = {
        "format": KEY_FORMAT,
        "engine": fingerprint,
        "text_sha256": hashlib.sha256(passage.text.encode("utf-8")).hexdigest(),
        "title": passage.title,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def delete_cache_files(directory: Path) -> bool:
    """Delete the cache's files in ``directory`` (say, when damaged); whether any existed."""
    found = False
    for suffix in ("", "-wal", "-shm"):
        path = directory / f"{CACHE_FILE}{suffix}"
        found = found or path.exists()
        path.unlink(missing_ok=True)
    return found


@dataclass(frozen=True)
class CacheInfo:
    """What the cache holds."""

    path: Path
    entries: int
    bytes: int
    tokens: int
    """Tokens the cached extractions cost when they were requested."""
    models: dict[str, int]
    """Entries per engine and model, e.g. ``openai gpt-4o-mini``."""
    oldest: str | None
    newest: str | None


class ResponseCache:
    """Extractions by key, in a sqlite file safe for concurrent readers and writers."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / CACHE_FILE
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path, timeout=30.0, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(
                f"the response cache {self.path} cannot be used ({_reason(exc)}); "
                "remove it with `briefing cache clear`, or run with --no-cache"
            ) from None
        self._lock = threading.Lock()
        self._warned = False

    def get(self, key: str) -> Extraction | None:
        """The extraction stored under ``key``, costing nothing this time; ``None`` if absent."""
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT extraction FROM responses WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.Error as exc:
            self._warn(exc)
            return None
        if row is None:
            return None
        try:
            return _decode(row[0])
        except (ValueError, KeyError, TypeError, ValidationError):
            return None

    def put(self, key: str, extraction: Extraction, *, engine: str) -> None:
        """Store an extraction; a failure to write is logged, never raised."""
        row = (
            key,
            engine,
            extraction.model,
            extraction.usage.total_tokens,
            datetime.now(UTC).isoformat(timespec="seconds"),
            _encode(extraction),
        )
        try:
            with self._lock:
                self._db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?)", row)
        except sqlite3.Error as exc:
            self._warn(exc)

    def info(self) -> CacheInfo:
        """Counts and size of what the cache holds."""
        with self._lock:
            entries, tokens, oldest, newest = self._db.execute(
                "SELECT count(*), coalesce(sum(tokens), 0), min(created_at), max(created_at)"
                " FROM responses"
            ).fetchone()
            models = self._db.execute(
                "SELECT engine, model, count(*) FROM responses GROUP BY engine, model"
                " ORDER BY count(*) DESC"
            ).fetchall()
        size = sum(
            p.stat().st_size
            for p in (self.path, Path(f"{self.path}-wal"))
            if p.exists()  # the -shm file is shared memory, not data
        )
        return CacheInfo(
            path=self.path,
            entries=entries,
            bytes=size,
            tokens=tokens,
            models={f"{engine} {model or '-'}": count for engine, model, count in models},
            oldest=oldest,
            newest=newest,
        )

    def clear(self) -> int:
        """Remove every entry; the number removed."""
        with self._lock:
            removed: int = self._db.execute("DELETE FROM responses").rowcount
            self._db.execute("VACUUM")
        return removed

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def _warn(self, exc: sqlite3.Error) -> None:
        if not self._warned:
            self._warned = True
            log.warning("the response cache %s failed (%s); going on without it", self.path, exc)


class CachingEngine:
    """An engine that answers from the cache when it can and stores what it extracts.

    A hit costs no request: its extraction reports zero attempts and zero tokens.
    Concurrent asynchronous requests for the same key share one request. ``hits``
    counts extractions served without a request, ``misses`` those the engine made.
    Its info is the wrapped engine's (the cache does not change replies); closing it
    closes the wrapped engine, not the cache.
    """

    def __init__(self, engine: Engine, cache: ResponseCache) -> None:
        self.engine = engine
        self.cache = cache
        self.info = engine.info
        self.hits = 0
        self.misses = 0
        self._in_flight: dict[str, _Shared] = {}

    def extract(self, passage: Passage, verify: Verifier) -> Extraction:
        """The cached extraction of ``passage``, or the wrapped engine's, then stored."""
        key = cache_key(self.info.fingerprint, passage)
        cached = self.cache.get(key)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        extraction = self.engine.extract(passage, verify)
        self.cache.put(key, extraction, engine=self.info.name)
        return extraction

    async def aextract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Asynchronous :meth:`extract`; waits for an identical request already in flight."""
        key = cache_key(self.info.fingerprint, passage)
        shared = self._in_flight.get(key)
        if shared is not None:
            await shared.done.wait()
            if shared.result is not None:
                self.hits += 1
                return replace(shared.result, attempts=0, usage=Usage())
        cached = self.cache.get(key)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        shared = self._in_flight.setdefault(key, _Shared())
        try:
            extraction = await self.engine.aextract(passage, verify)
            self.cache.put(key, extraction, engine=self.info.name)
            shared.result = extraction
            return extraction
        finally:
            shared.done.set()
            if self._in_flight.get(key) is shared:
                del self._in_flight[key]

    def close(self) -> None:
        """Close the wrapped engine."""
        self.engine.close()

    async def aclose(self) -> None:
        """Close the wrapped engine's asynchronous connections."""
        await self.engine.aclose()


@dataclass
class _Shared:
    """An extraction in flight that identical requests wait for."""

    done: asyncio.Event = field(default_factory=asyncio.Event)
    result: Extraction | None = None


def _encode(extraction: Extraction) -> str:
    return json.dumps(
        {
            "reply": extraction.reply.model_dump(mode="json"),
            "model": extraction.model,
            "output_mode": extraction.output_mode,
            "raw": extraction.raw,
            "anchors": dict(extraction.anchors),
            "problems": extraction.problems,
            "notes": extraction.notes,
            "served_model": extraction.served_model,
        },
        ensure_ascii=False,
    )


def _decode(text: str) -> Extraction:
    data = json.loads(text)
    return Extraction(
        reply=Reply.model_validate(data["reply"]),
        attempts=0,
        usage=Usage(),
        model=data["model"],
        output_mode=data["output_mode"],
        raw=data["raw"],
        anchors={str(k): int(v) for k, v in data["anchors"].items()},
        problems=[str(p) for p in data["problems"]],
        notes=[str(n) for n in data.get("notes", [])],
        served_model=data.get("served_model"),
    )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
