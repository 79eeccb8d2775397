"""Serving handlers: a loopback HTTP server, or an in-process httpx2 transport."""

from __future__ import annotations

import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

import httpx2

from summarizer.testing.replies import Handler, Request

LIFETIME = 900.0
"""Seconds after which a forgotten server shuts itself down."""
POLL_S = 0.02
"""How often the serving loop checks for a shutdown: what stopping a server costs."""


class FakeServer:
    """An OpenAI-compatible server on 127.0.0.1 answering with ``handler``.

    Use as a context manager; ``base_url`` ends in ``/v1``; ``requests`` keeps every
    request received. Replies are sent with TCP_NODELAY so that small bodies are not
    held back by delayed ACKs.
    """

    def __init__(self, handler: Handler, *, lifetime: float = LIFETIME) -> None:
        self.handler = handler
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._httpd = _QuietServer(("127.0.0.1", 0), _handler_class(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": POLL_S}, daemon=True
        )
        self._timer = threading.Timer(lifetime, self.stop)
        self._timer.daemon = True

    @property
    def base_url(self) -> str:
        """The API root, e.g. ``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def count(self) -> int:
        """How many requests the server has received."""
        with self._lock:
            return len(self.requests)

    def start(self) -> FakeServer:
        """Start serving in a background thread."""
        self._thread.start()
        self._timer.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._timer.cancel()
        self._httpd.shutdown()
        self._httpd.server_close()

    def record(self, request: Request) -> None:
        """Keep a received request."""
        with self._lock:
            self.requests.append(request)

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class _QuietServer(ThreadingHTTPServer):
    """A threaded server for many connections at once, quiet about clients hanging up.

    A batch opens dozens of connections: the listen backlog must hold them (socketserver's
    default of 5 drops the rest). Dropped connections are what some tests are about.
    """

    request_queue_size = 256

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def _handler_class(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, format: str, *args: object) -> None:
            return

        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            request = Request(
                method=self.command,
                path=self.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=self.rfile.read(length),
            )
            server.record(request)
            reply = server.handler(request)
            if reply.delay:
                time.sleep(reply.delay)
            body, content_type = reply.encoded()
            self.send_response(reply.status)
            headers = {"content-type": content_type, **reply.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            if reply.drop_after is not None:
                self.wfile.write(body[: reply.drop_after])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if reply.trickle is not None:
                for index in range(len(body)):
                    self.wfile.write(body[index : index + 1])
                    time.sleep(reply.trickle)
                return
            self.wfile.write(body)

        do_GET = do_POST = do_DELETE = _serve

    return _Handler


def transport(handler: Handler) -> httpx2.MockTransport:
    """An httpx2 transport answering in-process with ``handler`` (sync and async clients)."""

    def respond(request: httpx2.Request) -> httpx2.Response:
        reply = handler(
            Request(
                method=request.method,
                path=request.url.raw_path.decode(),
                headers={k.lower(): v for k, v in request.headers.items()},
                body=request.read(),
            )
        )
        if reply.delay:
            time.sleep(reply.delay)
        if reply.drop_after is not None:
            raise httpx2.RemoteProtocolError("peer closed connection mid-body", request=request)
        body, content_type = reply.encoded()
        headers = {"content-type": content_type, **reply.headers}
        return httpx2.Response(reply.status, content=body, headers=headers)

    return httpx2.MockTransport(respond)
