from __future__ import annotations

import httpx2
import openai
import pytest

from summarizer.engines import body
from summarizer.engines.body import BodyReader

REQUEST = httpx2.Request("POST", "http://127.0.0.1:1/v1/chat/completions")


def reader(content_type: str = "application/json", timeout: float = 5.0) -> BodyReader:
    response = httpx2.Response(200, headers={"content-type": content_type}, request=REQUEST)
    return BodyReader(response, timeout)


def test_a_body_read_in_chunks_is_the_body() -> None:
    read = reader()
    for chunk in (b'{"choices"', b": []}"):
        read.add(chunk)
    assert read.body() == b'{"choices": []}'


def test_a_body_still_coming_after_the_timeout_is_a_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [100.0]
    monkeypatch.setattr(body.time, "monotonic", lambda: now[0])
    read = reader(timeout=2.0)
    read.add(b"{")
    now[0] = 101.9
    read.add(b" ")
    now[0] = 102.1
    with pytest.raises(openai.APITimeoutError):
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
