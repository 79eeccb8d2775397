from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.batch.remote.api import BatchClient
from summarizer.errors import TransportError
from summarizer.testing import BatchAPI, Course, FakeServer, Reply, Request, SchemaModel, error_body
from tests.batch.remote.conftest import engine_for_server

LINE = (
    b'{"custom_id": "00000000-0-p0-a1", "method": "POST", "url": "/v1/chat/completions", '
    b'"body": {"model": "m", "messages": [{"role": "user", "content": "hi"}]}}\n'
)


def test_upload_create_find_retrieve_and_download(tmp_path: Path) -> None:
    api = BatchAPI(SchemaModel(), courses=[Course(steps=("validating",), end="failed")])
    (tmp_path / "requests-1.jsonl").write_bytes(LINE)
    with FakeServer(api) as server:
        engine = engine_for_server(server)
        client = BatchClient(engine)
        file_id = client.upload(tmp_path / "requests-1.jsonl")
        created = client.create(file_id, {"briefing_run": "00000000", "round": "1"})
        assert client.find(file_id) == created and client.find("file-none") is None
        ended = client.retrieve(created.id)
        engine.close()
    stored = api.files[file_id]
    assert (stored.name, stored.purpose, stored.content) == ("requests-1.jsonl", "batch", LINE)
    assert created.status == "validating" and created.endpoint == "/v1/chat/completions"
    assert created.metadata == {"briefing_run": "00000000", "round": "1"}
    assert created.completion_window == "24h"
    assert ended.status == "failed" and ended.errors is not None and ended.errors.data
    assert ended.errors.data[0].code == "token_limit_exceeded"


def test_downloads_are_retried_and_written_whole(tmp_path: Path) -> None:
    api = BatchAPI(SchemaModel())
    failures = [
        Reply(status=503, body=error_body("busy"), headers={"retry-after": "0"}),
        Reply(body=b"x" * 10, drop_after=5),
    ]

    def flaky(request: Request) -> Reply:
        if request.path.endswith("/content") and failures:
            return failures.pop(0)
        return api(request)

    with FakeServer(flaky) as server:
        file_id = api.store("output.jsonl", "batch_output", b"line\n" * 1000)
        engine = engine_for_server(server, max_retries=2)
        BatchClient(engine).download(file_id, tmp_path / "out.jsonl")
        engine.close()
    assert (tmp_path / "out.jsonl").read_bytes() == b"line\n" * 1000
    assert not failures and not list(tmp_path.glob(".*.tmp"))


def test_a_call_that_keeps_failing_is_one_clear_error_without_the_key() -> None:
    key = "sk-secret-0123456789"

    def refuse(request: Request) -> Reply:
        return Reply(status=401, body=error_body(f"Incorrect API key provided: {key}"))

    with FakeServer(refuse) as server:
        engine = engine_for_server(server, api_key=key)
        with pytest.raises(TransportError) as caught:
            BatchClient(engine).retrieve("batch-1")
        engine.close()
    message = str(caught.value)
    assert message.startswith(f"checking batch-1 at {server.base_url}: HTTP 401: ")
    assert key not in message and "[redacted]" in message
    assert server.count == 1, "a 401 is not retried"
