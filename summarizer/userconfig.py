"""The settings file, and the API key in the OS keyring.

``config.toml`` in the user's config folder (platformdirs: ``~/.config/briefing`` on
Linux, ``~/Library/Application Support/briefing`` on macOS, the local app data folder
on Windows) or in ``$BRIEFING_CONFIG_DIR`` holds defaults for any setting but the API
key, one ``name = value`` a line:

```toml
model = "llama3.1"
base_url = "http://localhost:11434/v1"
engine = "openai"
```

The key is never written in a file: it stays in the environment, or in the OS keyring
(macOS Keychain, Windows Credential Locker, the Secret Service on Linux) through the
``keyring`` package (the ``keyring`` extra), and then the file says only
``keyring = true``.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from summarizer.errors import ConfigError
from summarizer.fileio import write_atomic

CONFIG_DIR_ENV = "BRIEFING_CONFIG_DIR"
CONFIG_FILE = "config.toml"
KEYRING_FLAG = "keyring"
"""The file's entry saying the API key is in the OS keyring."""
KEYRING_SERVICE = "briefing"
KEYRING_USER = "api_key"
_HEADER = "# briefing settings: `briefing config show` lists them all, and where each comes from.\n"


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """Where the settings file is: ``$BRIEFING_CONFIG_DIR``, else the user's config folder."""
    env = os.environ if env is None else env
    if env.get(CONFIG_DIR_ENV):
        return Path(env[CONFIG_DIR_ENV]) / CONFIG_FILE
    from platformdirs import user_config_dir

    return Path(user_config_dir("briefing", appauthor=False)) / CONFIG_FILE


def read_file(path: Path) -> dict[str, Any]:
    """The entries of the settings file at ``path``; none when it does not exist.

    Raises:
        ConfigError: the file cannot be read, is not TOML, or nests tables.
    """
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the settings file ({exc})") from None
    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not a valid settings file: {exc}") from None
    nested = sorted(name for name, value in values.items() if isinstance(value, dict | list))
    if nested:
        raise ConfigError(f"{path}: settings are plain values; {', '.join(nested)} is not")
    return values


def write_file(path: Path, values: Mapping[str, Any]) -> None:
    """Write ``values`` (strings, numbers, booleans) as the settings file, atomically."""
    lines = [f"{name} = {_toml(value)}\n" for name, value in sorted(values.items())]
    write_atomic(path, _HEADER + "".join(lines))


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value))  # a JSON string is a TOML basic string


def keyring_key() -> str | None:
    """The API key kept in the OS keyring, if any.

    Raises:
        ConfigError: the ``keyring`` package is missing, or the keyring cannot be read.
    """
    keyring = _keyring()
    try:
        key = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception as exc:  # keyring backends raise their own kinds
        raise ConfigError(f"the OS keyring cannot be read: {exc}") from None
    return str(key) if key else None


def store_keyring_key(key: str) -> None:
    """Keep ``key`` in the OS keyring (replacing any).

    Raises:
        ConfigError: the ``keyring`` package is missing, or no keyring is available.
    """
    keyring = _keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, KEYRING_USER, key)
    except Exception as exc:  # keyring backends raise their own kinds
        raise ConfigError(
            f"the OS keyring cannot store the key ({exc}); keep it in OPENAI_API_KEY instead"
        ) from None


def delete_keyring_key() -> bool:
    """Remove the key from the OS keyring; whether there was one."""
    keyring = _keyring()
    try:
        keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception:  # PasswordDeleteError when there is none; others alike
        return False
    return True


def _keyring() -> Any:
    try:
        import keyring
    except ImportError:
        raise ConfigError(
            "keeping the key in the OS keyring needs the keyring package: "
            "pip install 'briefing[keyring]'"
        ) from None
    return keyring
