"""Serving saved pages from 127.0.0.1 for the tests that fetch URLs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from summarizer.testing import FakeServer, Reply, Request


@contextmanager
def serve_pages(routes: Mapping[str, Reply]) -> Iterator[str]:
    """Serve ``routes`` (path → reply; 404 elsewhere) and yield the server's root URL."""

    def handler(request: Request) -> Reply:
        return routes.get(request.path, Reply(status=404, body="not found"))

    with FakeServer(handler, lifetime=120) as server:
        yield server.base_url.removesuffix("/v1")


def html(body: str | bytes, content_type: str = "text/html; charset=utf-8") -> Reply:
    """A page served with its content type."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Reply(body=data, headers={"content-type": content_type})
