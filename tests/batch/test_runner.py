from __future__ import annotations

import json
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from summarizer.batch import BatchRunner
from summarizer.cache import CachingEngine, ResponseCache
from summarizer.config import Settings
from summarizer.engines.openai import OpenAIEngine
from summarizer.schema import Briefing
from summarizer.testing import (
    FakeServer,
    Reply,
    Request,
    SchemaModel,
    completion_body,
    error_body,
)
from tests.batch.conftest import (
    article_number,
    by_id,
    engine_on,
    manifest,
    requests_per_article,
    run_batch,
    write_articles,
)


def test_every_input_gets_a_briefing_and_exactly_one_line(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 5)
    model = SchemaModel()
    report = run_batch(tmp_path / "in", tmp_path / "out", engine_on(model), jobs=3)
    assert report.exit_code == 0 and report.counts["ok"] == 5
    assert report.usage.total_tokens == 5 * 200
    lines = by_id(tmp_path / "out")
    assert list(lines) == [f"article-{n:03d}.txt" for n in range(5)]
    for line in lines.values():
        assert line["status"] == "ok" and line["error"] is None
        assert line["attempts"] == 1 and line["tokens"] == 200
        briefing = Briefing.model_validate_json((tmp_path / "out" / line["output"]).read_text())
        assert briefing.provenance.source_sha256 == line["sha256"]
        assert briefing.article.source == line["source"]
    assert sorted(requests_per_article(model.requests).values()) == [1] * 5


def test_resume_after_an_interrupted_run_requests_only_what_is_left(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 8)
    runners: list[BatchRunner] = []
    first = SchemaModel()

    def stop_after_three(request: Request) -> Reply:
        if len(first.requests) == 2:
            runners[0].stop()
        return first(request)

    report = run_batch(
        tmp_path / "in", tmp_path / "out", engine_on(stop_after_three), runners.append, jobs=2
    )
    assert report.interrupted and report.exit_code == 130
    lines = by_id(tmp_path / "out")
    assert len(lines) == 8
    done = {k for k, v in lines.items() if v["status"] == "ok"}
    skipped = {k for k, v in lines.items() if v["status"] == "skipped"}
    assert done and skipped and done | skipped == set(lines)
    assert {lines[k]["error"] for k in skipped} == {"not processed: interrupted"}
    assert all(not (tmp_path / "out" / f"{Path(k).stem}.json").exists() for k in skipped)

    second = SchemaModel()
    report = run_batch(tmp_path / "in", tmp_path / "out", engine_on(second), jobs=2)
    assert report.exit_code == 0 and report.earlier == len(done)
    assert set(by_id(tmp_path / "out")) == set(lines)
    both = requests_per_article(first.requests) + requests_per_article(second.requests)
    assert both == dict.fromkeys(range(8), 1), "no article is requested twice"


def test_abandon_cancels_in_flight_articles_which_end_skipped(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 6)
    runners: list[BatchRunner] = []
    model = SchemaModel()

    def abandon_on_fourth(request: Request) -> Reply:
        if len(model.requests) == 3:
            runners[0].abandon()
        return model(request)

    report = run_batch(
        tmp_path / "in", tmp_path / "out", engine_on(abandon_on_fourth), runners.append, jobs=3
    )
    assert report.interrupted
    lines = by_id(tmp_path / "out")
    assert len(lines) == 6 and report.counts["skipped"] >= 1
    for line in lines.values():
        briefing = tmp_path / "out" / f"{Path(line['id']).stem}.json"
        assert briefing.exists() == (line["status"] == "ok")


def _outcomes(model: SchemaModel, bad: dict[int, Reply]) -> Any:
    def handler(request: Request) -> Reply:
        model.requests.append(request)
        number = article_number(request)
        return bad[number] if number in bad else model(request)

    return handler


def test_failures_keep_their_status_attempts_and_tokens_then_retry_failed(
    tmp_path: Path,
) -> None:
    write_articles(tmp_path / "in", 6)
    bad = {
        1: Reply(body=completion_body(None, refusal="I cannot help with that.")),
        2: Reply(body=completion_body('{"headline": "cut', finish_reason="length")),
        3: Reply(body=completion_body("not json at all")),
        4: Reply(status=400, body=error_body("context length exceeded")),
    }
    first = SchemaModel()
    report = run_batch(
        tmp_path / "in", tmp_path / "out", engine_on(_outcomes(first, bad), max_attempts=2)
    )
    assert report.exit_code == 30
    lines = by_id(tmp_path / "out")
    status = {article: lines[f"article-{article:03d}.txt"] for article in range(6)}
    assert [status[n]["status"] for n in range(6)] == [
        "ok",
        "refused",
        "truncated",
        "invalid",
        "failed",
        "ok",
    ]
    assert status[1]["error"].startswith("the model refused: I cannot help")
    assert (status[1]["attempts"], status[1]["tokens"]) == (1, 200)
    assert (status[3]["attempts"], status[3]["tokens"]) == (2, 400)
    assert "HTTP 400" in status[4]["error"] and status[4]["attempts"] == 0
    assert all(status[n]["output"] is None for n in range(1, 5))

    again = SchemaModel()
    report = run_batch(tmp_path / "in", tmp_path / "out", engine_on(again))
    assert again.requests == [] and report.exit_code == 30, "failures stay failed by default"

    retry = SchemaModel()
    report = run_batch(tmp_path / "in", tmp_path / "out", engine_on(retry), retry_failed=True)
    assert report.exit_code == 0
    assert requests_per_article(retry.requests) == {1: 1, 2: 1, 3: 1, 4: 1}


def test_cache_answers_a_second_batch_without_requests(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 4)
    cache = ResponseCache(tmp_path / "cache")
    first = SchemaModel()
    run_batch(tmp_path / "in", tmp_path / "one", CachingEngine(engine_on(first), cache))
    second = SchemaModel()
    cached = CachingEngine(engine_on(second), cache)
    report = run_batch(tmp_path / "in", tmp_path / "two", cached)
    assert len(first.requests) == 4 and second.requests == []
    assert report.exit_code == 0 and cached.hits == 4 and report.usage.total_tokens == 0
    one, two = by_id(tmp_path / "one"), by_id(tmp_path / "two")
    for key, line in two.items():
        assert (line["attempts"], line["tokens"]) == (0, 0)
        a = json.loads((tmp_path / "one" / one[key]["output"]).read_text())
        b = json.loads((tmp_path / "two" / line["output"]).read_text())
        assert {k: v for k, v in a.items() if k != "provenance"} == {
            k: v for k, v in b.items() if k != "provenance"
        }


def test_a_briefing_written_without_its_manifest_line_costs_no_request(tmp_path: Path) -> None:
    """The state a kill leaves between writing a briefing and appending its line."""
    write_articles(tmp_path / "in", 3)
    cache = ResponseCache(tmp_path / "cache")
    run_batch(tmp_path / "in", tmp_path / "out", CachingEngine(engine_on(SchemaModel()), cache))
    lines = manifest(tmp_path / "out")
    torn = json.dumps(lines[2])[:40]
    kept = "".join(json.dumps(line) + "\n" for line in lines[:1])
    (tmp_path / "out" / "manifest.jsonl").write_text(kept + torn, "utf-8")

    model = SchemaModel()
    report = run_batch(tmp_path / "in", tmp_path / "out", CachingEngine(engine_on(model), cache))
    assert model.requests == [] and report.exit_code == 0 and report.earlier == 1
    assert [line["id"] for line in manifest(tmp_path / "out")] == [
        f"article-{n:03d}.txt" for n in range(3)
    ]


def test_changed_article_or_settings_are_done_again(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "in", 3)
    run_batch(tmp_path / "in", tmp_path / "out", engine_on(SchemaModel()))
    paths[0].write_text(paths[0].read_text() + " Manila welcomed the pact.", "utf-8")
    model = SchemaModel()
    run_batch(tmp_path / "in", tmp_path / "out", engine_on(model))
    assert requests_per_article(model.requests) == {0: 1}
    other = SchemaModel()
    run_batch(tmp_path / "in", tmp_path / "out", engine_on(other, model="another-model"))
    assert requests_per_article(other.requests) == dict.fromkeys(range(3), 1)
    assert len({line["settings"] for line in manifest(tmp_path / "out")}) == 1


def test_an_input_that_now_fails_keeps_its_old_briefing(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "in", 2)
    run_batch(tmp_path / "in", tmp_path / "out", engine_on(SchemaModel()))
    before = by_id(tmp_path / "out")["article-001.txt"]
    briefing = (tmp_path / "out" / "article-001.json").read_bytes()
    paths[1].write_text("   ", "utf-8")
    report = run_batch(tmp_path / "in", tmp_path / "out", engine_on(SchemaModel()))
    line = by_id(tmp_path / "out")["article-001.txt"]
    assert report.exit_code == 30 and report.kept == 1 and line["status"] == "failed"
    assert line["output"] == "article-001.json"
    assert line["output_settings"] == before["settings"]
    assert (tmp_path / "out" / "article-001.json").read_bytes() == briefing
    assert (tmp_path / "out" / "article-000.json").exists()

    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "article-001.json").write_text("not ours", "utf-8")
    run_batch(tmp_path / "in", tmp_path / "other", engine_on(SchemaModel()))
    assert (tmp_path / "other" / "article-001.json").read_text() == "not ours"


def test_deleted_briefing_is_written_again(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    run_batch(tmp_path / "in", tmp_path / "out", engine_on(SchemaModel()))
    (tmp_path / "out" / "article-001.json").unlink()
    model = SchemaModel()
    run_batch(tmp_path / "in", tmp_path / "out", engine_on(model))
    assert requests_per_article(model.requests) == {1: 1}
    assert (tmp_path / "out" / "article-001.json").exists()


def test_token_budget_stops_new_articles_and_says_so(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 6)
    model = SchemaModel()
    report = run_batch(tmp_path / "in", tmp_path / "out", engine_on(model), jobs=1, max_tokens=500)
    assert report.budget_reached and not report.interrupted and report.exit_code == 30
    assert len(model.requests) == 3 and report.usage.total_tokens == 600
    lines = by_id(tmp_path / "out").values()
    assert sorted(line["status"] for line in lines) == ["ok"] * 3 + ["skipped"] * 3
    assert {line["error"] for line in lines if line["status"] == "skipped"} == {
        "not processed: token budget reached"
    }


def test_a_429_storm_pauses_every_worker_and_nothing_fails(tmp_path: Path) -> None:
    """One 429 (Retry-After 1 s) holds back the workers that got no 429 too.

    The other first-wave replies take 0.3 s, so without a shared pause those workers
    would send their next requests long before the second is over.
    """
    write_articles(tmp_path / "in", 12)
    model = SchemaModel()
    arrivals: list[float] = []
    lock = threading.Lock()

    def handler(request: Request) -> Reply:
        with lock:
            arrivals.append(time.monotonic())
            index = len(arrivals)
        if index == 1:
            return Reply(status=429, headers={"retry-after": "1"}, body=error_body("slow down"))
        reply = model(request)
        return replace(reply, delay=0.3) if index <= 4 else reply

    with FakeServer(handler) as server:
        engine = OpenAIEngine(Settings(base_url=server.base_url, max_retries=3))
        report = run_batch(tmp_path / "in", tmp_path / "out", engine, jobs=4)
    assert report.exit_code == 0 and report.counts["ok"] == 12
    assert all(arrival >= arrivals[0] + 1.0 for arrival in arrivals[4:]), (
        "no worker sent a request during the pause"
    )
    assert requests_per_article(model.requests) == dict.fromkeys(range(12), 1)


def test_a_briefing_that_cannot_be_written_fails_its_input_alone(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    (tmp_path / "out" / "article-001.json").mkdir(parents=True)
    model = SchemaModel()
    report = run_batch(tmp_path / "in", tmp_path / "out", engine_on(model), jobs=1)
    assert report.exit_code == 30 and report.counts == {"ok": 2, "failed": 1}
    line = by_id(tmp_path / "out")["article-001.txt"]
    assert line["error"] == "article-001.json: cannot write the briefing (Is a directory)"
    assert (line["output"], line["tokens"], line["attempts"]) == (None, 200, 1)
    assert report.usage.total_tokens == 3 * 200


def test_a_page_that_cannot_be_written_takes_its_briefing_with_it(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    (tmp_path / "out" / "article-000.html").mkdir(parents=True)
    report = run_batch(tmp_path / "in", tmp_path / "out", engine_on(SchemaModel()), html=True)
    assert report.counts == {"ok": 1, "failed": 1}
    assert by_id(tmp_path / "out")["article-000.txt"]["output"] is None
    assert not (tmp_path / "out" / "article-000.json").exists()
    assert (tmp_path / "out" / "article-001.json").is_file()
