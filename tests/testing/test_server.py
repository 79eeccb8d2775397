from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import openai
import pytest

from summarizer.testing import FakeServer, Reply, Request, SchemaModel, Script, completion_body


def test_real_sdk_against_the_loopback_server() -> None:
    with FakeServer(Script([Reply(body=completion_body("hello"))])) as server:
        with openai.OpenAI(api_key="k", base_url=server.base_url, max_retries=0) as client:
            completion = client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "hi"}]
            )
        assert completion.choices[0].message.content == "hello"
        assert server.count == 1
        request = server.requests[0]
        assert request.path == "/v1/chat/completions" and request.json["model"] == "m"
        assert request.headers["authorization"] == "Bearer k"


def test_dropped_connection_mid_body_is_a_connection_error() -> None:
    body = completion_body("hello")
    with FakeServer(Script([Reply(body=body, drop_after=20)])) as server:
        client = openai.OpenAI(api_key="k", base_url=server.base_url, max_retries=0, timeout=5)
        with client, pytest.raises(openai.APIConnectionError):
            client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])


def test_schema_model_answers_each_mode_from_the_schema_it_is_sent() -> None:
    schema = {
        "type": "object",
        "properties": {
            "quotes": {"type": "array", "items": {"type": "string"}},
            "kind": {"enum": ["a", "b"]},
            "n": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
        },
    }
    sentence = "Japan and Korea signed a pact on Monday in Seoul."
    article = f"<article-0123456789>\n{sentence}\n</article-0123456789>"
    model = SchemaModel()
    as_format = model(
        _request(
            {
                "response_format": {"type": "json_schema", "json_schema": {"schema": schema}},
                "messages": [{"role": "user", "content": article}],
            }
        )
    )
    as_tool = model(
        _request(
            {
                "tools": [{"function": {"parameters": schema}}],
                "messages": [{"role": "user", "content": article}],
            }
        )
    )
    content = _message(as_format)["content"]
    assert '"quotes": ["Japan and Korea signed a pact on Monday in Seoul."]' in content
    assert '"kind": "a"' in content and '"n": 0' in content
    assert _message(as_tool)["tool_calls"][0]["function"]["arguments"] == content


def _request(body: Mapping[str, object]) -> Request:
    return Request(
        method="POST", path="/v1/chat/completions", headers={}, body=json.dumps(body).encode()
    )


def test_schema_model_quotes_the_article_not_its_title_line() -> None:
    from summarizer.prompts import article_tag, load_prompts

    text = "Japan and Korea signed a pact on Monday in Seoul. More followed."
    user = load_prompts().user_message(article_tag(text), text, "A headline")
    body = {
        "response_format": {
            "type": "json_schema",
            "json_schema": {
                "schema": {
                    "type": "object",
                    "properties": {"quotes": {"type": "array", "items": {"type": "string"}}},
                }
            },
        },
        "messages": [{"role": "user", "content": user}],
    }
    reply = SchemaModel()(_request(body))
    assert '["Japan and Korea signed a pact on Monday in Seoul."]' in _message(reply)["content"]


def _message(reply: Reply) -> Any:
    """The first choice's message of a chat completion the model answered."""
    assert isinstance(reply.body, Mapping)
    return reply.body["choices"][0]["message"]
