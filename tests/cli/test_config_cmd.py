"""``briefing config``: the settings file written and read, the key never in it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli.conftest import Invoke


def config_file() -> Path:
    return Path(os.environ["BRIEFING_CONFIG_DIR"]) / "config.toml"


def test_set_writes_the_file_and_show_says_where_each_value_comes_from(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("config", "set", "model", "llama3.1").exit_code == 0
    assert invoke("config", "set", "base-url", "http://localhost:11434/v1").exit_code == 0
    assert invoke("config", "set", "mode", "json_object").exit_code == 0
    assert invoke("config", "set", "max_attempts", "5").exit_code == 0
    text = config_file().read_text("utf-8")
    assert 'model = "llama3.1"\n' in text and "max_attempts = 5\n" in text
    assert 'mode = "json_object"\n' in text
    monkeypatch.setenv("BRIEFING_MODEL", "qwen2.5:7b")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env-0123456789")
    shown = invoke("config", "show", "--mode", "tools")
    assert shown.exit_code == 0
    rows = {line.split()[0]: line.split(None, 2)[1:] for line in shown.stdout.splitlines()[3:]}
    path = str(config_file())
    assert rows["model"] == ["qwen2.5:7b", "environment BRIEFING_MODEL"]
    assert rows["base_url"] == ["http://localhost:11434/v1", f"file {path}"]
    assert rows["mode"] == ["tools", "flag"]
    assert rows["max_attempts"] == ["5", f"file {path}"]
    assert rows["api_key"] == ["set", "environment OPENAI_API_KEY"]
    assert rows["engine"] == ["auto", "default"]
    assert "sk-from-env" not in shown.stdout
    assert shown.stdout.splitlines()[1] == (
        "precedence:    flags > environment > settings file > defaults"
    )
    as_json = json.loads(invoke("config", "show", "--json").stdout)
    assert as_json["base_url"] == {"value": "http://localhost:11434/v1", "from": f"file {path}"}


def test_a_key_is_never_written_to_the_file(invoke: Invoke) -> None:
    refused = invoke("config", "set", "api_key", "sk-secret-0123456789")
    assert refused.exit_code == 3
    assert "the API key is never written to the settings file" in refused.stderr
    assert not config_file().exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("set", "modle", "x"), "unknown setting 'modle'; settings: engine, model,"),
        (("set", "max_attempts", "many"), "invalid value for max_attempts: 'many'"),
        (("set", "engine", "gpt"), "invalid value for engine: 'gpt'"),
    ],
)
def test_a_bad_setting_is_refused_and_the_file_left_alone(
    invoke: Invoke, args: tuple[str, ...], says: str
) -> None:
    result = invoke("config", *args)
    assert result.exit_code == 3 and says in " ".join(result.stderr.split())
    assert not config_file().exists()


def test_unset_removes_a_setting(invoke: Invoke) -> None:
    invoke("config", "set", "model", "llama3.1")
    assert invoke("config", "unset", "model").exit_code == 0
    assert "model" not in config_file().read_text("utf-8")
    again = invoke("config", "unset", "model")
    assert again.exit_code == 0 and "model was not set" in again.stderr


def test_the_key_in_the_keyring(
    invoke: Invoke, memory_keyring: dict[tuple[str, str], str], example_path: Path
) -> None:
    stored = invoke("config", "set-key", input="sk-kept-in-keyring-0123\n")
    assert stored.exit_code == 0, stored.stderr
    assert memory_keyring == {("briefing", "api_key"): "sk-kept-in-keyring-0123"}
    text = config_file().read_text("utf-8")
    assert "keyring = true" in text and "sk-kept" not in text
    shown = invoke("config", "show").stdout
    assert any(line.split() == ["api_key", "set", "keyring"] for line in shown.splitlines())
    assert invoke("config", "unset", "api_key").exit_code == 0
    assert memory_keyring == {} and "keyring" not in config_file().read_text("utf-8")


def test_a_settings_file_holding_a_key_is_refused_by_every_command(invoke: Invoke) -> None:
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text('api_key = "sk-in-file-0123456789"\n', "utf-8")
    result = invoke("config", "show")
    assert result.exit_code == 3
    assert "holds an API key: keys are never kept in the settings file" in " ".join(
        result.stderr.split()
    )
    assert "sk-in-file" not in result.stderr + result.stdout


def test_summarize_uses_the_settings_file(invoke: Invoke, example_path: Path) -> None:
    invoke("config", "set", "engine", "offline")
    result = invoke("summarize", str(example_path), "-f", "json", "--no-cache")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["provenance"]["engine"] == "offline"
    assert "no model configured" not in result.stderr
