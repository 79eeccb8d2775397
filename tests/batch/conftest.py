"""Helpers for batch tests: numbered articles, an in-process engine, reading a manifest."""

from __future__ import annotations

import asyncio
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import httpx2

from summarizer.batch import BatchOptions, BatchReport, BatchRunner, discover_inputs
from summarizer.config import Settings
from summarizer.engines.base import Engine
from summarizer.engines.openai import OpenAIEngine
from summarizer.engines.retry import Gate
from summarizer.testing import Request, transport
from summarizer.testing.replies import Handler

_NUMBER = re.compile(r"Dispatch (\d+):")


def article_text(number: int) -> str:
    """An authored article, distinct for each number."""
    return (
        f"Dispatch {number}: Japan and the Philippines signed a reciprocal access agreement "
        f"in Manila on day {number}. China warned that the pact threatens regional stability."
    )


def write_articles(folder: Path, count: int, *, suffix: str = ".txt") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"article-{number:03d}{suffix}"
        path.write_text(article_text(number), "utf-8")
        paths.append(path)
    return paths


def article_number(request: Request) -> int:
    """Which numbered article a chat request is about."""
    found = _NUMBER.search(request.body.decode())
    assert found, "the request carries no numbered article"
    return int(found.group(1))


def requests_per_article(requests: list[Request]) -> Counter[int]:
    return Counter(article_number(r) for r in requests)


def engine_on(handler: Handler, gate: Gate | None = None, **settings: Any) -> OpenAIEngine:
    """An engine whose asynchronous client answers in-process with ``handler``."""
    options: dict[str, Any] = {"api_key": "sk-test", "max_retries": 2, **settings}
    return OpenAIEngine(
        Settings(**options),
        async_http_client=httpx2.AsyncClient(transport=transport(handler)),
        gate=gate,
    )


def run_batch(
    source: Path, out: Path, engine: Engine, runner_hook: Any = None, **options: Any
) -> BatchReport:
    """Run a batch to the end; ``runner_hook(runner)`` is called before it starts."""
    runner = BatchRunner(discover_inputs(source), out, engine, options=BatchOptions(**options))
    if runner_hook is not None:
        runner_hook(runner)

    async def main() -> BatchReport:
        try:
            return await runner.run()
        finally:
            inner = getattr(engine, "engine", engine)
            await inner.aclose()

    return asyncio.run(main())


def manifest(out: Path) -> list[dict[str, Any]]:
    text = (out / "manifest.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def by_id(out: Path) -> dict[str, dict[str, Any]]:
    lines = manifest(out)
    ids = [line["id"] for line in lines]
    assert len(ids) == len(set(ids)), "every input has exactly one line"
    return {line["id"]: line for line in lines}
