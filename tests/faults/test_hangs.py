"""Hangs: servers that hold a request forever without letting any one read time out.

A tarpit sends its headers a byte at a time, each well within the read timeout. Every
request, to an article's URL or to the model, ends at its total deadline all the same,
through the sync and the async clients.
"""

from __future__ import annotations

import time

import pytest

from summarizer.article import article_from_text
from summarizer.errors import FetchError, TransportError
from summarizer.fetch import fetch_url
from summarizer.pipeline import summarize
from tests.batch.conftest import article_text
from tests.faults.conftest import engine_at, summarize_async
from tests.tarpit import tarpit

ARTICLE = article_from_text(article_text(0))
DEADLINE = 0.6


@pytest.mark.parametrize("route", ["sync", "async"])
def test_a_model_endpoint_trickling_its_headers_fails_at_the_deadline(route: str) -> None:
    with tarpit(interval=0.05, lifetime=40) as root:
        engine = engine_at(f"{root}/v1", timeout=DEADLINE, max_retries=1, max_attempts=1)
        started = time.monotonic()
        with pytest.raises(TransportError, match="a timeout"):
            if route == "sync":
                summarize(ARTICLE, engine=engine)
            else:
                summarize_async(ARTICLE, engine)
        engine.close()
        elapsed = time.monotonic() - started
    assert elapsed < 10 * DEADLINE, f"two requests took {elapsed:.1f} s"


def test_an_article_url_trickling_its_headers_fails_at_the_deadline() -> None:
    with tarpit(interval=0.05, lifetime=40) as root:
        started = time.monotonic()
        with pytest.raises(FetchError, match=f"no answer within {DEADLINE:g} s"):
            fetch_url(f"{root}/story", max_bytes=1_000_000, timeout=DEADLINE)
        elapsed = time.monotonic() - started
    assert elapsed < 5 * DEADLINE, f"the fetch took {elapsed:.1f} s"
