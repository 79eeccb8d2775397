"""Finding the JSON object in a model's text: among reasoning, prose and fences.

Models wrap their JSON in ``<think>`` blocks, Markdown fences and sentences, and some
write a draft before the answer. :func:`json_objects` is a real scan, not the span from
the first ``{`` to the last ``}``: it tries a JSON decode at each ``{``, so braces in
prose or in a broken draft do not derail it, and yields every complete object in order.
Reasoning blocks are searched last: an object outside them is the answer. A reasoning
block whose opening tag the server's chat template wrote into the prompt (DeepSeek-R1
and Qwen3 under Ollama, vLLM or llama.cpp) shows only its closing ``</think>``: the text
before it is the reasoning. The scan is bounded (:data:`MAX_FAILED_STARTS` failed
decodes) so a hostile reply cannot make it quadratic.

With ``loose``, an object that is not JSON to the letter but whose meaning is clear is
read too: JSON5 (trailing commas, single quotes, comments, bare keys; the ``json5``
package) or a Python literal (``None``, ``True``; a tool's arguments passed through
``str(dict)`` by a proxy). The ``json5`` parser is slow (about 80 KB/s), so at most
:data:`MAX_LOOSE_STARTS` such decodes are tried, in texts of at most
:data:`MAX_LOOSE_CHARS` characters.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from collections.abc import Iterator
from typing import Any

import json5

MAX_FAILED_STARTS = 200
"""Decodes tried at a ``{`` that failed, after which the scan stops."""
MAX_LOOSE_STARTS = 4
"""Loose decodes tried in one text (each costs far more than a strict one)."""
MAX_LOOSE_CHARS = 64_000
"""Longest text read loosely (a reply is a few thousand characters)."""

_TAGS = r"think|thinking|thought|reasoning|reflection"
_REASONING = re.compile(rf"<({_TAGS})>(.*?)(?:</\1>|\Z)", re.DOTALL | re.IGNORECASE)
_HEADLESS = re.compile(rf"\A((?:(?!<(?:{_TAGS})>).)*?)</(?:{_TAGS})>", re.DOTALL | re.IGNORECASE)
"""Text up to a closing reasoning tag that no opening tag precedes."""
_DECODER = json.JSONDecoder()
_OPENERS = frozenset("([{")
_CLOSERS = frozenset(")]}")


def json_objects(text: str, *, loose: bool = False) -> Iterator[dict[str, Any]]:
    """Every complete top-level JSON object in ``text``, in order.

    Objects in the answer's text come first, then any inside reasoning blocks
    (``<think>…</think>``, closed or not, or headless). Objects nested in a yielded
    object are not yielded again. With ``loose``, objects written as JSON5 or as a
    Python literal are yielded too (see the module's docstring).
    """
    for value, _ in json_candidates(text, loose=loose):
        yield value


def json_candidates(text: str, *, loose: bool = False) -> Iterator[tuple[dict[str, Any], bool]]:
    """:func:`json_objects`, each with whether it was read loosely (not JSON to the letter)."""
    answer, reasoning = split_reasoning(text)
    yield from _scan(answer, loose)
    for block in reasoning:
        yield from _scan(block, loose)


def split_reasoning(text: str) -> tuple[str, list[str]]:
    """``text`` without its reasoning blocks, and the blocks' contents in order."""
    blocks: list[str] = []
    headless = _HEADLESS.match(text)
    if headless:
        blocks.append(headless.group(1))
        text = " " + text[headless.end() :]
    blocks.extend(found.group(2) for found in _REASONING.finditer(text))
    return _REASONING.sub(" ", text), blocks


def decode_error(text: str) -> str | None:
    """Why ``text`` does not decode as JSON, as the decoder says it.

    Reasoning blocks, fences and prose before the first ``{`` are skipped; ``None``
    when the object there decodes, or there is no ``{`` at all.
    """
    outside, _ = split_reasoning(text)
    start = outside.find("{")
    if start < 0:
        return None
    try:
        _DECODER.raw_decode(outside, start)
    except ValueError as exc:
        return str(exc)
    return None


def _scan(text: str, loose: bool) -> Iterator[tuple[dict[str, Any], bool]]:
    at = text.find("{")
    failures = 0
    loose_left = MAX_LOOSE_STARTS if loose and len(text) <= MAX_LOOSE_CHARS else 0
    while at >= 0 and failures < MAX_FAILED_STARTS:
        read_loosely = False
        try:
            value, end = _DECODER.raw_decode(text, at)
        except ValueError:
            found = None
            if loose_left:
                loose_left -= 1
                found = _loose_decode(text, at)
            if found is None:
                failures += 1
                at = text.find("{", at + 1)
                continue
            (value, end), read_loosely = found, True
        if isinstance(value, dict):
            yield value, read_loosely
        at = text.find("{", end)


def _loose_decode(text: str, at: int) -> tuple[Any, int] | None:
    """The value written loosely at ``text[at]`` and where it ends, or ``None``."""
    try:
        value, error, end = json5.parse(text, start=at, consume_trailing=False)
    except (ValueError, RecursionError):
        value, error = None, "not JSON5"
    if error is None:
        return value, end
    return _python_literal(text, at)


def _python_literal(text: str, at: int) -> tuple[Any, int] | None:
    """The Python literal (a dict's ``repr``) at ``text[at]`` and where it ends."""
    rest = text[at:]
    line_starts = [0] + [m.end() for m in re.finditer("\n", rest)]
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(rest).readline):
            if token.type == tokenize.ERRORTOKEN:
                return None
            if token.type != tokenize.OP or not (_OPENERS | _CLOSERS) & {token.string}:
                continue
            depth += 1 if token.string in _OPENERS else -1
            if depth == 0:
                row, column = token.end
                end = line_starts[row - 1] + column
                return ast.literal_eval(rest[:end]), at + end
    except (SyntaxError, ValueError, TypeError, MemoryError, RecursionError, tokenize.TokenError):
        return None
    return None
