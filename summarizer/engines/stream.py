"""A chat completion from a server that streams when asked not to.

Some servers answer ``text/event-stream`` whatever ``stream`` says (transformers'
``serve`` behind KAITO, mini-sglang before its fix, gateways that force SSE), and some
send a whole completion followed by ``data: [DONE]``. :func:`assemble` adds the chunks
up to the one ``chat.completion`` object a non-streaming request gets: content,
reasoning and refusal deltas joined, tool call fragments joined by their index, the
last finish reason, and usage from whichever chunk carries it. An ``error`` event
(OpenRouter and vLLM report a failure mid-stream that way) becomes the body's
``error``, as a non-streaming server would send it.
"""

from __future__ import annotations

import json
from typing import Any

_TEXT_DELTAS = ("content", "reasoning_content", "reasoning", "refusal")
_DONE = "[DONE]"


def looks_streamed(body: bytes, content_type: str) -> bool:
    """Whether ``body`` is server-sent events rather than one JSON document."""
    if "text/event-stream" in content_type:
        return True
    start = body.lstrip()[:6]
    return start.startswith((b"data:", b"event:", b":"))


def assemble(body: bytes) -> dict[str, Any] | None:
    """The chat completion the events of ``body`` add up to; ``None`` when it holds none.

    A whole completion sent as one event (or as JSON before a ``data: [DONE]``) is
    returned as it is.
    """
    text = body.decode("utf-8", "replace")
    whole = _leading_object(text)
    if whole is not None:
        return whole
    chunks = [chunk for chunk in map(_decode, _events(text)) if chunk is not None]
    if not chunks:
        return None
    failed = next((chunk for chunk in chunks if "error" in chunk and "choices" not in chunk), None)
    if failed is not None:
        return {"error": failed["error"]}
    if len(chunks) == 1 and _is_whole(chunks[0]):
        return chunks[0]
    return _joined(chunks)


def stopped_early(body: bytes, completion: dict[str, Any]) -> bool:
    """Whether the stream ``body`` (assembled into ``completion``) was cut short.

    So it was when its choice has no finish reason and no ``data: [DONE]`` ended it: a
    proxy or the server closed the connection mid-reply.
    """
    choices = completion.get("choices")
    first = choices[0] if isinstance(choices, list) and choices else None
    if not isinstance(first, dict) or first.get("finish_reason"):
        return False
    return not any(event.strip() == _DONE for event in _events(body.decode("utf-8", "replace")))


def _leading_object(text: str) -> dict[str, Any] | None:
    """A JSON object the text starts with, when only SSE framing follows it."""
    stripped = text.lstrip()
    if not stripped.startswith("{"):
        return None
    try:
        value, end = json.JSONDecoder().raw_decode(stripped)
    except ValueError:
        return None
    rest = [line.strip() for line in stripped[end:].splitlines() if line.strip()]
    if not isinstance(value, dict) or any(line != f"data: {_DONE}" for line in rest):
        return None
    return value


def _events(text: str) -> list[str]:
    """The data of each event: its ``data:`` lines joined, as the SSE format says."""
    events: list[str] = []
    lines: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            if lines:
                events.append("\n".join(lines))
                lines = []
        elif line.startswith("data:"):
            lines.append(line[5:].removeprefix(" "))
    if lines:
        events.append("\n".join(lines))
    return events


def _decode(data: str) -> dict[str, Any] | None:
    if data.strip() == _DONE:
        return None
    try:
        value = json.loads(data)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _is_whole(chunk: dict[str, Any]) -> bool:
    choices = chunk.get("choices")
    return isinstance(choices, list) and any(
        isinstance(c, dict) and isinstance(c.get("message"), dict) for c in choices
    )


def _joined(chunks: list[dict[str, Any]]) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": None}
    texts: dict[str, list[str]] = {}
    calls: dict[int, dict[str, Any]] = {}
    choice: dict[str, Any] = {"index": 0, "message": message, "finish_reason": None}
    completion: dict[str, Any] = {"object": "chat.completion", "choices": [choice]}
    for chunk in chunks:
        if chunk.get("error") is not None:
            completion["error"] = chunk["error"]
        for key in ("id", "model", "created", "system_fingerprint"):
            if chunk.get(key) is not None:
                completion.setdefault(key, chunk[key])
        if isinstance(chunk.get("usage"), dict):
            completion["usage"] = chunk["usage"]
        for part in chunk.get("choices") or []:
            if not isinstance(part, dict) or part.get("index", 0) != 0:
                continue
            delta = part.get("delta") or part.get("message") or {}
            if not isinstance(delta, dict):
                continue
            for key in _TEXT_DELTAS:
                if isinstance(delta.get(key), str):
                    texts.setdefault(key, []).append(delta[key])
            for call in delta.get("tool_calls") or []:
                if isinstance(call, dict):
                    _add_call(calls, call)
            if part.get("finish_reason"):
                choice["finish_reason"] = part["finish_reason"]
            if part.get("error") is not None:
                choice["error"] = part["error"]
    for key, pieces in texts.items():
        message[key] = "".join(pieces)
    if calls:
        message["tool_calls"] = [calls[index] for index in sorted(calls)]
    return completion


def _add_call(calls: dict[int, dict[str, Any]], fragment: dict[str, Any]) -> None:
    """Add one streamed tool call fragment to the call of its index."""
    index = fragment.get("index", 0)
    index = index if isinstance(index, int) else 0
    call = calls.setdefault(
        index, {"id": None, "type": "function", "function": {"name": "", "arguments": ""}}
    )
    if fragment.get("id"):
        call["id"] = fragment["id"]
    function = fragment.get("function")
    if not isinstance(function, dict):
        return
    name = function.get("name")
    if isinstance(name, str) and not call["function"]["name"].endswith(name):
        call["function"]["name"] += name
    arguments = function.get("arguments")
    if isinstance(arguments, dict | list):
        call["function"]["arguments"] = arguments
    elif isinstance(arguments, str) and isinstance(call["function"]["arguments"], str):
        call["function"]["arguments"] += arguments
