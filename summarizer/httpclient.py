"""HTTP clients whose every request ends within a total deadline, and keeps off private hosts.

httpx2's timeouts bound each operation (connecting, each read, each write): a server that
sends its headers or body a byte at a time, each byte just within the read timeout, holds
a request for as long as it likes. :class:`Client` and :class:`AsyncClient` give each
request (its redirects, connection, headers and body included) ``deadline`` seconds in
all: every socket operation waits at most until the deadline, and past it fails as a
timeout (``httpx2.ConnectTimeout``, ``ReadTimeout`` or ``WriteTimeout``).

With ``allow_private=False`` a request to a loopback, link-local, private or otherwise
non-public address (``localhost``, ``10.0.0.5``, ``169.254.169.254``, ``[::1]``) raises
:class:`PrivateAddress`: the host's addresses are checked before each request and each
redirect, and the address actually connected to is checked again (so a name that
resolves to a public address for the check and a private one for the connection is
still refused). Through a proxy only the first check applies: the proxy connects.

Both clients are httpx2's, built with the same arguments; they bound the requests of
the transports httpx2 builds itself (a ``transport`` passed in is used as it is).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import httpcore2
import httpx2

log = logging.getLogger("summarizer")

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "briefing_request_deadline", default=None
)


class PrivateAddress(Exception):
    """A request would reach a loopback, link-local, private or reserved address."""


def is_public(address: str) -> bool:
    """Whether the IP ``address`` is a public (globally routed, unicast) one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class Client(httpx2.Client):
    """An ``httpx2.Client`` whose requests each end within ``deadline`` seconds."""

    def __init__(self, *, deadline: float, allow_private: bool = True, **options: Any) -> None:
        self.deadline = deadline
        if not allow_private:
            options = _with_hook(options, _refuse_private_host)
        super().__init__(**options)
        _bound_transports(self, allow_private, _Backend)

    def send(self, request: httpx2.Request, **options: Any) -> httpx2.Response:
        """Send ``request`` (see ``httpx2.Client.send``), within the deadline."""
        deadline = time.monotonic() + self.deadline
        token = _deadline.set(deadline)
        try:
            response = super().send(request, **options)
        finally:
            _deadline.reset(token)
        response.stream = _Body(response.stream, deadline)
        return response

    def __del__(self) -> None:
        """Close the connections of a client dropped without closing, as the SDK's do."""
        if not self.is_closed:
            with contextlib.suppress(Exception):
                self.close()


class AsyncClient(httpx2.AsyncClient):
    """An ``httpx2.AsyncClient`` whose requests each end within ``deadline`` seconds."""

    def __init__(self, *, deadline: float, allow_private: bool = True, **options: Any) -> None:
        self.deadline = deadline
        if not allow_private:
            options = _with_hook(options, _arefuse_private_host)
        super().__init__(**options)
        _bound_transports(self, allow_private, _AsyncBackend)

    async def send(self, request: httpx2.Request, **options: Any) -> httpx2.Response:
        """Send ``request`` (see ``httpx2.AsyncClient.send``), within the deadline."""
        deadline = time.monotonic() + self.deadline
        token = _deadline.set(deadline)
        try:
            response = await super().send(request, **options)
        finally:
            _deadline.reset(token)
        response.stream = _AsyncBody(response.stream, deadline)
        return response

    def __del__(self) -> None:
        """Close the connections of a client dropped without closing, if a loop runs."""
        if not self.is_closed:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().create_task(self.aclose())


def _with_hook(options: dict[str, Any], hook: Any) -> dict[str, Any]:
    """``options`` with ``hook`` run first before each request (and each redirect)."""
    hooks = dict(options.get("event_hooks") or {})
    hooks["request"] = [hook, *hooks.get("request", [])]
    return {**options, "event_hooks": hooks}


def _refuse_private_host(request: httpx2.Request) -> None:
    try:
        found = socket.getaddrinfo(request.url.host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return  # connecting fails on its own, and says why
    _refuse_private(request.url.host, [str(info[4][0]) for info in found])


async def _arefuse_private_host(request: httpx2.Request) -> None:
    loop = asyncio.get_running_loop()
    try:
        found = await loop.getaddrinfo(request.url.host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return
    _refuse_private(request.url.host, [str(info[4][0]) for info in found])


def _refuse_private(host: str, addresses: list[str]) -> None:
    for address in addresses:
        if not is_public(address):
            raise PrivateAddress(f"{host} is at a non-public address ({address})")


def _bound_transports(
    client: httpx2.Client | httpx2.AsyncClient, allow_private: bool, backend: Any
) -> None:
    """Put ``backend`` under the connection pool of every transport httpx2 built."""
    transports = [(client._transport, True)]
    transports += [(t, False) for t in client._mounts.values() if t is not None]
    for transport, direct in transports:
        if not isinstance(transport, httpx2.HTTPTransport | httpx2.AsyncHTTPTransport):
            continue  # one passed in (a mock, a test's): used as it is
        pool = getattr(transport, "_pool", None)
        inner = getattr(pool, "_network_backend", None)
        if inner is None:
            log.warning("httpx2 changed: requests are bounded by its per-read timeouts only")
            continue
        pool._network_backend = backend(inner, check=direct and not allow_private)  # type: ignore[union-attr]


def _remaining(timeout: float | None, late: type[Exception]) -> float | None:
    """``timeout`` cut to what is left of the current request's deadline."""
    deadline = _deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise late("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


def _check_peer(stream: Any) -> None:
    address = stream.get_extra_info("server_addr")
    if isinstance(address, tuple) and not is_public(str(address[0])):
        raise PrivateAddress(f"the connection reached a non-public address ({address[0]})")


class _Stream(httpcore2.NetworkStream):
    def __init__(self, inner: httpcore2.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _remaining(timeout, httpcore2.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _remaining(timeout, httpcore2.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore2.NetworkStream:
        late = _remaining(timeout, httpcore2.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, late))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore2.NetworkBackend):
    def __init__(self, inner: httpcore2.NetworkBackend, *, check: bool) -> None:
        self._inner = inner
        self._check = check

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        late = _remaining(timeout, httpcore2.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, late, local_address, socket_options)
        if self._check:
            try:
                _check_peer(stream)
            except PrivateAddress:
                stream.close()
                raise
        return _Stream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore2.NetworkStream:
        late = _remaining(timeout, httpcore2.ConnectTimeout)
        return _Stream(self._inner.connect_unix_socket(path, late, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _AsyncStream(httpcore2.AsyncNetworkStream):
    def __init__(self, inner: httpcore2.AsyncNetworkStream) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, _remaining(timeout, httpcore2.ReadTimeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, _remaining(timeout, httpcore2.WriteTimeout))

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        late = _remaining(timeout, httpcore2.ConnectTimeout)
        return _AsyncStream(await self._inner.start_tls(ssl_context, server_hostname, late))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _AsyncBackend(httpcore2.AsyncNetworkBackend):
    def __init__(self, inner: httpcore2.AsyncNetworkBackend, *, check: bool) -> None:
        self._inner = inner
        self._check = check

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.AsyncNetworkStream:
        late = _remaining(timeout, httpcore2.ConnectTimeout)
        stream = await self._inner.connect_tcp(host, port, late, local_address, socket_options)
        if self._check:
            try:
                _check_peer(stream)
            except PrivateAddress:
                await stream.aclose()
                raise
        return _AsyncStream(stream)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore2.AsyncNetworkStream:
        late = _remaining(timeout, httpcore2.ConnectTimeout)
        return _AsyncStream(await self._inner.connect_unix_socket(path, late, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _Body(httpx2.SyncByteStream):
    """A response body read within the deadline of its request."""

    def __init__(self, inner: Any, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def __iter__(self) -> Iterator[bytes]:
        chunks = iter(self._inner)
        while True:
            token = _deadline.set(self._deadline)
            try:
                chunk = next(chunks, None)
            finally:
                _deadline.reset(token)
            if chunk is None:
                return
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _AsyncBody(httpx2.AsyncByteStream):
    """A response body read within the deadline of its request."""

    def __init__(self, inner: Any, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = aiter(self._inner)
        while True:
            token = _deadline.set(self._deadline)
            try:
                chunk = await anext(chunks, None)
            finally:
                _deadline.reset(token)
            if chunk is None:
                return
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()
