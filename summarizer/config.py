"""Settings from flags, the environment and the settings file, in that order.

Each setting is taken from the first of: a flag (or an argument of
:meth:`Settings.from_env`); the environment (``BRIEFING_<NAME>``, and the names other
tools use: ``OPENAI_API_KEY``, ``OPENAI_BASE_URL``, ``OPENAI_API_VERSION``, Azure's
``AZURE_OPENAI_*``); the settings file (:mod:`summarizer.userconfig`); for the API key,
the OS keyring when the file says so; else its default. :func:`load_settings` also says
where each value came from, which ``briefing config show`` prints.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from summarizer.article import DEFAULT_MAX_BYTES
from summarizer.engines.base import OutputMode
from summarizer.errors import ConfigError
from summarizer.userconfig import KEYRING_FLAG, config_path, keyring_key, read_file

DEFAULT_MODEL = "gpt-4o-mini"
OPENAI_URL = "https://api.openai.com/v1"
"""The endpoint when no base URL is set."""
AZURE_HOSTS = (".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com")
"""Hosts of Azure OpenAI resources (see :mod:`summarizer.engines.azure`)."""


class EngineName(StrEnum):
    """Which engine to use; ``auto`` picks the model when one is configured."""

    AUTO = "auto"
    OPENAI = "openai"
    OFFLINE = "offline"


@dataclass(frozen=True)
class Settings:
    """Everything that configures a run. Build with :meth:`from_env`; the key never prints."""

    engine: EngineName = EngineName.AUTO
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    mode: OutputMode = OutputMode.AUTO
    max_attempts: int = 3
    """Requests per passage, re-asks for invalid or ungrounded replies included."""
    max_retries: int = 4
    """Transport retries per request (429, 5xx, timeouts, dropped connections); a 429
    that says when to come back is waited out beyond these (unless they are 0)."""
    timeout: float = 120.0
    """Seconds one request may take, reading the whole reply included."""
    temperature: float | None = None
    """Sampling temperature sent to the model; ``None``: the server's default."""
    max_output_tokens: int | None = None
    """Most tokens of one reply; ``None``: the server's default."""
    max_input_tokens: int = 24_000
    """Most article tokens in one request; longer articles are split into chunks."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest input read, in bytes (file, page or standard input)."""
    rpm: int | None = None
    """Most requests per minute, shared by every request of the engine; ``None``: no cap."""
    tpm: int | None = None
    """Most tokens per minute (estimated before sending); ``None``: no cap."""
    api_version: str | None = None
    """Azure OpenAI's ``api-version`` (also read from ``?api-version=`` in the base URL)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from flags (``overrides``), the environment and the settings file.

        ``overrides`` whose value is ``None`` are ignored, so CLI flags can be passed as
        is. ``BRIEFING_<FIELD>`` sets any field, e.g. ``BRIEFING_MODEL`` or
        ``BRIEFING_RPM``; see :func:`load_settings` for the other variables and the file.

        Returns:
            The settings, every value converted to its field's type and checked.

        Raises:
            ConfigError: an unknown setting, a value of the wrong type, or one out of
                range (say, ``max_attempts`` below 1), naming where it came from.
        """
        return load_settings(env, **overrides).settings

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if value is not None:
                object.__setattr__(self, item.name, _convert(item.name, str(item.type), value))
        for name, (low, high) in _RANGES.items():
            value = getattr(self, name)
            if value is not None and not (low <= value <= high):  # NaN is never within
                raise ConfigError(f"{name} must be from {low:,} to {high:,}, not {value!r}")

    @property
    def model_configured(self) -> bool:
        """Whether a key or a base URL points at an OpenAI-compatible server."""
        return bool(self.api_key or self.base_url)

    def resolved_engine(self) -> EngineName:
        """The engine ``auto`` stands for with these settings."""
        if self.engine is not EngineName.AUTO:
            return self.engine
        return EngineName.OPENAI if self.model_configured else EngineName.OFFLINE

    def with_(self, **changes: Any) -> Settings:
        """A copy with some settings changed."""
        return replace(self, **changes)


_RANGES: dict[str, tuple[float, float]] = {
    "max_attempts": (1, 1_000),
    "max_retries": (0, 1_000),
    "timeout": (0.001, 86_400.0),
    "temperature": (0.0, 2.0),
    "max_output_tokens": (1, 10_000_000),
    "max_input_tokens": (500, 10_000_000),
    "max_bytes": (1, 1_000_000_000),
    "rpm": (1, 10_000_000),
    "tpm": (1, 10_000_000_000),
}
"""The values each number may take (inclusive): past them a setting is a mistake or
breaks the libraries it reaches (a timeout of ``inf`` or ``nan``, a size past what a
read can ask for)."""


def _convert(name: str, kind: str, value: Any) -> Any:
    try:
        if "EngineName" in kind:
            return EngineName(value)
        if "OutputMode" in kind:
            return OutputMode(value)
        if kind.startswith("int"):
            return int(value)
        if kind.startswith("float"):
            return float(value)
    except ValueError:
        raise ConfigError(f"invalid value for {name}: {value!r}") from None
    return value


ENVIRONMENT = {
    "api_key": ("OPENAI_API_KEY", "AZURE_OPENAI_API_KEY"),
    "base_url": ("OPENAI_BASE_URL", "AZURE_OPENAI_ENDPOINT"),
    "api_version": ("OPENAI_API_VERSION", "AZURE_OPENAI_API_VERSION"),
    "model": ("AZURE_OPENAI_DEPLOYMENT",),
}
"""Variables read for a setting after its own ``BRIEFING_<NAME>``, in this order."""
SETTING_NAMES = tuple(item.name for item in fields(Settings))


@dataclass(frozen=True)
class Layered:
    """Settings, and where each of their values came from."""

    settings: Settings
    sources: Mapping[str, str]
    """For each setting not at its default: ``flag``, ``environment NAME``,
    ``file PATH`` or ``keyring``."""
    path: Path
    """The settings file read (it may not exist)."""


def load_settings(env: Mapping[str, str] | None = None, **flags: Any) -> Layered:
    """Settings from ``flags``, then the environment ``env``, then the settings file.

    Flags whose value is ``None`` are ignored. Raises :class:`ConfigError` for an
    unknown setting or a value that does not fit (naming where it came from), and for a
    settings file that holds an API key.
    """
    env = os.environ if env is None else env
    path = config_path(env)
    layers: list[tuple[str, dict[str, Any]]] = [(f"file {path}", read_file(path))]
    in_keyring = layers[0][1].pop(KEYRING_FLAG, False) is True
    if "api_key" in layers[0][1]:
        raise ConfigError(
            f"{path} holds an API key: keys are never kept in the settings file; remove it "
            "and set OPENAI_API_KEY, or run `briefing config set-key`"
        )
    for name in SETTING_NAMES:
        for variable in (f"BRIEFING_{name.upper()}", *ENVIRONMENT.get(name, ())):
            if env.get(variable):
                layers.append((f"environment {variable}", {name: env[variable]}))
                break
    layers.append(("flag", {k: v for k, v in flags.items() if v is not None}))
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for source, layer in layers:
        for name, value in layer.items():
            _check(name, value, source)
            values[name], sources[name] = value, source
    if "api_key" not in values and in_keyring and (key := keyring_key()):
        values["api_key"], sources["api_key"] = key, "keyring"
    _prefer_azure(values, sources, env)
    return Layered(Settings(**values), sources, path)


def _prefer_azure(values: dict[str, Any], sources: dict[str, str], env: Mapping[str, str]) -> None:
    """Azure's own variables where the endpoint is Azure OpenAI (changes ``values``).

    ``AZURE_OPENAI_ENDPOINT`` names Azure OpenAI whatever its host (an API Management
    gateway, a custom domain): the API version goes into it as Azure's portal writes it.
    For an Azure endpoint, ``AZURE_OPENAI_API_KEY`` is its key, even when an
    ``OPENAI_API_KEY`` for OpenAI is set too.
    """
    url, version = str(values.get("base_url") or ""), values.get("api_version")
    from_endpoint = sources.get("base_url") == "environment AZURE_OPENAI_ENDPOINT"
    if from_endpoint and version and "api-version=" not in url:
        url = values["base_url"] = f"{url}{'&' if '?' in url else '?'}api-version={version}"
    try:
        on_azure_host = (urlsplit(url).hostname or "").endswith(AZURE_HOSTS)
    except ValueError:  # a malformed URL is the engine's to refuse
        on_azure_host = False
    azure = from_endpoint or on_azure_host or "api-version=" in url
    key = env.get("AZURE_OPENAI_API_KEY")
    if azure and key and sources.get("api_key") == "environment OPENAI_API_KEY":
        values["api_key"], sources["api_key"] = key, "environment AZURE_OPENAI_API_KEY"


def parse_setting(name: str, value: Any) -> Any:
    """``value`` as setting ``name`` holds it (enums as their value), for a file.

    Raises:
        ConfigError: an unknown setting, or a value that does not fit it.
    """
    _check(name, value, "flag")
    parsed = getattr(Settings(**{name: value}), name)
    return parsed.value if isinstance(parsed, StrEnum) else parsed


def _check(name: str, value: Any, source: str) -> None:
    """Raise a :class:`ConfigError` naming ``source`` if ``value`` does not fit ``name``."""
    where = "" if source == "flag" else f" (from {source})"
    if name not in SETTING_NAMES:
        raise ConfigError(f"unknown setting {name!r}{where}")
    try:
        Settings(**{name: value})
    except ConfigError as exc:
        raise ConfigError(f"{exc}{where}") from None
