"""The OpenAI-compatible engine: any server speaking the chat completions API.

Output modes are tried strict ``json_schema`` first, then ``json_object`` with the schema
in the prompt, then tool calling, as servers reject them (Ollama, vLLM, llama.cpp server
and LM Studio each accept at least one); the mode that works is remembered. Transport
faults are retried by tenacity only (see :mod:`summarizer.engines.retry`); invalid or
ungrounded replies are re-asked by :class:`~summarizer.engines.exchange.Exchange`. Reply
bodies are read within the timeout and checked to be JSON by
:mod:`summarizer.engines.body`, and the API key is redacted from all of them.

A refusal is read for its cause (:mod:`summarizer.engines.diagnosis`) and handled by
the rules of :mod:`summarizer.engines.recovery` (the next output mode, a refused
parameter renamed or left out), which the engine then keeps for every later request;
any other ends the extraction with the error :mod:`summarizer.engines.failure` makes
of it. Azure OpenAI is reached
through the SDK's Azure client (:mod:`summarizer.engines.azure`).
"""

from __future__ import annotations

import json
import logging
import threading
from typing import TYPE_CHECKING, Any

import httpx2
import openai
from openai._constants import RAW_RESPONSE_HEADER
from tenacity import AsyncRetrying, Retrying

from summarizer.engines.azure import azure_settings, azure_target
from summarizer.engines.base import Extraction, OutputMode, Passage, Verifier
from summarizer.engines.body import BodyReader
from summarizer.engines.diagnosis import Cause, Diagnosis, diagnose_error
from summarizer.engines.exchange import Exchange
from summarizer.engines.explain import Where
from summarizer.engines.failure import failed, refused_for_good
from summarizer.engines.limits import RateLimits
from summarizer.engines.recovery import fall_back, fix_parameter
from summarizer.engines.redact import Redactor
from summarizer.engines.request import RequestSpec
from summarizer.engines.retry import Gate, retry_options
from summarizer.errors import ConfigError, EngineError
from summarizer.httpclient import AsyncClient, Client
from summarizer.schema import Usage

if TYPE_CHECKING:
    from summarizer.config import Settings

log = logging.getLogger("summarizer")

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


class OpenAIEngine:
    """Extraction through an OpenAI-compatible chat completions endpoint.

    ``spec`` says what every request is made with (see :class:`RequestSpec`); the other
    settings say how to reach the server: key, endpoint, timeout, retries, rate limits.
    """

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
        self.azure = azure_target(settings.base_url, settings.api_version)
        """The Azure OpenAI resource the settings point at, if they do."""
        if self.azure is not None:
            if not settings.api_key:
                raise ConfigError(
                    "Azure OpenAI needs a key: set AZURE_OPENAI_API_KEY (or OPENAI_API_KEY)"
                )
            settings = azure_settings(settings, self.azure)
        self.settings = settings
        self.spec = RequestSpec.of(settings)
        self.info = self.spec.info()
        self.gate = gate or Gate()
        self.limits = RateLimits(settings.rpm, settings.tpm)
        self._mode: OutputMode = self.spec.first_mode
        self._http_client = http_client
        self._async_http_client = async_http_client
        self.redactor = Redactor(settings.api_key)
        """Hides the API key in whatever the server sends back."""
        self._client: openai.OpenAI | None = None
        self._aclient: openai.AsyncOpenAI | None = None
        self._clients_lock = threading.Lock()
        self._renamed: dict[str, str | None] = {}
        """Parameters the server refused: the name sent instead, or ``None`` if dropped."""

    @property
    def output_mode(self) -> OutputMode:
        """The output mode the next extraction starts with."""
        return self._mode

    def extract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Extract one passage, with retries, re-asks and mode fallback."""
        return self.drive(self._exchange(passage, verify))

    async def aextract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Asynchronous :meth:`extract`; the same exchange, awaited."""
        return await self.adrive(self._exchange(passage, verify))

    def _exchange(self, passage: Passage, verify: Verifier) -> Exchange:
        """A new exchange in the mode that works, with the parameters the server takes."""
        exchange = self.spec.exchange(passage, verify, self._mode)
        for name, instead in list(self._renamed.items()):
            exchange.rename(name, instead)
        return exchange

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
        if isinstance(exc, openai.APIStatusError):
            diagnosis = diagnose_error(exc)
            if self._falls_back(diagnosis, exchange) or self._fixes_parameter(diagnosis, exchange):
                return
        raise self.failure(
            exc, mode=exchange.mode, attempts=exchange.attempts, usage=exchange.usage
        ) from None

    def _settle(self, exchange: Exchange, body: bytes) -> Extraction | None:
        ignored = exchange.schema_ignored
        result = exchange.accept(body)
        if exchange.schema_ignored and not ignored:
            log.info("the server ignored the schema in %s; trying %s", "json_schema", exchange.mode)
        if result is not None or exchange.schema_ignored:
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
                return self._read(response)
        raise AssertionError("unreachable: tenacity reraises the last failure")

    def _read(self, response: httpx2.Response) -> bytes:
        """The whole body of ``response``, read within the timeout, the API key hidden."""
        reader = BodyReader(response, self.settings.timeout)
        try:
            with reader.transport_errors():
                for chunk in response.iter_bytes():
                    reader.add(chunk)
        finally:
            response.close()
        return self.redactor.data(reader.body())

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
                kind = openai.OpenAI if self.azure is None else openai.AzureOpenAI
                self._client = kind(
                    http_client=self._http_client or Client(**self._http_options()),
                    **self._client_options(),
                )
            return self._client

    @property
    def aclient(self) -> openai.AsyncOpenAI:
        """The asynchronous SDK client, built once, on first use."""
        with self._clients_lock:
            if self._aclient is None:
                kind = openai.AsyncOpenAI if self.azure is None else openai.AsyncAzureOpenAI
                self._aclient = kind(
                    http_client=self._async_http_client or AsyncClient(**self._http_options()),
                    **self._client_options(),
                )
            return self._aclient

    def _client_options(self) -> dict[str, Any]:
        common = {"max_retries": 0, "timeout": self.settings.timeout}
        if self.azure is not None:
            return {
                **common,
                "api_key": self.settings.api_key,
                "azure_endpoint": self.azure.endpoint,
                "azure_deployment": self.azure.deployment,
                "api_version": self.azure.api_version,
            }
        return {
            **common,
            "api_key": self.settings.api_key or _PLACEHOLDER_KEY,
            "base_url": self.settings.base_url,
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
        return retry_options(self.settings.max_retries, self.gate, final=refused_for_good)

    def _falls_back(self, diagnosis: Diagnosis, exchange: Exchange) -> bool:
        """Move ``exchange`` to the next output mode if the refusal calls for it.

        A mode refused as such is where every later exchange of the engine starts.
        """
        rejected = exchange.mode
        if not fall_back(self.spec.mode, diagnosis, exchange):
            return False
        if diagnosis.cause is Cause.MODE:
            self._mode = exchange.mode
        log.info(
            "the server rejected %s (HTTP %d: %s); trying %s",
            rejected,
            diagnosis.status,
            self.redact(diagnosis.said),
            exchange.mode,
        )
        return True

    def _fixes_parameter(self, diagnosis: Diagnosis, exchange: Exchange) -> bool:
        """Send a refused parameter under its other name, or without it, once.

        Every later exchange of the engine is sent the same way.
        """
        name = diagnosis.param
        if not fix_parameter(diagnosis, exchange):
            return False
        assert name is not None
        instead = exchange.renamed[name]
        self._renamed[name] = instead
        log.info(
            "the server refused %s (%s); sending %s",
            name,
            self.redact(diagnosis.said),
            f"{instead} instead" if instead else "none",
        )
        return True

    def failure(
        self,
        exc: openai.APIError,
        *,
        mode: OutputMode | None = None,
        attempts: int = 0,
        usage: Usage | None = None,
    ) -> EngineError:
        """The error a user reads for a request that failed for good (see :func:`failed`).

        ``mode`` is the output mode of the request (a chat completion's); ``attempts``
        and ``usage`` account for the replies received before it.
        """
        place = Where(
            self.spec.base_url,
            self.spec.model,
            mode or self.spec.first_mode,
            auto=self.spec.mode is OutputMode.AUTO,
            has_key=bool(self.settings.api_key),
        )
        tries = self.settings.max_retries + 1
        return failed(exc, place, tries=tries, redact=self.redact, attempts=attempts, usage=usage)

    def get(self, path: str) -> dict[str, Any]:
        """``GET`` a path of the API (``/models``) with the same retries; its JSON object.

        Raises the error :meth:`failure` makes of a refusal (the base URL suggested
        by a 404, the key by a 401…).
        """
        try:
            for attempt in Retrying(**self._retry_options()):
                with attempt:
                    self.gate.wait()
                    response = self.client.get(path, cast_to=httpx2.Response, options=_OPTIONS)
                    found: dict[str, Any] = json.loads(self._read(response))
                    return found
        except openai.APIError as exc:
            raise self.failure(exc) from None
        raise AssertionError("unreachable: tenacity reraises the last failure")

    def redact(self, text: str) -> str:
        """``text`` without the API key, or any long run of it (see :class:`Redactor`)."""
        return self.redactor.text(text)
