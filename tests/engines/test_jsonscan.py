from __future__ import annotations

import json

from summarizer.engines import jsonscan
from summarizer.engines.jsonscan import decode_error, json_objects


def test_objects_among_prose_fences_and_braces_are_found_in_order() -> None:
    text = 'Sure {not json} here:\n```json\n{"a": {"b": 1}}\n```\nand {"c": "}{"} done {'
    assert list(json_objects(text)) == [{"a": {"b": 1}}, {"c": "}{"}]


def test_a_first_to_last_brace_span_would_join_two_objects() -> None:
    text = '{"draft": true} then the answer {"final": true}'
    assert list(json_objects(text)) == [{"draft": True}, {"final": True}]


def test_objects_in_reasoning_blocks_come_after_those_of_the_answer() -> None:
    text = '<think>maybe {"draft": 1}</think>\n{"answer": 2}<THINKING>{"late": 3}'
    assert list(json_objects(text)) == [{"answer": 2}, {"draft": 1}, {"late": 3}]


def test_a_broken_object_yields_the_complete_ones_inside_it() -> None:
    text = '{"headline": "x", "parties": [{"name": "Japan"}, {"name": "Chi'
    assert list(json_objects(text)) == [{"name": "Japan"}]


def test_the_scan_stops_after_many_failed_starts() -> None:
    hostile = "{" * 10_000 + json.dumps({"late": True})
    assert list(json_objects(hostile)) == []
    assert jsonscan.MAX_FAILED_STARTS < 10_000


def test_decode_error_says_why_the_first_object_does_not_decode() -> None:
    assert decode_error('Here: {"headline": "cut') == (
        "Unterminated string starting at: line 1 column 20 (char 19)"
    )
    assert decode_error("no braces at all") is None
    assert decode_error('<think>{broken</think> {"ok": 1}') is None
