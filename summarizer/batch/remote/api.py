"""The OpenAI Batch API calls a run makes: upload, create, find, retrieve, download.

Every call goes through the SDK client of the online engine (same endpoint, key and
timeout) and the same transport retries: 429, 5xx, timeouts and dropped connections are
retried with backoff, honouring Retry-After; what still fails is a
:class:`~summarizer.errors.TransportError` with a one-line message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, TypeVar

import httpx2
import openai
from openai.types import Batch, FileObject
from tenacity import Retrying

from summarizer.batch.remote.lines import ENDPOINT
from summarizer.engines.openai import OpenAIEngine
from summarizer.engines.retry import describe, retry_options
from summarizer.errors import TransportError
from summarizer.fileio import atomic_writer
from summarizer.text import one_line

T = TypeVar("T")

COMPLETION_WINDOW: Final = "24h"
RECENT_BATCHES = 100
"""Batches listed when looking for one created just before a crash."""


class BatchClient:
    """The files and batches endpoints, through ``engine``'s client and retry policy."""

    def __init__(self, engine: OpenAIEngine) -> None:
        self.engine = engine

    def upload(self, path: Path) -> str:
        """Upload a request file for a batch (streamed from disk); its file id."""

        def send(client: openai.OpenAI) -> FileObject:
            with path.open("rb") as data:
                return client.files.create(
                    file=(path.name, data, "application/jsonl"), purpose="batch"
                )

        return self._call(f"uploading {path.name}", send).id

    def create(self, input_file_id: str, metadata: dict[str, str]) -> Batch:
        """Create a batch of the requests in an uploaded file."""
        return self._call(
            "creating a batch",
            lambda client: client.batches.create(
                input_file_id=input_file_id,
                endpoint=ENDPOINT,
                completion_window=COMPLETION_WINDOW,
                metadata=metadata,
            ),
        )

    def find(self, input_file_id: str) -> Batch | None:
        """A recent batch of the file ``input_file_id``, if one was created."""
        page = self._call(
            "listing batches", lambda client: client.batches.list(limit=RECENT_BATCHES)
        )
        return next((b for b in page.data if b.input_file_id == input_file_id), None)

    def retrieve(self, batch_id: str) -> Batch:
        """The batch as it stands."""
        return self._call(f"checking {batch_id}", lambda client: client.batches.retrieve(batch_id))

    def download(self, file_id: str, path: Path) -> None:
        """Save a file's content at ``path``, atomically, without the API key in it."""

        def fetch(client: openai.OpenAI) -> None:
            with (
                client.files.with_streaming_response.content(file_id) as response,
                atomic_writer(path) as out,
            ):
                try:
                    for chunk in self.engine.redactor.stream(response.iter_bytes()):
                        out.write(chunk)
                except httpx2.TransportError as exc:  # mid-body: the SDK does not wrap it
                    message = f"the download broke off ({type(exc).__name__})"
                    raise openai.APIConnectionError(message=message, request=exc.request) from exc

        self._call(f"downloading {file_id}", fetch)

    def _call(self, what: str, call: Callable[[openai.OpenAI], T]) -> T:
        settings = self.engine.settings
        options: dict[str, Any] = retry_options(settings.max_retries, self.engine.gate)
        try:
            for attempt in Retrying(**options):
                with attempt:
                    return call(self.engine.client)
        except openai.APIError as exc:
            where = self.engine.spec.base_url
            detail = self.engine.redact(one_line(str(getattr(exc, "message", exc)), None))[:300]
            raise TransportError(f"{what} at {where}: {describe(exc)}: {detail}") from None
        raise AssertionError("unreachable: tenacity reraises the last failure")
