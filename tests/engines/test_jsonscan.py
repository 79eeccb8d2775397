from __future__ import annotations

import json

from summarizer.engines import jsonscan
from summarizer.engines.jsonscan import (
    MAX_LOOSE_CHARS,
    decode_error,
    json_candidates,
    json_objects,
)


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


def test_text_before_a_closing_tag_with_no_opening_tag_is_reasoning() -> None:
    text = 'draft {"draft": 1} still thinking</think>\n{"answer": 2}'
    assert list(json_objects(text)) == [{"answer": 2}, {"draft": 1}]
    assert decode_error('{"draft": </think> {"answer": 2}') is None


def test_loose_json_is_read_only_when_asked() -> None:
    text = "Here: {'a': [1, 2,], // note\n b: 'x', 'c': None, 'd': True}"
    assert list(json_objects(text)) == []
    assert list(json_candidates("{'a': [1, 2,], b: 'x',}", loose=True)) == [
        ({"a": [1, 2], "b": "x"}, True)
    ]
    assert list(json_candidates("{'c': None, 'd': (1, 2)} tail {\"e\": 1}", loose=True)) == [
        ({"c": None, "d": (1, 2)}, True),
        ({"e": 1}, False),
    ]


def test_loose_reading_is_bounded() -> None:
    hostile = "{'a': '" * 50 + "x" * 1000
    assert list(json_candidates(hostile, loose=True)) == []
    long = "{'a': 1}" + " " * MAX_LOOSE_CHARS
    assert list(json_candidates(long, loose=True)) == []
