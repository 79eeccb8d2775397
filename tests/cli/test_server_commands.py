"""``briefing models``, ``briefing check`` and the cache of ``briefing summarize`` against
loopback servers answering as the fixtures of ``fixtures/responses/servers/`` say."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from summarizer.testing import FakeServer, Reply, Request, SchemaModel, completion_body
from tests.cli.conftest import Invoke
from tests.engines.test_servers import served


def listing(name: str, model: SchemaModel | None = None) -> FakeServer:
    """A server listing its models as fixture ``name`` does, answering chats with ``model``."""
    chat = model or SchemaModel()

    def handler(request: Request) -> Reply:
        if request.method == "GET" and request.path == "/v1/models":
            return served(name)
        return chat(request)

    return FakeServer(handler)


@pytest.mark.parametrize(
    ("name", "ids", "context"),
    [
        ("vllm-models-200", ["Qwen/Qwen2.5-7B-Instruct"], [(32768, "max_model_len")]),
        ("ollama-models-200", ["llama3.1:8b", "qwen2.5:7b"], [(None, None), (None, None)]),
        (
            "openrouter-models-200",
            ["deepseek/deepseek-r1:free"],
            [(163840, "context_length")],
        ),
        (
            "llamacpp-models-200",
            ["qwen2.5-7b-instruct-q4_k_m.gguf"],
            [(32768, "meta.n_ctx_train (trained, not served)")],
        ),
    ],
)
def test_models_lists_what_each_server_offers(
    invoke: Invoke, name: str, ids: list[str], context: list[tuple[int | None, str | None]]
) -> None:
    with listing(name) as server:
        plain = invoke("models", "--base-url", server.base_url)
        as_json = invoke("models", "--base-url", server.base_url, "--json")
    assert plain.exit_code == 0 and plain.stdout.splitlines() == ids
    found = json.loads(as_json.stdout)
    assert [m["id"] for m in found] == ids
    assert [(m["context_size"], m["context_field"]) for m in found] == context
    assert len(server.requests) == 2


def test_models_at_a_wrong_base_url_says_what_was_reached(invoke: Invoke) -> None:
    with FakeServer(lambda request: served("ollama-no-v1-404")) as server:
        root = server.base_url.removesuffix("/v1")
        result = invoke("models", "--base-url", root)
    assert result.exit_code == 21 and len(server.requests) == 1
    assert f"briefing: {root} has no chat completions endpoint (HTTP 404: 404 page not found)" in (
        " ".join(result.stderr.split())
    )
    assert f"try --base-url {root}/v1" in " ".join(result.stderr.split())


def test_models_without_an_endpoint_is_a_config_error(invoke: Invoke) -> None:
    result = invoke("models")
    assert result.exit_code == 3
    assert "no model endpoint: set OPENAI_API_KEY, or --base-url" in result.stderr


def test_check_names_the_modes_the_server_honours(invoke: Invoke) -> None:
    """An Ollama 0.4-like server: accepts json_schema but ignores it, honours JSON mode,
    refuses tools for this model."""
    model = SchemaModel()

    def chat(request: Request) -> Reply:
        body = request.json
        if "tools" in body:
            return Reply(
                status=400,
                body={
                    "error": {
                        "message": "registry.ollama.ai/library/gemma:2b does not support tools",
                        "type": "api_error",
                        "param": None,
                        "code": None,
                    }
                },
            )
        if body["response_format"]["type"] == "json_schema":
            return served("ollama-ignores-response-format")
        return model(request)

    with listing("ollama-models-200", chat) as server:  # type: ignore[arg-type]
        result = invoke("check", "--base-url", server.base_url, "-m", "llama3.1:8b")
        as_json = invoke("check", "--base-url", server.base_url, "-m", "llama3.1:8b", "--json")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"server:  {server.base_url}"
    assert lines[1] == "model:   llama3.1:8b, listed (its context is not said)"
    assert lines[2].startswith("json_schema  ignores the schema")
    assert (
        "a reply without the schema: the reply is not valid JSON (no JSON object in it)" in lines[2]
    )
    assert lines[3].startswith("json_object  works")
    assert lines[3].endswith("  1 party, 1 agreement, 1 threat; 3/3 quotes found")
    assert lines[4].startswith("tools        refused")
    assert "does not support the output mode tools (HTTP 400)" in lines[4]
    assert lines[5] == "briefing will use json_object"
    assert len(server.requests) == 2 * 4, "GET /models and one request per mode, twice"
    report = json.loads(as_json.stdout)
    assert report["chosen"] == "json_object" and report["model_listed"] is True
    assert [m["verdict"] for m in report["modes"]] == ["ignores the schema", "works", "refused"]


def test_check_stops_at_a_refusal_no_mode_changes(invoke: Invoke) -> None:
    def handler(request: Request) -> Reply:
        if request.method == "GET":
            return served("ollama-models-200")
        return served("ollama-model-not-found-404")

    with FakeServer(handler) as server:
        result = invoke("check", "--base-url", server.base_url, "-m", "llama3.3")
    assert result.exit_code == 21
    assert len(server.requests) == 2, "the model list, then one chat request"
    lines = result.stdout.splitlines()
    assert lines[1] == "model:   llama3.3 is not listed; the server lists llama3.1:8b, qwen2.5:7b"
    assert lines[2].startswith("json_schema  refused")
    assert "has no model 'llama3.3' (HTTP 404)" in lines[2]
    assert lines[3] == "no output mode works with this server and model"


def test_check_with_a_rejected_key_stops_after_the_model_list(invoke: Invoke) -> None:
    with FakeServer(lambda request: served("openai-invalid-key-401")) as server:
        result = invoke("check", "--base-url", server.base_url, "--json")
    assert result.exit_code == 21 and len(server.requests) == 1
    report = json.loads(result.stdout)
    assert report["modes"] == [] and "rejected the API key (HTTP 401)" in report["models_error"]


def test_summarize_answers_a_second_time_from_the_cache(
    invoke: Invoke, tmp_path: Path, example_path: Path
) -> None:
    model = SchemaModel()
    with FakeServer(model) as server:
        args = ("summarize", str(example_path), "--base-url", server.base_url, "-f", "json")
        first = invoke(*args)
        second = invoke(*args)
        fresh = invoke(*args, "--no-cache")
        elsewhere = invoke(*args, "--cache-dir", str(tmp_path / "other"))
    assert all(r.exit_code == 0 for r in (first, second, fresh, elsewhere))
    assert len(model.requests) == 3, "the second run asked nothing"
    assert json.loads(second.stdout)["provenance"]["attempts"] == 0
    assert json.loads(first.stdout)["headline"] == json.loads(second.stdout)["headline"]
    assert (tmp_path / "other" / "responses.sqlite3").is_file()


def test_a_reply_that_stays_bad_is_not_cached(invoke: Invoke, example_path: Path) -> None:
    bad = Reply(body=completion_body("no JSON here"))
    with FakeServer(lambda request: bad) as server:
        args = (
            "summarize",
            str(example_path),
            "--base-url",
            server.base_url,
            "--max-attempts",
            "1",
        )
        assert invoke(*args).exit_code == 22
        assert invoke(*args).exit_code == 22
    assert len(server.requests) == 2


def test_check_of_a_server_that_cannot_be_reached_says_so_not_that_modes_were_refused(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("BRIEFING_MAX_RETRIES", "0")
    result = invoke("check", "--base-url", f"http://127.0.0.1:{port}/v1")
    assert result.exit_code == 21
    lines = result.stdout.splitlines()
    assert lines[2].startswith("json_schema  no answer"), "one mode tells it; the rest would repeat"
    assert "a connection error" in lines[2] and "refused" not in result.stdout
    assert lines[3].startswith("the server gave no answer (not reached")
