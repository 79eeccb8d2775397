from __future__ import annotations

import asyncio
import time

import httpx2
import pytest

from summarizer import httpclient
from summarizer.httpclient import AsyncClient, Client, PrivateAddress
from summarizer.testing import FakeServer, Reply, Request
from tests.tarpit import tarpit


def _backends(client: httpx2.Client | httpx2.AsyncClient) -> list[object]:
    transports = [client._transport, *client._mounts.values()]
    return [t._pool._network_backend for t in transports if t is not None]  # type: ignore[attr-defined]


def test_every_transport_httpx2_builds_is_bounded_proxies_included(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:3129")
    with Client(deadline=1.0) as client:
        backends = _backends(client)
        assert len(backends) >= 3
        assert all(isinstance(b, httpclient._Backend) for b in backends)
    aclient = AsyncClient(deadline=1.0)
    assert all(isinstance(b, httpclient._AsyncBackend) for b in _backends(aclient))
    asyncio.run(aclient.aclose())


def test_a_transport_passed_in_is_used_as_it_is() -> None:
    mock = httpx2.MockTransport(lambda request: httpx2.Response(200, text="ok"))
    with Client(deadline=1.0, transport=mock) as client:
        assert client.get("http://example.test/").text == "ok"


def test_the_deadline_bounds_the_whole_request_sync_and_async() -> None:
    with tarpit(interval=0.05, lifetime=20) as root:
        with Client(deadline=0.4, timeout=5) as client, pytest.raises(httpx2.ReadTimeout):
            client.get(root)

        async def fetch() -> None:
            async with AsyncClient(deadline=0.4, timeout=5) as client:
                await client.get(root)

        with pytest.raises(httpx2.ReadTimeout):
            asyncio.run(fetch())


def test_a_streamed_body_is_read_within_the_deadline() -> None:
    body = b"x" * 5000

    def handler(_request: Request) -> Reply:
        return Reply(body=body, headers={"content-type": "text/plain"}, trickle=0.01)

    with (
        FakeServer(handler, lifetime=30) as server,
        Client(deadline=0.4, timeout=5) as client,
        client.stream("GET", server.base_url) as response,
        pytest.raises(httpx2.ReadTimeout),
    ):
        b"".join(response.iter_bytes())


def test_each_request_gets_its_own_deadline() -> None:
    with (
        FakeServer(lambda _request: Reply(body={"ok": True}), lifetime=30) as server,
        Client(deadline=0.5) as client,
    ):
        for _ in range(3):
            assert client.get(server.base_url).json() == {"ok": True}
            time.sleep(0.3)  # the time between requests counts against none of them


def test_private_hosts_are_refused_by_the_async_client_too() -> None:
    async def fetch() -> None:
        async with AsyncClient(deadline=1.0, allow_private=False) as client:
            await client.get("http://localhost:9/")

    with pytest.raises(PrivateAddress, match="localhost is at a non-public address"):
        asyncio.run(fetch())
