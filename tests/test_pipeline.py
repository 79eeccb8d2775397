from __future__ import annotations

import asyncio
from pathlib import Path

import httpx2

from summarizer.article import article_from_text
from summarizer.config import Settings
from summarizer.engines.openai import OpenAIEngine
from summarizer.pipeline import asummarize, summarize
from summarizer.testing import FakeServer, SchemaModel, transport


def test_sync_and_async_give_the_same_briefing(example_path: Path) -> None:
    model = SchemaModel()
    engine = OpenAIEngine(
        Settings(api_key="k"),
        http_client=httpx2.Client(transport=transport(model)),
        async_http_client=httpx2.AsyncClient(transport=transport(model)),
    )
    sync = summarize(example_path, engine=engine)
    async_ = asyncio.run(asummarize(example_path, engine=engine))
    assert model.requests[0].body == model.requests[1].body
    strip = {"provenance": {"duration_s", "created_at"}}
    assert sync.model_dump(exclude=strip) == async_.model_dump(exclude=strip)


def test_settings_alone_select_and_reuse_the_engine(example_text: str) -> None:
    with FakeServer(SchemaModel()) as server:
        settings = Settings(base_url=server.base_url, model="local")
        article = article_from_text(example_text, source="mem")
        first = summarize(article, settings=settings)
        second = summarize(article, settings=settings)
    assert server.count == 2
    assert first.provenance.model == "local" and first.provenance.engine == "openai"
    assert first.article.source == "mem" and first.article.sha256 == second.provenance.source_sha256
    assert "authorization" in server.requests[0].headers
