"""Shared fixtures: an isolated environment and the example article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.engines.select import close_engines

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXAMPLE = FIXTURES / "articles" / "voa-us-japan-2plus2.txt"


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test sees the user's keys, endpoints or cache; user directories point at tmp_path."""
    import os

    for name in list(os.environ):
        if name.startswith(("OPENAI_", "BRIEFING_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    yield
    close_engines()


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text("utf-8")
