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
from typing import TYPE_CHECKING, Any

import httpx2
import openai
from openai._constants import RAW_RESPONSE_HEADER
from tenacity import AsyncRetrying, Retrying

from summarizer.engines.base import Extraction, OutputMode, Passage, Verifier
from summarizer.engines.body import BodyReader
from summarizer.engines.exchange import Exchange
from summarizer.engines.limits import RateLimits
from summarizer.engines.redact import Redactor
from summarizer.engines.request import RequestSpec
from summarizer.engines.retry import (
    RATE_LIMIT_PATIENCE,
    Gate,
    describe,
    rate_limited,
    retry_options,
)
from summarizer.errors import ConfigError, TransportError

if TYPE_CHECKING:
    from summarizer.config import Settings

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

    @property
    def output_mode(self) -> OutputMode:
        """The output mode the next extraction starts with."""
        return self._mode

    def extract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Extract one passage, with retries, re-asks and mode fallback."""
        return self.drive(self.spec.exchange(passage, verify, self._mode))

    async def aextract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Asynchronous :meth:`extract`; the same exchange, awaited."""
        return await self.adrive(self.spec.exchange(passage, verify, self._mode))

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
                    http_client=self._http_client, **self._client_options()
                )
            return self._client

    @property
    def aclient(self) -> openai.AsyncOpenAI:
        """The asynchronous SDK client, built once, on first use."""
        with self._clients_lock:
            if self._aclient is None:
                self._aclient = openai.AsyncOpenAI(
                    http_client=self._async_http_client, **self._client_options()
                )
            return self._aclient

    def _client_options(self) -> dict[str, Any]:
        return {
            "api_key": self.settings.api_key or _PLACEHOLDER_KEY,
            "base_url": self.settings.base_url,
            "max_retries": 0,
            "timeout": self.settings.timeout,
        }

    def _retry_options(self) -> dict[str, Any]:
        return retry_options(self.settings.max_retries, self.gate, final=self._mode_rejected)

    def _mode_rejected(self, exc: BaseException) -> bool:
        """Whether a failure says the server does not support the output mode asked."""
        if not isinstance(exc, openai.APIStatusError):
            return False
        return rejects_mode(self.spec.mode, exc.status_code, str(exc.message))

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
        where = self.spec.base_url
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
