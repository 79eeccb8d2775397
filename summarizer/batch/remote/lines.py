"""The JSONL lines of a batch run elsewhere: requests out, results back.

A request line is the OpenAI Batch API's, which vLLM's ``run_batch`` reads too: exactly
``custom_id``, ``method``, ``url`` and ``body``, the body being the request the online
path sends. A result line names its request's ``custom_id`` and carries a ``response``
(``status_code``, ``body``), an ``error``, or both, as either engine writes them:

```
{"custom_id": …, "response": {"status_code": 200, "body": {chat completion}}, "error": null}
{"custom_id": …, "response": {"status_code": 400, "body": {"error": {…}}}, "error": null}
{"custom_id": …, "response": null, "error": {"code": "batch_expired", "message": …}}
{"custom_id": …, "response": {"status_code": 400, "body": null}, "error": "vLLM's message"}
```

A 200 whose body is an error rather than a completion (a proxy's error object, a router's
choice that ended in ``"error"``) is read as the error it is, with the status it names,
as the online path reads such a reply (:func:`~summarizer.engines.body.reply_error`).

A custom id says which run, input, passage and attempt a request is:
``3fa2c1d0-17-p0-a2`` is the second attempt at passage 0 of input 17 of run ``3fa2c1d0``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from summarizer.text import one_line

ENDPOINT: Final = "/v1/chat/completions"
MAX_REQUESTS = 50_000
"""Most requests in one Batch API input file."""
MAX_BYTES = 200_000_000
"""Largest Batch API input file, in bytes (the API says 200 MB)."""

_CUSTOM_ID = re.compile(r"([0-9a-f]{8})-(\d+)-p(\d+)-a(\d+)")


@dataclass(frozen=True)
class RequestId:
    """Which request a line is: run, input (its number in the run), passage and attempt."""

    run: str
    input: int
    passage: int
    attempt: int

    def __str__(self) -> str:
        return f"{self.run}-{self.input}-p{self.passage}-a{self.attempt}"

    @classmethod
    def parse(cls, text: str) -> RequestId | None:
        """The id ``text`` spells, or ``None`` if it is not one of ours."""
        found = _CUSTOM_ID.fullmatch(text)
        if found is None:
            return None
        run, number, passage, attempt = found.groups()
        return cls(run, int(number), int(passage), int(attempt))


def request_line(custom_id: RequestId, body: Mapping[str, Any]) -> bytes:
    """One line of a request file, newline included."""
    line = {"custom_id": str(custom_id), "method": "POST", "url": ENDPOINT, "body": body}
    return (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass(frozen=True)
class ResultLine:
    """What came back for one request."""

    custom_id: str
    status: int | None
    """The HTTP status of the request; ``None`` when it never ran (an expired batch)."""
    body: Any
    """The response body: a chat completion when ``status`` is 200."""
    code: str | None
    """The error's code, when there is one (``batch_expired``…)."""
    message: str | None
    """The error's message, from wherever the engine put it."""
    error: Any = None
    """The error as the line carries it (an object or text), for its cause to be read."""

    @property
    def answered(self) -> bool:
        """Whether the line carries a reply for the exchange to judge."""
        return self.status == 200 and isinstance(self.body, dict) and self.message is None

    @property
    def reply(self) -> bytes:
        """The reply body as the online path receives it."""
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")

    @property
    def problem(self) -> str:
        """The error in a few words: status, code and message."""
        parts = [f"HTTP {self.status}" if self.status is not None else "not run"]
        if self.code and self.code != str(self.status):
            parts.append(self.code)
        return ": ".join(parts) + (f": {one_line(self.message, 300)}" if self.message else "")

    @classmethod
    def parse(cls, line: bytes | str) -> ResultLine:
        """Read one result line; raises :class:`ValueError` if it is not one."""
        data = json.loads(line)
        if not isinstance(data, dict) or not isinstance(data.get("custom_id"), str):
            raise ValueError("not a result line")
        response = data.get("response")
        error = data.get("error")
        status = body = None
        if isinstance(response, dict):
            found = response.get("status_code")
            status = found if isinstance(found, int) else None
            body = response.get("body")
        code, message = _error(error)
        if message is None and status != 200 and isinstance(body, dict):
            code, message = _error(body.get("error", body))
            error = body
        elif message is None and status == 200 and isinstance(body, dict):
            from summarizer.engines.body import reply_error  # the SDK, once results are read

            found = reply_error(body)  # a proxy's or router's error with a 200
            if found is not None:
                error, named = found
                status = named or status
                code, message = _error(error)
        if status is None and message is None:
            message = "no response and no error"
        return cls(data["custom_id"], status, body, code, message, error)


def _error(error: object) -> tuple[str | None, str | None]:
    """Code and message of an error however it is shaped (string, object, nested object)."""
    if error is None:
        return None, None
    if isinstance(error, str):
        return None, error
    if not isinstance(error, dict):
        return None, str(error)
    if isinstance(error.get("error"), dict):
        return _error(error["error"])
    code = error.get("code")
    message = error.get("message")
    return (
        None if code is None else str(code),
        str(message) if message is not None else json.dumps(error)[:300],
    )


def read_results(lines: Iterable[bytes]) -> Iterator[ResultLine | None]:
    """The result lines of a file, ``None`` for each line that is not one."""
    for line in lines:
        if not line.strip():
            continue
        try:
            yield ResultLine.parse(line)
        except ValueError:
            yield None


def pack(lines: Iterable[bytes], max_requests: int, max_bytes: int) -> Iterator[list[bytes]]:
    """``lines`` in order, grouped into files of at most ``max_requests`` and ``max_bytes``.

    A line over ``max_bytes`` on its own is the caller's to leave out.
    """
    group: list[bytes] = []
    size = 0
    for line in lines:
        if group and (len(group) >= max_requests or size + len(line) > max_bytes):
            yield group
            group, size = [], 0
        group.append(line)
        size += len(line)
    if group:
        yield group
