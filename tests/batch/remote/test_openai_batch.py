"""Runs through the OpenAI Batch API, against the loopback files and batches endpoints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch.options import Reask
from summarizer.batch.remote.lines import RequestId
from summarizer.batch.remote.state import STATE_DIR, RunState
from summarizer.errors import ConfigError, ExitCode
from summarizer.schema import Briefing
from summarizer.testing import Course, Reply, Request, SchemaModel, error_body
from tests.batch.conftest import article_number, article_text, by_id, write_articles
from tests.batch.remote.conftest import (
    UNGROUNDED,
    FirstReplyUngrounded,
    batch_server,
    run_remote,
)
from tests.engines.test_servers import LONG, served

QUICK = Course(steps=("validating",))


def uploaded_lines(api: Any, batch_index: int) -> list[dict[str, Any]]:
    batch = list(api.batches.values())[batch_index].data
    content = api.content(batch["input_file_id"])
    return [json.loads(line) for line in content.splitlines()]


def briefing(out: Path, name: str) -> Briefing:
    return Briefing.model_validate_json((out / name).read_text("utf-8"))


def test_a_run_in_rounds_of_batches_with_one_reply_reasked(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 100)
    model = FirstReplyUngrounded(47)
    with batch_server(model) as (server, api):
        outcome = run_remote(tmp_path / "in", tmp_path / "out", server, batch_size=30)
    assert outcome.exit_code == 0 and outcome.report.counts["ok"] == 100
    state = RunState.load(tmp_path / "out" / STATE_DIR)
    assert state is not None and state.finished
    assert [[b.count for b in r.batches] for r in state.rounds] == [[30, 30, 30, 10], [1]]
    assert api.created == 5 and len(model.requests) == 101
    statuses = {b.data["status"] for b in api.batches.values()}
    assert statuses == {"completed"}
    (reask,) = uploaded_lines(api, 4)
    assert RequestId.parse(reask["custom_id"]) == RequestId(state.run, 47, 0, 2)
    messages = reask["body"]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert UNGROUNDED in messages[2]["content"] and "quote not found" in messages[3]["content"]
    first = uploaded_lines(api, 1)[17]
    assert first["body"] == {**reask["body"], "messages": messages[:2]}, "same request as online"
    lines = by_id(tmp_path / "out")
    assert len(lines) == 100 and {line["status"] for line in lines.values()} == {"ok"}
    fixed = briefing(tmp_path / "out", "article-047.json")
    assert fixed.provenance.attempts == 2 and not fixed.warnings
    assert fixed.provenance.served_model == "schema-model"
    assert fixed.provenance.usage.total_tokens == 400
    assert briefing(tmp_path / "out", "article-000.json").provenance.attempts == 1


def test_expired_and_failed_batches_send_what_they_did_not_run_again(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 5)
    courses = [
        Course(end="expired", ran=2),
        Course(steps=("validating",), end="failed"),
        Course(),
    ]
    with batch_server(SchemaModel(), courses=courses) as (server, api):
        outcome = run_remote(tmp_path / "in", tmp_path / "out", server, settings={"max_retries": 2})
    assert outcome.exit_code == 0 and outcome.report.counts["ok"] == 5
    expired, failed, last = (b.data for b in api.batches.values())
    assert expired["status"] == "expired" and expired["output_file_id"]
    errors = api.content(expired["error_file_id"]).decode()
    assert errors.count("batch_expired") == 3
    assert (
        failed["status"] == "failed"
        and failed["errors"]["data"][0]["code"] == "token_limit_exceeded"
    )
    assert len(uploaded_lines(api, 1)) == len(uploaded_lines(api, 2)) == 3
    state = RunState.load(tmp_path / "out" / STATE_DIR)
    assert (
        state is not None and state.rounds[1].batches[0].problem == "Enqueued token limit reached."
    )


def test_requests_not_run_are_sent_again_at_most_max_retries_times(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    with batch_server(SchemaModel(), courses=[Course(end="expired", ran=0)]) as (server, api):
        outcome = run_remote(tmp_path / "in", tmp_path / "out", server, settings={"max_retries": 2})
    assert outcome.exit_code == 30 and api.created == 3
    for line in by_id(tmp_path / "out").values():
        assert line["status"] == "failed" and line["output"] is None
        assert line["error"].startswith("no reply after 3 submission(s): not run: batch_expired")


def test_error_lines_are_retried_fall_back_to_another_mode_or_fail(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 4)
    model = SchemaModel()
    seen: list[int] = []

    def handler(request: Request) -> Reply:
        number = article_number(request)
        strict = request.json.get("response_format", {}).get("type") == "json_schema"
        seen.append(number)
        if number == 0 and seen.count(0) == 1:
            return Reply(status=500, body=error_body("overloaded", "server_error"))
        if number == 1 and strict:
            return Reply(
                status=400, body=error_body("response_format json_schema is not supported")
            )
        if number == 2:
            return Reply(status=404, body=error_body("The model 'm' does not exist"))
        return model(request)

    with batch_server(handler) as (server, api):
        outcome = run_remote(tmp_path / "in", tmp_path / "out", server)
    assert outcome.exit_code == 30
    lines = by_id(tmp_path / "out")
    assert [lines[f"article-00{n}.txt"]["status"] for n in range(4)] == ["ok", "ok", "failed", "ok"]
    assert lines["article-002.txt"]["error"] == (
        f"the server at {server.base_url} has no model 'gpt-4o-mini' (HTTP 404): The model 'm' "
        "does not exist; `briefing models` lists the models it serves"
    ), "worded as online"
    assert briefing(tmp_path / "out", "article-001.json").provenance.output_mode == "json_object"
    first = list(api.batches.values())[0].data
    assert first["request_counts"] == {"total": 4, "completed": 1, "failed": 3}
    assert sorted(seen) == [0, 0, 1, 1, 2, 3]


def test_a_cancelled_batch_fails_the_requests_it_did_not_run(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    with batch_server(SchemaModel(), courses=[Course(end="cancelled", ran=1)]) as (server, api):
        outcome = run_remote(tmp_path / "in", tmp_path / "out", server)
    assert outcome.exit_code == 30 and api.created == 1
    statuses = [line["status"] for line in by_id(tmp_path / "out").values()]
    assert statuses == ["ok", "failed", "failed"]
    error = by_id(tmp_path / "out")["article-001.txt"]["error"]
    assert error.endswith("was cancelled before running it")


def test_detach_then_run_again_collects_the_batch_without_submitting_again(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    with batch_server(SchemaModel()) as (server, api):
        first = run_remote(tmp_path / "in", tmp_path / "out", server, detach=True)
        assert first.exit_code == ExitCode.IN_FLIGHT and first.in_flight == ["batch-00002"]
        lines = by_id(tmp_path / "out")
        assert {line["status"] for line in lines.values()} == {"skipped"}
        assert lines["article-000.txt"]["error"] == "in flight: batch-00002 (round 1)"
        second = run_remote(tmp_path / "in", tmp_path / "out", server)
        third = run_remote(tmp_path / "in", tmp_path / "out", server)
    assert second.exit_code == 0 and second.report.counts["ok"] == 3 and not second.in_flight
    assert api.uploads == api.created == 1
    assert third.exit_code == 0 and third.report.earlier == 3 and api.created == 1


def test_a_batch_created_just_before_a_crash_is_found_by_its_file(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    with batch_server(SchemaModel()) as (server, api):
        run_remote(tmp_path / "in", tmp_path / "out", server, detach=True)
        path = tmp_path / "out" / STATE_DIR / "state.json"
        data = json.loads(path.read_text())
        data["rounds"][0]["batches"][0]["batch_id"] = None  # as if killed before saving it
        path.write_text(json.dumps(data))
        outcome = run_remote(tmp_path / "in", tmp_path / "out", server)
    assert outcome.exit_code == 0 and api.uploads == api.created == 1


class StopAfterFirstBatch:
    """Progress that stops the run (as Ctrl-C does) at its first report."""

    def start(self, label: str, total: int) -> None:
        pass

    def update(self, done: int, failed: int, statuses: str) -> None:
        raise KeyboardInterrupt

    def stop(self) -> None:
        pass


def test_a_run_stopped_halfway_catches_up_and_writes_nothing_twice(tmp_path: Path) -> None:
    from summarizer.batch import discover_inputs
    from summarizer.batch.remote.openai_batch import OpenAIBatchRun, RemoteOptions
    from tests.batch.remote.conftest import engine_for_server

    write_articles(tmp_path / "in", 6)
    model = SchemaModel()
    courses = [QUICK, Course(steps=("validating", "in_progress", "in_progress"))]
    out = tmp_path / "out"
    with batch_server(model, courses=courses) as (server, api):
        engine = engine_for_server(server)
        options = RemoteOptions(poll_interval=0, batch_size=3)
        run = OpenAIBatchRun(
            discover_inputs(tmp_path / "in"),
            out,
            engine,
            options=options,
            progress=StopAfterFirstBatch(),
        )
        stopped = run.run()
        engine.close()
        assert stopped.exit_code == 130 and stopped.report.counts == {"ok": 3, "skipped": 3}
        lines = by_id(out)
        assert lines["article-005.txt"]["error"] == "in flight: batch-00004 (round 1)"
        written = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
        outcome = run_remote(tmp_path / "in", out, server)
    assert outcome.exit_code == 0 and outcome.report.counts["ok"] == 6
    assert len(model.requests) == 6 and api.created == 2
    for name, mtime in written.items():
        assert (out / name).stat().st_mtime_ns == mtime, f"{name} was not written again"
    assert (out / STATE_DIR / "recorded").read_text().split() == [str(n) for n in range(6)]


def test_reasks_online(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    model = FirstReplyUngrounded(1)
    with batch_server(model) as (server, api):
        outcome = run_remote(tmp_path / "in", tmp_path / "out", server, reask=Reask.ONLINE)
    assert outcome.exit_code == 0 and api.created == 1
    (online,) = [r for r in model.requests if len(r.json["messages"]) == 4]
    assert online.path == "/v1/chat/completions"
    assert briefing(tmp_path / "out", "article-001.json").provenance.attempts == 2


def test_a_long_article_is_sent_as_passages_each_with_its_custom_id(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    paragraphs = [article_text(n) + " " + "Talks went on. " * 40 for n in range(6)]
    (tmp_path / "in" / "long.txt").write_text("\n\n".join(paragraphs), "utf-8")
    with batch_server(SchemaModel()) as (server, api):
        outcome = run_remote(
            tmp_path / "in", tmp_path / "out", server, settings={"max_input_tokens": 500}
        )
    assert outcome.exit_code == 0
    ids = [RequestId.parse(line["custom_id"]) for line in uploaded_lines(api, 0)]
    assert [(i.input, i.passage, i.attempt) for i in ids if i] == [
        (0, p, 1) for p in range(len(ids))
    ]
    assert len(ids) > 1 and briefing(tmp_path / "out", "long.json").provenance.chunks == len(ids)


def test_a_run_in_flight_with_other_settings_is_not_mixed_up(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 1)
    with batch_server(SchemaModel()) as (server, _):
        run_remote(tmp_path / "in", tmp_path / "out", server, detach=True, settings={"model": "a"})
        with pytest.raises(ConfigError, match=r"other settings \(model a\) is not finished"):
            run_remote(tmp_path / "in", tmp_path / "out", server, settings={"model": "b"})


def test_only_inputs_not_done_are_sent_and_a_request_over_the_file_limit_fails(
    tmp_path: Path,
) -> None:
    write_articles(tmp_path / "in", 2)
    model = SchemaModel()
    with batch_server(model) as (server, _):
        run_remote(tmp_path / "in", tmp_path / "out", server)
        (tmp_path / "in" / "big.txt").write_text(article_text(7) + " Words." * 4000, "utf-8")
        (tmp_path / "in" / "small.txt").write_text(article_text(8), "utf-8")
        outcome = run_remote(tmp_path / "in", tmp_path / "out", server, batch_bytes=30_000)
    assert outcome.report.earlier == 2 and len(model.requests) == 3
    lines = by_id(tmp_path / "out")
    assert lines["small.txt"]["status"] == "ok" and lines["big.txt"]["status"] == "failed"
    assert "over the 30,000-byte file limit" in lines["big.txt"]["error"]


def test_html_pages_and_the_index_as_online(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    with batch_server(SchemaModel()) as (server, _):
        outcome = run_remote(tmp_path / "in", tmp_path / "out", server, html=True)
    assert outcome.exit_code == 30
    assert sorted(p.name for p in (tmp_path / "out").glob("*.html")) == [
        "article-000.html",
        "article-001.html",
        "index.html",
    ]
    index = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert 'href="article-000.html"' in index and "empty.txt" in index


# Refusals read for their cause, as online (fixtures: tests/engines/test_servers.py's)


def bodies_by_round(api: Any) -> list[list[dict[str, Any]]]:
    rounds: dict[str, list[dict[str, Any]]] = {}
    for index, batch in enumerate(api.batches.values()):
        rounds.setdefault(batch.data["metadata"]["round"], []).extend(
            line["body"] for line in uploaded_lines(api, index)
        )
    return list(rounds.values())


def test_a_refusal_that_gives_no_reason_tries_one_other_mode_only(tmp_path: Path) -> None:
    """A gateway answering 400 with no words about why (authored, as LiteLLM and API
    gateways in front of vLLM answer a body they cannot pass on)."""
    write_articles(tmp_path / "in", 2)
    body = {"error": {"message": "Bad Request", "type": "invalid_request_error", "code": None}}
    with batch_server(lambda request: Reply(status=400, body=body), courses=[QUICK] * 3) as (
        server,
        api,
    ):
        outcome = run_remote(tmp_path / "in", tmp_path / "out", server)
    assert outcome.exit_code == 30
    sent = bodies_by_round(api)
    assert [len(bodies) for bodies in sent] == [2, 2], "two requests an article, not four"
    assert {b["response_format"]["type"] for b in sent[1]} == {"json_object"}
    for line in by_id(tmp_path / "out").values():
        assert line["error"] == (
            f"the server at {server.base_url} refused the request (HTTP 400): Bad Request"
        )


def test_a_refused_max_tokens_is_sent_as_max_completion_tokens(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    model = SchemaModel()
    refused = served("openai-max-tokens-unsupported-400")

    def reasoning_model(request: Request) -> Reply:
        return refused if "max_tokens" in request.json else model(request)

    with batch_server(reasoning_model) as (server, api):
        outcome = run_remote(
            tmp_path / "in", tmp_path / "out", server, settings={"max_output_tokens": 900}
        )
    assert outcome.exit_code == 0 and outcome.report.counts == {"ok": 3}
    first, second = bodies_by_round(api)
    assert all(b["max_tokens"] == 900 for b in first)
    assert all(b["max_completion_tokens"] == 900 and "max_tokens" not in b for b in second)
    assert {b["response_format"]["type"] for b in second} == {"json_schema"}, "the mode is kept"


def test_a_passage_over_the_context_is_split_into_passages_that_fit(tmp_path: Path) -> None:
    """OpenAI's words for a request over an 8,192-token context (the fixture's, resized)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(LONG.text, "utf-8")
    write_articles(tmp_path / "in", 1)
    model = SchemaModel()
    template = served("openai-context-length-exceeded-400")

    def small_context(request: Request) -> Reply:
        prompt = sum(len(m["content"]) for m in request.json["messages"]) // 4
        if prompt + 1000 <= 8192:
            return model(request)
        message = (
            "This model's maximum context length is 8192 tokens. However, your messages "
            f"resulted in {prompt} tokens. Please reduce the length of the messages."
        )
        assert isinstance(template.body, dict)
        error = {**template.body["error"], "message": message}
        return Reply(status=400, body={"error": error})

    with batch_server(small_context) as (server, api):
        outcome = run_remote(tmp_path / "in", tmp_path / "out", server)
    assert outcome.exit_code == 0 and outcome.report.counts == {"ok": 2}
    state = RunState.load(tmp_path / "out" / STATE_DIR)
    assert state is not None
    second = [RequestId.parse(line["custom_id"]) for line in uploaded_lines(api, 1)]
    assert [(r.input, r.passage, r.attempt) for r in second if r] == [
        (1, 1, 1),
        (1, 2, 1),
        (1, 3, 1),
    ]
    long = briefing(tmp_path / "out", "long.json")
    assert long.provenance.chunks == 3, "4,096 tokens (half the context) at most, as online"
    assert long.parties[0].name == "Japan" and long.parties[0].verified
    assert briefing(tmp_path / "out", "article-000.json").provenance.chunks == 1
