from __future__ import annotations

import pytest

from summarizer.engines.diagnosis import Cause, Diagnosis
from summarizer.engines.explain import Where, base_url_hint, explain


@pytest.mark.parametrize(
    ("url", "hint"),
    [
        (
            "http://localhost:11434",
            "Ollama serves it under /v1: try --base-url http://localhost:11434/v1",
        ),
        (
            "http://127.0.0.1:1234/api",
            "LM Studio serves it under /v1: try --base-url http://127.0.0.1:1234/v1",
        ),
        ("http://box:9000", "most serve it under /v1: try --base-url http://box:9000/v1"),
        (
            "http://localhost:11434/api",
            "Ollama serves it under /v1: try --base-url http://localhost:11434/v1",
        ),
        (
            "https://openrouter.ai/api",
            "most serve it under /v1: try --base-url https://openrouter.ai/api/v1",
        ),
        (
            "http://localhost:8000/v1/chat/completions",
            "--base-url is the API's root, without /chat/completions: http://localhost:8000/v1",
        ),
        (
            "http://localhost:11434/api/v1",
            "port 11434 is Ollama's, which serves it at --base-url http://localhost:11434/v1",
        ),
        ("http://box:9000/v1", "is it an OpenAI-compatible server? Ollama serves it at"),
    ],
)
def test_the_base_url_a_404_suggests(url: str, hint: str) -> None:
    assert base_url_hint(url).startswith(hint)


def test_a_missing_key_is_named_with_its_setting() -> None:
    refusal = Diagnosis(Cause.KEY, 401, "No auth credentials found")
    where = Where("https://openrouter.ai/api/v1", "m", "json_schema", has_key=False)
    assert explain(refusal, where, refusal.said) == (
        "the server at https://openrouter.ai/api/v1 rejected the API key (HTTP 401); set "
        "OPENAI_API_KEY (or the server's own key variable): No auth credentials found"
    )
    forbidden = Diagnosis(Cause.KEY, 403, "Forbidden")
    assert "refused access (HTTP 403); set OPENAI_API_KEY" in explain(forbidden, where, "x")


def test_a_rejected_parameter_is_named() -> None:
    refusal = Diagnosis(
        Cause.PARAMETER, 400, "Unsupported value: 'temperature'", param="temperature"
    )
    where = Where("https://api.openai.com/v1", "o3", "json_schema")
    assert explain(refusal, where, refusal.said) == (
        "the server at https://api.openai.com/v1 does not accept the parameter 'temperature': "
        "Unsupported value: 'temperature'"
    )
