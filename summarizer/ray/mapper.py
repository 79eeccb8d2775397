"""The map class of a Ray Data pipeline: batches of articles in, batches of results out.

``ds.map_batches(BriefingMapper, fn_constructor_kwargs={"settings": settings},
concurrency=4, batch_format="pyarrow")`` runs an actor pool in which each actor builds
its engine once (the offline engine loads spaCy once; the OpenAI engine holds one
asynchronous client and sends up to ``concurrency`` requests at a time), then turns each
batch of input rows into result rows of
:data:`~summarizer.batch.parquet_results.RESULT_SCHEMA`: id, source, sha256, status,
error, attempts, tokens, duration, settings, time, and the briefing as JSON. Each row goes
through :func:`~summarizer.pipeline.asummarize`, so validation, re-asks and grounding are
those of every other route; an input that fails gives a row saying why, never an
exception that would fail the batch.

An input row is an article: ``text`` (required), and optionally ``id``, ``url``,
``title``, ``date``, ``source`` (as ``ray.data.read_parquet`` gives them, renamed if
need be). ``briefing batch --via ray`` sends instead the inputs it discovered (a
pickled :class:`~summarizer.batch.inputs.InputItem` in the ``item`` column), which the
actor reads itself, so files and Parquet rows go through the same reading and checks as
on one machine.
"""

from __future__ import annotations

import asyncio
import pickle
import time
from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from summarizer.article import DEFAULT_MAX_BYTES, Article, article_from_text
from summarizer.batch.failures import failure_of
from summarizer.batch.inputs import InputItem
from summarizer.batch.manifest import ManifestLine, settings_key
from summarizer.batch.parquet_results import RESULT_SCHEMA, row_values
from summarizer.batch.result_row import ResultRow
from summarizer.config import EngineName, Settings
from summarizer.engines.base import Engine
from summarizer.engines.select import engine_for
from summarizer.pipeline import asummarize
from summarizer.ray.limits import share_limits

DEFAULT_CONCURRENCY = 8
"""Articles an actor has in flight at once with an engine that waits on a server."""


class BriefingMapper:
    """Turns a batch of articles into a batch of results; see the module's docstring.

    Args:
        settings: the engine's settings (default: from the environment of the actor).
        concurrency: articles in flight at once per actor (the offline engine: one).
        max_bytes: the largest article read, in bytes.
        done: id → sha256 of inputs an earlier run finished with these settings: they
            give no row (their earlier result stands).
        limiter: the name of a :class:`~summarizer.ray.limits.ClusterLimits` actor that
            every actor's requests go through (rate limits and 429 pauses shared by the
            cluster); None keeps each actor's own.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        max_bytes: int = DEFAULT_MAX_BYTES,
        done: Mapping[str, str] | None = None,
        limiter: str | None = None,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.engine: Engine = engine_for(self.settings)
        if limiter is not None:
            share_limits(self.engine, limiter)
        offline = self.settings.resolved_engine() is EngineName.OFFLINE
        self.concurrency = 1 if offline else max(1, concurrency)
        self.max_bytes = max_bytes
        self.done = done or {}
        self.settings_key = settings_key(self.engine.info)
        self._loop = asyncio.new_event_loop()

    def __call__(self, batch: pa.Table | Mapping[str, Any]) -> pa.Table:
        """The result rows of ``batch``'s inputs, in order (inputs done earlier left out)."""
        rows = batch.to_pylist() if isinstance(batch, pa.Table) else _rows_of(batch)
        results = self._loop.run_until_complete(self._all(rows))
        kept = [row_values(result) for result in results if result is not None]
        return pa.Table.from_pylist(kept, schema=RESULT_SCHEMA)

    async def _all(self, rows: list[dict[str, Any]]) -> list[ResultRow | None]:
        slots = asyncio.Semaphore(self.concurrency)

        async def one(row: dict[str, Any]) -> ResultRow | None:
            async with slots:
                return await self._one(row)

        return list(await asyncio.gather(*(one(row) for row in rows)))

    async def _one(self, row: dict[str, Any]) -> ResultRow | None:
        started = time.perf_counter()
        item_id, source = _identity(row)
        sha256: str | None = None
        try:
            article = await asyncio.to_thread(self._article, row)
            sha256 = article.sha256
            if self.done.get(item_id) == sha256:
                return None
            started = time.perf_counter()
            briefing = await asummarize(article, engine=self.engine)
        except Exception as exc:  # an input that fails is a row, never a failed batch
            failure = failure_of(exc)
            line = self._line(item_id, source, sha256, started, failure.status, failure.error)
            line.attempts, line.tokens = failure.attempts, failure.usage.total_tokens
            return ResultRow(line)
        line = self._line(item_id, source, sha256, started, "ok", None)
        line.attempts = briefing.provenance.attempts
        line.tokens = briefing.provenance.usage.total_tokens
        return ResultRow(line, briefing.model_dump_json())

    def _article(self, row: dict[str, Any]) -> Article:
        if row.get("item") is not None:
            item: InputItem = pickle.loads(row["item"])
            return item.load(self.max_bytes)
        text = row.get("text")
        if not isinstance(text, str):
            from summarizer.errors import InputError

            raise InputError(f"{_identity(row)[1]}: the row has no text")
        return article_from_text(
            text,
            source=_identity(row)[1],
            url=_text(row.get("url")),
            title=_text(row.get("title")),
            date=_text(row.get("date")),
        )

    def _line(
        self,
        item_id: str,
        source: str,
        sha256: str | None,
        started: float,
        status: str,
        error: str | None,
    ) -> ManifestLine:
        return ManifestLine.now(
            id=item_id,
            source=source,
            sha256=sha256,
            status=status,
            error=error,
            attempts=0,
            tokens=0,
            duration_s=round(time.perf_counter() - started, 4),
            output=None,
            settings=self.settings_key,
        )


def _identity(row: Mapping[str, Any]) -> tuple[str, str]:
    """The input's id and source, from its item or its columns."""
    if row.get("item") is not None:
        return str(row["id"]), str(row["source"])
    item_id = _text(row.get("id")) or _text(row.get("url")) or "row"
    return item_id, _text(row.get("source")) or item_id


def _rows_of(batch: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of a batch given as columns (numpy arrays or lists)."""
    names = list(batch)
    columns = [list(batch[name]) for name in names]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
