from __future__ import annotations

from typing import Any

from summarizer.engines.message import read_message


def choice(message: dict[str, Any], finish: str | None = "stop") -> dict[str, Any]:
    return {"index": 0, "message": message, "finish_reason": finish}


def test_tool_arguments_come_first_as_text_whatever_their_json_type() -> None:
    read = read_message(
        choice(
            {
                "content": "calling the tool",
                "tool_calls": [
                    {"function": {"name": "record_briefing", "arguments": {"headline": "é"}}}
                ],
            },
            "tool_calls",
        )
    )
    assert read.texts == ('{"headline": "é"}', "calling the tool")
    assert read.raw == '{"headline": "é"}' and read.finish_reason == "tool_calls"


def test_a_legacy_function_call_and_content_parts_are_read() -> None:
    read = read_message(
        choice(
            {
                "content": [{"type": "text", "text": "a"}, {"type": "image"}, {"text": "b"}],
                "function_call": {"name": "record_briefing", "arguments": '{"x": 1}'},
            }
        )
    )
    assert read.texts == ('{"x": 1}', "ab")


def test_reasoning_fields_are_read_last() -> None:
    for key in ("reasoning_content", "reasoning"):
        read = read_message(choice({"content": "", key: "thought {}"}))
        assert read.texts == ("thought {}",)
    details = [{"type": "reasoning.text", "text": "a"}, {"type": "reasoning.encrypted"}]
    assert read_message(choice({"content": None, "reasoning_details": details})).texts == ("a",)


def test_garbled_fields_are_ignored_not_a_crash() -> None:
    read = read_message(
        {"message": {"tool_calls": 4.2, "content": 7, "refusal": ""}, "finish_reason": 3}
    )
    assert read.texts == () and read.raw is None
    assert read.finish_reason is None and read.refusal is None
    assert read_message({"message": "text"}).texts == ()


def test_every_tool_call_is_read_the_requested_one_first() -> None:
    calls = [
        {"function": {"name": "search", "arguments": '{"q": 1}'}},
        {"function": {"name": "record_briefing", "arguments": {}}},
        {"function": {"name": "record_briefing", "arguments": '{"headline": "h"}'}},
        {"function": {"name": "record_briefing", "arguments": '{"headline": "h"}'}},
    ]
    read = read_message(choice({"content": "", "tool_calls": calls}, "tool_calls"))
    assert read.texts == ('{"headline": "h"}', '{"q": 1}')


def test_reasoning_under_any_name_and_in_parts_is_read() -> None:
    message = {
        "content": None,
        "thinking": "a",
        "reasoning_details": [{"type": "reasoning.summary", "summary": "b"}],
        "thinking_blocks": [{"type": "thinking", "thinking": "c"}],
        "annotations": [{"text": "not reasoning"}],
    }
    assert read_message(choice(message)).texts == ("a\nb\nc",)
