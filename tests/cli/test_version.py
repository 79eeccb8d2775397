"""``briefing --version``: the version, and the engine and model a command would use."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer._version import __version__
from summarizer.engines.offline.model import model_name
from tests.cli.conftest import Invoke


def test_offline_when_nothing_is_configured(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"briefing {__version__} (Python 3.")
    assert lines[1] == (
        "engine: offline (no model configured: set OPENAI_API_KEY or OPENAI_BASE_URL to use one)"
    )
    assert lines[2] == f"model:  {model_name()} (spaCy's English pipeline, no language model)"


def test_a_key_selects_openai_and_is_never_shown(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-123")
    result = invoke("--version")
    assert result.exit_code == 0
    assert "sk-test-secret-123" not in result.output
    assert result.stdout.splitlines()[1:] == [
        "engine:      openai (an API key is set)",
        "model:       gpt-4o-mini (default)",
        "base URL:    https://api.openai.com/v1 (default)",
        "API key:     set (from environment OPENAI_API_KEY)",
        "output mode: auto (default)",
    ]


def test_a_local_server_and_its_model(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    monkeypatch.setenv("BRIEFING_MODEL", "llama3.1")
    monkeypatch.setenv("BRIEFING_MODE", "json_object")
    lines = invoke("--version").stdout.splitlines()
    assert lines[1:] == [
        "engine:      openai (a base URL is set)",
        "model:       llama3.1 (from environment BRIEFING_MODEL)",
        "base URL:    http://localhost:11434/v1 (from environment OPENAI_BASE_URL)",
        "API key:     not set",
        "output mode: json_object (from environment BRIEFING_MODE)",
    ]


def test_settings_from_the_file_say_so(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("config", "set", "base_url", "http://localhost:8080/v1").exit_code == 0
    assert invoke("config", "set", "model", "local-model").exit_code == 0
    lines = invoke("--version").stdout.splitlines()
    path = tmp_path / "config" / "config.toml"
    assert f"model:       local-model (from file {path})" in lines
    assert f"base URL:    http://localhost:8080/v1 (from file {path})" in lines


def test_a_chosen_engine_says_so(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-x")
    monkeypatch.setenv("BRIEFING_ENGINE", "offline")
    assert invoke("--version").stdout.splitlines()[1] == (
        "engine: offline (chosen, from environment BRIEFING_ENGINE)"
    )


def test_bad_settings_are_reported_with_their_exit_code(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_ENGINE", "bogus")
    result = invoke("--version")
    assert result.exit_code == 3
    assert result.stdout.splitlines()[0].startswith(f"briefing {__version__}")
    assert "settings: invalid value for engine: 'bogus'" in result.stdout
