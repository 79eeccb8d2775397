from __future__ import annotations

import asyncio
from pathlib import Path

import httpx2
import pytest

from summarizer.article import Article, article_from_text, load_article
from summarizer.config import EngineName, Settings
from summarizer.engines.openai import OpenAIEngine
from summarizer.errors import EmptyArticle, SourceNotFound
from summarizer.pipeline import asummarize, summarize
from summarizer.testing import FakeServer, SchemaModel, transport

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


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


def test_text_in_memory_is_briefed_like_the_same_file(
    example_path: Path, example_text: str
) -> None:
    settings = Settings(engine=EngineName.OFFLINE)
    from_file = summarize(example_path, settings=settings)
    from_text = summarize(text=example_text, settings=settings)
    awaited = asyncio.run(asummarize(text=example_text, settings=settings))
    assert from_text.article.source == "<text>"
    assert from_text.article.sha256 == from_file.article.sha256 == awaited.article.sha256
    keep = {"parties", "agreements", "threats", "headline", "summary"}
    assert from_text.model_dump(include=keep) == from_file.model_dump(include=keep)


def test_article_from_text_and_from_html_carry_metadata(example_text: str) -> None:
    article = Article.from_text(
        example_text, source="wire-42", title="Talks", date="2024-07-28", author="Jane Doe"
    )
    briefing = summarize(article, settings=Settings(engine=EngineName.OFFLINE))
    assert (briefing.article.source, briefing.article.date) == ("wire-42", "2024-07-28")
    page = (PAGES / "ap-esper-vietnam.html").read_text("utf-8")
    from_html = Article.from_html(page, url="https://example.org/esper")
    assert from_html.media_type == "text/html" and from_html.author == "Robert Burns"
    assert from_html.url == "https://example.org/esper"
    assert from_html.text == load_article(PAGES / "ap-esper-vietnam.html").text


def test_a_string_is_a_path_and_text_goes_by_name(example_text: str) -> None:
    with pytest.raises(SourceNotFound, match=r"no such file; to brief text in memory, pass it"):
        summarize(example_text, settings=Settings(engine=EngineName.OFFLINE))
    with pytest.raises(SourceNotFound, match=r"^missing\.txt: no such file$"):
        summarize("missing.txt", settings=Settings(engine=EngineName.OFFLINE))
    with pytest.raises(TypeError, match="a source or text="):
        summarize()
    with pytest.raises(TypeError, match="a source or text="):
        summarize("a.txt", text="Both.")
    with pytest.raises(EmptyArticle):
        summarize(text=" \n ")
