"""The one description of an OpenAI run: what every chat request is made with.

:class:`RequestSpec` is fixed once from the settings: model, output mode, generation
parameters, attempts, prompt version and token budget. The online engine
(:class:`~summarizer.engines.openai.OpenAIEngine`) begins every
:class:`~summarizer.engines.exchange.Exchange` from it; a batch run elsewhere keeps it
in its snapshot, so both ask exactly the same and describe the engine alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from summarizer.config import OPENAI_URL
from summarizer.engines.base import EngineInfo, OutputMode, Passage, Verifier
from summarizer.engines.exchange import Exchange
from summarizer.prompts import load_prompts
from summarizer.reply import REPLY_SCHEMA_VERSION

if TYPE_CHECKING:
    from summarizer.config import Settings


@dataclass(frozen=True)
class RequestSpec:
    """What every chat request of a run is made with, fixed from the settings, free of I/O."""

    name: ClassVar[str] = "openai"
    base_url: str
    """The endpoint, without credentials or a trailing slash."""
    model: str
    mode: OutputMode
    """The output-mode setting: ``auto`` falls back as a server rejects a mode."""
    params: Mapping[str, Any]
    """Generation parameters sent with every request (temperature, max tokens…)."""
    max_attempts: int
    """Requests per passage, re-asks for invalid or ungrounded replies included."""
    max_retries: int
    """Transport retries per request (429, 5xx, timeouts, dropped connections)."""
    prompt_version: str
    token_budget: int
    """Most article tokens one request carries; longer articles are split."""

    @classmethod
    def of(cls, settings: Settings) -> RequestSpec:
        """The requests ``settings`` make, with the prompts installed now."""
        params: dict[str, Any] = {}
        if settings.temperature is not None:
            params["temperature"] = settings.temperature
        if settings.max_output_tokens is not None:
            key = "max_tokens" if settings.base_url else "max_completion_tokens"
            params[key] = settings.max_output_tokens
        return cls(
            base_url=_endpoint(settings.base_url or OPENAI_URL),
            model=settings.model,
            mode=settings.mode,
            params=params,
            max_attempts=settings.max_attempts,
            max_retries=settings.max_retries,
            prompt_version=load_prompts().version,
            token_budget=settings.max_input_tokens,
        )

    @property
    def first_mode(self) -> OutputMode:
        """The output mode the first request of an exchange uses."""
        return OutputMode.JSON_SCHEMA if self.mode is OutputMode.AUTO else self.mode

    def fingerprint(self) -> dict[str, Any]:
        """Everything that changes the reply: endpoint, model, mode, prompt, schema, params."""
        return {
            "engine": self.name,
            "base_url": self.base_url,
            "model": self.model,
            "mode": self.mode.value,
            "prompt_version": self.prompt_version,
            "reply_schema_version": REPLY_SCHEMA_VERSION,
            "params": dict(self.params),
            "max_input_tokens": self.token_budget,
        }

    def info(self) -> EngineInfo:
        """The engine these requests describe, for provenance and settings keys."""
        return EngineInfo(
            name=self.name,
            model=self.model,
            prompt_version=self.prompt_version,
            token_budget=self.token_budget,
            fingerprint=self.fingerprint(),
        )

    def exchange(
        self, passage: Passage, verify: Verifier, mode: OutputMode | None = None
    ) -> Exchange:
        """A new exchange for ``passage``, starting in ``mode`` (default :attr:`first_mode`)."""
        return Exchange(
            passage=passage,
            verify=verify,
            prompts=load_prompts(),
            model=self.model,
            mode=mode or self.first_mode,
            max_attempts=self.max_attempts,
            params=dict(self.params),
            auto_mode=self.mode is OutputMode.AUTO,
        )

    def to_json(self) -> dict[str, Any]:
        """The spec as JSON values."""
        return {
            "base_url": self.base_url,
            "model": self.model,
            "mode": self.mode.value,
            "params": dict(self.params),
            "max_attempts": self.max_attempts,
            "max_retries": self.max_retries,
            "prompt_version": self.prompt_version,
            "token_budget": self.token_budget,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RequestSpec:
        """A spec from :meth:`to_json`'s values; raises ``KeyError``/``ValueError`` if damaged."""
        return cls(
            base_url=str(data["base_url"]),
            model=str(data["model"]),
            mode=OutputMode(data["mode"]),
            params=dict(data["params"]),
            max_attempts=int(data["max_attempts"]),
            max_retries=int(data["max_retries"]),
            prompt_version=str(data["prompt_version"]),
            token_budget=int(data["token_budget"]),
        )


def _endpoint(url: str) -> str:
    """``url`` without credentials, query or a trailing slash."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path.rstrip('/')}"
