from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.config import EngineName, Settings, load_settings
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


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("timeout", "nan"),
        ("timeout", "inf"),
        ("timeout", "1e12"),
        ("timeout", "0"),
        ("temperature", "nan"),
        ("temperature", "-inf"),
        ("temperature", "3"),
        ("max_bytes", "99999999999999999999999"),
        ("max_bytes", "0"),
        ("max_output_tokens", "0"),
        ("max_output_tokens", "-5"),
        ("max_input_tokens", "499"),
        ("max_attempts", "100000000000"),
        ("rpm", "0"),
        ("tpm", "99999999999999999999999"),
    ],
)
def test_numbers_out_of_range_are_config_errors(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=f"{name} must be from .* to .*, not "):
        Settings.from_env({f"BRIEFING_{name.upper()}": value})


def test_the_edges_of_each_range_are_accepted() -> None:
    settings = Settings.from_env(
        {"BRIEFING_TIMEOUT": "86400", "BRIEFING_TEMPERATURE": "0", "BRIEFING_MAX_BYTES": "1"}
    )
    assert (settings.timeout, settings.temperature, settings.max_bytes) == (86400.0, 0.0, 1)


@pytest.mark.parametrize("setting", ["BRIEFING_TIMEOUT=nan", "BRIEFING_TEMPERATURE=inf"])
def test_a_setting_out_of_range_stops_a_command_as_a_configuration_error(
    tmp_path: Path, setting: str
) -> None:
    from typer.testing import CliRunner

    from summarizer.cli.app import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Ministers met in Manila on Monday.", "utf-8")
    name, value = setting.split("=")
    env = {name: value, "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    runner = CliRunner()
    for args in (
        ["summarize", str(tmp_path / "in" / "a.txt")],
        ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"],
    ):
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 3, (args, result.stderr)
        assert "must be from" in result.stderr and "internal error" not in result.stderr
    assert not (tmp_path / "out").exists()


def settings_file(tmp_path: Path, text: str) -> dict[str, str]:
    """An environment whose settings file holds ``text``."""
    (tmp_path / "config.toml").write_text(text, "utf-8")
    return {"BRIEFING_CONFIG_DIR": str(tmp_path)}


def test_flags_then_environment_then_file_then_defaults(tmp_path: Path) -> None:
    env = settings_file(
        tmp_path, 'model = "file-model"\nbase_url = "http://file:1/v1"\nmax_attempts = 4\n'
    )
    env["BRIEFING_MODEL"] = "env-model"
    layered = load_settings(env, mode="tools", model=None)
    assert layered.settings.model == "env-model"
    assert layered.settings.base_url == "http://file:1/v1" and layered.settings.max_attempts == 4
    assert layered.settings.mode is OutputMode.TOOLS and layered.settings.max_retries == 4
    path = tmp_path / "config.toml"
    assert layered.path == path
    assert layered.sources == {
        "model": "environment BRIEFING_MODEL",
        "base_url": f"file {path}",
        "max_attempts": f"file {path}",
        "mode": "flag",
    }
    assert load_settings(env, model="flag-model").settings.model == "flag-model"


def test_other_tools_variables_come_after_briefings_own() -> None:
    env = {
        "OPENAI_BASE_URL": "http://openai-var/v1",
        "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com",
        "AZURE_OPENAI_API_KEY": "azure-key",
        "AZURE_OPENAI_API_VERSION": "2024-10-21",
    }
    settings = Settings.from_env(env)
    assert settings.base_url == "http://openai-var/v1" and settings.api_key == "azure-key"
    assert settings.api_version == "2024-10-21"
    assert Settings.from_env({**env, "BRIEFING_BASE_URL": "http://own/v1"}).base_url == (
        "http://own/v1"
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('api_key = "sk-in-file"\n', "holds an API key: keys are never kept in the settings file"),
        ('modle = "x"\n', "unknown setting 'modle' (from file "),
        ('max_attempts = "many"\n', "invalid value for max_attempts: 'many' (from file "),
        ("model = \n", "not a valid settings file"),
        ("[server]\nmodel = 'x'\n", "settings are plain values; server is not"),
    ],
)
def test_a_bad_settings_file_is_a_config_error_naming_it(
    tmp_path: Path, text: str, says: str
) -> None:
    env = settings_file(tmp_path, text)
    with pytest.raises(ConfigError, match=re.escape(says)) as caught:
        Settings.from_env(env)
    assert str(tmp_path / "config.toml") in str(caught.value)


def test_a_bad_environment_value_names_its_variable() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"BRIEFING_TIMEOUT": "soon"})
    assert str(caught.value) == (
        "invalid value for timeout: 'soon' (from environment BRIEFING_TIMEOUT)"
    )


def test_the_key_comes_from_the_keyring_only_when_the_file_says_so(
    tmp_path: Path, memory_keyring: dict[tuple[str, str], str]
) -> None:
    memory_keyring[("briefing", "api_key")] = "sk-from-keyring"
    assert Settings.from_env(settings_file(tmp_path, "")).api_key is None
    env = settings_file(tmp_path, "keyring = true\n")
    layered = load_settings(env)
    assert layered.settings.api_key == "sk-from-keyring"
    assert layered.sources == {"api_key": "keyring"}
    assert Settings.from_env({**env, "OPENAI_API_KEY": "sk-env"}).api_key == "sk-env"
