"""Export → a run elsewhere (vLLM's run_batch format) → import, against the online path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch import discover_inputs
from summarizer.batch.remote.transfer import export_requests, import_results, snapshot_path
from summarizer.config import Settings
from summarizer.digest.load import digest_folder
from summarizer.engines.openai import OpenAIEngine
from summarizer.engines.request import RequestSpec
from summarizer.errors import InputError
from summarizer.testing import FakeServer, Reply, Request, SchemaModel, error_body, run_batch_file
from summarizer.testing.replies import Handler
from tests.batch.conftest import (
    article_number,
    article_text,
    by_id,
    engine_on,
    run_batch,
    write_articles,
)
from tests.batch.remote.conftest import UNGROUNDED, FirstReplyUngrounded

TIMINGS = {"provenance": {"duration_s", "created_at"}}


def export(source: Path, path: Path, **settings: Any) -> None:
    request = RequestSpec.of(Settings(**settings))
    export_requests(discover_inputs(source), request, path, max_bytes=5_000_000)


def run_elsewhere(requests: Path, results: Path, model: Handler) -> None:
    results.write_bytes(run_batch_file(requests.read_bytes(), model))


def briefings(out: Path) -> dict[str, Any]:
    found = {}
    for line in by_id(out).values():
        if line["output"]:
            data = json.loads((out / line["output"]).read_text("utf-8"))
            data["provenance"].pop("duration_s"), data["provenance"].pop("created_at")
            found[line["output"]] = data
    return found


def test_export_run_import_gives_the_briefings_of_the_online_path(tmp_path: Path) -> None:
    source = tmp_path / "in"
    write_articles(source, 12)
    paragraphs = [article_text(n) + " " + "Talks went on. " * 40 for n in range(20, 26)]
    (source / "long.txt").write_text("\n\n".join(paragraphs), "utf-8")
    (source / "empty.txt").write_bytes(b"")
    online = engine_on(SchemaModel(), max_input_tokens=500)
    run_batch(source, tmp_path / "online", online)

    export(source, tmp_path / "requests.jsonl", max_input_tokens=500)
    lines = (tmp_path / "requests.jsonl").read_bytes().splitlines()
    assert all(set(json.loads(line)) == {"custom_id", "method", "url", "body"} for line in lines)
    assert len(lines) > 13, "the long article is sent as several passages"
    run_elsewhere(tmp_path / "requests.jsonl", tmp_path / "results.jsonl", SchemaModel())
    done = import_results(
        tmp_path / "requests.jsonl", [tmp_path / "results.jsonl"], tmp_path / "out"
    )

    assert done.report.counts == {"ok": 13, "failed": 1} and done.ignored == 0
    assert briefings(tmp_path / "out") == briefings(tmp_path / "online")
    imported, online_lines = by_id(tmp_path / "out"), by_id(tmp_path / "online")
    assert imported["empty.txt"]["error"] == online_lines["empty.txt"]["error"]
    assert [line["status"] for line in imported.values()] == [
        line["status"] for line in online_lines.values()
    ]
    assert len(digest_folder(tmp_path / "out").articles) == 13


def test_the_next_requests_file_carries_the_reasks_until_their_results_are_imported(
    tmp_path: Path,
) -> None:
    write_articles(tmp_path / "in", 4)
    export(tmp_path / "in", tmp_path / "requests.jsonl")
    model = FirstReplyUngrounded(2)
    requests, out = tmp_path / "requests.jsonl", tmp_path / "out"
    run_elsewhere(requests, tmp_path / "results.jsonl", model)
    first = import_results(
        requests, [tmp_path / "results.jsonl"], out, next_requests=tmp_path / "next.jsonl"
    )
    assert first.next_requests == 1 and first.report.counts == {"ok": 3, "skipped": 1}
    waiting = by_id(out)["article-002.txt"]
    assert waiting["error"] == "in flight: its request is in next.jsonl; import its results too"
    (reask,) = [json.loads(line) for line in (tmp_path / "next.jsonl").read_bytes().splitlines()]
    assert reask["custom_id"].endswith("-2-p0-a2") and UNGROUNDED in json.dumps(reask["body"])

    run_elsewhere(tmp_path / "next.jsonl", tmp_path / "results-2.jsonl", model)
    second = import_results(
        requests, [tmp_path / "results.jsonl", tmp_path / "results-2.jsonl"], out, html=True
    )
    assert second.report.counts == {"ok": 4} and second.next_requests == 0
    fixed = json.loads((out / "article-002.json").read_text())
    assert fixed["provenance"]["attempts"] == 2 and fixed["warnings"] == []
    assert (out / "article-002.html").is_file() and "article-003.html" in (
        out / "index.html"
    ).read_text()


def test_without_another_round_the_replies_at_hand_settle_each_article(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 4)
    export(tmp_path / "in", tmp_path / "requests.jsonl", mode="json_schema")
    model = FirstReplyUngrounded(1)

    def handler(request: Request) -> Reply:
        number = article_number(request)
        if number == 2:
            return Reply(status=500, body=error_body("overloaded", "server_error"))
        if number == 3:
            return Reply(status=400, body=error_body("maximum context length exceeded"))
        return model(request)

    run_elsewhere(tmp_path / "requests.jsonl", tmp_path / "results.jsonl", handler)
    done = import_results(
        tmp_path / "requests.jsonl", [tmp_path / "results.jsonl"], tmp_path / "out"
    )
    lines = by_id(tmp_path / "out")
    assert [line["status"] for line in lines.values()] == ["ok", "ok", "failed", "failed"]
    kept = json.loads((tmp_path / "out" / "article-001.json").read_text())
    assert kept["provenance"]["attempts"] == 1
    assert any("quote not found in the article" in w for w in kept["warnings"])
    assert lines["article-002.txt"]["error"].endswith("-2-p0-a1: HTTP 500: overloaded")
    assert lines["article-003.txt"]["error"].startswith(
        "the article does not fit the context window of the model at "
    ), "too short to split: the overflow is named as online"
    assert lines["article-003.txt"]["error"].endswith(": maximum context length exceeded")
    assert done.report.exit_code == 30


def test_reasks_go_online_when_asked(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    export(tmp_path / "in", tmp_path / "requests.jsonl")
    model = FirstReplyUngrounded(0)
    run_elsewhere(tmp_path / "requests.jsonl", tmp_path / "results.jsonl", model)
    with FakeServer(model) as server:
        engine = OpenAIEngine(Settings(base_url=server.base_url))
        done = import_results(
            tmp_path / "requests.jsonl",
            [tmp_path / "results.jsonl"],
            tmp_path / "out",
            online=engine,
        )
        engine.close()
    assert done.report.counts == {"ok": 2} and server.count == 1
    assert json.loads(server.requests[0].body)["messages"][2]["role"] == "assistant"


def test_files_of_another_export_are_refused(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    export(tmp_path / "in", tmp_path / "a.jsonl")
    export(tmp_path / "in", tmp_path / "b.jsonl")
    run_elsewhere(tmp_path / "b.jsonl", tmp_path / "b-results.jsonl", SchemaModel())
    with pytest.raises(InputError, match="none of its 2 line"):
        import_results(tmp_path / "a.jsonl", [tmp_path / "b-results.jsonl"], tmp_path / "out")
    snapshot_path(tmp_path / "b.jsonl").replace(snapshot_path(tmp_path / "a.jsonl"))
    (tmp_path / "b.jsonl").replace(tmp_path / "c.jsonl")
    export(tmp_path / "in", tmp_path / "b.jsonl")
    snapshot_path(tmp_path / "b.jsonl").replace(snapshot_path(tmp_path / "c.jsonl"))
    with pytest.raises(InputError, match="not the request file of c.articles.jsonl"):
        import_results(tmp_path / "c.jsonl", [tmp_path / "b-results.jsonl"], tmp_path / "out")
    with pytest.raises(InputError, match="missing.articles.jsonl: cannot be read"):
        import_results(tmp_path / "missing.jsonl", [], tmp_path / "out")
