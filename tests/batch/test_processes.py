from __future__ import annotations

import asyncio
import os

from summarizer.article import article_from_text
from summarizer.batch.processes import ProcessPoolEngine, engine_for_batch
from summarizer.config import EngineName, Settings, engine_for
from summarizer.engines.openai import OpenAIEngine
from summarizer.pipeline import asummarize
from tests.batch.conftest import article_text


def test_worker_processes_give_the_briefings_of_the_engine_in_process() -> None:
    settings = Settings(engine=EngineName.OFFLINE)
    articles = [article_from_text(article_text(n)) for n in range(4)]
    pool = ProcessPoolEngine(settings, processes=2)
    try:

        async def both() -> list[tuple[object, object]]:
            pairs = []
            for article in articles:
                remote = await asummarize(article, engine=pool)
                local = await asummarize(article, engine=engine_for(settings))
                pairs.append((remote, local))
            return pairs

        pairs = asyncio.run(both())
    finally:
        pool.close()
    assert pool.fingerprint() == engine_for(settings).fingerprint()
    assert pool.name == "offline" and pool.model == engine_for(settings).model
    keep = {"provenance": {"duration_s", "created_at"}}
    for remote, local in pairs:
        assert remote.model_dump(exclude=keep) == local.model_dump(exclude=keep)  # type: ignore[attr-defined]
        assert remote.parties  # type: ignore[attr-defined]


def test_large_offline_batches_use_one_worker_per_core() -> None:
    offline = Settings(engine=EngineName.OFFLINE)
    small = engine_for_batch(offline, jobs=8, inputs=60)
    single = engine_for_batch(offline, jobs=1, inputs=5000)
    model = engine_for_batch(Settings(base_url="http://127.0.0.1:9/v1"), jobs=8, inputs=5000)
    large = engine_for_batch(offline, jobs=8, inputs=5000)
    try:
        assert small is engine_for(offline) and single is engine_for(offline)
        assert isinstance(model, OpenAIEngine)
        assert isinstance(large, ProcessPoolEngine) == ((os.cpu_count() or 1) > 1)
    finally:
        if isinstance(large, ProcessPoolEngine):
            large.close()
