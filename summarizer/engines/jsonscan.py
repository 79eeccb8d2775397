"""Finding the JSON object in a model's text: among reasoning, prose and fences.

Models wrap their JSON in ``<think>`` blocks, Markdown fences and sentences, and some
write a draft before the answer. :func:`json_objects` is a real scan, not the span from
the first ``{`` to the last ``}``: it tries a JSON decode at each ``{``, so braces in
prose or in a broken draft do not derail it, and yields every complete object in order. Reasoning
blocks are searched last: an object outside them is the answer. The scan is bounded
(:data:`MAX_FAILED_STARTS` failed decodes) so a hostile reply cannot make it quadratic.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

MAX_FAILED_STARTS = 200
"""Decodes tried at a ``{`` that failed, after which the scan stops."""

_REASONING = re.compile(
    r"<(think|thinking|reasoning|reflection)>(.*?)(?:</\1>|\Z)", re.DOTALL | re.IGNORECASE
)
_DECODER = json.JSONDecoder()


def json_objects(text: str) -> Iterator[dict[str, Any]]:
    """Every complete top-level JSON object in ``text``, in order.

    Objects in the answer's text come first, then any inside reasoning blocks
    (``<think>…</think>``, closed or not). Objects nested in a yielded object are not yielded again.
    """
    outside = _REASONING.sub(" ", text)
    yield from _scan(outside)
    for found in _REASONING.finditer(text):
        yield from _scan(found.group(2))


def decode_error(text: str) -> str | None:
    """Why ``text`` does not decode as JSON, as the decoder says it.

    Reasoning blocks, fences and prose before the first ``{`` are skipped; ``None``
    when the object there decodes, or there is no ``{`` at all.
    """
    outside = _REASONING.sub(" ", text)
    start = outside.find("{")
    if start < 0:
        return None
    try:
        _DECODER.raw_decode(outside, start)
    except ValueError as exc:
        return str(exc)
    return None


def _scan(text: str) -> Iterator[dict[str, Any]]:
    at = text.find("{")
    failures = 0
    while at >= 0 and failures < MAX_FAILED_STARTS:
        try:
            value, end = _DECODER.raw_decode(text, at)
        except ValueError:
            failures += 1
            at = text.find("{", at + 1)
            continue
        if isinstance(value, dict):
            yield value
        at = text.find("{", end)
