from __future__ import annotations

from summarizer.batch.remote.lines import ResultLine
from summarizer.batch.remote.online import ask_online
from summarizer.batch.remote.tracker import Tracker
from summarizer.testing import FakeServer, Reply, Request, error_body, run_batch_file
from tests.batch.conftest import article_number
from tests.batch.remote.conftest import FirstReplyUngrounded, engine_for_server, spec_and_inputs


def test_exchanges_begun_in_a_batch_are_carried_on_online() -> None:
    spec, inputs = spec_and_inputs(3)
    tracker = Tracker(spec, inputs)
    batch = FirstReplyUngrounded(0, 1, 2)
    for work, passage in list(tracker.pending()):
        tracker.apply(ResultLine.parse(run_batch_file(tracker.request(work, passage)[1], batch)))
    assert len(list(tracker.pending())) == 3

    def online(request: Request) -> Reply:
        if article_number(request) == 2:
            return Reply(status=401, body=error_body("bad key"))
        return batch(request)

    with FakeServer(online) as server:
        engine = engine_for_server(server)
        settled = list(ask_online(tracker, list(tracker.pending()), engine, workers=2))
        engine.close()
    assert [work.planned.n for work in settled] == [0, 1, 2]
    assert [work.parts[0].attempts for work in settled[:2]] == [2, 2]  # type: ignore[union-attr]
    failure = settled[2].failure
    assert failure is not None and "rejected the API key (HTTP 401)" in failure.message
    assert failure.attempts == 1 and server.count == 3
