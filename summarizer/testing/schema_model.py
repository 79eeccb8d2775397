"""A test model that answers from the request's own JSON Schema.

It finds the schema wherever the request carries it (a strict ``json_schema`` response
format, a tool's parameters, or the schema text in the system prompt for JSON mode),
builds the smallest instance that satisfies it, and fills strings with text taken from
the article in the request, so that quotes are real passages and names are real words.
"""

from __future__ import annotations

import json
import re
from typing import Any

from summarizer.testing.replies import Reply, Request, completion_body

_ARTICLE = re.compile(r"<(article-[0-9a-f]+)>\n(?:Title: [^\n]*\n\n)?(.*)\n</\1>", re.DOTALL)
_SENTENCE = re.compile(r"[^.!?\n]{20,}[.!?]")
_PROPER = re.compile(r"\b[A-Z][A-Za-z]{1,}(?:\s[A-Z][A-Za-z]+)*")


class SchemaModel:
    """A handler answering every chat request with a schema-valid, article-based reply.

    ``requests`` keeps every request; ``model`` names the reply's model.
    """

    def __init__(self, model: str = "schema-model") -> None:
        self.model = model
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Reply:
        self.requests.append(request)
        body = request.json
        schema, as_tool = requested_schema(body)
        article = _article(body)
        value = _Builder(schema, article).instance(schema)
        text = json.dumps(value)
        if as_tool:
            return Reply(body=completion_body(tool_arguments=text, model=self.model))
        return Reply(body=completion_body(text, model=self.model))


def requested_schema(body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The JSON Schema a chat request asks for, and whether it asks through a tool."""
    response_format = body.get("response_format") or {}
    if response_format.get("type") == "json_schema":
        return response_format["json_schema"]["schema"], False
    tools = body.get("tools") or []
    if tools:
        return tools[0]["function"]["parameters"], True
    for message in body.get("messages", []):
        content = message.get("content") or ""
        start = content.find('{"$defs"')
        if start < 0:
            start = content.find('{"type"')
        if message.get("role") == "system" and start >= 0:
            schema, _ = json.JSONDecoder().raw_decode(content[start:])
            return schema, False
    raise ValueError("the request carries no JSON Schema")


def _article(body: dict[str, Any]) -> str:
    for message in body.get("messages", []):
        found = _ARTICLE.search(message.get("content") or "")
        if found:
            return found.group(2)
    return ""


class _Builder:
    def __init__(self, root: dict[str, Any], article: str) -> None:
        self.root = root
        sentences = [s.strip() for s in _SENTENCE.findall(article)]
        self.sentence = sentences[0] if sentences else article[:80] or "text"
        proper = _PROPER.findall(article)
        self.name = proper[0] if proper else "Party"

    def instance(self, schema: dict[str, Any], key: str = "") -> Any:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            return self.instance(self.root["$defs"][name], key)
        if "enum" in schema:
            return schema["enum"][0]
        if "anyOf" in schema:
            branch = next(s for s in schema["anyOf"] if s.get("type") != "null")
            return self.instance(branch, key)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next(k for k in kind if k != "null")
        if kind == "object":
            props = schema.get("properties", {})
            return {k: self.instance(v, k) for k, v in props.items()}
        if kind == "array":
            return [self.instance(schema.get("items", {}), key)]
        if kind == "string":
            return self.sentence if "quote" in key or key == "summary" else self.name
        if kind in ("integer", "number"):
            return 0
        if kind == "boolean":
            return False
        return None
