"""More inputs of the kinds ``test_servers.py`` covers, as other servers send them.

Each body is authored after the server named in its test (its source or a public
report), and written inline beside the assertions on the number of requests and on
what the user reads.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from summarizer.config import Settings
from summarizer.engines.openai import OpenAIEngine
from summarizer.errors import TransportError
from summarizer.pipeline import summarize
from summarizer.testing import FakeServer, Reply, Request, Script, completion_body, error_body
from tests.engines.conftest import EngineFactory, FakeTime
from tests.engines.test_openai import ARTICLE, ok, reply_json

# Rate limits


def test_a_429_asking_to_retry_after_0_s_uses_up_max_retries(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    """A proxy (LiteLLM, a gateway) answering every request ``Retry-After: 0``."""
    now = Reply(status=429, headers={"retry-after": "0"}, body=error_body("Rate limit reached"))
    script = Script([now] * 30 + [ok()])
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(script, max_retries=2))
    assert len(script.requests) == 3
    assert str(caught.value) == (
        "HTTP 429 from https://api.openai.com/v1, 3 tries: Rate limit reached"
    )
    assert fake_time.waits and min(fake_time.waits) >= 0.5, "backed off, not hammered"


def test_a_server_asking_for_milliseconds_again_and_again_is_asked_a_few_dozen_times(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    """OpenAI's RPM limit: "Please try again in 120ms.", with the reset header, each time."""
    paced = Reply(
        status=429,
        headers={"x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "120ms"},
        body=error_body(
            "Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, "
            "Requested 1. Please try again in 120ms.",
            "requests",
        ),
    )
    script = Script([paced])
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(script, max_retries=2))
    assert len(script.requests) == 26
    assert fake_time.waits[:8] == [0.12, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0]
    assert str(caught.value).startswith(
        "still rate limited (HTTP 429) by https://api.openai.com/v1 after waiting 10 min: "
        "Rate limit reached for gpt-4o-mini"
    )


# Replies that must become a briefing, in one request


def answer(message: dict[str, Any], finish: str = "stop") -> Reply:
    """A chat completion whose first choice carries ``message``."""
    body = completion_body(None, finish_reason=finish)
    body["choices"][0]["message"] = {"role": "assistant", "content": None, **message}
    return Reply(body=body)


def call(arguments: object, name: str = "record_briefing") -> dict[str, Any]:
    return {
        "id": f"call_{name}",
        "type": "function",
        "function": {"name": name, "arguments": arguments},
    }


def briefed_at_once(make_engine: EngineFactory, reply: Reply, **settings: Any) -> list[str]:
    """Summarize ``ARTICLE`` against ``reply``: one request, the expected items; the warnings."""
    script = Script([reply])
    briefing = summarize(ARTICLE, engine=make_engine(script, **settings))
    assert len(script.requests) == 1 and briefing.provenance.attempts == 1
    assert [p.name for p in briefing.parties] == ["Japan", "Philippines", "China"]
    assert briefing.threats[0].source_id == "china"
    return briefing.warnings


REPLY = json.loads(reply_json())
DRAFT = {**REPLY, "threats": [{**REPLY["threats"][0], "severity": "very high"}]}
LOOSE = (
    "the reply was normalised: JSON written loosely (trailing commas, single quotes, "
    "comments or Python literals) read as JSON"
)


@pytest.mark.parametrize(
    "message",
    [
        pytest.param(
            {"tool_calls": [call({"query": "Japan Philippines"}, "search"), call(reply_json())]},
            id="vLLM hermes parser: a second call, the requested one after another",
        ),
        pytest.param(
            {"tool_calls": [call("{}"), call(REPLY)]},
            id="llama.cpp: an empty call before the one with arguments",
        ),
        pytest.param(
            {"tool_calls": [call(json.dumps(reply_json()))]},
            id="a gateway encoding the arguments twice",
        ),
    ],
)
def test_the_call_with_the_reply_is_read_among_several(
    make_engine: EngineFactory, message: dict[str, Any]
) -> None:
    assert briefed_at_once(make_engine, answer(message, "tool_calls"), mode="tools") == []


@pytest.mark.parametrize(
    "message",
    [
        pytest.param({"content": "", "thinking": reply_json()}, id="Ollama: thinking"),
        pytest.param(
            {"reasoning_details": [{"type": "reasoning.summary", "summary": reply_json()}]},
            id="OpenRouter: reasoning_details summary",
        ),
        pytest.param(
            {"thinking_blocks": [{"type": "thinking", "thinking": reply_json()}]},
            id="LiteLLM: thinking_blocks",
        ),
    ],
)
def test_an_answer_under_any_reasoning_field_is_read(
    make_engine: EngineFactory, message: dict[str, Any]
) -> None:
    assert briefed_at_once(make_engine, answer(message)) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            reply_json().replace("]}", "],}"), id="llama3 without a grammar: trailing commas"
        ),
        pytest.param(repr(REPLY), id="a proxy passing str(dict): Python literal"),
        pytest.param(
            "```json\n// the briefing\n" + reply_json().replace('"', "'") + "\n```",
            id="Mistral in json_object mode: comments and single quotes",
        ),
    ],
)
def test_json_written_loosely_is_read_with_a_warning_not_reasked(
    make_engine: EngineFactory, text: str
) -> None:
    assert briefed_at_once(make_engine, answer({"content": text})) == [LOOSE]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            f"Let me draft it: {json.dumps(DRAFT)}\nSeverity must be one of the enum.\n"
            f"</think>\n\n{reply_json()}",
            id="DeepSeek-R1 under Ollama: the template opened <think>, only </think> shows",
        ),
        pytest.param(
            f"First try:\n{json.dumps(DRAFT)}\nCorrected:\n```json\n{reply_json()}\n```",
            id="a draft in prose before the corrected answer",
        ),
    ],
)
def test_a_draft_before_the_answer_does_not_hide_it(make_engine: EngineFactory, text: str) -> None:
    assert briefed_at_once(make_engine, answer({"content": text})) == []


# Errors a user must understand, in one or two requests


def refusal(make_engine: EngineFactory, replies: list[Reply], **settings: Any) -> tuple[str, int]:
    """The one-line message of the TransportError the replies end in, and the requests."""
    script = Script(replies)
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(script, **settings))
    message = str(caught.value)
    assert "\n" not in message and caught.value.exit_code == 21
    return message, len(script.requests)


@pytest.mark.parametrize(
    ("body", "said"),
    [
        pytest.param(
            {"object": "error", "message": "The model `m` does not exist.", "code": 404},
            "has no model 'gpt-4o-mini' (HTTP 404): The model `m` does not exist.",
            id="vLLM's error object, sent with 200 by a proxy",
        ),
        pytest.param(
            {"detail": "Not Found"},
            "has no chat completions endpoint (HTTP 200: Not Found)",
            id="a FastAPI server's detail, with 200",
        ),
    ],
)
def test_an_error_shaped_body_with_200_is_read_as_the_error_it_is(
    make_engine: EngineFactory, body: dict[str, Any], said: str
) -> None:
    message, requests = refusal(make_engine, [Reply(body=body)])
    assert requests == 1
    assert said in message


def test_an_error_beside_a_failed_choice_is_shown_in_its_words(make_engine: EngineFactory) -> None:
    """OpenRouter: the provider failed mid-generation; the error stands beside the choices."""
    body = completion_body("", finish_reason="error")
    body["error"] = {"code": "server_error", "message": "Provider disconnected unexpectedly"}
    message, requests = refusal(make_engine, [Reply(body=body)], max_retries=1)
    assert requests == 2
    assert message == (
        "a reply whose choice ended in an error (code 502) from https://api.openai.com/v1, "
        "2 tries: Provider disconnected unexpectedly"
    )


def test_a_stream_cut_before_its_end_is_sent_again_not_reasked(make_engine: EngineFactory) -> None:
    """A proxy closing a forced stream mid-reply: no finish reason, no ``data: [DONE]``."""
    half = reply_json()[:300]
    chunk = {
        "id": "c",
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": {"content": half}, "finish_reason": None}],
    }
    cut = Reply(
        body=f"data: {json.dumps(chunk)}\n\n".encode(),
        headers={"content-type": "text/event-stream"},
    )
    message, requests = refusal(make_engine, [cut], max_retries=1)
    assert requests == 2
    assert message == (
        "a streamed reply that stopped before its end from https://api.openai.com/v1, 2 tries"
    )


@pytest.mark.parametrize(
    ("body", "sizes"),
    [
        pytest.param(
            {
                "object": "error",
                "message": "The decoder prompt (length 9254) is longer than the maximum model "
                "length of 4096. Make sure that `max_model_len` is no smaller than the number "
                "of text tokens.",
                "type": "BadRequestError",
                "code": 400,
            },
            "(HTTP 400; 4,096 tokens; the request needed 9,254)",
            id="vLLM: the decoder prompt check",
        ),
        pytest.param(
            {
                "error": {
                    "message": "Input prompt (9254 tokens) is too long and exceeds limit of 4096",
                    "code": 400,
                }
            },
            "(HTTP 400; 4,096 tokens; the request needed 9,254)",
            id="vLLM V1: the scheduler's check",
        ),
        pytest.param(
            [
                {
                    "error": {
                        "code": 400,
                        "message": "The input token count (1200000) exceeds the maximum number of "
                        "tokens allowed (1048576).",
                        "status": "INVALID_ARGUMENT",
                    }
                }
            ],
            "(HTTP 400; 1,048,576 tokens; the request needed 1,200,000)",
            id="Gemini's OpenAI endpoint",
        ),
        pytest.param(
            {
                "error": {
                    "message": "request (9739 tokens) exceeds the available context size "
                    "(8192 tokens), try increasing it"
                }
            },
            "(HTTP 400; 8,192 tokens; the request needed 9,739)",
            id="llama.cpp's words relayed without its fields (LocalAI)",
        ),
        pytest.param(
            {
                "error": "Input validation error: `inputs` tokens + `max_new_tokens` must be "
                "<= 4096. Given: 5000 `inputs` tokens and 500 `max_new_tokens`",
                "error_type": "validation",
            },
            "(HTTP 400; 4,096 tokens; the request needed 5,000)",
            id="text-generation-inference",
        ),
    ],
)
def test_a_context_overflow_is_known_in_each_servers_words(
    make_engine: EngineFactory, body: object, sizes: str
) -> None:
    message, requests = refusal(make_engine, [Reply(status=400, body=body)])  # type: ignore[arg-type]
    assert requests == 1
    assert message.startswith(
        f"the article does not fit the context window of the model at https://api.openai.com/v1 "
        f"{sizes}; lower BRIEFING_MAX_INPUT_TOKENS"
    )


# A wrong base URL, named after one request


def test_ollamas_native_api_path_suggests_its_openai_root(make_engine: EngineFactory) -> None:
    """Ollama answers ``404 page not found`` (text) on ``/api/chat/completions``."""
    not_found = Reply(status=404, body="404 page not found")
    message, requests = refusal(make_engine, [not_found], base_url="http://localhost:11434/api")
    assert requests == 1
    assert message == (
        "http://localhost:11434/api has no chat completions endpoint (HTTP 404: 404 page not "
        "found); Ollama serves it under /v1: try --base-url http://localhost:11434/v1"
    )


def test_a_redirect_that_turned_the_request_into_a_get_is_named() -> None:
    """A server moved from ``http`` to ``https`` (or to a new path) answers 301: following
    it turns the POST into a GET, which the chat endpoint refuses with 405."""

    def server(request: Request) -> Reply:
        if request.path.startswith("/new/"):
            return Reply(status=405, body={"detail": "Method Not Allowed"})
        return Reply(status=301, headers={"location": "/new" + request.path})

    with FakeServer(server) as fake:
        settings = Settings(base_url=fake.base_url, model="m", max_retries=0)
        with pytest.raises(TransportError) as caught:
            summarize(ARTICLE, engine=OpenAIEngine(settings))
    root = fake.base_url.removesuffix("/v1")
    assert [r.method for r in fake.requests] == ["POST", "GET"]
    assert str(caught.value) == (
        f"{fake.base_url} redirected the request to {root}/new/v1/chat/completions, which "
        "answered HTTP 405 (Method Not Allowed): a redirect turns the request into a GET; "
        f"use --base-url {root}/new/v1"
    )
