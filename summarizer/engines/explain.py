"""The one line a user reads when a request fails: the cause, the server's words, the fix.

Each :class:`~summarizer.engines.diagnosis.Cause` gets its own sentence, naming the
server and what to change where that is knowable (the base URL a 404 suggests, the
command that lists models, the settings of a context window). The server's own words
follow, redacted of the API key by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from summarizer.engines.diagnosis import Cause, Diagnosis

KNOWN_PORTS = {
    11434: ("Ollama", "/v1"),
    1234: ("LM Studio", "/v1"),
    8080: ("llama.cpp's server", "/v1"),
    8000: ("vLLM", "/v1"),
    4000: ("LiteLLM", "/v1"),
}
"""Default ports of local servers, and the path their OpenAI-compatible API is under."""
API_ROOTS = ("/v1", "/api/v1", "/openai", "/v1beta/openai", "/compatible-mode/v1")
"""Paths an OpenAI-compatible API root ends with (OpenAI, OpenRouter, Azure, Gemini…)."""


_CHAT_PATH = "/chat/completions"
_MODELS_PATH = "/models"


@dataclass(frozen=True)
class Where:
    """What a message names: the endpoint, the model, the output mode in use."""

    base_url: str
    model: str
    mode: str
    """The output mode of the refused request."""
    auto: bool = True
    """Whether the output mode was chosen by briefing (``--mode auto``)."""
    has_key: bool = True


def explain(diagnosis: Diagnosis, where: Where, said: str) -> str:
    """The message for a refusal the engine does not get past.

    ``said`` is the server's words as they may be shown (the API key redacted).
    """
    url, status = where.base_url, diagnosis.status
    cause = diagnosis.cause
    if cause is Cause.KEY:
        fix = "" if where.has_key else "; set OPENAI_API_KEY (or the server's own key variable)"
        verb = "rejected the API key" if status != 403 else "refused access"
        return f"the server at {url} {verb} (HTTP {status}){fix}: {said}"
    if cause is Cause.MODEL:
        return (
            f"the server at {url} has no model {where.model!r} (HTTP {status}): {said}; "
            "`briefing models` lists the models it serves"
        )
    if cause is Cause.CONTEXT:
        return f"{context_words(diagnosis, url)}: {said}"
    if cause is Cause.PARAMETER:
        return f"the server at {url} does not accept the parameter {diagnosis.param!r}: {said}"
    if cause is Cause.MODE and where.auto:
        return (
            f"the server at {url} supports none of the output modes (json_schema, "
            f"json_object, tools) for model {where.model!r} (HTTP {status}): {said}"
        )
    if cause is Cause.MODE:
        return (
            f"the server at {url} does not support the output mode {where.mode} "
            f"(HTTP {status}): {said}; --mode auto tries the others"
        )
    if cause is Cause.FILTER:
        return (
            f"the content filter of the server at {url} refused the article (HTTP {status}): {said}"
        )
    if cause is Cause.QUOTA:
        return f"the account at {url} is out of quota or credit (HTTP {status}): {said}"
    if cause is Cause.ROUTE:
        return route_words(diagnosis, url, said)
    return f"the server at {url} refused the request (HTTP {status}): {said}"


def context_words(diagnosis: Diagnosis, url: str) -> str:
    """Why a request did not fit, with the sizes the server gave."""
    sizes = [f"HTTP {diagnosis.status}"]
    if diagnosis.context_size:
        sizes.append(f"{diagnosis.context_size:,} tokens")
    if diagnosis.request_tokens:
        sizes.append(f"the request needed {diagnosis.request_tokens:,}")
    return (
        f"the article does not fit the context window of the model at {url} "
        f"({'; '.join(sizes)}); "
        "lower BRIEFING_MAX_INPUT_TOKENS, or give the server a larger context "
        "(llama.cpp: --ctx-size, Ollama: num_ctx, vLLM: --max-model-len)"
    )


def route_words(diagnosis: Diagnosis, url: str, said: str) -> str:
    """What was reached instead of the API, and the base URL likely meant."""
    moved = diagnosis.redirected_to
    if moved is not None:
        target = moved.removesuffix(_CHAT_PATH).removesuffix(_MODELS_PATH)
        return (
            f"{url} redirected the request to {moved}, which answered HTTP {diagnosis.status} "
            f"({said}): a redirect turns the request into a GET; use --base-url {target}"
        )
    if diagnosis.page_title is not None:
        reached = f"{url} answered with a web page ({diagnosis.page_title!r}), not the API"
    else:
        reached = f"{url} has no chat completions endpoint (HTTP {diagnosis.status}: {said})"
    return f"{reached}; {base_url_hint(url)}"


def base_url_hint(url: str) -> str:
    """The likely fix for a base URL that reached no chat completions endpoint."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    root = f"{parts.scheme}://{parts.netloc}"
    if path.endswith("/chat/completions"):
        return f"--base-url is the API's root, without /chat/completions: {root}{path[:-17]}"
    known = KNOWN_PORTS.get(parts.port or 0)
    if not path.endswith(API_ROOTS):
        if known:  # the server's own root, whatever path was given (Ollama's /api is not it)
            return f"{known[0]} serves it under {known[1]}: try --base-url {root}{known[1]}"
        return f"most serve it under /v1: try --base-url {root}{path}/v1"
    if known and path != known[1]:
        return f"port {parts.port} is {known[0]}'s, which serves it at --base-url {root}{known[1]}"
    return (
        "is it an OpenAI-compatible server? Ollama serves it at http://localhost:11434/v1, "
        "LM Studio at :1234/v1, llama.cpp at :8080/v1, vLLM at :8000/v1"
    )
