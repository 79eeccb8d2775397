"""Requests as a fake server sees them, replies it sends, and scripted sequences."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Handler = Callable[["Request"], "Reply"]


@dataclass(frozen=True)
class Request:
    """One HTTP request received: method, path, headers (lower-case names) and body."""

    method: str
    path: str
    headers: Mapping[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


@dataclass(frozen=True)
class Reply:
    """What the fake server answers.

    ``drop_after`` closes the connection after that many bytes of the body (a dropped
    connection mid-body); ``delay`` waits that many seconds before answering;
    ``trickle`` sends the body one byte at a time, that many seconds apart (the
    loopback server only: an in-process transport answers at once).
    """

    status: int = 200
    body: bytes | Mapping[str, Any] | str = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop_after: int | None = None
    trickle: float | None = None

    def encoded(self) -> tuple[bytes, str]:
        """The body as bytes, with its content type."""
        if isinstance(self.body, bytes):
            return self.body, self.headers.get("content-type", "application/json")
        if isinstance(self.body, str):
            return self.body.encode(), self.headers.get("content-type", "text/plain")
        return json.dumps(self.body).encode(), "application/json"


def completion_body(
    content: str | None = None,
    *,
    tool_arguments: str | None = None,
    finish_reason: str = "stop",
    refusal: str | None = None,
    model: str = "test-model",
    prompt_tokens: int = 120,
    completion_tokens: int = 80,
) -> dict[str, Any]:
    """A chat completion body; with ``tool_arguments``, the reply is a tool call."""
    message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": refusal}
    if tool_arguments is not None:
        message["tool_calls"] = [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "record_briefing", "arguments": tool_arguments},
            }
        ]
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1764300000,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def error_body(message: str, kind: str = "invalid_request_error") -> dict[str, Any]:
    """An OpenAI-style error body."""
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}


def fixture_reply(path: str | Path) -> Reply:
    """The reply stored in a fixture file of ``fixtures/responses/`` (see its README)."""
    data = json.loads(Path(path).read_text("utf-8"))
    return Reply(status=data.get("status", 200), body=data["body"], headers=data.get("headers", {}))


class Script:
    """A handler answering from a list of replies (or handlers), in order.

    After the last one it keeps answering with the last, unless ``cycle`` is set.
    Every request is kept in ``requests``.
    """

    def __init__(self, replies: Iterable[Reply | Handler], *, cycle: bool = False) -> None:
        items = list(replies)
        if not items:
            raise ValueError("a script needs at least one reply")
        self._items = itertools.cycle(items) if cycle else iter(items)
        self._last: Reply | Handler = items[-1]
        self._lock = threading.Lock()
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            item = next(self._items, self._last)
        return item(request) if callable(item) else item
