"""The OpenAI-compatible engine: any server speaking the chat completions API.

Output modes are tried strict ``json_schema`` first, then ``json_object`` with the schema
in the prompt, then tool calling, as servers reject them (Ollama, vLLM, llama.cpp server
and LM Studio each accept at least one); the mode that works is remembered. Transport
faults are retried by tenacity only (see :mod:`summarizer.engines.retry`); invalid or
ungrounded replies are re-asked by :class:`~summarizer.engines.exchange.Exchange`. Reply
bodies are read within the timeout and checked to be JSON by
:mod:`summarizer.engines.body`, and the API key is redacted from all of them.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx2
import openai
from openai._constants import RAW_RESPONSE_HEADER
from tenacity import AsyncRetrying, Retrying

from summarizer.config import OutputMode, Settings
from summarizer.engines.base import Extraction, Passage, Verifier
from summarizer.engines.body import BodyReader
from summarizer.engines.exchange import Exchange
from summarizer.engines.limits import RateLimits
from summarizer.engines.redact import Redactor
from summarizer.engines.retry import (
    RATE_LIMIT_PATIENCE,
    Gate,
    describe,
    rate_limited,
    retry_options,
)
from summarizer.errors import ConfigError, TransportError
from summarizer.httpclient import AsyncClient, Client
from summarizer.prompts import load_prompts
from summarizer.reply import REPLY_SCHEMA_VERSION

log = logging.getLogger("summarizer")

_FORMAT_REJECTED = frozenset({400, 415, 422, 501})
"""Statuses with which servers turn down an output mode they do not support."""
_FORMAT_WORDS = re.compile(r"response_format|json_schema|json_object|tool_choice|\btools?\b")
"""Words of an error (even a 500, as llama.cpp's server sends) about the output mode."""
_PLACEHOLDER_KEY = "not-needed"
_PATH = "/chat/completions"
_OPTIONS: openai.RequestOptions = {
    "security": {"bearer_auth": True},
    "headers": {RAW_RESPONSE_HEADER: "stream"},
}
"""Requests go out through the SDK's ``post`` as ``chat.completions.create`` sends them
(same path, bearer auth, errors, retries off) but without its typed-parameter transform,
which walks the whole JSON Schema in Python on every call (about 0.35 ms here): the
request is built in wire form already. The response comes back with its body unread,
as ``with_streaming_response`` gives it, to be read within the timeout."""


class ChatRequests:
    """The chat requests these settings make, free of I/O: parameters, fingerprint, exchanges.

    What :class:`OpenAIEngine` sends online, and what a batch run elsewhere (the OpenAI
    Batch API, vLLM's ``run_batch``) is given to send, so both ask exactly the same.
    """

    name = "openai"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model: str | None = settings.model
        self.prompt_version: str | None = load_prompts().version
        self.token_budget: int | None = settings.max_input_tokens

    @property
    def first_mode(self) -> OutputMode:
        """The output mode the first request of an exchange uses."""
        mode = self.settings.mode
        return OutputMode.JSON_SCHEMA if mode is OutputMode.AUTO else mode

    def fingerprint(self) -> Mapping[str, Any]:
        """Everything that changes the reply: endpoint, model, mode, prompt, schema, params."""
        return {
            "engine": self.name,
            "base_url": self.base_url(),
            "model": self.model,
            "mode": self.settings.mode.value,
            "prompt_version": self.prompt_version,
            "reply_schema_version": REPLY_SCHEMA_VERSION,
            "params": self.params(),
            "max_input_tokens": self.settings.max_input_tokens,
        }

    def params(self) -> dict[str, Any]:
        """Generation parameters sent with every request."""
        params: dict[str, Any] = {}
        if self.settings.temperature is not None:
            params["temperature"] = self.settings.temperature
        if self.settings.max_output_tokens is not None:
            key = "max_tokens" if self.settings.base_url else "max_completion_tokens"
            params[key] = self.settings.max_output_tokens
        return params

    def exchange(
        self, passage: Passage, verify: Verifier, mode: OutputMode | None = None
    ) -> Exchange:
        """A new exchange for ``passage``, starting in ``mode`` (default :attr:`first_mode`)."""
        return Exchange(
            passage=passage,
            verify=verify,
            prompts=load_prompts(),
            model=self.settings.model,
            mode=mode or self.first_mode,
            max_attempts=self.settings.max_attempts,
            params=self.params(),
        )

    def base_url(self) -> str:
        """The endpoint, without credentials or a trailing slash."""
        url = self.settings.base_url or "https://api.openai.com/v1"
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}{parts.path.rstrip('/')}"


def rejects_mode(mode: OutputMode, status: int, message: str) -> bool:
    """Whether an error (HTTP ``status``, ``message``) says the output mode is not supported.

    ``mode`` is the setting: only ``auto`` falls back, a mode the user chose is kept.
    """
    if mode is not OutputMode.AUTO:
        return False
    if status in _FORMAT_REJECTED:
        return True
    return status >= 500 and bool(_FORMAT_WORDS.search(message.lower()))


class OpenAIEngine:
    """Extraction through an OpenAI-compatible chat completions endpoint."""

    name = "openai"

    def __init__(
        self,
        settings: Settings,
        *,
        http_client: httpx2.Client | None = None,
        async_http_client: httpx2.AsyncClient | None = None,
        gate: Gate | None = None,
    ) -> None:
        if not settings.model_configured:
            raise ConfigError(
                "no model endpoint: set OPENAI_API_KEY, or --base-url for a local server"
            )
        self.settings = settings
        self.requests = ChatRequests(settings)
        self.model: str | None = settings.model
        self.prompt_version: str | None = self.requests.prompt_version
        self.token_budget: int | None = settings.max_input_tokens
        self.gate = gate or Gate()
        self.limits = RateLimits(settings.rpm, settings.tpm)
        self._mode: OutputMode = self.requests.first_mode
        self._http_client = http_client
        self._async_http_client = async_http_client
        self.redactor = Redactor(settings.api_key)
        """Hides the API key in whatever the server sends back."""
        self._client: openai.OpenAI | None = None
        self._aclient: openai.AsyncOpenAI | None = None
        self._clients_lock = threading.Lock()

    @property
    def output_mode(self) -> OutputMode:
        """The output mode the next extraction starts with."""
        return self._mode

    def fingerprint(self) -> Mapping[str, Any]:
        """Everything that changes the reply: endpoint, model, mode, prompt, schema, params."""
        return self.requests.fingerprint()

    def extract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Extract one passage, with retries, re-asks and mode fallback."""
        return self.drive(self.requests.exchange(passage, verify, self._mode))

    async def aextract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Asynchronous :meth:`extract`; the same exchange, awaited."""
        return await self.adrive(self.requests.exchange(passage, verify, self._mode))

    def drive(self, exchange: Exchange) -> Extraction:
        """Carry ``exchange`` on from where it stands until it settles.

        Sends what it asks, with transport retries and mode fallback, and hands it every
        reply; a re-ask of an exchange begun elsewhere (in a batch) goes on here.
        """
        while True:
            try:
                body = self._send(exchange)
            except openai.APIError as exc:
                self._recover(exc, exchange)
                continue
            if (result := self._settle(exchange, body)) is not None:
                return result

    async def adrive(self, exchange: Exchange) -> Extraction:
        """Asynchronous :meth:`drive`."""
        while True:
            try:
                body = await self._asend(exchange)
            except openai.APIError as exc:
                self._recover(exc, exchange)
                continue
            if (result := self._settle(exchange, body)) is not None:
                return result

    def _recover(self, exc: openai.APIError, exchange: Exchange) -> None:
        """Switch output mode if the server rejected it; otherwise fail clearly."""
        if isinstance(exc, openai.APIStatusError) and self._falls_back(exc, exchange):
            return
        raise self._failure(exc, exchange) from None

    def _settle(self, exchange: Exchange, body: bytes) -> Extraction | None:
        result = exchange.accept(body)
        if result is not None:
            self._mode = exchange.mode
        return result

    def close(self) -> None:
        """Close the synchronous client's connections."""
        if self._client is not None:
            self._client.close()

    async def aclose(self) -> None:
        """Close the asynchronous client's connections."""
        if self._aclient is not None:
            await self._aclient.close()

    def _send(self, exchange: Exchange) -> bytes:
        request = exchange.request()
        log.debug("request: mode=%s, %d messages", exchange.mode, len(request["messages"]))
        for attempt in Retrying(**self._retry_options()):
            with attempt:
                self.limits.wait(request)
                self.gate.wait()
                response = self.client.post(
                    _PATH, body=request, cast_to=httpx2.Response, options=_OPTIONS
                )
                reader = BodyReader(response, self.settings.timeout)
                try:
                    with reader.transport_errors():
                        for chunk in response.iter_bytes():
                            reader.add(chunk)
                finally:
                    response.close()
                return self.redactor.data(reader.body())
        raise AssertionError("unreachable: tenacity reraises the last failure")

    async def _asend(self, exchange: Exchange) -> bytes:
        request = exchange.request()
        log.debug("request: mode=%s, %d messages", exchange.mode, len(request["messages"]))
        async for attempt in AsyncRetrying(**self._retry_options()):
            with attempt:
                await self.limits.await_(request)
                await self.gate.await_()
                response = await self.aclient.post(
                    _PATH, body=request, cast_to=httpx2.Response, options=_OPTIONS
                )
                reader = BodyReader(response, self.settings.timeout)
                try:
                    with reader.transport_errors():
                        async for chunk in response.aiter_bytes():
                            reader.add(chunk)
                finally:
                    await response.aclose()
                return self.redactor.data(reader.body())
        raise AssertionError("unreachable: tenacity reraises the last failure")

    @property
    def client(self) -> openai.OpenAI:
        """The synchronous SDK client, built once, on first use, whichever thread asks.

        A second client built by a racing thread would be dropped, and its connections
        closed as it is collected, under the replies still coming through them.
        """
        with self._clients_lock:
            if self._client is None:
                self._client = openai.OpenAI(
                    http_client=self._http_client or Client(**self._http_options()),
                    **self._client_options(),
                )
            return self._client

    @property
    def aclient(self) -> openai.AsyncOpenAI:
        """The asynchronous SDK client, built once, on first use."""
        with self._clients_lock:
            if self._aclient is None:
                self._aclient = openai.AsyncOpenAI(
                    http_client=self._async_http_client or AsyncClient(**self._http_options()),
                    **self._client_options(),
                )
            return self._aclient

    def _client_options(self) -> dict[str, Any]:
        return {
            "api_key": self.settings.api_key or _PLACEHOLDER_KEY,
            "base_url": self.settings.base_url,
            "max_retries": 0,
            "timeout": self.settings.timeout,
        }

    def _http_options(self) -> dict[str, Any]:
        """The SDK's own client settings, each request bounded in total by the timeout."""
        return {
            "deadline": self.settings.timeout,
            "timeout": self.settings.timeout,
            "limits": httpx2.Limits(max_connections=1000, max_keepalive_connections=100),
            "follow_redirects": True,
        }

    def _retry_options(self) -> dict[str, Any]:
        return retry_options(self.settings.max_retries, self.gate, final=self._mode_rejected)

    def _mode_rejected(self, exc: BaseException) -> bool:
        """Whether a failure says the server does not support the output mode asked."""
        if not isinstance(exc, openai.APIStatusError):
            return False
        return rejects_mode(self.settings.mode, exc.status_code, str(exc.message))

    def _falls_back(self, exc: openai.APIStatusError, exchange: Exchange) -> bool:
        if not self._mode_rejected(exc):
            return False
        rejected = exchange.mode
        if not exchange.next_mode():
            return False
        log.info(
            "the server rejected %s (HTTP %d); trying %s", rejected, exc.status_code, exchange.mode
        )
        return True

    def _failure(self, exc: openai.APIError, exchange: Exchange) -> TransportError:
        detail = self.redact(" ".join(str(getattr(exc, "message", exc)).split()))[:300]
        where = self.requests.base_url()
        if isinstance(exc, openai.AuthenticationError):
            summary = f"the server at {where} rejected the API key (HTTP 401)"
        elif (
            isinstance(exc, openai.APIStatusError)
            and exc.status_code < 500
            and exc.status_code != 429
        ):
            summary = f"the server at {where} refused the request ({describe(exc)}): {detail}"
        elif self.settings.max_retries and rate_limited(exc):
            waited = f"{RATE_LIMIT_PATIENCE:.0f} s"
            summary = f"still rate limited (HTTP 429) by {where} after waiting {waited}: {detail}"
        else:
            tries = self.settings.max_retries + 1
            said = "" if detail == describe(exc) else f": {detail}"
            summary = f"{describe(exc)} from {where}, {tries} tr{'ies' if tries > 1 else 'y'}{said}"
        return TransportError(summary, attempts=exchange.attempts, usage=exchange.usage)

    def redact(self, text: str) -> str:
        """``text`` without the API key, or any long run of it (see :class:`Redactor`)."""
        return self.redactor.text(text)
