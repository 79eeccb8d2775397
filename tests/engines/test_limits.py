from __future__ import annotations

import pytest

from summarizer.article import article_from_text
from summarizer.config import Settings
from summarizer.engines.limits import DEFAULT_REPLY_TOKENS, Bucket, RateLimits, estimate_tokens
from summarizer.errors import ConfigError
from summarizer.pipeline import summarize
from summarizer.testing import SchemaModel
from tests.engines.conftest import EngineFactory, FakeTime


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_requests_are_spread_evenly_first_come_first_served() -> None:
    clock = Clock()
    bucket = Bucket(120, clock)  # 2 a second, holding one second's worth
    assert [bucket.reserve(1) for _ in range(5)] == [0.0, 0.0, 0.5, 1.0, 1.5]
    clock.now = 10.0
    assert bucket.reserve(1) == 0.0, "an idle bucket refills, up to its capacity"
    assert bucket.reserve(1) == 0.0 and bucket.reserve(1) == 0.5


def test_an_amount_larger_than_the_bucket_waits_for_a_full_bucket() -> None:
    clock = Clock()
    bucket = Bucket(6000, clock)  # 100 a second
    assert bucket.reserve(250) == 0.0
    assert bucket.reserve(10) == pytest.approx(1.6)
    assert bucket.reserve(500) == pytest.approx(1.5 + 1.0 + 0.1)


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError):
        Bucket(0)


def test_limits_combine_requests_and_tokens() -> None:
    clock = Clock()
    limits = RateLimits(rpm=60, tpm=60_000, clock=clock)
    request = {"messages": [{"role": "user", "content": "x" * 4000}], "max_tokens": 500}
    assert estimate_tokens(request) == 1500
    assert limits.reserve(request) == 0.0
    assert limits.reserve(request) == pytest.approx(1.5), "the token cap is the tighter one"
    assert RateLimits().reserve(request) == 0.0


def test_estimate_counts_text_and_the_reply_cap() -> None:
    assert estimate_tokens({"messages": []}) == DEFAULT_REPLY_TOKENS
    assert estimate_tokens({"messages": [{"content": None}], "max_completion_tokens": 7}) == 7


def test_engine_waits_for_its_rpm_before_each_request(
    make_engine: EngineFactory, fake_time: FakeTime, example_text: str
) -> None:
    model = SchemaModel()
    limited = make_engine(model, rpm=30)
    article = article_from_text(example_text)
    for _ in range(3):
        summarize(article, engine=limited)
    assert len(model.requests) == 3
    assert fake_time.waits == pytest.approx([2.0, 4.0], abs=0.3)


def test_caps_come_from_flags_or_the_environment_and_must_be_positive() -> None:
    settings = Settings.from_env({"BRIEFING_RPM": "500"}, tpm=200_000)
    assert (settings.rpm, settings.tpm) == (500, 200_000)
    assert (Settings().rpm, Settings().tpm) == (None, None)
    for bad in ({"rpm": 0}, {"tpm": -5}):
        with pytest.raises(ConfigError, match=r"(rpm|tpm) must be from 1 to "):
            Settings(**bad)  # type: ignore[arg-type]
