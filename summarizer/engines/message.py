"""What the first choice of a chat completion says, wherever a server put it.

Servers disagree on where the answer goes. Tool call arguments are a JSON string in
OpenAI's API but a JSON object from llama.cpp's server (builds of March 2026) and from
Ollama's native API; a model may make several calls, the one briefing asked for not
first; older servers send ``function_call``; content may be a list of parts; reasoning
models behind OpenRouter, DeepSeek, vLLM, Ollama or LiteLLM may leave ``content`` empty
and put everything in ``reasoning``, ``reasoning_content``, ``thinking``,
``reasoning_details`` (OpenRouter's text and summary parts) or ``thinking_blocks``
(LiteLLM). :func:`read_message` gathers every text that may hold the reply, best
first, and leaves finding the JSON in them to the caller.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

TOOL_NAME = "record_briefing"
"""The tool briefing asks the model to call (its call is read first)."""
_STANDARD_KEYS = frozenset(
    {"role", "content", "tool_calls", "function_call", "refusal", "name", "audio", "annotations"}
)
_REASONING_KEY = re.compile(r"reason|think|thought", re.IGNORECASE)
_PART_TEXT_KEYS = ("text", "summary", "thinking", "content")


@dataclass(frozen=True)
class Message:
    """The texts of a choice that may hold the reply, best first, and how it ended.

    ``texts`` lists the tool calls' arguments (a call to :data:`TOOL_NAME` first), then
    the content, then the reasoning, each only when present and not blank.
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
        *_arguments(message),
        _content(message.get("content")),
        _reasoning(message),
    ]
    refusal = message.get("refusal")
    finish = choice.get("finish_reason")
    return Message(
        texts=tuple(dict.fromkeys(text for text in texts if text and text.strip())),
        finish_reason=finish if isinstance(finish, str) else None,
        refusal=str(refusal) if refusal else None,
    )


def _arguments(message: dict[str, Any]) -> list[str]:
    """The arguments of every tool call (or of a legacy ``function_call``) as JSON text.

    A call to :data:`TOOL_NAME` comes first; arguments that are an empty object are left out.
    """
    calls = message.get("tool_calls")
    functions = (
        [call.get("function") for call in calls if isinstance(call, dict)]
        if isinstance(calls, list)
        else []
    )
    functions.append(message.get("function_call"))
    found: list[tuple[bool, str]] = []
    for function in functions:
        if not isinstance(function, dict):
            continue
        arguments = function.get("arguments")
        if isinstance(arguments, dict | list):
            arguments = json.dumps(arguments, ensure_ascii=False) if arguments else None
        if isinstance(arguments, str) and arguments.strip() not in ("", "{}"):
            found.append((function.get("name") != TOOL_NAME, arguments))
    return [arguments for _, arguments in sorted(found, key=lambda item: item[0])]


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
    """The reasoning, under any key that names it, as one text."""
    texts = [
        text
        for key, value in message.items()
        if key not in _STANDARD_KEYS and _REASONING_KEY.search(key)
        if (text := _text_of(value))
    ]
    return "\n".join(texts) or None


def _text_of(value: Any, depth: int = 0) -> str | None:
    """The text of a reasoning field: a string, or the text of its parts."""
    if isinstance(value, str):
        return value if value.strip() else None
    if depth > 2:
        return None
    if isinstance(value, dict):
        for key in _PART_TEXT_KEYS:
            if text := _text_of(value.get(key), depth + 1):
                return text
        return None
    if isinstance(value, list):
        return "".join(text for item in value if (text := _text_of(item, depth + 1))) or None
    return None
