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
    """No test sees the user's keys, endpoints, settings or cache; user directories point
    at tmp_path."""
    import os

    for name in list(os.environ):
        if name.startswith(("OPENAI_", "BRIEFING_", "AZURE_OPENAI_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("BRIEFING_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("NO_COLOR", "1")
    yield
    close_engines()


@pytest.fixture
def memory_keyring() -> Iterator[dict[tuple[str, str], str]]:
    """The OS keyring, in memory: (service, user) -> secret."""
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    stored: dict[tuple[str, str], str] = {}

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return stored.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            stored[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if stored.pop((service, username), None) is None:
                raise PasswordDeleteError(username)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    yield stored
    keyring.set_keyring(previous)


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text("utf-8")
