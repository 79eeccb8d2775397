"""A loopback Batch API: the files and batches endpoints of an OpenAI-compatible server.

:class:`BatchAPI` is a handler for :class:`~summarizer.testing.FakeServer`. It keeps
uploaded files (``POST /v1/files``, multipart, as the SDK sends them), creates batches
(``POST /v1/batches``), lists them, and serves file contents. Each ``GET`` of a batch
moves it one status along its :class:`Course` (validating, in_progress, finalizing)
until its end: ``completed``, ``failed``, ``expired`` or ``cancelled``. When a batch
ends, ``model`` (any handler: :class:`~summarizer.testing.SchemaModel`, a
:class:`~summarizer.testing.Script`…) answers its requests, each line as the request it
stands for: a 200 reply goes to the output file, any other to the error file, as the
API writes them; an expired batch lists the requests it did not run in its error file
(``batch_expired``), a cancelled one leaves them out. A request file that breaks the
API's rules (line keys, method, URL, duplicate ids, one model, size and count limits)
fails the batch with the API's kind of error. Chat completions are answered by ``model``
too, for re-asks sent online.

:func:`run_batch_file` does with a request file what vLLM's ``run_batch`` does.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from summarizer.testing.replies import Handler, Reply, Request, error_body

MAX_REQUESTS = 50_000
MAX_BYTES = 200_000_000
LINE_KEYS = frozenset({"custom_id", "method", "url", "body"})

_FILE = re.compile(r"/v1/files/([\w-]+)(/content)?")
_BATCH = re.compile(r"/v1/batches/([\w-]+)")


@dataclass(frozen=True)
class Course:
    """How a batch goes: the statuses it passes, how it ends, how many requests run."""

    steps: tuple[str, ...] = ("validating", "in_progress", "finalizing")
    end: str = "completed"
    ran: int | None = None
    """Requests run before the end (an expired or cancelled batch); ``None``: all."""
    reason: str = "token_limit_exceeded: Enqueued token limit reached."
    """``code: message`` of a batch that ends ``failed``."""


@dataclass
class _Batch:
    data: dict[str, Any]
    course: Course
    step: int = 0


@dataclass
class _File:
    name: str
    purpose: str
    content: bytes
    created_at: int = field(default_factory=lambda: int(time.time()))

    def info(self, file_id: str) -> dict[str, Any]:
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(self.content),
            "created_at": self.created_at,
            "filename": self.name,
            "purpose": self.purpose,
            "status": "processed",
        }


class BatchAPI:
    """A handler serving files, batches and chat completions; see the module's docstring.

    ``courses`` gives the course of each batch in the order they are created (the last
    repeats), or is a function of that order. ``uploads``, ``created`` and ``retrieved``
    count the calls.
    """

    def __init__(
        self,
        model: Handler,
        *,
        courses: Sequence[Course] | Callable[[int], Course] = (Course(),),
        max_requests: int = MAX_REQUESTS,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.model = model
        self.courses = courses
        self.max_requests = max_requests
        self.max_bytes = max_bytes
        self.files: dict[str, _File] = {}
        self.batches: dict[str, _Batch] = {}
        self.uploads = self.created = self.retrieved = 0
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Reply:
        path = request.path.split("?", 1)[0]
        with self._lock:
            if request.method == "POST" and path == "/v1/chat/completions":
                return self.model(request)
            if request.method == "POST" and path == "/v1/files":
                return self._upload(request)
            if request.method == "POST" and path == "/v1/batches":
                return self._create(request.json)
            if request.method == "GET" and path == "/v1/batches":
                data = [b.data for b in reversed(self.batches.values())]
                return Reply(body={"object": "list", "data": data, "has_more": False})
            found = _FILE.fullmatch(path)
            if request.method == "GET" and found and found.group(1) in self.files:
                stored = self.files[found.group(1)]
                if found.group(2):
                    return Reply(body=stored.content, headers={"content-type": "application/jsonl"})
                return Reply(body=stored.info(found.group(1)))
            found = _BATCH.fullmatch(path)
            if request.method == "GET" and found and found.group(1) in self.batches:
                return Reply(body=self._advance(self.batches[found.group(1)]))
        return Reply(status=404, body=error_body(f"no route for {request.method} {path}"))

    def content(self, file_id: str) -> bytes:
        """The content of a stored file."""
        return self.files[file_id].content

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}-{next(self._ids):05d}"

    def store(self, name: str, purpose: str, content: bytes) -> str:
        """Keep a file as if uploaded; its id."""
        file_id = self._new_id("file")
        self.files[file_id] = _File(name, purpose, content)
        return file_id

    def _upload(self, request: Request) -> Reply:
        head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + request.body)
        fields: dict[str, tuple[str | None, bytes]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            fields[str(name)] = (part.get_filename(), data)
        if "file" not in fields or "purpose" not in fields:
            return Reply(status=400, body=error_body("file and purpose are required"))
        filename, content = fields["file"]
        self.uploads += 1
        file_id = self.store(filename or "upload", fields["purpose"][1].decode(), content)
        return Reply(body=self.files[file_id].info(file_id))

    def _create(self, body: dict[str, Any]) -> Reply:
        stored = self.files.get(str(body.get("input_file_id")))
        if stored is None:
            return Reply(status=404, body=error_body("no such file"))
        if body.get("completion_window") != "24h":
            return Reply(status=400, body=error_body("completion_window must be 24h"))
        if stored.purpose != "batch":
            return Reply(status=400, body=error_body("the file's purpose is not batch"))
        course = self._course(len(self.batches))
        problem = self._invalid(stored.content, str(body.get("endpoint")))
        if problem is not None:
            course = Course(steps=("validating",), end="failed", reason=problem)
        self.created += 1
        batch_id = self._new_id("batch")
        now = int(time.time())
        data = {
            "id": batch_id,
            "object": "batch",
            "endpoint": body.get("endpoint"),
            "errors": None,
            "input_file_id": body["input_file_id"],
            "completion_window": "24h",
            "status": course.steps[0] if course.steps else course.end,
            "output_file_id": None,
            "error_file_id": None,
            "created_at": now,
            "expires_at": now + 86_400,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "metadata": body.get("metadata"),
        }
        self.batches[batch_id] = _Batch(data, course)
        return Reply(body=data)

    def _course(self, index: int) -> Course:
        if callable(self.courses):
            return self.courses(index)
        return self.courses[min(index, len(self.courses) - 1)]

    def _invalid(self, content: bytes, endpoint: str) -> str | None:
        """Why a request file breaks the Batch API's rules, as ``code: message``."""
        if len(content) > self.max_bytes:
            return f"file_too_large: over {self.max_bytes} bytes"
        lines = [line for line in content.splitlines() if line.strip()]
        if len(lines) > self.max_requests:
            return f"too_many_requests: over {self.max_requests} requests"
        seen: set[str] = set()
        models: set[str] = set()
        for number, raw in enumerate(lines, start=1):
            try:
                line = json.loads(raw)
            except ValueError:
                return f"invalid_json_line: line {number}"
            if set(line) != LINE_KEYS or line["method"] != "POST" or line["url"] != endpoint:
                return f"invalid_request: line {number} is not a {endpoint} request line"
            if line["custom_id"] in seen:
                return f"duplicate_custom_id: line {number}"
            seen.add(line["custom_id"])
            models.add(str(line["body"].get("model")))
        if len(models) > 1:
            return "mismatched_model: a batch file must use one model"
        return None

    def _advance(self, batch: _Batch) -> dict[str, Any]:
        """The batch one status further along its course."""
        data, course = batch.data, batch.course
        self.retrieved += 1
        if data["status"] in ("completed", "failed", "expired", "cancelled"):
            return data
        batch.step += 1
        if batch.step < len(course.steps):
            data["status"] = course.steps[batch.step]
            return data
        self._end(batch)
        return data

    def _end(self, batch: _Batch) -> None:
        data, course = batch.data, batch.course
        data["status"] = course.end
        if course.end == "failed":
            code, _, message = course.reason.partition(": ")
            data["errors"] = {
                "object": "list",
                "data": [{"code": code, "message": message, "line": None, "param": None}],
            }
            return
        content = self.files[data["input_file_id"]].content
        lines = [json.loads(line) for line in content.splitlines() if line.strip()]
        ran = len(lines) if course.ran is None else course.ran
        output: list[bytes] = []
        errors: list[bytes] = []
        for index, line in enumerate(lines):
            if index < ran:
                reply = self._answer(line)
                (output if reply["response"]["status_code"] == 200 else errors).append(
                    _jsonl(reply)
                )
            elif course.end == "expired":
                errors.append(_jsonl(_expired(line["custom_id"])))
        data["request_counts"] = {
            "total": len(lines),
            "completed": len(output),
            "failed": len(errors),
        }
        if output:
            data["output_file_id"] = self.store("output.jsonl", "batch_output", b"".join(output))
        if errors:
            data["error_file_id"] = self.store("errors.jsonl", "batch_output", b"".join(errors))

    def _answer(self, line: dict[str, Any]) -> dict[str, Any]:
        reply = _ask(self.model, line)
        body, _ = reply.encoded()
        number = next(self._ids)
        return {
            "id": f"batch_req_{number}",
            "custom_id": line["custom_id"],
            "response": {
                "status_code": reply.status,
                "request_id": f"req_{number}",
                "body": json.loads(body),
            },
            "error": None,
        }


def run_batch_file(requests: bytes, model: Handler) -> bytes:
    """The results file vLLM's ``run_batch`` writes for a request file, ``model`` answering.

    One line per request, in order; a request the model answers with an error status
    gets vLLM's error line (the status, no body, the error object).
    """
    results: list[bytes] = []
    for number, raw in enumerate(requests.splitlines(), start=1):
        if not raw.strip():
            continue
        line = json.loads(raw)
        reply = _ask(model, line)
        body = json.loads(reply.encoded()[0])
        ok = reply.status == 200
        response = {
            "status_code": reply.status,
            "request_id": f"vllm-batch-{number}",
            "body": body if ok else None,
        }
        entry = {
            "id": f"vllm-{number}",
            "custom_id": line["custom_id"],
            "response": response,
            "error": None if ok else body,
        }
        results.append(_jsonl(entry))
    return b"".join(results)


def _ask(model: Handler, line: dict[str, Any]) -> Reply:
    body = json.dumps(line["body"]).encode("utf-8")
    headers = {"content-type": "application/json"}
    return model(Request(method=line["method"], path=line["url"], headers=headers, body=body))


def _expired(custom_id: str) -> dict[str, Any]:
    return {
        "id": f"batch_req_{custom_id}",
        "custom_id": custom_id,
        "response": None,
        "error": {
            "code": "batch_expired",
            "message": "This request could not be executed before the completion window expired.",
        },
    }


def _jsonl(data: dict[str, Any]) -> bytes:
    return (json.dumps(data) + "\n").encode("utf-8")
