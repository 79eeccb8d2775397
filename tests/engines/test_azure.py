"""Azure OpenAI through the SDK's Azure client: the settings that select it, the requests."""

from __future__ import annotations

import httpx2
import pytest

from summarizer.config import Settings, load_settings
from summarizer.engines.azure import AzureTarget, azure_target
from summarizer.engines.openai import OpenAIEngine
from summarizer.errors import ConfigError, ContentFiltered, TransportError
from summarizer.pipeline import summarize
from summarizer.testing import Script, transport
from tests.engines.conftest import FAKE_KEY
from tests.engines.test_openai import ARTICLE
from tests.engines.test_servers import served

RESOURCE = "https://contoso-eu.openai.azure.com"


@pytest.mark.parametrize(
    ("url", "version", "target"),
    [
        (
            f"{RESOURCE}/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21",
            None,
            AzureTarget(RESOURCE, "gpt4o-prod", "2024-10-21"),
        ),
        (
            f"{RESOURCE}/openai/deployments/gpt4o-prod?api-version=2024-10-21",
            "2024-06-01",
            AzureTarget(RESOURCE, "gpt4o-prod", "2024-10-21"),
        ),
        (f"{RESOURCE}/", "2024-10-21", AzureTarget(RESOURCE, None, "2024-10-21")),
        (
            "https://ai-hub.cognitiveservices.azure.com",
            "2025-01-01-preview",
            AzureTarget("https://ai-hub.cognitiveservices.azure.com", None, "2025-01-01-preview"),
        ),
        (
            "https://proxy.example.org/azure?api-version=2024-10-21",
            None,
            AzureTarget("https://proxy.example.org", None, "2024-10-21"),
        ),
        (f"{RESOURCE}/openai/v1/", None, None),
        ("http://localhost:11434/v1", "2024-10-21", None),
        (None, "2024-10-21", None),
    ],
)
def test_which_settings_are_azure(
    url: str | None, version: str | None, target: AzureTarget | None
) -> None:
    assert azure_target(url, version) == target


def test_an_azure_host_without_an_api_version_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as caught:
        OpenAIEngine(Settings(base_url=RESOURCE, api_key=FAKE_KEY))
    assert str(caught.value) == (
        f"{RESOURCE} is Azure OpenAI, which needs an API version: add ?api-version=2024-10-21 "
        "to --base-url, or set OPENAI_API_VERSION"
    )
    with pytest.raises(ConfigError, match="Azure OpenAI needs a key: set AZURE_OPENAI_API_KEY"):
        OpenAIEngine(Settings(base_url=f"{RESOURCE}?api-version=2024-10-21"))


def azure_engine(script: Script, settings: Settings) -> OpenAIEngine:
    return OpenAIEngine(settings, http_client=httpx2.Client(transport=transport(script)))


def test_the_portal_url_reaches_the_deployment_with_the_api_key_header() -> None:
    script = Script([served("azure-chat-completion-200")])
    url = f"{RESOURCE}/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21"
    briefing = summarize(
        ARTICLE, engine=azure_engine(script, Settings(base_url=url, api_key=FAKE_KEY))
    )
    (sent,) = script.requests
    assert sent.path == "/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21"
    assert sent.headers["api-key"] == FAKE_KEY and "authorization" not in sent.headers
    assert briefing.provenance.model == "gpt4o-prod"
    assert briefing.provenance.served_model == "gpt-4o-2024-11-20", "the model behind it"
    assert sent.json["model"] == "gpt4o-prod", "the deployment stands for the model"
    assert [p.name for p in briefing.parties] == ["Japan", "Philippines", "China"]


def test_azure_environment_variables_are_enough() -> None:
    env = {
        "AZURE_OPENAI_ENDPOINT": RESOURCE,
        "AZURE_OPENAI_API_KEY": FAKE_KEY,
        "OPENAI_API_VERSION": "2024-10-21",
        "AZURE_OPENAI_DEPLOYMENT": "briefing-4o-mini",
    }
    settings = Settings.from_env(env)
    script = Script([served("azure-chat-completion-200")])
    summarize(ARTICLE, engine=azure_engine(script, settings))
    (sent,) = script.requests
    assert (
        sent.path == "/openai/deployments/briefing-4o-mini/chat/completions?api-version=2024-10-21"
    )
    assert sent.headers["api-key"] == FAKE_KEY


def test_azure_endpoint_variable_on_a_gateway_host_is_azure() -> None:
    """An API Management gateway (authored, as Azure's APIM docs show it) is not an Azure
    OpenAI host, yet ``AZURE_OPENAI_ENDPOINT`` says it is one: the version joins its URL."""
    gateway = "https://contoso-apim.azure-api.net"
    env = {
        "AZURE_OPENAI_ENDPOINT": gateway,
        "AZURE_OPENAI_API_KEY": FAKE_KEY,
        "AZURE_OPENAI_API_VERSION": "2024-10-21",
        "AZURE_OPENAI_DEPLOYMENT": "briefing-4o-mini",
    }
    layered = load_settings(env)
    assert layered.settings.base_url == f"{gateway}?api-version=2024-10-21"
    assert layered.sources["base_url"] == "environment AZURE_OPENAI_ENDPOINT"
    script = Script([served("azure-chat-completion-200")])
    summarize(ARTICLE, engine=azure_engine(script, layered.settings))
    (sent,) = script.requests
    assert (
        sent.path == "/openai/deployments/briefing-4o-mini/chat/completions?api-version=2024-10-21"
    )
    assert sent.headers["api-key"] == FAKE_KEY


def test_an_azure_endpoint_takes_the_azure_key_over_openais() -> None:
    env = {
        "OPENAI_API_KEY": "sk-openai-not-azure",
        "AZURE_OPENAI_API_KEY": FAKE_KEY,
        "AZURE_OPENAI_ENDPOINT": RESOURCE,
        "OPENAI_API_VERSION": "2024-10-21",
    }
    layered = load_settings(env)
    assert layered.settings.api_key == FAKE_KEY
    assert layered.sources["api_key"] == "environment AZURE_OPENAI_API_KEY"
    script = Script([served("azure-chat-completion-200")])
    summarize(ARTICLE, engine=azure_engine(script, layered.settings))
    assert script.requests[0].headers["api-key"] == FAKE_KEY
    plain = {**env, "AZURE_OPENAI_ENDPOINT": "", "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1"}
    assert Settings.from_env(plain).api_key == "sk-openai-not-azure", "not Azure: OpenAI's key"
    assert Settings.from_env({**env, "BRIEFING_API_KEY": "own"}).api_key == "own"
    v1 = {**plain, "OPENAI_BASE_URL": f"{RESOURCE}/openai/v1"}
    assert Settings.from_env(v1).api_key == FAKE_KEY, "Azure's v1 API: an Azure host all the same"


def test_azure_v1_api_is_the_openai_protocol() -> None:
    script = Script([served("azure-chat-completion-200")])
    settings = Settings(base_url=f"{RESOURCE}/openai/v1/", api_key=FAKE_KEY, model="gpt-4o")
    summarize(ARTICLE, engine=azure_engine(script, settings))
    (sent,) = script.requests
    assert sent.path == "/openai/v1/chat/completions"
    assert sent.headers["authorization"] == f"Bearer {FAKE_KEY}"


def test_a_prompt_refused_by_the_content_filter_is_content_filtered_after_one_request() -> None:
    script = Script([served("azure-content-filter-400")])
    url = f"{RESOURCE}/openai/deployments/gpt4o-prod?api-version=2024-10-21"
    with pytest.raises(ContentFiltered) as caught:
        summarize(ARTICLE, engine=azure_engine(script, Settings(base_url=url, api_key=FAKE_KEY)))
    assert len(script.requests) == 1 and caught.value.exit_code == 25
    assert str(caught.value).startswith(
        f"the content filter of the server at {RESOURCE}/openai/deployments/gpt4o-prod refused "
        "the article (HTTP 400): The response was filtered due to the prompt triggering Azure "
        "OpenAI's content management policy."
    )


def test_a_deployment_that_does_not_exist_is_named() -> None:
    script = Script([served("azure-deployment-not-found-404")])
    settings = Settings(
        base_url=f"{RESOURCE}?api-version=2024-10-21", api_key=FAKE_KEY, model="gpt5"
    )
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=azure_engine(script, settings))
    assert len(script.requests) == 1
    assert str(caught.value).startswith(
        f"the server at {RESOURCE} has no model 'gpt5' (HTTP 404): The API deployment for this "
        "resource does not exist."
    )
