from __future__ import annotations

import json
from typing import Any

import httpx2
import openai
import pytest

from summarizer.testing import (
    BatchAPI,
    Course,
    Reply,
    Request,
    SchemaModel,
    completion_body,
    error_body,
    run_batch_file,
    transport,
)


def line(
    custom_id: str, model: str = "m", text: str = "Seoul and Tokyo met.", **changes: Any
) -> dict[str, Any]:
    body = {"model": model, "messages": [{"role": "user", "content": text}]}
    return {
        "custom_id": custom_id,
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": body,
        **changes,
    }


def jsonl(*lines: dict[str, Any]) -> bytes:
    return b"".join((json.dumps(item) + "\n").encode() for item in lines)


def answering(request: Request) -> Reply:
    if request.json["messages"][0]["content"] == "fail":
        return Reply(status=500, body=error_body("boom", "server_error"))
    return Reply(body=completion_body("ok"))


def submit(client: openai.OpenAI, content: bytes) -> str:
    uploaded = client.files.create(file=("r.jsonl", content, "application/jsonl"), purpose="batch")
    batch = client.batches.create(
        input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    return batch.id


def run_to_end(client: openai.OpenAI, batch_id: str) -> list[str]:
    seen: list[str] = []
    while True:
        batch = client.batches.retrieve(batch_id)
        seen.append(batch.status)
        if batch.status in ("completed", "failed", "expired", "cancelled"):
            return seen


def read(client: openai.OpenAI, file_id: str | None) -> list[dict[str, Any]]:
    assert file_id is not None
    return [json.loads(x) for x in client.files.content(file_id).content.splitlines()]


@pytest.fixture
def client_of() -> Any:
    """A client of the API served in-process (the SDK's multipart upload included)."""
    clients: list[openai.OpenAI] = []

    def make(api: BatchAPI) -> openai.OpenAI:
        http = httpx2.Client(transport=transport(api))
        client = openai.OpenAI(
            api_key="k", base_url="http://batch.test/v1", max_retries=0, http_client=http
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def test_a_batch_moves_along_its_course_and_splits_output_and_errors(client_of: Any) -> None:
    api = BatchAPI(answering)
    client = client_of(api)
    batch_id = submit(client, jsonl(line("a"), line("b", text="fail")))
    assert run_to_end(client, batch_id) == ["in_progress", "finalizing", "completed"]
    batch = client.batches.retrieve(batch_id)
    assert batch.request_counts is not None and batch.request_counts.total == 2
    (ok,) = read(client, batch.output_file_id)
    (error,) = read(client, batch.error_file_id)
    assert ok["custom_id"] == "a" and ok["error"] is None
    assert (
        ok["response"]["status_code"] == 200
        and ok["response"]["body"]["object"] == "chat.completion"
    )
    assert error["response"]["status_code"] == 500
    assert error["response"]["body"]["error"]["message"] == "boom"
    assert [b.id for b in client.batches.list().data] == [batch_id]
    assert api.uploads == api.created == 1 and api.retrieved == 4


def test_expired_batches_list_what_they_did_not_run_cancelled_ones_leave_it_out(
    client_of: Any,
) -> None:
    api = BatchAPI(
        answering, courses=[Course(end="expired", ran=1), Course(end="cancelled", ran=1)]
    )
    client = client_of(api)
    content = jsonl(line("a"), line("b"), line("c"))
    expired, cancelled = submit(client, content), submit(client, content)
    run_to_end(client, expired)
    run_to_end(client, cancelled)
    first, second = client.batches.retrieve(expired), client.batches.retrieve(cancelled)
    assert first.status == "expired" and [
        x["custom_id"] for x in read(client, first.output_file_id)
    ] == ["a"]
    errors = read(client, first.error_file_id)
    assert [(x["custom_id"], x["response"], x["error"]["code"]) for x in errors] == [
        ("b", None, "batch_expired"),
        ("c", None, "batch_expired"),
    ]
    assert second.status == "cancelled" and second.error_file_id is None
    assert second.request_counts is not None and second.request_counts.total == 3


@pytest.mark.parametrize(
    ("content", "limits", "code"),
    [
        (jsonl(line("a", extra=1)), {}, "invalid_request"),
        (jsonl(line("a", url="/v1/embeddings")), {}, "invalid_request"),
        (jsonl(line("a", method="GET")), {}, "invalid_request"),
        (jsonl(line("a"), line("a")), {}, "duplicate_custom_id"),
        (jsonl(line("a"), line("b", model="other")), {}, "mismatched_model"),
        (jsonl(line("a"), line("b")), {"max_requests": 1}, "too_many_requests"),
        (jsonl(line("a")), {"max_bytes": 10}, "file_too_large"),
        (b"{not json\n", {}, "invalid_json_line"),
    ],
)
def test_a_request_file_breaking_the_rules_fails_the_batch(
    client_of: Any, content: bytes, limits: dict[str, Any], code: str
) -> None:
    client = client_of(BatchAPI(SchemaModel(), **limits))
    batch_id = submit(client, content)
    assert run_to_end(client, batch_id) == ["failed"]
    batch = client.batches.retrieve(batch_id)
    assert batch.errors is not None and batch.errors.data is not None
    assert batch.errors.data[0].code == code and batch.output_file_id is None


def test_bad_calls_are_refused_and_chat_goes_to_the_model(client_of: Any) -> None:
    client = client_of(BatchAPI(answering))
    with pytest.raises(openai.NotFoundError):
        client.batches.create(
            input_file_id="file-x", endpoint="/v1/chat/completions", completion_window="24h"
        )
    other = client.files.create(file=("f.jsonl", b"{}", "application/jsonl"), purpose="user_data")
    with pytest.raises(openai.BadRequestError, match="purpose is not batch"):
        client.batches.create(
            input_file_id=other.id, endpoint="/v1/chat/completions", completion_window="24h"
        )
    with pytest.raises(openai.NotFoundError):
        client.batches.retrieve("batch-none")
    assert client.files.retrieve(other.id).bytes == 2
    reply = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    assert reply.choices[0].message.content == "ok"


def test_run_batch_file_writes_vllm_result_lines() -> None:
    results = run_batch_file(jsonl(line("a"), line("b", text="fail")), answering)
    ok, failed = (json.loads(x) for x in results.splitlines())
    assert ok["custom_id"] == "a" and ok["error"] is None
    assert ok["response"]["body"]["choices"][0]["message"]["content"] == "ok"
    assert failed["response"] == {"status_code": 500, "request_id": "vllm-batch-2", "body": None}
    assert failed["error"]["error"]["message"] == "boom"
