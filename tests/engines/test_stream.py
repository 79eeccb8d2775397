"""Streams assembled into the completion a non-streaming request gets.

Chunk shapes follow OpenAI's ``chat.completion.chunk`` as vLLM, llama.cpp's server and
Ollama send them: a role chunk, content (or reasoning) deltas, tool call fragments
carrying their index, a last chunk with the finish reason, usage on its own chunk.
"""

from __future__ import annotations

import json
from typing import Any

from summarizer.engines.stream import assemble, looks_streamed


def sse(*chunks: dict[str, Any] | str) -> bytes:
    events = [c if isinstance(c, str) else json.dumps(c) for c in chunks]
    return "".join(f"data: {event}\n\n" for event in events).encode()


def delta(finish: str | None = None, **fields: Any) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": fields, "finish_reason": finish}],
    }


def test_content_deltas_finish_and_usage_add_up() -> None:
    body = sse(
        delta(role="assistant", content=""),
        delta(content='{"a":'),
        delta(content=" 1}"),
        delta(finish="stop"),
        {"id": "chatcmpl-1", "choices": [], "usage": {"total_tokens": 9}},
        "[DONE]",
    )
    assert looks_streamed(body, "text/event-stream")
    completion = assemble(body)
    assert completion == {
        "object": "chat.completion",
        "id": "chatcmpl-1",
        "created": 1,
        "model": "m",
        "usage": {"total_tokens": 9},
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": '{"a": 1}'},
            }
        ],
    }


def test_tool_call_fragments_are_joined_by_index() -> None:
    first = {"index": 0, "id": "call_1", "type": "function"}
    body = sse(
        delta(tool_calls=[{**first, "function": {"name": "record_briefing", "arguments": ""}}]),
        delta(tool_calls=[{"index": 0, "function": {"arguments": '{"head'}}]),
        delta(tool_calls=[{"index": 0, "function": {"arguments": 'line": "x"}'}}]),
        delta(tool_calls=[{"index": 1, "function": {"name": "other", "arguments": "{}"}}]),
        delta(finish="tool_calls"),
    )
    message = assemble(body)["choices"][0]["message"]  # type: ignore[index]
    calls = message["tool_calls"]
    assert calls[0]["function"] == {"name": "record_briefing", "arguments": '{"headline": "x"}'}
    assert calls[0]["id"] == "call_1" and calls[1]["function"]["name"] == "other"


def test_reasoning_deltas_are_kept_apart_from_content() -> None:
    body = sse(
        delta(reasoning_content="think "), delta(reasoning_content="more"), delta(content="{}")
    )
    message = assemble(body)["choices"][0]["message"]  # type: ignore[index]
    assert message["reasoning_content"] == "think more" and message["content"] == "{}"


def test_an_error_event_is_the_bodys_error() -> None:
    body = sse(delta(content="{"), {"error": {"message": "overloaded", "code": 502}})
    assert assemble(body) == {"error": {"message": "overloaded", "code": 502}}


def test_a_whole_completion_followed_by_done_is_taken_as_it_is() -> None:
    whole = {"id": "x", "choices": [{"index": 0, "message": {"content": "{}"}}]}
    body = json.dumps(whole).encode() + b"\n\ndata: [DONE]\n\n"
    assert looks_streamed(body, "text/event-stream; charset=utf-8")
    assert assemble(body) == whole
    assert assemble(sse(whole, "[DONE]")) == whole


def test_comments_events_and_multiline_data_follow_the_sse_format() -> None:
    body = (
        b": OPENROUTER PROCESSING\n\nevent: message\n"
        b'data: {"choices": [{"index": 0,\ndata: "delta": {"content": "ok"}}]}\n\n'
    )
    assert looks_streamed(body, "")
    message = assemble(body)["choices"][0]["message"]  # type: ignore[index]
    assert message["content"] == "ok"


def test_nothing_to_assemble_is_none() -> None:
    assert assemble(b"data: [DONE]\n\n") is None
    assert assemble(b"data: {broken\n\n") is None
    assert not looks_streamed(b'{"choices": []}', "application/json")
