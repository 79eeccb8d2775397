from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import httpx2
import pytest

from summarizer.config import Settings
from summarizer.engines.openai import OpenAIEngine
from summarizer.engines.retry import Gate
from summarizer.testing import transport
from summarizer.testing.replies import Handler

FAKE_KEY = "sk-test-FAKEKEY-1234567890abcdef"

EngineFactory = Callable[..., OpenAIEngine]


class FakeTime:
    """A clock that sleeping advances instantly; every wait is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    """Retries and pauses take no real time; ``waits`` lists what was asked for."""
    clock = FakeTime()
    real_async_sleep = asyncio.sleep

    async def fake_async_sleep(seconds: float, *args: object) -> None:
        clock.sleep(seconds)
        await real_async_sleep(0)

    monkeypatch.setattr(time, "sleep", clock.sleep)
    monkeypatch.setattr(asyncio, "sleep", fake_async_sleep)
    return clock


@pytest.fixture
def make_engine(fake_time: FakeTime) -> EngineFactory:
    """An OpenAIEngine whose sync and async clients answer in-process with ``handler``."""

    def make(handler: Handler, **settings: object) -> OpenAIEngine:
        options: dict[str, object] = {"api_key": FAKE_KEY, "max_retries": 2, **settings}
        return OpenAIEngine(
            Settings(**options),  # type: ignore[arg-type]
            http_client=httpx2.Client(transport=transport(handler)),
            async_http_client=httpx2.AsyncClient(transport=transport(handler)),
            gate=Gate(clock=fake_time.monotonic),
        )

    return make


@pytest.fixture
def authored_reply_path() -> Path:
    return (
        Path(__file__).resolve().parents[2]
        / "fixtures/responses/authored/voa-2plus2-json-schema.json"
    )
