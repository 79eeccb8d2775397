"""More inputs of the kinds ``test_servers.py`` covers, as other servers send them.

Each body is authored after the server named in its test (its source or a public
report), and written inline beside the assertions on the number of requests and on
what the user reads.
"""

from __future__ import annotations

import pytest

from summarizer.errors import TransportError
from summarizer.pipeline import summarize
from summarizer.testing import Reply, Script, error_body
from tests.engines.conftest import EngineFactory, FakeTime
from tests.engines.test_openai import ARTICLE, ok

# Rate limits


def test_a_429_asking_to_retry_after_0_s_uses_up_max_retries(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    """A proxy (LiteLLM, a gateway) answering every request ``Retry-After: 0``."""
    now = Reply(status=429, headers={"retry-after": "0"}, body=error_body("Rate limit reached"))
    script = Script([now] * 30 + [ok()])
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(script, max_retries=2))
    assert len(script.requests) == 3
    assert str(caught.value) == (
        "HTTP 429 from https://api.openai.com/v1, 3 tries: Rate limit reached"
    )
    assert fake_time.waits and min(fake_time.waits) >= 0.5, "backed off, not hammered"


def test_a_server_asking_for_milliseconds_again_and_again_is_asked_a_few_dozen_times(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    """OpenAI's RPM limit: "Please try again in 120ms.", with the reset header, each time."""
    paced = Reply(
        status=429,
        headers={"x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "120ms"},
        body=error_body(
            "Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, "
            "Requested 1. Please try again in 120ms.",
            "requests",
        ),
    )
    script = Script([paced])
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(script, max_retries=2))
    assert len(script.requests) == 26
    assert fake_time.waits[:8] == [0.12, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0]
    assert str(caught.value).startswith(
        "still rate limited (HTTP 429) by https://api.openai.com/v1 after waiting 10 min: "
        "Rate limit reached for gpt-4o-mini"
    )
