"""Azure OpenAI: which settings reach it, and the SDK's Azure client for them.

Azure's classic endpoints put the model's *deployment* in the path and want an
``api-version`` query and an ``api-key`` header, which the SDK's ``AzureOpenAI`` client
handles. Any of these selects it:

- a base URL with ``?api-version=`` (as Azure's portal shows it, e.g.
  ``https://res.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21``:
  the path may name the deployment, and may end in ``/chat/completions``);
- a base URL on an Azure OpenAI host (``*.openai.azure.com``,
  ``*.cognitiveservices.azure.com``, ``*.services.ai.azure.com``), with the version
  from ``--api-version`` / ``OPENAI_API_VERSION`` / ``AZURE_OPENAI_API_VERSION``;
- ``AZURE_OPENAI_ENDPOINT`` (read as the base URL) with such a version.

Azure's newer ``/openai/v1`` API speaks the plain OpenAI protocol and needs none of
this. Without a deployment in the URL, the model setting names the deployment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from summarizer.config import AZURE_HOSTS, DEFAULT_MODEL, Settings
from summarizer.errors import ConfigError

_DEPLOYMENT = re.compile(r"/openai/deployments/([^/]+)")


@dataclass(frozen=True)
class AzureTarget:
    """An Azure OpenAI resource, the deployment named in its URL, and the API version."""

    endpoint: str
    """``https://RESOURCE.openai.azure.com``: scheme, host and port only."""
    deployment: str | None
    api_version: str


def azure_target(base_url: str | None, api_version: str | None) -> AzureTarget | None:
    """The Azure OpenAI target these settings point at, or ``None`` for another server.

    Raises:
        ConfigError: an Azure OpenAI host without an API version.
    """
    if not base_url:
        return None
    parts = urlsplit(base_url)
    in_url = parse_qs(parts.query).get("api-version", [None])[0]
    on_azure = (parts.hostname or "").endswith(AZURE_HOSTS)
    path = parts.path.rstrip("/")
    if not (in_url or on_azure) or path.endswith("/openai/v1"):
        return None
    version = in_url or api_version
    if not version:
        raise ConfigError(
            f"{parts.scheme}://{parts.netloc} is Azure OpenAI, which needs an API version: "
            "add ?api-version=2024-10-21 to --base-url, or set OPENAI_API_VERSION"
        )
    found = _DEPLOYMENT.search(path)
    return AzureTarget(
        endpoint=f"{parts.scheme}://{parts.netloc}",
        deployment=found.group(1) if found else None,
        api_version=version,
    )


def azure_settings(settings: Settings, target: AzureTarget) -> Settings:
    """``settings`` with the deployment in the URL as the model, unless one was chosen."""
    if target.deployment and settings.model == DEFAULT_MODEL:
        return settings.with_(model=target.deployment)
    return settings
