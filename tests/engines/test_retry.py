from __future__ import annotations

from summarizer.engines.retry import transient_status


def test_transient_statuses_are_those_worth_sending_again() -> None:
    assert [
        s for s in (200, 400, 401, 404, 408, 409, 422, 429, 500, 503) if transient_status(s)
    ] == [
        408,
        409,
        429,
        500,
        503,
    ]
