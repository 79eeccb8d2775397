from __future__ import annotations

import pytest

from summarizer.config import EngineName, Settings
from summarizer.engines.base import OutputMode
from summarizer.errors import ConfigError


def test_environment_then_flags() -> None:
    env = {
        "OPENAI_API_KEY": "sk-env",
        "OPENAI_BASE_URL": "http://127.0.0.1:1/v1",
        "BRIEFING_MODEL": "env-model",
        "BRIEFING_MAX_ATTEMPTS": "5",
    }
    settings = Settings.from_env(env, model="flag-model", mode="tools", max_retries=None)
    assert settings.api_key == "sk-env" and settings.base_url == "http://127.0.0.1:1/v1"
    assert settings.model == "flag-model"
    assert settings.max_attempts == 5 and settings.max_retries == 4
    assert settings.mode is OutputMode.TOOLS


def test_key_never_in_repr() -> None:
    assert "sk-secret" not in repr(Settings(api_key="sk-secret"))


def test_engine_choice() -> None:
    assert Settings().resolved_engine() is EngineName.OFFLINE
    assert Settings(api_key="k").resolved_engine() is EngineName.OPENAI
    assert Settings(base_url="http://127.0.0.1:1/v1").resolved_engine() is EngineName.OPENAI
    assert (
        Settings.from_env({}, api_key="k", engine="offline").resolved_engine() is EngineName.OFFLINE
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"max_attempts": 0},
        {"max_retries": -1},
        {"mode": "xml"},
        {"engine": "gpt"},
        {"timeout": "soon"},
    ],
)
def test_bad_settings_are_config_errors(bad: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        Settings.from_env({}, **bad)


def test_unknown_env_value_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="max_retries"):
        Settings.from_env({"BRIEFING_MAX_RETRIES": "many"})
