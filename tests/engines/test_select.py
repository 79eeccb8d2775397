from __future__ import annotations

import asyncio
import os

import pytest

from summarizer.article import article_from_text
from summarizer.config import EngineName, Settings
from summarizer.engines.base import Engine
from summarizer.engines.offline import OfflineEngine
from summarizer.engines.openai import OpenAIEngine
from summarizer.engines.select import (
    ProcessPoolEngine,
    build_engine,
    engine_for,
    engine_for_batch,
    engine_names,
    register_engine,
)
from summarizer.errors import ConfigError
from summarizer.pipeline import asummarize
from summarizer.schema import Briefing
from tests.batch.conftest import article_text


def test_worker_processes_give_the_briefings_of_the_engine_in_process() -> None:
    settings = Settings(engine=EngineName.OFFLINE)
    articles = [article_from_text(article_text(n)) for n in range(4)]
    pool = ProcessPoolEngine(settings, processes=2)
    try:

        async def both() -> list[tuple[Briefing, Briefing]]:
            pairs = []
            for article in articles:
                remote = await asummarize(article, engine=pool)
                local = await asummarize(article, engine=engine_for(settings))
                pairs.append((remote, local))
            return pairs

        pairs = asyncio.run(both())
    finally:
        pool.close()
    assert pool.info == engine_for(settings).info and pool.info.name == "offline"
    keep = {"provenance": {"duration_s", "created_at"}}
    for remote, local in pairs:
        assert remote.model_dump(exclude=keep) == local.model_dump(exclude=keep)
        assert remote.parties


def test_large_offline_batches_use_one_worker_per_core() -> None:
    offline = Settings(engine=EngineName.OFFLINE)
    small = engine_for_batch(offline, jobs=8, inputs=60)
    single = engine_for_batch(offline, jobs=1, inputs=5000)
    model = engine_for_batch(Settings(base_url="http://127.0.0.1:9/v1"), jobs=8, inputs=5000)
    large = engine_for_batch(offline, jobs=8, inputs=5000)
    try:
        assert isinstance(small, OfflineEngine) and isinstance(single, OfflineEngine)
        assert small is not engine_for(offline), "a batch's engine is its own, to close"
        assert isinstance(model, OpenAIEngine)
        assert isinstance(large, ProcessPoolEngine) == ((os.cpu_count() or 1) > 1)
    finally:
        for engine in (small, single, model, large):
            engine.close()


def test_each_engine_is_one_entry_of_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    import summarizer.engines.select as select

    monkeypatch.setattr(select, "_registry", dict(select._registry))
    assert engine_names() == ["openai", "offline"]
    assert {name.value for name in EngineName} - {"auto"} == set(engine_names())
    built: list[Settings] = []

    def build(settings: Settings) -> Engine:
        built.append(settings)
        return OfflineEngine()

    register_engine("offline", build, computes=True)
    settings = Settings(engine=EngineName.OFFLINE)
    assert isinstance(build_engine(settings), OfflineEngine) and built == [settings]


def test_an_unknown_engine_name_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import summarizer.engines.select as select

    monkeypatch.setattr(select, "_registry", {})
    with pytest.raises(ConfigError, match=r"no engine named 'offline' \(known: \)"):
        build_engine(Settings(engine=EngineName.OFFLINE))
