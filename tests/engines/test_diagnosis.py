"""Error bodies of each server read for their words, their cause and their figures.

Bodies not in ``fixtures/responses/servers/`` are quoted from the public reports named
beside them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.engines.diagnosis import Cause, diagnose, duration, said_delay

SERVERS = Path(__file__).resolve().parents[2] / "fixtures/responses/servers"


def fixture(name: str) -> tuple[int, object, str]:
    data = json.loads((SERVERS / f"{name}.json").read_text("utf-8"))
    kind = data["headers"].get("content-type", "")
    return data["status"], data["body"], kind


@pytest.mark.parametrize(
    ("name", "cause", "said"),
    [
        (
            "lmstudio-wrong-path-200",
            Cause.ROUTE,
            "Unexpected endpoint or method. (POST /chat/completions)",
        ),
        ("gemini-model-not-found-404", Cause.MODEL, "models/gemini-9.9-flash is not found"),
        (
            "ollama-model-not-found-404",
            Cause.MODEL,
            'model "llama3.3" not found, try pulling it first',
        ),
        (
            "openai-context-length-exceeded-400",
            Cause.CONTEXT,
            "This model's maximum context length",
        ),
        ("llamacpp-exceed-context-400", Cause.CONTEXT, "the request exceeds the available context"),
        ("llamacpp-exceed-context-500", Cause.CONTEXT, "the request exceeds the available context"),
        ("vllm-context-400", Cause.CONTEXT, "This model's maximum context length is 6048 tokens"),
        (
            "openai-max-tokens-unsupported-400",
            Cause.PARAMETER,
            "Unsupported parameter: 'max_tokens'",
        ),
        ("azure-max-completion-tokens-unsupported-400", Cause.PARAMETER, "Unrecognized request"),
        ("openai-invalid-key-401", Cause.KEY, "Incorrect API key provided"),
        ("ollama-no-v1-404", Cause.ROUTE, "404 page not found"),
        ("vllm-no-v1-404", Cause.ROUTE, "Not Found"),
        ("web-ui-page-200", Cause.ROUTE, "Open WebUI"),
        ("litellm-invalid-model-400", Cause.MODEL, "/chat/completions: Invalid model name"),
        (
            "openrouter-provider-error-200",
            Cause.SERVER,
            "Provider returned error: upstream connect",
        ),
        ("deepseek-json-schema-400", Cause.MODE, "This response_format type is unavailable now"),
        ("lmstudio-json-object-400", Cause.MODE, "'response_format.type' must be 'json_schema'"),
        (
            "llamacpp-python-json-schema-422",
            Cause.MODE,
            "body.response_format.type: Input should be",
        ),
        ("gemini-rate-limit-429", Cause.RATE, "You exceeded your current quota"),
        ("azure-rate-limit-429", Cause.RATE, "Requests to the ChatCompletions_Create Operation"),
        ("openai-insufficient-quota-429", Cause.QUOTA, "You exceeded your current quota"),
    ],
)
def test_each_servers_error_is_read_and_named(name: str, cause: Cause, said: str) -> None:
    status, body, kind = fixture(name)
    error = body.get("error") if isinstance(body, dict) else None
    if status == 200 and isinstance(error, dict):
        status = error.get("code", status)  # as ErrorReply takes the status an error names
    found = diagnose(status, body, kind)
    assert found.cause is cause
    assert found.said.startswith(said)
    assert "\n" not in found.said and len(found.said) <= 300


@pytest.mark.parametrize(
    ("status", "body", "cause", "said"),
    [
        # llama.cpp's server, 2024 (ggml-org/llama.cpp#10920)
        (
            500,
            {"code": 500, "message": "Unsupported param: tools", "type": "server_error"},
            Cause.MODE,
            "Unsupported param: tools",
        ),
        # Gemini: a field it does not know (SuzumiyaAkizuki/ComfyUI-NewBie-LLM-Formatter#3)
        (
            400,
            [
                {
                    "error": {
                        "code": 400,
                        "message": (
                            "Invalid JSON payload received. "
                            'Unknown name "reasoning": Cannot find field.'
                        ),
                        "status": "INVALID_ARGUMENT",
                    }
                }
            ],
            Cause.PARAMETER,
            'Invalid JSON payload received. Unknown name "reasoning"',
        ),
        # Gemini: a key that is not valid, with 400
        (
            400,
            [
                {
                    "error": {
                        "code": 400,
                        "message": "API key not valid. Please pass a valid API key.",
                        "status": "INVALID_ARGUMENT",
                    }
                }
            ],
            Cause.KEY,
            "API key not valid.",
        ),
        # OpenRouter: no credit
        (
            402,
            {
                "error": {
                    "message": "Insufficient credits. Add more using https://openrouter.ai/credits",
                    "code": 402,
                }
            },
            Cause.QUOTA,
            "Insufficient credits.",
        ),
        # Azure: a deployment name that does not exist
        (
            404,
            {
                "error": {
                    "code": "DeploymentNotFound",
                    "message": (
                        "The API deployment for this resource does not exist. If you created "
                        "the deployment within the last 5 minutes, please wait a moment and "
                        "try again."
                    ),
                }
            },
            Cause.MODEL,
            "The API deployment",
        ),
        # Azure without api-version
        (
            404,
            {"error": {"code": "404", "message": "Resource not found"}},
            Cause.ROUTE,
            "Resource not found",
        ),
        # nginx in front of a server that went away
        (
            502,
            (
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
                "<body><center><h1>502 Bad Gateway</h1></center></body></html>"
            ),
            Cause.SERVER,
            "502 Bad Gateway",
        ),
        # a vague refusal
        (400, {"error": {"message": "Bad Request"}}, Cause.UNKNOWN, "Bad Request"),
        (400, None, Cause.UNKNOWN, "HTTP 400"),
        # LM Studio with no model loaded
        (
            400,
            {
                "error": (
                    "No models loaded. Please load a model in the developer page or use "
                    "the `lms load` command."
                )
            },
            Cause.MODEL,
            "No models loaded.",
        ),
    ],
)
def test_other_shapes_and_causes(status: int, body: object, cause: Cause, said: str) -> None:
    found = diagnose(status, body, "text/html" if isinstance(body, str) else "application/json")
    assert found.cause is cause and found.said.startswith(said)


def test_figures_of_a_context_overflow() -> None:
    status, body, kind = fixture("llamacpp-exceed-context-400")
    found = diagnose(status, body, kind)
    assert (found.context_size, found.request_tokens) == (8192, 14429)
    found = diagnose(400, {"message": "Requested tokens (2285) exceed context window of 2048"})
    assert (found.context_size, found.request_tokens, found.cause) == (2048, 2285, Cause.CONTEXT)


def test_the_parameter_named() -> None:
    _, body, _ = fixture("openai-max-tokens-unsupported-400")
    assert diagnose(400, body).param == "max_tokens"
    _, body, _ = fixture("azure-max-completion-tokens-unsupported-400")
    assert diagnose(400, body).param == "max_completion_tokens"


def test_a_body_given_as_text_or_bytes_is_parsed() -> None:
    text = json.dumps({"error": {"message": "model 'x' not found", "type": "not_found_error"}})
    assert diagnose(404, text).cause is Cause.MODEL
    assert diagnose(404, text.encode()).said == "model 'x' not found"


def test_delays_said_in_the_body() -> None:
    _, body, _ = fixture("gemini-rate-limit-429")
    assert said_delay(body) == 37.0
    _, body, _ = fixture("azure-rate-limit-429")
    assert said_delay(body) == 6.0
    assert said_delay({"error": {"message": "Please try again in 6m0s. Visit"}}) == 360.0
    assert said_delay({"error": {"message": "Please try again in 120ms."}}) == 0.12
    assert said_delay({"error": {"message": "Please try again later."}}) is None
    assert said_delay("not json at all") is None


def test_go_durations() -> None:
    assert [duration(t) for t in ("1m23.5s", "1h2m", "20ms", "7", "0.5s")] == [
        83.5,
        3720.0,
        0.02,
        7.0,
        0.5,
    ]
    assert duration("soon") is None and duration("") is None
