"""Each kind of reply and error the common servers send, replayed through the real SDK.

Every body is a fixture in ``fixtures/responses/servers/`` written as that server
sends it (each file names the server, its version and the public report it follows).
Each test asserts how many requests the engine made and what the user is told.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from summarizer.article import article_from_text
from summarizer.errors import TransportError
from summarizer.pipeline import summarize
from summarizer.schema import EvidenceStatus
from summarizer.testing import Reply, Request, SchemaModel, Script, fixture_reply
from summarizer.testing.replies import Handler
from tests.engines.conftest import EngineFactory, FakeTime
from tests.engines.test_openai import ARTICLE, ok

SERVERS = Path(__file__).resolve().parents[2] / "fixtures/responses/servers"


def served(name: str) -> Reply:
    """The reply of fixture ``name``."""
    return fixture_reply(SERVERS / f"{name}.json")


def test_every_fixture_says_which_server_it_stands_for() -> None:
    for path in SERVERS.glob("*.json"):
        data: dict[str, Any] = json.loads(path.read_text("utf-8"))
        assert data["provenance"] == "authored", path.name
        assert data["server"] and data["source"].startswith("https://"), path.name
        assert {"status", "headers", "body", "note"} <= set(data), path.name


# Replies that must become a briefing, in one request


@pytest.mark.parametrize(
    "name",
    [
        "llamacpp-tool-arguments-object",
        "vllm-tool-call-in-content",
        "ollama-tool-call-as-text",
        "openrouter-reasoning-only",
        "vllm-reasoning-content-only",
        "ollama-think-block-and-fence",
        "transformers-serve-always-streams",
    ],
)
def test_a_reply_where_the_server_put_it_is_a_briefing_at_once(
    make_engine: EngineFactory, name: str
) -> None:
    script = Script([served(name)])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert len(script.requests) == 1
    assert briefing.provenance.attempts == 1
    assert [p.name for p in briefing.parties] == ["Japan", "Philippines", "China"]
    assert briefing.agreements[0].party_ids == ["japan", "philippines"]
    assert briefing.threats[0].source_id == "china"
    assert briefing.warnings == []
    assert {e.status for e in briefing.evidence()} == {EvidenceStatus.EXACT}


def test_a_streamed_reply_counts_its_usage(make_engine: EngineFactory) -> None:
    script = Script([served("transformers-serve-always-streams")])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert briefing.provenance.usage.total_tokens == 1156


def test_a_reply_written_loosely_is_normalised_and_noted_not_reasked(
    make_engine: EngineFactory,
) -> None:
    script = Script([served("ollama-lenient-reply")])
    briefing = summarize(ARTICLE, engine=make_engine(script, mode="json_object"))
    assert len(script.requests) == 1 and briefing.provenance.attempts == 1
    assert [p.kind.value for p in briefing.parties] == ["state", "state", "state"]
    assert briefing.parties[2].aliases == ["Beijing"]
    assert briefing.agreements[0].status.value == "signed"
    assert briefing.threats[0].domain.value == "political"
    assert briefing.warnings == [
        "the reply was normalised: reply: unknown key 'confidence' ignored",
        "the reply was normalised: parties[].kind: 'State' read as 'state'",
        "the reply was normalised: parties[].kind: 'STATE' read as 'state'",
        "the reply was normalised: parties[].aliases: a list sent as a JSON string, read as a list",
        "the reply was normalised: agreements[].status: 'Signed' read as 'signed'",
        "the reply was normalised: threats[].domain: 'Political' read as 'political'",
    ]


def test_a_server_ignoring_the_schema_moves_to_a_mode_whose_prompt_has_it(
    make_engine: EngineFactory, caplog: pytest.LogCaptureFixture
) -> None:
    model = SchemaModel()
    script = Script([served("ollama-ignores-response-format"), model, model])
    engine = make_engine(script)
    with caplog.at_level(logging.INFO, "summarizer"):
        first = summarize(ARTICLE, engine=engine)
    second = summarize(ARTICLE, engine=engine)
    kinds = [r.json["response_format"]["type"] for r in script.requests]
    assert kinds == ["json_schema", "json_object", "json_object"], "remembered for the next"
    assert first.provenance.attempts == 2 and first.provenance.output_mode == "json_object"
    assert second.provenance.attempts == 1
    system, _user, prose, reask = script.requests[1].json["messages"]
    assert '"$defs"' in system["content"], "the schema is in the prompt now"
    assert prose["content"].startswith("**Briefing: Japan")
    assert "not valid JSON (no JSON object in it)" in reask["content"]
    assert "the server ignored the schema in json_schema; trying json_object" in caplog.text


def test_a_reply_missing_most_fields_in_json_schema_mode_is_a_schema_ignored(
    make_engine: EngineFactory,
) -> None:
    script = Script([ok(json.dumps({"title": "Pact signed", "text": "..."})), SchemaModel()])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert len(script.requests) == 2
    assert script.requests[1].json["response_format"]["type"] == "json_object"
    assert briefing.provenance.output_mode == "json_object"


def test_a_mode_the_user_chose_is_kept_when_the_schema_is_ignored(
    make_engine: EngineFactory,
) -> None:
    script = Script([served("ollama-ignores-response-format"), SchemaModel()])
    summarize(ARTICLE, engine=make_engine(script, mode="json_schema"))
    kinds = [r.json["response_format"]["type"] for r in script.requests]
    assert kinds == ["json_schema", "json_schema"]


# Errors a user must understand, in one or two requests


def refused(
    make_engine: EngineFactory, replies: list[Reply | Handler], **settings: Any
) -> tuple[str, int]:
    """The message of the TransportError the replies end in (one line), and the requests."""
    script = Script(replies)
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(script, **settings))
    message = str(caught.value)
    assert "\n" not in message and caught.value.exit_code == 21
    return message, len(script.requests)


def test_an_error_string_in_a_200_from_a_path_without_v1(make_engine: EngineFactory) -> None:
    message, requests = refused(
        make_engine, [served("lmstudio-wrong-path-200")], base_url="http://localhost:1234"
    )
    assert requests == 1
    assert message == (
        "http://localhost:1234 has no chat completions endpoint (HTTP 200: Unexpected "
        "endpoint or method. (POST /chat/completions)); LM Studio serves it under /v1: "
        "try --base-url http://localhost:1234/v1"
    )


@pytest.mark.parametrize(
    ("name", "base_url", "says"),
    [
        (
            "ollama-no-v1-404",
            "http://localhost:11434",
            "http://localhost:11434 has no chat completions endpoint (HTTP 404: 404 page not "
            "found); Ollama serves it under /v1: try --base-url http://localhost:11434/v1",
        ),
        (
            "vllm-no-v1-404",
            "http://gpu-box:8000",
            "http://gpu-box:8000 has no chat completions endpoint (HTTP 404: Not Found); "
            "vLLM serves it under /v1: try --base-url http://gpu-box:8000/v1",
        ),
        (
            "web-ui-page-200",
            "http://localhost:3000",
            "http://localhost:3000 answered with a web page ('Open WebUI'), not the API; "
            "most serve it under /v1: try --base-url http://localhost:3000/v1",
        ),
    ],
)
def test_a_wrong_base_url_says_what_was_reached_after_one_request(
    make_engine: EngineFactory, name: str, base_url: str, says: str
) -> None:
    message, requests = refused(make_engine, [served(name)], base_url=base_url)
    assert requests == 1
    assert message == says


@pytest.mark.parametrize(
    ("name", "base_url", "model", "says"),
    [
        (
            "gemini-model-not-found-404",
            "https://generativelanguage.googleapis.com/v1beta/openai/",
            "gemini-9.9-flash",
            "the server at https://generativelanguage.googleapis.com/v1beta/openai has no model "
            "'gemini-9.9-flash' (HTTP 404): models/gemini-9.9-flash is not found for API version "
            "v1main",
        ),
        (
            "ollama-model-not-found-404",
            "http://localhost:11434/v1",
            "llama3.3",
            "the server at http://localhost:11434/v1 has no model 'llama3.3' (HTTP 404): model "
            '"llama3.3" not found, try pulling it first; `briefing models` lists the models it '
            "serves",
        ),
        (
            "litellm-invalid-model-400",
            "http://localhost:4000",
            "gpt-4o-mni",
            "the server at http://localhost:4000 has no model 'gpt-4o-mni' (HTTP 400): "
            "/chat/completions: Invalid model name passed in model=gpt-4o-mni.",
        ),
    ],
)
def test_an_unknown_model_is_named_after_one_request(
    make_engine: EngineFactory, name: str, base_url: str, model: str, says: str
) -> None:
    message, requests = refused(make_engine, [served(name)], base_url=base_url, model=model)
    assert requests == 1
    assert message.startswith(says)


@pytest.mark.parametrize(
    ("name", "sizes"),
    [
        (
            "openai-context-length-exceeded-400",
            "(HTTP 400; 128,000 tokens; the request needed 131,846)",
        ),
        ("llamacpp-exceed-context-400", "(HTTP 400; 8,192 tokens; the request needed 14,429)"),
        ("llamacpp-exceed-context-500", "(HTTP 500; 256 tokens; the request needed 1,407)"),
        ("vllm-context-400", "(HTTP 400; 6,048 tokens; the request needed 6,616)"),
    ],
)
def test_a_context_overflow_names_the_context_size_after_one_request(
    make_engine: EngineFactory, name: str, sizes: str
) -> None:
    message, requests = refused(make_engine, [served(name)], base_url="http://127.0.0.1:8080/v1")
    assert requests == 1
    assert message.startswith(
        f"the article does not fit the context window of the model at http://127.0.0.1:8080/v1 "
        f"{sizes}; lower BRIEFING_MAX_INPUT_TOKENS, or give the server a larger context"
    )


def test_a_bad_key_is_said_after_one_request(make_engine: EngineFactory) -> None:
    message, requests = refused(make_engine, [served("openai-invalid-key-401")])
    assert requests == 1
    assert message.startswith(
        "the server at https://api.openai.com/v1 rejected the API key (HTTP 401): "
        "Incorrect API key provided: sk-proj-"
    )


def test_a_spent_quota_is_said_after_one_request(make_engine: EngineFactory) -> None:
    message, requests = refused(make_engine, [served("openai-insufficient-quota-429")])
    assert requests == 1
    assert message.startswith(
        "the account at https://api.openai.com/v1 is out of quota or credit (HTTP 429): "
        "You exceeded your current quota"
    )


@pytest.mark.parametrize(
    "name",
    ["deepseek-json-schema-400", "lmstudio-json-object-400", "llamacpp-python-json-schema-422"],
)
def test_a_refused_output_mode_falls_back_at_once(make_engine: EngineFactory, name: str) -> None:
    rejection = served(name)

    def server(request: Request) -> Reply:
        kind = (request.json.get("response_format") or {}).get("type")
        return rejection if kind == "json_schema" else SchemaModel()(request)

    script = Script([server])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert len(script.requests) == 2
    assert briefing.provenance.output_mode == "json_object"


def test_every_mode_refused_ends_with_the_servers_words(make_engine: EngineFactory) -> None:
    message, requests = refused(make_engine, [served("lmstudio-json-object-400")])
    assert requests == 4, "json_schema, json_object with its schema, without, tools"
    assert message == (
        "the server at https://api.openai.com/v1 supports none of the output modes "
        "(json_schema, json_object, tools) for model 'gpt-4o-mini' (HTTP 400): "
        "'response_format.type' must be 'json_schema' or 'text'"
    )


def test_a_400_that_gives_no_reason_tries_one_other_mode_then_stops(
    make_engine: EngineFactory,
) -> None:
    vague = Reply(status=400, body={"error": {"message": "Bad Request", "type": "BadRequestError"}})
    message, requests = refused(make_engine, [vague])
    assert requests == 2
    assert (
        message
        == "the server at https://api.openai.com/v1 refused the request (HTTP 400): Bad Request"
    )


def test_a_provider_error_in_a_200_is_retried_like_the_502_it_names(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    script = Script([served("openrouter-provider-error-200"), ok()])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert len(script.requests) == 2 and briefing.provenance.attempts == 1
    message, requests = refused(
        make_engine, [served("openrouter-provider-error-200")], max_retries=1
    )
    assert requests == 2
    assert message == (
        "an error instead of a reply (code 502) from https://api.openai.com/v1, 2 tries: "
        "Provider returned error: upstream connect error or disconnect/reset before headers. "
        "reset reason: connection termination"
    )


def test_a_choice_that_ended_in_an_error_is_retried_not_reasked(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    script = Script([served("openrouter-finish-reason-error"), ok()])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert len(script.requests) == 2 and briefing.provenance.attempts == 1
    assert script.requests[1].json == script.requests[0].json, "sent again unchanged"
    message, requests = refused(
        make_engine, [served("openrouter-finish-reason-error")], max_retries=0
    )
    assert requests == 1
    assert message == (
        "a reply whose choice ended in an error (code 502) from https://api.openai.com/v1, "
        "1 try: Upstream idle timeout exceeded"
    )


@pytest.mark.parametrize(
    ("name", "waited"),
    [
        ("gemini-rate-limit-429", 37.0),
        ("azure-rate-limit-429", 6.0),
        ("openai-rate-limit-reset-headers-429", 1.2),
    ],
)
def test_a_rate_limit_waits_as_long_as_the_server_says_in_any_form(
    make_engine: EngineFactory, fake_time: FakeTime, name: str, waited: float
) -> None:
    script = Script([served(name), ok()])
    summarize(ARTICLE, engine=make_engine(script))
    assert len(script.requests) == 2
    assert fake_time.waits == [waited]


def test_a_long_wait_is_announced(
    make_engine: EngineFactory, fake_time: FakeTime, caplog: pytest.LogCaptureFixture
) -> None:
    script = Script([served("gemini-rate-limit-429"), ok()])
    with caplog.at_level(logging.WARNING, "summarizer"):
        summarize(ARTICLE, engine=make_engine(script))
    assert "HTTP 429: waiting 37 s, as the server asks" in caplog.text


def test_a_wait_longer_than_the_patience_is_not_waited_for(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    message, requests = refused(make_engine, [served("azure-daily-quota-429")])
    assert requests == 1
    assert fake_time.waits == []
    assert message.startswith(
        "rate limited (HTTP 429) by https://api.openai.com/v1: it asks to wait 24 h, "
        "longer than briefing waits (10 min); try again later: Requests to the "
        "ChatCompletions_Create Operation"
    )


# A rejected parameter the engine can fix itself


def refusing(name: str, fixture: str) -> Script:
    """A server answering ``fixture`` to any request carrying ``name``, else the model."""
    model = SchemaModel()

    def server(request: Request) -> Reply:
        return served(fixture) if name in request.json else model(request)

    return Script([server])


def test_max_tokens_refused_for_max_completion_tokens_is_renamed_once_and_remembered(
    make_engine: EngineFactory,
) -> None:
    script = refusing("max_tokens", "openai-max-tokens-unsupported-400")
    engine = make_engine(script, base_url="http://127.0.0.1:9/v1", max_output_tokens=500)
    summarize(ARTICLE, engine=engine)
    summarize(ARTICLE, engine=engine)
    sent = [
        (r.json.get("max_tokens"), r.json.get("max_completion_tokens")) for r in script.requests
    ]
    assert sent == [(500, None), (None, 500), (None, 500)]


def test_max_completion_tokens_refused_is_sent_as_max_tokens(make_engine: EngineFactory) -> None:
    script = refusing("max_completion_tokens", "azure-max-completion-tokens-unsupported-400")
    briefing = summarize(ARTICLE, engine=make_engine(script, max_output_tokens=700))
    assert [r.json.get("max_tokens") for r in script.requests] == [None, 700]
    assert briefing.provenance.attempts == 1


def test_a_parameter_refused_under_both_names_is_named_after_two_requests(
    make_engine: EngineFactory,
) -> None:
    def server(request: Request) -> Reply:
        if "max_tokens" in request.json:
            return served("openai-max-tokens-unsupported-400")
        return served("azure-max-completion-tokens-unsupported-400")

    message, requests = refused(
        make_engine, [server], base_url="http://127.0.0.1:9/v1", max_output_tokens=500
    )
    assert requests == 2
    assert message == (
        "the server at http://127.0.0.1:9/v1 does not accept the parameter "
        "'max_completion_tokens': Unrecognized request argument supplied: max_completion_tokens"
    )


def test_a_temperature_the_model_refuses_is_left_out(make_engine: EngineFactory) -> None:
    # OpenAI's reasoning models, 2025 (param "temperature", code "unsupported_value")
    body = {
        "error": {
            "message": "Unsupported value: 'temperature' does not support 0.0 with this model. "
            "Only the default (1) value is supported.",
            "type": "invalid_request_error",
            "param": "temperature",
            "code": "unsupported_value",
        }
    }
    model = SchemaModel()
    script = Script(
        [lambda r: Reply(status=400, body=body) if "temperature" in r.json else model(r)]
    )
    summarize(ARTICLE, engine=make_engine(script, temperature=0.0))
    assert ["temperature" in r.json for r in script.requests] == [True, False]


# A context overflow: retried in smaller passages where the article can be split


LONG = article_from_text(
    "\n\n".join(
        f"Japan and the Philippines held round {n} of talks on a reciprocal access "
        f"agreement in Manila, and China warned again that the pact threatens stability."
        for n in range(1, 300)
    )
)


def llama_server(n_ctx: int) -> Script:
    """llama.cpp's server started with ``-c n_ctx`` (b6800): a prompt with the reply's room
    over it is refused with ``exceed_context_size_error``, as in the fixture."""
    model = SchemaModel()
    template = json.loads((SERVERS / "llamacpp-exceed-context-400.json").read_text("utf-8"))

    def server(request: Request) -> Reply:
        prompt = sum(len(m["content"]) for m in request.json["messages"]) // 4
        if prompt + 1000 <= n_ctx:
            return model(request)
        error = {**template["body"]["error"], "n_prompt_tokens": prompt, "n_ctx": n_ctx}
        return Reply(status=400, body={"error": error}, headers=template["headers"])

    return Script([server])


def test_an_article_over_the_context_is_sent_again_in_passages_that_fit(
    make_engine: EngineFactory,
) -> None:
    script = llama_server(8192)
    engine = make_engine(script, base_url="http://127.0.0.1:8080/v1")
    briefing = summarize(LONG, engine=engine)
    refused_first, *passages = script.requests
    assert "held round 299 of talks" in refused_first.json["messages"][1]["content"]
    chunks = briefing.provenance.chunks
    assert chunks == 3 and len(passages) == chunks, "4,096 tokens (half the context) at most"
    assert briefing.parties[0].name == "Japan" and briefing.parties[0].verified
    again = summarize(LONG, engine=engine)
    assert len(script.requests) == 1 + 2 * chunks, "the smaller passages are kept for the engine"
    assert again.provenance.chunks == chunks


def test_an_overflow_that_no_split_can_cure_is_named_after_one_request(
    make_engine: EngineFactory,
) -> None:
    message, requests = refused(
        make_engine, [llama_server(900)], base_url="http://127.0.0.1:8080/v1"
    )
    assert requests == 1
    assert message.startswith(
        "the article does not fit the context window of the model at http://127.0.0.1:8080/v1 "
        "(HTTP 400; 900 tokens; the request needed "
    )


def test_a_prompt_the_server_cut_to_its_context_is_flagged(make_engine: EngineFactory) -> None:
    """Ollama (before 0.6) truncates a prompt over num_ctx (2048) silently and answers 200
    with ``prompt_eval_count`` = 2048 as ``usage.prompt_tokens`` (ollama/ollama#10368)."""
    model = SchemaModel()

    def ollama(request: Request) -> Reply:
        reply = model(request)
        assert isinstance(reply.body, dict)
        return Reply(
            body={
                **reply.body,
                "usage": {"prompt_tokens": 2048, "completion_tokens": 90, "total_tokens": 2138},
            }
        )

    script = Script([ollama])
    briefing = summarize(LONG, engine=make_engine(script, base_url="http://localhost:11434/v1"))
    assert len(script.requests) == 1
    assert briefing.warnings == [
        "the server counted 2,048 prompt tokens for an article of about 11,409: it likely cut "
        "the article to fit its context (Ollama: raise num_ctx), so the briefing may miss part "
        "of it"
    ]
