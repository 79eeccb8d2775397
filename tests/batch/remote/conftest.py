"""Helpers for runs elsewhere: a model that fails some first replies, runs on the fake API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from summarizer.article import article_from_text
from summarizer.batch import discover_inputs
from summarizer.batch.manifest import settings_key
from summarizer.batch.remote.openai_batch import OpenAIBatchRun, RemoteOptions, RemoteReport
from summarizer.batch.remote.snapshot import Planned, RunSpec
from summarizer.config import Settings
from summarizer.engines.openai import OpenAIEngine
from summarizer.engines.request import RequestSpec
from summarizer.pipeline import plan_passages
from summarizer.testing import BatchAPI, FakeServer, Reply, Request, SchemaModel, completion_body
from summarizer.testing.replies import Handler
from tests.batch.conftest import article_number, article_text

UNGROUNDED = "A sentence the article never had."


class FirstReplyUngrounded:
    """:class:`SchemaModel`, except that its first reply about each of ``numbers`` quotes
    words the article does not have (so the reply fails grounding and is re-asked)."""

    def __init__(self, *numbers: int) -> None:
        self.numbers = set(numbers)
        self.model = SchemaModel()
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Reply:
        self.requests.append(request)
        reply = self.model(request)
        first = len(request.json["messages"]) == 2
        if first and article_number(request) in self.numbers:
            body: Any = reply.body
            content = json.loads(body["choices"][0]["message"]["content"])
            content["parties"][0]["quotes"] = [UNGROUNDED]
            return Reply(body=completion_body(json.dumps(content), model=self.model.model))
        return reply


def engine_for_server(server: FakeServer, **settings: Any) -> OpenAIEngine:
    options: dict[str, Any] = {"base_url": server.base_url, "api_key": "sk-test", **settings}
    options.setdefault("max_retries", 1)
    return OpenAIEngine(Settings(**options))


def run_remote(
    source: Path,
    out: Path,
    server: FakeServer,
    *,
    settings: dict[str, Any] | None = None,
    **options: Any,
) -> RemoteReport:
    """Run ``source`` into ``out`` through the Batch API ``server`` serves."""
    engine = engine_for_server(server, **(settings or {}))
    options.setdefault("poll_interval", 0)
    try:
        run = OpenAIBatchRun(discover_inputs(source), out, engine, options=RemoteOptions(**options))
        return run.run()
    finally:
        engine.close()


@contextmanager
def batch_server(model: Handler, **api: Any) -> Iterator[tuple[FakeServer, BatchAPI]]:
    handler = BatchAPI(model, **api)
    with FakeServer(handler) as server:
        yield server, handler


def spec_and_inputs(count: int, settings: Settings | None = None) -> tuple[RunSpec, list[Planned]]:
    """A run spec and ``count`` planned numbered articles, as planning would make them."""
    request = RequestSpec.of(settings or Settings(api_key="k", model="m"))
    spec = RunSpec.of(request, settings_key(request.info()))
    inputs = []
    for number in range(count):
        article = article_from_text(article_text(number), source=f"a{number}.txt")
        spans = tuple((p.offset, len(p.text)) for p in plan_passages(article, request.info()))
        inputs.append(
            Planned(number, f"a{number}.txt", f"a{number}.txt", f"a{number}", article, spans)
        )
    return spec, inputs


def results_of(lines: list[dict[str, Any]]) -> bytes:
    return b"".join((json.dumps(line) + "\n").encode() for line in lines)
