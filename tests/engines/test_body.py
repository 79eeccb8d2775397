from __future__ import annotations

import json

import httpx2
import openai
import pytest

from summarizer.engines import body
from summarizer.engines.body import BodyReader, ErrorReply, UnreadableReply

REQUEST = httpx2.Request("POST", "http://127.0.0.1:1/v1/chat/completions")


def reader(content_type: str = "application/json", timeout: float = 5.0) -> BodyReader:
    response = httpx2.Response(200, headers={"content-type": content_type}, request=REQUEST)
    return BodyReader(response, timeout)


def test_a_json_object_read_in_chunks_is_the_body() -> None:
    read = reader()
    for chunk in (b'{"choices"', b": []}"):
        read.add(chunk)
    assert read.body() == b'{"choices": []}'


@pytest.mark.parametrize(
    ("chunks", "content_type", "said"),
    [
        ([b"502 Bad Gateway"], "text/plain; charset=utf-8", "(text/plain, 15 bytes)"),
        ([b'{"choices": [{"mess'], "application/json", "(application/json, 19 bytes)"),
        ([b""], "", "(no content type, 0 bytes)"),
        ([b'["a", "list"]'], "application/json", "(application/json, 13 bytes)"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_unreadable(
    chunks: list[bytes], content_type: str, said: str
) -> None:
    read = reader(content_type)
    for chunk in chunks:
        read.add(chunk)
    with pytest.raises(UnreadableReply) as caught:
        read.body()
    assert str(caught.value) == f"a reply that is not JSON {said}"


def test_a_body_still_coming_after_the_timeout_is_a_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [100.0]
    monkeypatch.setattr("summarizer.engines.body.time.monotonic", lambda: now[0])
    read = reader(timeout=2.0)
    read.add(b"{")
    now[0] = 101.9
    read.add(b" ")
    now[0] = 102.1
    with pytest.raises(openai.APITimeoutError):
        read.add(b"}")


def test_a_body_over_the_cap_is_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(body, "MAX_REPLY_BYTES", 10)
    read = reader()
    read.add(b"{" + b" " * 9)
    with pytest.raises(UnreadableReply, match="a reply over 10 bytes"):
        read.add(b"}")


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (httpx2.ReadTimeout("slow", request=REQUEST), openai.APITimeoutError),
        (httpx2.RemoteProtocolError("peer closed", request=REQUEST), openai.APIConnectionError),
        (httpx2.DecodingError("bad gzip", request=REQUEST), openai.APIConnectionError),
    ],
)
def test_errors_while_reading_are_the_sdks(raised: Exception, expected: type[Exception]) -> None:
    with pytest.raises(expected) as caught, reader().transport_errors():
        raise raised
    assert caught.value.__cause__ is raised


def read_all(content_type: str, body: bytes) -> bytes:
    read = reader(content_type)
    read.add(body)
    return read.body()


def test_a_streamed_body_is_assembled_into_its_completion() -> None:
    chunk = {"choices": [{"index": 0, "delta": {"content": "{}"}, "finish_reason": "stop"}]}
    body = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode()
    completion = json.loads(read_all("text/event-stream", body))
    assert completion["choices"][0]["message"]["content"] == "{}"


@pytest.mark.parametrize(
    ("body", "content_type", "status", "what"),
    [
        (
            b'{"error": "Unexpected endpoint"}',
            "application/json",
            200,
            "an error instead of a reply",
        ),
        (
            b'{"error": {"message": "Provider returned error", "code": 502}}',
            "application/json",
            502,
            "an error instead of a reply",
        ),
        (
            b'{"choices": [{"finish_reason": "error", "error": {"code": "503", "message": "x"}}]}',
            "application/json",
            503,
            "a reply whose choice ended in an error",
        ),
        (
            b"<!DOCTYPE html><html><title>UI</title></html>",
            "",
            200,
            "an HTML page instead of a reply",
        ),
        (
            b'data: {"error": {"message": "x"}}\n\n',
            "text/event-stream",
            200,
            "an error instead of a reply",
        ),
    ],
)
def test_an_error_in_a_2xx_is_an_error_reply_with_the_status_it_names(
    body: bytes, content_type: str, status: int, what: str
) -> None:
    with pytest.raises(ErrorReply) as caught:
        read_all(content_type, body)
    assert caught.value.status_code == status and caught.value.message == what
