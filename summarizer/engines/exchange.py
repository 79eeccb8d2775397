"""One extraction's conversation with a chat model, free of I/O.

:class:`Exchange` builds each request and judges each reply; the sync and async drivers
in :mod:`summarizer.engines.openai` only send what it asks and hand back what comes.
A re-ask carries the last failed reply and its exact problems, replacing any earlier
failed attempt, so the context never grows with the number of tries.

A reply in ``json_schema`` mode with no JSON, or without most of the required fields,
shows a server that accepted ``response_format`` but ignored it (older Ollama, a
grammar that failed to compile): the model never saw the schema, which is not in the
prompt in that mode. When the mode is briefing's to choose, the re-ask moves to
``json_object`` mode, whose prompt carries the schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from summarizer.engines.base import Extraction, OutputMode, Passage, Verifier
from summarizer.engines.message import TOOL_NAME, read_message
from summarizer.engines.parse import MAX_PROBLEMS, parse_reply
from summarizer.errors import ContentFiltered, InvalidReply, Refused, ReplyOutcome, Truncated
from summarizer.prompts import Prompts, article_tag
from summarizer.reply import Reply, reply_json_schema
from summarizer.schema import Usage
from summarizer.text import one_line

CHARS_PER_TOKEN = 4
"""Rough characters per token of English text, to estimate what was sent."""
CUT_PROMPT_SHARE = 0.4
"""A server that counts fewer prompt tokens than this share of the article cut it."""
CUT_PROMPT_MIN_TOKENS = 1000
"""Articles shorter than this (estimated tokens) are not checked for a cut prompt."""
MAX_MODEL_NAME = 200
"""Longest model name kept from a reply (a server's own words)."""
FALLBACK_ORDER = (OutputMode.JSON_SCHEMA, OutputMode.JSON_OBJECT, OutputMode.TOOLS)


@dataclass
class _Attempt:
    raw: str | None
    reply: Reply | None
    problems: list[str]
    notes: list[str] = field(default_factory=list)
    schemaless: bool = False


@dataclass
class Exchange:
    """Requests and replies of one passage, re-asks and output-mode fallback included."""

    passage: Passage
    verify: Verifier
    prompts: Prompts
    model: str
    mode: OutputMode
    max_attempts: int
    params: dict[str, Any] = field(default_factory=dict)
    """Generation parameters sent with every request (temperature, max tokens…)."""
    usage: Usage = field(default_factory=Usage)
    attempts: int = 0
    schema_in_format: bool = True
    """In JSON mode, also pass the schema in ``response_format`` (llama.cpp's server
    then constrains decoding to it); dropped if the server rejects it."""
    guessed_mode: bool = False
    """Whether a refusal that gave no reason already moved this exchange to another mode."""
    renamed: dict[str, str | None] = field(default_factory=dict)
    """Parameters the server refused: the name each is sent under instead (``None``:
    left out)."""
    auto_mode: bool = False
    """Whether the output mode is briefing's to choose (``--mode auto``)."""
    schema_ignored: bool = False
    """Whether a reply showed the server ignored the schema, moving this exchange on."""
    served_model: str | None = None
    """The model the last reply said answered (its ``model``), when it said."""
    _last_failure: _Attempt | None = None
    _best: _Attempt | None = None

    def request(self) -> dict[str, Any]:
        """Keyword arguments for ``chat.completions.create`` for the next attempt."""
        tag = self._tag
        messages: list[dict[str, Any]] = [
            {
                "role": "system",
                "content": self.prompts.system_message(
                    tag, with_schema=self.mode is OutputMode.JSON_OBJECT
                ),
            },
            {
                "role": "user",
                "content": self.prompts.user_message(tag, self.passage.text, self.passage.title),
            },
        ]
        if self._last_failure is not None:
            messages.append({"role": "assistant", "content": self._last_failure.raw or ""})
            messages.append(
                {"role": "user", "content": self.prompts.reask_message(self._last_failure.problems)}
            )
        return {"model": self.model, "messages": messages, **self.params, **self._format()}

    @cached_property
    def _tag(self) -> str:
        return article_tag(self.passage.text)

    def _format(self) -> dict[str, Any]:
        if self.mode is OutputMode.JSON_SCHEMA:
            return {
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {"name": "briefing", "strict": True, "schema": _schema()},
                }
            }
        if self.mode is OutputMode.JSON_OBJECT:
            response_format: dict[str, Any] = {"type": "json_object"}
            if self.schema_in_format:
                response_format["schema"] = _schema()
            return {"response_format": response_format}
        return {
            "tools": [
                {
                    "type": "function",
                    "function": {
                        "name": TOOL_NAME,
                        "description": "Record the briefing of the article.",
                        "parameters": _schema(),
                        "strict": True,
                    },
                }
            ],
            "tool_choice": {"type": "function", "function": {"name": TOOL_NAME}},
        }

    def rename(self, name: str, instead: str | None) -> None:
        """Send parameter ``name`` as ``instead`` from now on (leave it out if ``None``)."""
        self.renamed[name] = instead
        if name in self.params:
            value = self.params.pop(name)
            if instead is not None:
                self.params[instead] = value

    def next_mode(self) -> bool:
        """Switch to the next output mode after the server rejected this one."""
        if self.mode is OutputMode.JSON_OBJECT and self.schema_in_format:
            self.schema_in_format = False
            return True
        index = FALLBACK_ORDER.index(self.mode)
        if index + 1 >= len(FALLBACK_ORDER):
            return False
        self.mode = FALLBACK_ORDER[index + 1]
        return True

    def accept(self, body: bytes) -> Extraction | None:
        """Judge a reply body: an :class:`Extraction` when done, ``None`` to ask again.

        Raises the typed outcome for a refusal, a truncation or a content filter, and
        :class:`InvalidReply` when no attempt produced a schema-valid reply.
        """
        self.attempts += 1
        attempt = self._judge(body)
        if self._best is None or _rank(attempt) < _rank(self._best):
            self._best = attempt
        if not attempt.problems:
            return self._extraction(attempt)
        self._last_failure = attempt
        if attempt.schemaless and self.auto_mode and self.mode is OutputMode.JSON_SCHEMA:
            self.schema_ignored = self.next_mode()
        if self.attempts < self.max_attempts:
            return None
        return self.finish()

    @property
    def schemaless(self) -> bool:
        """Whether the best reply so far had no JSON, or lacked most required fields."""
        return self._best is not None and self._best.schemaless

    def finish(self) -> Extraction:
        """Settle on the best reply so far, as after the last attempt.

        For callers that cannot ask again (results of a batch run elsewhere); at least
        one reply must have been judged. Raises :class:`InvalidReply` when no reply was
        schema-valid.
        """
        best = self._best
        assert best is not None, "finish() needs a reply judged"
        if best.reply is None:
            raise InvalidReply(
                f"the model's reply was invalid after {self.attempts} attempt(s): "
                + best.problems[0],
                problems=best.problems,
                raw=best.raw,
                attempts=self.attempts,
                usage=self.usage,
            )
        return self._extraction(best)

    def _judge(self, body: bytes) -> _Attempt:
        try:
            completion = json.loads(body)
        except ValueError:
            completion = None
        if not isinstance(completion, dict):
            text = body.decode("utf-8", "replace")[:2000]
            return _Attempt(text, None, ["the server's reply was not a JSON object"])
        counted = _usage(completion.get("usage"))
        self.usage += counted
        served = completion.get("model")
        if isinstance(served, str) and served.strip():
            self.served_model = one_line(served, MAX_MODEL_NAME)
        cut = _cut_prompt(counted.prompt_tokens, self.passage.text)
        choices = completion.get("choices")
        if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
            return _Attempt(None, None, ["the reply had no choices"])
        message = read_message(choices[0])
        raw = message.raw
        if message.refusal:
            refused = message.refusal
            raise self._outcome(Refused, f"the model refused: {one_line(refused)}", refused)
        if message.finish_reason == "length":
            raise self._outcome(Truncated, "the reply was cut off at the token limit", raw)
        if message.finish_reason == "content_filter":
            raise self._outcome(ContentFiltered, "the content filter withheld the reply", raw)
        if not message.texts:
            return _Attempt(raw, None, ["the reply was empty"])
        parsed = parse_reply(message.texts)
        notes = [*parsed.notes, *cut]
        if parsed.reply is None:
            return _Attempt(raw, None, parsed.problems, notes, parsed.schemaless)
        problems = self.verify(parsed.reply)[:MAX_PROBLEMS]
        return _Attempt(raw, parsed.reply, problems, notes)

    def _outcome(self, kind: type[ReplyOutcome], message: str, raw: str | None) -> ReplyOutcome:
        return kind(message, raw=raw, attempts=self.attempts, usage=self.usage)

    def _extraction(self, attempt: _Attempt) -> Extraction:
        assert attempt.reply is not None
        return Extraction(
            reply=attempt.reply,
            attempts=self.attempts,
            usage=self.usage,
            model=self.model,
            output_mode=self.mode.value,
            raw=attempt.raw,
            problems=attempt.problems,
            notes=attempt.notes,
            served_model=self.served_model,
        )


def _schema() -> dict[str, Any]:
    return reply_json_schema()


def _cut_prompt(counted: int, article: str) -> list[str]:
    """A warning when the server counted far fewer prompt tokens than the article holds.

    Such a server cut the prompt to fit its context (Ollama does so silently at
    ``num_ctx``); the model read part of the article.
    """
    sent = len(article) // CHARS_PER_TOKEN
    if not counted or sent < CUT_PROMPT_MIN_TOKENS or counted >= CUT_PROMPT_SHARE * sent:
        return []
    return [
        f"the server counted {counted:,} prompt tokens for an article of about {sent:,}: it "
        "likely cut the article to fit its context (Ollama: raise num_ctx), so the briefing "
        "may miss part of it"
    ]


def _usage(usage: object) -> Usage:
    """Token counts of a reply, tolerating servers that omit or garble them."""
    if not isinstance(usage, dict):
        return Usage()
    counts = {}
    for key in ("prompt_tokens", "completion_tokens", "total_tokens"):
        value = usage.get(key)
        counts[key] = value if isinstance(value, int) and value >= 0 else 0
    return Usage(**counts)


def _rank(attempt: _Attempt) -> tuple[int, int]:
    """Lower is better: a schema-valid reply first, then the fewest problems."""
    return (attempt.reply is None, len(attempt.problems))
