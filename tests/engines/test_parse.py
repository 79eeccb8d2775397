from __future__ import annotations

import json

from summarizer.engines.parse import parse_reply
from tests.engines.test_openai import reply_json

REPLY = json.loads(reply_json())


def test_a_tool_call_written_as_text_is_unwrapped_in_each_shape() -> None:
    shapes = [
        {"name": "record_briefing", "arguments": REPLY},
        {"name": "record_briefing", "parameters": REPLY},
        {"name": "record_briefing", "arguments": json.dumps(REPLY)},
        {"type": "function", "function": {"name": "record_briefing", "arguments": REPLY}},
        {"briefing": REPLY},
    ]
    for shape in shapes:
        parsed = parse_reply([f"<tool_call>\n{json.dumps(shape)}\n</tool_call>"])
        assert parsed.reply is not None, shape
        assert parsed.reply.headline == REPLY["headline"]


def test_the_object_with_most_required_keys_wins_over_a_draft_and_a_schema() -> None:
    text = (
        'The schema: {"type": "object", "properties": {}}. Draft: {"headline": "x"}. '
        f"Final: {json.dumps(REPLY)}"
    )
    parsed = parse_reply([text])
    assert parsed.reply is not None and parsed.reply.summary == REPLY["summary"]


def test_a_later_text_is_read_when_the_first_holds_no_reply() -> None:
    parsed = parse_reply(["I will now record the briefing.", json.dumps(REPLY)])
    assert parsed.reply is not None and parsed.problems == []


def test_prose_is_schemaless_and_not_json() -> None:
    parsed = parse_reply(["Japan and the Philippines signed a pact."])
    assert parsed.reply is None and parsed.schemaless
    assert parsed.problems == ["the reply is not valid JSON (no JSON object in it)"]


def test_broken_json_is_not_schemaless_and_says_where_it_broke() -> None:
    parsed = parse_reply(['{"headline": "Japan and'])
    assert parsed.reply is None and not parsed.schemaless
    assert parsed.problems == [
        "the reply is not valid JSON (Unterminated string starting at: line 1 column 14 (char 13))"
    ]


def test_an_object_missing_most_fields_is_schemaless_with_its_problems() -> None:
    parsed = parse_reply([json.dumps({"headline": "x", "text": "y"})])
    assert parsed.reply is None and parsed.schemaless
    assert "summary: Field required" in parsed.problems


def test_an_object_with_most_fields_is_not_schemaless() -> None:
    partial = {key: REPLY[key] for key in ("headline", "summary", "parties")}
    parsed = parse_reply([json.dumps(partial)])
    assert parsed.reply is None and not parsed.schemaless
    assert parsed.problems == ["agreements: Field required", "threats: Field required"]


def test_repairs_are_noted() -> None:
    loose = {**REPLY, "extra": 1}
    parsed = parse_reply([json.dumps(loose)])
    assert parsed.reply is not None
    assert parsed.notes == ["the reply was normalised: reply: unknown key 'extra' ignored"]
