"""What the first choice of a chat completion says, wherever a server put it.

Servers disagree on where the answer goes. Tool call arguments are a JSON string in
OpenAI's API but a JSON object from llama.cpp's server (builds of March 2026) and from
Ollama's native API; older servers send ``function_call``; content may be a list of
parts; reasoning models behind OpenRouter, DeepSeek, vLLM or Ollama may leave
``content`` empty and put everything in ``reasoning``, ``reasoning_content`` or
``reasoning_details``. :func:`read_message` gathers every text that may hold the
reply, best first, and leaves finding the JSON in them to the caller.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Message:
    """The texts of a choice that may hold the reply, best first, and how it ended.

    ``texts`` lists the first tool call's arguments, then the content, then the
    reasoning, each only when present and not blank.
    """

    texts: tuple[str, ...]
    finish_reason: str | None
    refusal: str | None

    @property
    def raw(self) -> str | None:
        """The text the reply most likely is: the first of :attr:`texts`."""
        return self.texts[0] if self.texts else None


def read_message(choice: dict[str, Any]) -> Message:
    """The :class:`Message` of one choice of a chat completion (a parsed JSON object)."""
    found = choice.get("message")
    message: dict[str, Any] = found if isinstance(found, dict) else {}
    texts = [
        _arguments(message),
        _content(message.get("content")),
        _reasoning(message),
    ]
    refusal = message.get("refusal")
    finish = choice.get("finish_reason")
    return Message(
        texts=tuple(text for text in texts if text and text.strip()),
        finish_reason=finish if isinstance(finish, str) else None,
        refusal=str(refusal) if refusal else None,
    )


def _arguments(message: dict[str, Any]) -> str | None:
    """The first tool call's arguments (or a legacy ``function_call``'s) as JSON text."""
    calls = message.get("tool_calls")
    functions = (
        [call.get("function") for call in calls if isinstance(call, dict)]
        if (isinstance(calls, list))
        else []
    )
    functions.append(message.get("function_call"))
    for function in functions:
        if not isinstance(function, dict):
            continue
        arguments = function.get("arguments")
        if isinstance(arguments, str) and arguments.strip():
            return arguments
        if isinstance(arguments, dict | list) and arguments:
            return json.dumps(arguments, ensure_ascii=False)
    return None


def _content(content: Any) -> str | None:
    """Content as text: a string, or the text parts of a list of parts joined."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [
            part.get("text") for part in content if isinstance(part, dict) and part.get("text")
        ]
        return "".join(str(part) for part in parts) or None
    return None


def _reasoning(message: dict[str, Any]) -> str | None:
    for key in ("reasoning_content", "reasoning"):
        value = message.get(key)
        if isinstance(value, str) and value.strip():
            return value
    details = message.get("reasoning_details")
    if isinstance(details, list):
        texts = [d.get("text") for d in details if isinstance(d, dict)]
        return "".join(text for text in texts if isinstance(text, str)) or None
    return None
