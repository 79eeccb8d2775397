"""Transport faults, one at a time, on the loopback server through the real SDK.

Each is retried unchanged, so one occurrence costs a retry, not the article; one that
never ends is a ``TransportError`` after exactly ``max_retries + 1`` tries (a 429 naming
its delay: once the delays add up past the patience), with a one-line message naming
the fault. (The backoff schedule and Retry-After arithmetic are tested on a fake clock
in ``tests/engines/test_openai.py``.)
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime

import pytest

from summarizer.article import article_from_text
from summarizer.engines import body
from summarizer.errors import TransportError
from summarizer.pipeline import summarize
from summarizer.schema import EvidenceStatus
from summarizer.testing import FakeServer, Reply, Request
from tests.batch.conftest import article_text
from tests.faults.conftest import (
    FAULTS,
    Fault,
    FaultyModel,
    engine_at,
    fault,
    first_n,
    summarize_async,
)

ARTICLE = article_from_text(article_text(0))
TRANSPORT = [f for f in FAULTS if f.layer == "transport"]


@pytest.mark.usefixtures("quick_waits")
@pytest.mark.parametrize("chosen", TRANSPORT, ids=lambda f: f.name)
def test_one_fault_is_retried_and_the_article_succeeds(chosen: Fault) -> None:
    model = FaultyModel(first_n(chosen, 1))
    with FakeServer(model) as server:
        engine = engine_at(server.base_url)
        briefing = summarize(ARTICLE, engine=engine)
        engine.close()
    assert model.served[0] == [chosen.name, "good"]
    assert briefing.provenance.attempts == 1, "a retry is not a re-ask"
    assert briefing.warnings == []
    assert {e.status for e in briefing.evidence()} == {EvidenceStatus.EXACT}


@pytest.mark.usefixtures("quick_waits")
@pytest.mark.parametrize("chosen", TRANSPORT, ids=lambda f: f.name)
def test_a_fault_that_never_ends_is_a_typed_failure_after_every_retry(chosen: Fault) -> None:
    model = FaultyModel(first_n(chosen, None))
    with FakeServer(model) as server:
        engine = engine_at(server.base_url, max_retries=1)
        with pytest.raises(TransportError) as caught:
            summarize_async(ARTICLE, engine)
    served = model.served[0]
    assert set(served) == {chosen.name}
    message = str(caught.value)
    assert message.startswith(chosen.says) if chosen.paced else chosen.says in message
    if chosen.paced:  # waited out until the patience ran out, then it stops
        assert len(served) >= 2 and f"by {server.base_url} after waiting" in message
    else:
        assert len(served) == 2, "max_retries + 1 tries, then it stops"
        assert f"from {server.base_url}, 2 tries" in message
    assert "\n" not in message and "Traceback" not in message
    assert (caught.value.exit_code, caught.value.status) == (21, "failed")


@pytest.mark.parametrize(
    "name", ["429 Retry-After seconds", "429 Retry-After HTTP date", "429 retry-after-ms"]
)
def test_the_retry_comes_no_sooner_than_the_server_asked(name: str) -> None:
    chosen = fault(name)
    sent: list[tuple[float, Reply]] = []
    model = FaultyModel(first_n(chosen, 1))

    def timed(request: Request) -> Reply:
        reply = model(request)
        sent.append((time.time(), reply))
        return reply

    with FakeServer(timed) as server:
        engine = engine_at(server.base_url)
        summarize(ARTICLE, engine=engine)
        engine.close()
    (first, asked), (second, _) = sent
    headers = asked.headers
    if "retry-after-ms" in headers:
        due = first + int(headers["retry-after-ms"]) / 1000
    elif headers["retry-after"].isdigit():
        due = first + int(headers["retry-after"])
    else:
        due = parsedate_to_datetime(headers["retry-after"]).timestamp()
    assert second >= due - 0.01


def test_a_body_trickled_slower_than_the_timeout_is_cut_off_not_waited_for() -> None:
    """A byte every 50 ms keeps each read within the timeout; the whole body must be, too."""
    sent: list[Reply] = []
    model = FaultyModel(first_n(fault("body trickled past the timeout"), None))

    def kept(request: Request) -> Reply:
        sent.append(model(request))
        return sent[-1]

    with FakeServer(kept) as server:
        engine = engine_at(server.base_url, max_retries=0)
        started = time.monotonic()
        with pytest.raises(TransportError, match="a timeout"):
            summarize(ARTICLE, engine=engine)
        took = time.monotonic() - started
        engine.close()
    trickling = len(sent[0].encoded()[0]) * 0.05
    print(f"a body trickled over {trickling:.0f} s was cut off after {took:.1f} s")
    assert took < trickling / 4, "the body was read to its end"


def test_a_body_larger_than_any_reply_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(body, "MAX_REPLY_BYTES", 2000)
    huge = Reply(body=b'{"padding": "' + b"x" * 5000 + b'"}')
    model = FaultyModel(lambda _article, _rank: Fault("huge", "transport", lambda _: huge, "", ""))
    with FakeServer(model) as server:
        engine = engine_at(server.base_url, max_retries=0)
        with pytest.raises(TransportError, match="a reply over 2,000 bytes"):
            summarize(ARTICLE, engine=engine)
        engine.close()
