from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
from pathlib import Path

import httpx2
import pytest

from summarizer.article import article_from_text
from summarizer.cache import (
    CACHE_FILE,
    CachingEngine,
    ResponseCache,
    cache_dir,
    cache_key,
    delete_cache_files,
)
from summarizer.config import Settings
from summarizer.engines.base import Extraction, Passage
from summarizer.engines.openai import OpenAIEngine
from summarizer.errors import ConfigError, Refused
from summarizer.pipeline import asummarize, summarize
from summarizer.testing import Reply, Request, SchemaModel, Script, completion_body, transport

TEXT = (
    "Japan and the Philippines signed a reciprocal access agreement in Manila on Monday. "
    "China warned that the pact threatens regional stability."
)


def engine(handler: object, **settings: object) -> OpenAIEngine:
    options: dict[str, object] = {"api_key": "sk-test", "max_retries": 0, **settings}
    return OpenAIEngine(
        Settings(**options),  # type: ignore[arg-type]
        http_client=httpx2.Client(transport=transport(handler)),  # type: ignore[arg-type]
        async_http_client=httpx2.AsyncClient(transport=transport(handler)),  # type: ignore[arg-type]
    )


def test_cache_dir_flag_then_environment_then_user_cache(tmp_path: Path) -> None:
    assert cache_dir(tmp_path / "flag", {"BRIEFING_CACHE_DIR": "/env"}) == tmp_path / "flag"
    assert cache_dir(None, {"BRIEFING_CACHE_DIR": "/env"}) == Path("/env")
    assert cache_dir(None, {}).name == "briefing"


@pytest.mark.parametrize(
    "settings",
    [
        {"model": "other-model"},
        {"base_url": "http://127.0.0.1:9/v1"},
        {"mode": "tools"},
        {"temperature": 0.5},
        {"max_output_tokens": 900},
    ],
)
def test_key_changes_with_every_setting_that_changes_the_reply(
    settings: dict[str, object],
) -> None:
    passage = Passage(TEXT, title="Pact")
    base = cache_key(engine(SchemaModel()).info.fingerprint, passage)
    assert cache_key(engine(SchemaModel()).info.fingerprint, passage) == base
    assert cache_key(engine(SchemaModel(), **settings).info.fingerprint, passage) != base


def test_key_changes_with_text_and_title_but_not_offset() -> None:
    fingerprint = engine(SchemaModel()).info.fingerprint
    base = cache_key(fingerprint, Passage(TEXT, title="Pact"))
    assert cache_key(fingerprint, Passage(TEXT, title="Pact", offset=99)) == base
    assert cache_key(fingerprint, Passage(TEXT + ".", title="Pact")) != base
    assert cache_key(fingerprint, Passage(TEXT, title=None)) != base
    assert cache_key({**fingerprint, "prompt_version": "other"}, Passage(TEXT, "Pact")) != base


def test_second_summary_is_served_from_the_cache_for_free(tmp_path: Path) -> None:
    model = SchemaModel()
    cached = CachingEngine(engine(model), ResponseCache(tmp_path))
    article = article_from_text(TEXT)
    first = summarize(article, engine=cached)
    second = summarize(article, engine=cached)
    third = asyncio.run(asummarize(article, engine=cached))
    assert len(model.requests) == 1 and (cached.hits, cached.misses) == (2, 1)
    assert first.provenance.attempts == 1 and first.provenance.usage.total_tokens == 200
    assert second.provenance.attempts == 0 and second.provenance.usage.total_tokens == 0
    strip = {"provenance"}
    assert first.model_dump(exclude=strip) == second.model_dump(exclude=strip)
    assert third.model_dump(exclude=strip) == first.model_dump(exclude=strip)
    assert second.provenance.model == first.provenance.model
    assert second.provenance.served_model == first.provenance.served_model == "schema-model"
    assert second.provenance.output_mode == "json_schema"


def test_a_cached_reply_keeps_the_notes_of_its_repairs(tmp_path: Path) -> None:
    model = SchemaModel()

    def loose(request: Request) -> Reply:
        good = model(request)
        assert isinstance(good.body, dict)
        content = json.loads(good.body["choices"][0]["message"]["content"])
        return Reply(body=completion_body(json.dumps({**content, "note": "x"})))

    article = article_from_text(TEXT)
    first = summarize(article, engine=CachingEngine(engine(loose), ResponseCache(tmp_path)))
    again = summarize(article, engine=CachingEngine(engine(loose), ResponseCache(tmp_path)))
    assert len(model.requests) == 1
    assert (
        first.warnings
        == again.warnings
        == ["the reply was normalised: reply: unknown key 'note' ignored"]
    )


def test_entries_survive_a_new_process_connection(tmp_path: Path) -> None:
    model = SchemaModel()
    summarize(article_from_text(TEXT), engine=CachingEngine(engine(model), ResponseCache(tmp_path)))
    fresh = CachingEngine(engine(model), ResponseCache(tmp_path))
    summarize(article_from_text(TEXT), engine=fresh)
    assert len(model.requests) == 1 and fresh.hits == 1


def test_failures_are_not_cached(tmp_path: Path) -> None:
    script = Script(
        [Reply(body=completion_body(None, refusal="No.")), SchemaModel()],
    )
    cached = CachingEngine(engine(script), ResponseCache(tmp_path))
    with pytest.raises(Refused):
        summarize(article_from_text(TEXT), engine=cached)
    summarize(article_from_text(TEXT), engine=cached)
    assert len(script.requests) == 2


def test_identical_passages_in_flight_share_one_request(tmp_path: Path) -> None:
    model = SchemaModel()
    cached = CachingEngine(engine(model), ResponseCache(tmp_path))
    article = article_from_text(TEXT)

    async def many() -> list[int]:
        briefings = await asyncio.gather(*(asummarize(article, engine=cached) for _ in range(5)))
        return sorted(b.provenance.attempts for b in briefings)

    assert asyncio.run(many()) == [0, 0, 0, 0, 1]
    assert len(model.requests) == 1 and cached.hits == 4


def _extraction(tmp_path: Path) -> Extraction:
    model = SchemaModel()
    plain = engine(model)
    return plain.extract(Passage(TEXT), lambda reply: [])


def test_concurrent_writers_on_separate_connections(tmp_path: Path) -> None:
    extraction = _extraction(tmp_path)
    caches = [ResponseCache(tmp_path) for _ in range(4)]
    errors: list[BaseException] = []

    def write(cache: ResponseCache, worker: int) -> None:
        try:
            for number in range(50):
                cache.put(f"{worker}-{number}", extraction, engine="openai")
                assert cache.get(f"{worker}-{number}") is not None
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(c, i)) for i, c in enumerate(caches)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    info = ResponseCache(tmp_path).info()
    assert info.entries == 200 and info.tokens == 200 * 200
    journal = sqlite3.connect(tmp_path / CACHE_FILE).execute("PRAGMA journal_mode").fetchone()
    assert journal == ("wal",)


def test_info_and_clear(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    empty = cache.info()
    assert (empty.entries, empty.oldest, empty.models) == (0, None, {})
    cache.put("k", _extraction(tmp_path), engine="openai")
    info = cache.info()
    assert info.entries == 1 and info.models == {"openai gpt-4o-mini": 1}
    assert info.path == tmp_path / CACHE_FILE and info.bytes > 0 and info.oldest == info.newest
    assert cache.clear() == 1 and cache.info().entries == 0 and cache.get("k") is None


def test_damaged_cache_is_a_config_error_and_can_be_deleted(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"this is not a database, just bytes " * 100)
    with pytest.raises(ConfigError, match="cannot be used.*briefing cache clear.*--no-cache"):
        ResponseCache(tmp_path)
    assert delete_cache_files(tmp_path) and not (tmp_path / CACHE_FILE).exists()
    assert ResponseCache(tmp_path).info().entries == 0


def test_an_unreadable_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    cache.put("k", _extraction(tmp_path), engine="openai")
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        db.execute("UPDATE responses SET extraction = '{\"reply\": {}}'")
    assert cache.get("k") is None
