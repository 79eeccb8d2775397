"""The fault suite's tools: what a server can do wrong, a server doing it, and hang guards.

Every fault is served by the loopback server (``FakeServer``) through the real SDK and
real sockets. :data:`FAULTS` lists each fault with what must become of an article when
every request for it meets the fault: the manifest status and what its error (or, for
ungrounded quotes, its warning) says.
"""

from __future__ import annotations

import asyncio
import copy
import json
import signal
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import partial
from types import FrameType
from typing import Any, Literal

import pytest

from summarizer.config import Settings
from summarizer.engines import retry
from summarizer.engines.openai import OpenAIEngine
from summarizer.pipeline import asummarize
from summarizer.schema import Briefing
from summarizer.testing import Reply, Request, SchemaModel, completion_body, error_body
from tests.batch.conftest import article_number

HANG_GUARD_S = 150
"""No test of the suite may run longer: past this it fails as a hang."""

PATIENCE = 2.5
"""Seconds of a server's 429 delays a request waits out in these tests (600 s for real)."""

TIMEOUT = 1.5
"""The client's timeout in these tests (``Settings.timeout``, ``BRIEFING_TIMEOUT``): far
above a loopback reply, short enough that faults which wait it out keep the suite fast."""

INVENTED = "The Martian delegation annexed the Moon after secret talks in Atlantis."
"""A quote no article of the suite contains."""

NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n"
    "</body>\r\n</html>\r\n"
)
CAPTIVE_PORTAL = (
    "<!DOCTYPE html><html><head><title>Sign in to the network</title></head>"
    "<body><form action=/login><input name=user><button>Sign in</button></form></body></html>"
)

Layer = Literal["transport", "reply", "outcome", "refusal"]


@dataclass(frozen=True)
class Fault:
    """One way a server fails a request, and the outcome when it never stops failing.

    ``layer``: ``transport`` faults are retried unchanged, ``reply`` faults re-asked,
    ``outcome`` faults (refusal, truncation, content filter) end the article at once,
    as do ``refusal`` faults: a server that is not the API (a page where it should be),
    which no retry changes.
    """

    name: str
    layer: Layer
    serve: Callable[[Reply], Reply]
    """The reply sent instead of ``good``, the schema model's answer to the request."""
    status: str
    """The manifest status of an article for which every request meets the fault."""
    says: str
    """Part of that article's error, or of its briefing's warning when it ends ``ok``."""
    paced: bool = False
    """A 429 naming its delay: waited out up to a patience, not counted in ``max_retries``."""


def _status_error(status: int, kind: str, **headers: str) -> Callable[[Reply], Reply]:
    return lambda _good: Reply(
        status=status, body=error_body(f"upstream said {status}", kind), headers=headers
    )


def _retry_after_date(_good: Reply) -> Reply:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=1), usegmt=True)
    return Reply(
        status=429, body=error_body("slow down", "rate_limit"), headers={"retry-after": when}
    )


def content_of(reply: Reply) -> str:
    """The message content of a chat completion reply."""
    assert isinstance(reply.body, dict)
    content: str = reply.body["choices"][0]["message"]["content"]
    return content


def with_content(good: Reply, content: str | None, **options: Any) -> Reply:
    """``good`` with another message content (and ``completion_body`` options)."""
    return Reply(body=completion_body(content, **options))


def rewrite(good: Reply, change: Callable[[dict[str, Any]], None]) -> Reply:
    """``good`` with its reply JSON changed in place by ``change``."""
    value = json.loads(content_of(good))
    change(value)
    return with_content(good, json.dumps(value))


def invent_quotes(value: dict[str, Any]) -> None:
    """Replace every quote of a reply with :data:`INVENTED`."""
    for section in ("parties", "agreements", "threats"):
        for item in value[section]:
            item["quotes"] = [INVENTED]


def _body_cut_short(good: Reply) -> Reply:
    body, _ = good.encoded()
    return Reply(body=body[: len(body) // 2])


def _no_choices(good: Reply) -> Reply:
    assert isinstance(good.body, dict)
    body = copy.deepcopy(dict(good.body))
    body["choices"] = []
    return Reply(body=body)


def _dropped(good: Reply) -> Reply:
    return replace(good, drop_after=len(good.encoded()[0]) // 2)


FAULTS = (
    Fault(
        "429 Retry-After seconds",
        "transport",
        _status_error(429, "rate_limit", **{"retry-after": "1"}),
        "failed",
        "still rate limited (HTTP 429)",
        paced=True,
    ),
    Fault(
        "429 Retry-After HTTP date",
        "transport",
        _retry_after_date,
        "failed",
        "still rate limited (HTTP 429)",
        paced=True,
    ),
    Fault(
        "429 retry-after-ms",
        "transport",
        _status_error(429, "rate_limit", **{"retry-after-ms": "80"}),
        "failed",
        "still rate limited (HTTP 429)",
        paced=True,
    ),
    Fault("500", "transport", _status_error(500, "server_error"), "failed", "HTTP 500"),
    Fault("502", "transport", _status_error(502, "bad_gateway"), "failed", "HTTP 502"),
    Fault("503", "transport", _status_error(503, "overloaded"), "failed", "HTTP 503"),
    Fault("504", "transport", _status_error(504, "gateway_timeout"), "failed", "HTTP 504"),
    Fault(
        "proxy HTML page, HTTP 502",
        "transport",
        lambda _good: Reply(status=502, body=NGINX_502, headers={"content-type": "text/html"}),
        "failed",
        "HTTP 502",
    ),
    Fault(
        "HTML page, HTTP 200",
        "refusal",
        lambda _good: Reply(body=CAPTIVE_PORTAL, headers={"content-type": "text/html"}),
        "failed",
        "answered with a web page ('Sign in to the network'), not the API",
    ),
    Fault(
        "timeout", "transport", lambda good: replace(good, delay=TIMEOUT + 1), "failed", "a timeout"
    ),
    Fault(
        "body trickled past the timeout",
        "transport",
        lambda good: replace(good, trickle=0.05),
        "failed",
        "a timeout",
    ),
    Fault(
        "connection dropped mid-body",
        "transport",
        _dropped,
        "failed",
        "a connection error (RemoteProtocolError)",
    ),
    Fault(
        "JSON body cut short",
        "transport",
        _body_cut_short,
        "failed",
        "a reply that is not JSON (application/json",
    ),
    Fault(
        "truncated JSON reply",
        "reply",
        lambda good: with_content(good, content_of(good)[:60]),
        "invalid",
        "the reply is not valid JSON",
    ),
    Fault(
        "valid JSON failing the schema",
        "reply",
        lambda good: with_content(good, json.dumps({"headline": 42, "parties": "none"})),
        "invalid",
        "headline: Input should be a valid string",
    ),
    Fault("empty choices list", "reply", _no_choices, "invalid", "the reply had no choices"),
    Fault(
        "quotes not in the article",
        "reply",
        lambda good: rewrite(good, invent_quotes),
        "ok",
        f"quote not found in the article: {INVENTED!r}",
    ),
    Fault(
        "refusal",
        "outcome",
        lambda good: with_content(good, None, refusal="I can't help with that request."),
        "refused",
        "the model refused: I can't help with that request.",
    ),
    Fault(
        "finish_reason=length",
        "outcome",
        lambda good: with_content(good, content_of(good)[:80], finish_reason="length"),
        "truncated",
        "the reply was cut off at the token limit",
    ),
    Fault(
        "content_filter",
        "outcome",
        lambda good: with_content(good, "", finish_reason="content_filter"),
        "refused",
        "the content filter withheld the reply",
    ),
)
FAULT_IDS = [fault.name for fault in FAULTS]


def fault(name: str) -> Fault:
    """The fault of :data:`FAULTS` named ``name``."""
    return next(f for f in FAULTS if f.name == name)


class FaultyModel:
    """The schema model, with ``choose(article, n)`` picking a fault for the n-th request.

    ``choose`` returns ``None`` for a good reply. Faults depend on the article and the
    request's rank among that article's requests only, never on arrival order, so a
    concurrent batch meets the same faults every run. ``served[article]`` lists what
    each of its requests got, in order (``"good"`` or a fault's name).
    """

    def __init__(self, choose: Callable[[int, int], Fault | None]) -> None:
        self.choose = choose
        self.model = SchemaModel()
        self.served: defaultdict[int, list[str]] = defaultdict(list)
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Reply:
        article = article_number(request)
        with self._lock:
            rank = len(self.served[article])
            chosen = self.choose(article, rank)
            self.served[article].append(chosen.name if chosen else "good")
        good = self.model(request)
        return chosen.serve(good) if chosen else good

    @property
    def requests(self) -> int:
        """Requests received, over every article."""
        with self._lock:
            return sum(len(kinds) for kinds in self.served.values())


def first_n(chosen: Fault, times: int | None) -> Callable[[int, int], Fault | None]:
    """``chosen`` for the first ``times`` requests of every article (``None``: all)."""
    return lambda _article, rank: chosen if times is None or rank < times else None


FAKE_KEY = "sk-test-faults-0123456789"


def engine_at(base_url: str, **settings: Any) -> OpenAIEngine:
    """A model engine for the loopback server at ``base_url``, with the suite's timeout."""
    options: dict[str, Any] = {
        "base_url": base_url,
        "api_key": FAKE_KEY,
        "timeout": TIMEOUT,
        "max_retries": 2,
        "max_attempts": 2,
        **settings,
    }
    return OpenAIEngine(Settings(**options))


def summarize_async(source: Any, engine: OpenAIEngine) -> Briefing:
    """``asummarize`` on a fresh event loop, closing the engine's async client in it."""

    async def run() -> Briefing:
        try:
            return await asummarize(source, engine=engine)
        finally:
            await engine.aclose()

    return asyncio.run(run())


@pytest.fixture(autouse=True)
def hang_guard() -> Iterator[None]:
    """Fail, rather than hang, a test that runs longer than :data:`HANG_GUARD_S`."""

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise TimeoutError(f"the test ran over {HANG_GUARD_S} s: something hangs")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, HANG_GUARD_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def quick_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Back off 10-50 ms, not 0.5-30 s, after faults that name no delay, and give up on
    a server that keeps answering 429 after :data:`PATIENCE` seconds of its delays.

    Each delay a server names (Retry-After) is still honoured in full; the backoff
    schedule and the patience are tested on a fake clock in ``tests/engines/``.
    """
    monkeypatch.setattr(
        retry, "WaitForServer", partial(retry.WaitForServer, initial=0.01, maximum=0.05)
    )
    monkeypatch.setattr(retry, "StopRetrying", partial(retry.StopRetrying, patience=PATIENCE))
