"""From the texts of a model's message to a :class:`~summarizer.reply.Reply`.

The reply's JSON object is looked for in every text of the message (tool call
arguments, content, reasoning: see :mod:`summarizer.engines.message`), by a real scan
(:mod:`summarizer.engines.jsonscan`). A tool call a model wrote as text instead of
making it (``{"name": "record_briefing", "arguments": {...}}``, or ``"parameters"``, or
the OpenAI ``{"type": "function", "function": ...}`` shape, arguments as an object or
a JSON string) is unwrapped, as is any small wrapper around the reply. The object
with most of the reply's required keys wins; it is repaired where its meaning is clear
(:mod:`summarizer.engines.lenient`) and validated.

A reply with no JSON at all, or whose best object lacks most required keys, is
``schemaless``: the model did not see the schema (a server that ignored
``response_format``), which a re-ask in the same mode would not change.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from summarizer.engines.jsonscan import decode_error, json_candidates
from summarizer.engines.lenient import normalise
from summarizer.reply import Reply

MAX_PROBLEMS = 20
"""Most problems listed for one reply (and sent back in a re-ask)."""
MAX_TRIED = 8
"""Most candidate objects validated for one reply."""
LOOSE_NOTE = (
    "the reply was normalised: JSON written loosely (trailing commas, single quotes, "
    "comments or Python literals) read as JSON"
)
_REQUIRED = tuple(name for name, info in Reply.model_fields.items() if info.is_required())
_UNWRAP_DEPTH = 3


@dataclass(frozen=True)
class Parsed:
    """What the texts of a message came to: a reply, or the problems that kept it out."""

    reply: Reply | None
    problems: list[str]
    notes: list[str] = field(default_factory=list)
    """Repairs made on the way, as warnings (see :func:`~summarizer.engines.lenient.normalise`)."""
    schemaless: bool = False
    """No JSON object at all, or none with most of the required keys."""


def parse_reply(texts: Sequence[str]) -> Parsed:
    """The reply held in ``texts`` (best first), or why there is none.

    Objects written to the letter are tried first; only when none of them is a reply,
    objects written loosely (JSON5, a Python literal) too, with a note saying so.
    """
    if texts:
        try:  # the common case, and the fastest: the first text is the reply, to the letter
            return Parsed(Reply.model_validate_json(texts[0]), [])
        except ValidationError:
            pass
    parsed = _best_reply(list(_gathered(texts, loose=False)), texts)
    if parsed.reply is None and texts:
        loosely = _best_reply(list(_gathered(texts, loose=True)), texts)
        if loosely.reply is not None:
            return loosely
    return parsed


def _best_reply(candidates: list[tuple[dict[str, Any], bool]], texts: Sequence[str]) -> Parsed:
    """The first candidate with most required keys that is a reply, or why none is.

    Up to :data:`MAX_TRIED` of them are validated (repaired where the meaning is clear),
    so a draft before the answer does not hide the answer.
    """
    if not candidates:
        broken = decode_error(texts[0]) if texts else None
        why = broken or "no JSON object in it"
        return Parsed(None, [f"the reply is not valid JSON ({why})"], schemaless=broken is None)
    top = max(_score(value) for value, _ in candidates)
    first: Parsed | None = None
    for value, loose in [c for c in candidates if _score(c[0]) == top][:MAX_TRIED]:
        parsed = _validated(value, loose)
        if parsed.reply is not None:
            return parsed
        first = first or parsed
    assert first is not None, "at least one candidate has the top score"
    weak = 2 * top <= len(_REQUIRED)
    schemaless = weak and (not texts or decode_error(texts[0]) is None)
    return Parsed(None, first.problems, first.notes, schemaless=schemaless)


def _validated(value: dict[str, Any], loose: bool) -> Parsed:
    """``value`` as a reply, repaired where its meaning is clear, or its problems."""
    notes = [LOOSE_NOTE] if loose else []
    try:
        return Parsed(Reply.model_validate(value), [], notes)
    except ValidationError:
        pass  # repaired below where the meaning is clear, then validated again
    repaired, repairs = normalise(value, Reply)
    notes += [f"the reply was normalised: {repair}" for repair in repairs]
    try:
        return Parsed(Reply.model_validate(repaired), [], notes)
    except ValidationError as exc:
        return Parsed(None, validation_problems(exc), notes)


def _gathered(texts: Sequence[str], *, loose: bool) -> Iterator[tuple[dict[str, Any], bool]]:
    """The candidate objects of every text, in order, each with whether it was read loosely."""
    for text in texts:
        yield from _candidates(text, loose)


def _candidates(text: str, loose: bool, depth: int = 1) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every JSON object in ``text``, and the objects wrapped inside each.

    A text that is one JSON string (a reply encoded twice) is read inside.
    """
    for found, read_loosely in json_candidates(text, loose=loose):
        yield found, read_loosely
        for inner in _wrapped(found, _UNWRAP_DEPTH):
            yield inner, read_loosely
    if depth and text.lstrip().startswith('"'):
        try:
            inside = json.loads(text)
        except ValueError:
            return
        if isinstance(inside, str):
            yield from _candidates(inside, loose, depth - 1)


def _wrapped(value: dict[str, Any], depth: int) -> Iterator[dict[str, Any]]:
    """Objects held by a small wrapper object: its object values, or JSON strings of them."""
    if depth == 0 or _score(value) or len(value) > 3:
        return
    for inner in value.values():
        if isinstance(inner, str) and inner.lstrip().startswith("{"):
            try:
                inner = json.loads(inner)
            except ValueError:
                continue
        if isinstance(inner, dict):
            yield inner
            yield from _wrapped(inner, depth - 1)


def _score(value: dict[str, Any]) -> int:
    """How many of the reply's required keys ``value`` has."""
    return sum(1 for key in _REQUIRED if key in value)


def validation_problems(exc: ValidationError) -> list[str]:
    """One line per validation error: where, what, and the value when it is short."""
    problems = []
    for error in exc.errors()[:MAX_PROBLEMS]:
        where = ".".join(str(part) for part in error["loc"]) or "reply"
        got = error.get("input")
        shown = "" if isinstance(got, dict | list) else f" (got {json.dumps(got)[:80]})"
        problems.append(f"{where}: {error['msg']}{shown}")
    return problems
