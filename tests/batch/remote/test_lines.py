from __future__ import annotations

import json

import pytest

from summarizer.batch.remote.lines import (
    ENDPOINT,
    RequestId,
    ResultLine,
    pack,
    read_results,
    request_line,
)


def test_custom_ids_spell_run_input_passage_and_attempt() -> None:
    request = RequestId("3fa2c1d0", 17, 0, 2)
    assert str(request) == "3fa2c1d0-17-p0-a2"
    assert RequestId.parse(str(request)) == request
    for other in ("request-1", "3fa2c1d0-17-p0", "3FA2C1D0-1-p0-a1", "3fa2c1d0-17-p0-a2 "):
        assert RequestId.parse(other) is None


def test_a_request_line_has_exactly_the_batch_api_keys() -> None:
    line = request_line(RequestId("00000000", 1, 0, 1), {"model": "m", "messages": []})
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    data = json.loads(line)
    assert data == {
        "custom_id": "00000000-1-p0-a1",
        "method": "POST",
        "url": ENDPOINT,
        "body": {"model": "m", "messages": []},
    }


def test_result_lines_of_either_engine_and_every_error_shape() -> None:
    completion = {"choices": [{"message": {"content": "{}"}}]}
    ok = ResultLine.parse(
        json.dumps(
            {"custom_id": "a", "response": {"status_code": 200, "body": completion}, "error": None}
        )
    )
    assert ok.answered and json.loads(ok.reply) == completion
    openai_error = ResultLine.parse(
        json.dumps(
            {
                "custom_id": "b",
                "response": {
                    "status_code": 429,
                    "body": {"error": {"message": "slow down", "code": "rate_limit_exceeded"}},
                },
                "error": None,
            }
        )
    )
    assert not openai_error.answered
    assert openai_error.problem == "HTTP 429: rate_limit_exceeded: slow down"
    expired = ResultLine.parse(
        json.dumps(
            {
                "custom_id": "c",
                "response": None,
                "error": {"code": "batch_expired", "message": "not executed in time"},
            }
        )
    )
    assert (
        expired.status is None and expired.problem == "not run: batch_expired: not executed in time"
    )
    vllm_text = ResultLine.parse(
        json.dumps(
            {
                "custom_id": "d",
                "response": {"status_code": 400, "body": None},
                "error": "bad\nschema",
            }
        )
    )
    assert vllm_text.problem == "HTTP 400: bad schema"
    vllm_object = ResultLine.parse(
        json.dumps(
            {
                "custom_id": "e",
                "response": {"status_code": 400, "request_id": "r", "body": None},
                "error": {"object": "error", "message": "too long", "code": 400},
            }
        )
    )
    assert vllm_object.code == "400" and vllm_object.problem == "HTTP 400: too long"
    empty = ResultLine.parse(json.dumps({"custom_id": "f", "response": None, "error": None}))
    assert empty.problem == "not run: no response and no error"
    for bad in ("[]", '{"response": {}}', "not json"):
        with pytest.raises(ValueError):
            ResultLine.parse(bad)


def test_damaged_lines_are_none_and_blank_lines_skipped() -> None:
    lines = [b'{"custom_id": "a", "response": null, "error": "x"}\n', b"\n", b"{torn"]
    found = list(read_results(lines))
    assert len(found) == 2 and found[0] is not None and found[1] is None


def test_pack_keeps_order_within_count_and_size_limits() -> None:
    lines = [b"x" * size for size in (3, 3, 3, 5, 1, 9, 1)]
    groups = list(pack(lines, max_requests=2, max_bytes=6))
    assert groups == [[b"xxx", b"xxx"], [b"xxx"], [b"xxxxx", b"x"], [b"x" * 9], [b"x"]]
    assert [line for group in groups for line in group] == lines
    assert list(pack([], 5, 5)) == []
