"""Settings from flags and the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from summarizer.article import DEFAULT_MAX_BYTES
from summarizer.engines.base import OutputMode
from summarizer.errors import ConfigError

DEFAULT_MODEL = "gpt-4o-mini"


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

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``OPENAI_API_KEY``, ``OPENAI_BASE_URL``, ``BRIEFING_*``; flags win.

        ``overrides`` whose value is ``None`` are ignored, so CLI flags can be passed as is.
        ``BRIEFING_<FIELD>`` sets any field, e.g. ``BRIEFING_MODEL`` or ``BRIEFING_RPM``.

        Returns:
            The settings, every value converted to its field's type and checked.

        Raises:
            ConfigError: an unknown setting, a value of the wrong type, or one out of
                range (say, ``max_attempts`` below 1).
        """
        env = os.environ if env is None else env
        values: dict[str, Any] = {
            "api_key": env.get("OPENAI_API_KEY") or None,
            "base_url": env.get("OPENAI_BASE_URL") or None,
        }
        for item in fields(cls):
            raw = env.get(f"BRIEFING_{item.name.upper()}")
            if raw:
                values[item.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise ConfigError(f"unknown settings: {', '.join(sorted(unknown))}")
        return cls(**values)

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
