from __future__ import annotations

import time

import httpx2
import openai
import pytest

from summarizer.engines.retry import Gate, seconds_text, server_delay, transient_status

REQUEST = httpx2.Request("POST", "http://127.0.0.1:1/v1/chat/completions")


def test_transient_statuses() -> None:
    assert [
        s for s in (400, 401, 404, 408, 409, 422, 429, 500, 502, 503) if transient_status(s)
    ] == [
        408,
        409,
        429,
        500,
        502,
        503,
    ]


def limited(headers: dict[str, str], body: object = None) -> openai.RateLimitError:
    response = httpx2.Response(429, headers=headers, request=REQUEST)
    return openai.RateLimitError("slow", response=response, body=body)


@pytest.mark.parametrize(
    ("headers", "body", "delay"),
    [
        ({"retry-after-ms": "1500", "retry-after": "9"}, None, 1.5),
        ({"retry-after": "3"}, None, 3.0),
        ({"x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "6m0s"}, None, 360.0),
        (
            {"x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "120ms"},
            None,
            0.12,
        ),
        ({"x-ratelimit-remaining-tokens": "5", "x-ratelimit-reset-tokens": "6m0s"}, None, None),
        ({}, {"message": "Please retry after 6 seconds."}, 6.0),
        ({}, [{"error": {"details": [{"retryDelay": "12s"}]}}], 12.0),
        ({}, {"message": "slow down"}, None),
        ({"retry-after": "0"}, None, None),
        ({"retry-after": "NaN"}, None, None),
        ({"retry-after-ms": "-5"}, None, None),
    ],
)
def test_every_form_of_a_delay(headers: dict[str, str], body: object, delay: float | None) -> None:
    assert server_delay(limited(headers, body)) == delay


def test_a_reset_time_as_epoch_milliseconds() -> None:
    reset = str(int((time.time() + 30) * 1000))
    found = server_delay(limited({"x-ratelimit-remaining": "0", "x-ratelimit-reset": reset}))
    assert found is not None and 25 < found <= 30


def test_a_gate_pause_says_whether_it_pushed_the_pause_back() -> None:
    now = [0.0]
    gate = Gate(clock=lambda: now[0])
    assert gate.pause(5) is True
    assert gate.pause(4.5) is False, "within the pause already set"
    now[0] = 1.0
    assert gate.pause(10) is True and gate.remaining() == 10


def test_waits_for_people() -> None:
    assert [seconds_text(s) for s in (0.5, 37, 60, 365, 3600, 86_400, 5400)] == [
        "0.50 s",
        "37 s",
        "1 min",
        "6 min 5 s",
        "1 h",
        "24 h",
        "1 h 30 min",
    ]
