from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from summarizer.article import article_from_text
from summarizer.batch.remote.lines import ResultLine
from summarizer.batch.remote.snapshot import Planned, RunSpec
from summarizer.batch.remote.tracker import Tracker
from summarizer.config import Settings
from summarizer.errors import ContextOverflow
from summarizer.pipeline import plan_passages
from summarizer.testing import (
    Reply,
    Request,
    SchemaModel,
    completion_body,
    error_body,
    run_batch_file,
)
from summarizer.testing.replies import Handler
from summarizer.tokens import count_tokens
from tests.batch.remote.conftest import FirstReplyUngrounded, spec_and_inputs
from tests.engines.test_servers import LONG, served


def answer(line: bytes, model: Handler) -> ResultLine:
    return ResultLine.parse(run_batch_file(line, model))


def error_line(custom_id: object, status: int | None, message: str) -> ResultLine:
    response = None if status is None else {"status_code": status, "body": error_body(message)}
    error = {"code": "batch_expired", "message": message} if status is None else None
    return ResultLine.parse(
        json.dumps({"custom_id": str(custom_id), "response": response, "error": error})
    )


def tracker_of(count: int, **settings: Any) -> Tracker:
    spec, inputs = spec_and_inputs(count, Settings(api_key="k", model="m", **settings))
    return Tracker(spec, inputs)


class AlwaysUngrounded(FirstReplyUngrounded):
    def __call__(self, request: Request) -> Reply:
        reply = self.model(request)
        assert isinstance(reply.body, Mapping)
        content = json.loads(reply.body["choices"][0]["message"]["content"])
        content["parties"][0]["quotes"] = [f"Invented quote {len(self.requests)}."]
        self.requests.append(request)
        return Reply(body=completion_body(json.dumps(content)))


def test_reasks_carry_the_last_failed_reply_and_replace_the_one_before() -> None:
    tracker = tracker_of(1, max_attempts=3)
    work = tracker.inputs[0]
    bad = AlwaysUngrounded()
    sent = []
    for model in (bad, bad, SchemaModel()):
        ((_, passage),) = tracker.pending()
        custom_id, line = tracker.request(work, passage)
        sent.append(json.loads(line)["body"]["messages"])
        assert custom_id.attempt == len(sent)
        settled = tracker.apply(answer(line, model))
    assert settled is work and work.failure is None and work.parts[0] is not None
    assert work.parts[0].attempts == 3 and not work.parts[0].problems
    assert [len(messages) for messages in sent] == [2, 4, 4]
    assert "Invented quote 1." in sent[2][2]["content"] and "Invented quote 0." not in str(sent[2])
    assert "Invented quote 1." in sent[2][3]["content"], "the problems name the quote"
    assert list(tracker.pending()) == []


def test_lines_for_other_runs_or_attempts_are_counted_and_ignored() -> None:
    tracker = tracker_of(2)
    work = tracker.inputs[0]
    custom_id, line = tracker.request(work, 0)
    reply = answer(line, SchemaModel())
    assert tracker.apply(reply) is work
    assert tracker.apply(reply) is None and tracker.stale == 1, "a repeated line"
    for foreign in (
        "ffffffff-0-p0-a1",
        f"{custom_id.run}-9-p0-a1",
        f"{custom_id.run}-1-p3-a1",
        "x",
    ):
        assert tracker.apply(error_line(foreign, 500, "no")) is None
    assert tracker.foreign == 4
    later = error_line(f"{custom_id.run}-1-p0-a2", 500, "out of turn")
    assert tracker.apply(later) is None and tracker.stale == 2


def test_error_lines_fall_back_retry_or_fail_as_online() -> None:
    tracker = tracker_of(3, max_retries=1)
    first, second, third = (tracker.inputs[n] for n in range(3))
    rejected = error_line(tracker.request(first, 0)[0], 400, "json_schema is not supported")
    assert tracker.apply(rejected) is None and first.exchanges[0].mode == "json_object"
    assert (
        json.loads(tracker.request(first, 0)[1])["body"]["response_format"]["type"] == "json_object"
    )
    busy = error_line(tracker.request(second, 0)[0], 503, "busy")
    assert tracker.apply(busy) is None and second.resubmits == [1]
    assert tracker.apply(busy) is second
    assert second.failure is not None and second.failure.status == "failed"
    assert second.failure.message == "no reply after 2 submission(s): HTTP 503: busy"
    refused = error_line(tracker.request(third, 0)[0], 401, "bad key")
    assert tracker.apply(refused) is third
    assert third.failure is not None and third.failure.message == (
        "the server at https://api.openai.com/v1 rejected the API key (HTTP 401): bad key"
    )


def test_a_mode_chosen_by_the_user_is_kept() -> None:
    tracker = tracker_of(1, mode="json_schema")
    work = tracker.inputs[0]
    line = error_line(tracker.request(work, 0)[0], 400, "json_schema is not supported")
    assert tracker.apply(line) is work and work.failure is not None


def test_requests_never_answered_are_sent_again_or_fail() -> None:
    tracker = tracker_of(2, max_retries=0)
    run = tracker.spec.run
    assert (
        tracker.unanswered(f"{run}-0-p0-a1", "batch b was cancelled", again=False)
        is tracker.inputs[0]
    )
    assert tracker.inputs[0].failure.message == "batch b was cancelled"  # type: ignore[union-attr]
    assert tracker.unanswered(f"{run}-1-p0-a1", "batch b expired", again=True) is tracker.inputs[1]
    assert tracker.inputs[1].failure.message == "no reply after 1 submission(s): batch b expired"  # type: ignore[union-attr]


def test_a_refusal_fails_the_whole_input_and_finish_settles_what_is_left() -> None:
    tracker = tracker_of(3, max_attempts=3)
    refusing = tracker.inputs[0]
    refusal = Reply(body=completion_body(None, refusal="I cannot help with that."))
    assert tracker.apply(answer(tracker.request(refusing, 0)[1], lambda _: refusal)) is refusing
    assert refusing.failure is not None and refusing.failure.status == "refused"
    broken = Reply(body=completion_body("not json at all"))
    garbled = tracker.inputs[1]
    assert tracker.apply(answer(tracker.request(garbled, 0)[1], lambda _: broken)) is None
    ungrounded = tracker.inputs[2]
    assert tracker.apply(answer(tracker.request(ungrounded, 0)[1], AlwaysUngrounded())) is None
    assert [w.planned.n for w, _ in tracker.pending()] == [1, 2]
    assert {w.planned.n for w in tracker.finish()} == {1, 2}
    assert garbled.failure is not None and garbled.failure.status == "invalid"
    assert ungrounded.failure is None and ungrounded.parts[0] is not None
    briefing = ungrounded.briefing()
    assert briefing.provenance.attempts == 1 and briefing.warnings


def long_tracker(spec: RunSpec | None = None) -> Tracker:
    spec = spec or spec_and_inputs(0)[0]
    article = article_from_text(LONG.text, source="long.txt")
    spans = tuple((p.offset, len(p.text)) for p in plan_passages(article, spec.request.info()))
    return Tracker(spec, [Planned(0, "long.txt", "long.txt", "long", article, spans)])


def test_a_passage_split_after_an_overflow_is_split_alike_when_the_lines_are_read_again() -> None:
    overflow = (
        "This model's maximum context length is 8192 tokens. However, your messages resulted "
        "in 11950 tokens. Please reduce the length of the messages."
    )
    spec = spec_and_inputs(0)[0]
    trackers = [long_tracker(spec), long_tracker(spec)]
    for tracker in trackers:
        (work,) = tracker.inputs.values()
        custom_id, _ = tracker.request(work, 0)
        assert tracker.apply(error_line(custom_id, 400, overflow)) is None
        assert work.split_up == {0} and work.live() == [1, 2, 3]
    first, again = ([tracker.request(w, p) for w, p in tracker.pending()] for tracker in trackers)
    assert [str(custom_id).split("-", 1)[1] for custom_id, _ in first] == [
        "0-p1-a1",
        "0-p2-a1",
        "0-p3-a1",
    ]
    assert [line for _, line in first] == [line for _, line in again], "the same requests"
    work = trackers[0].inputs[0]
    pieces = [work.passages[n] for n in work.live()]
    assert pieces[0].offset == 0 and pieces[-1].offset + len(pieces[-1].text) == len(LONG.text)
    assert all(count_tokens(p.text) <= 4096 for p in pieces)
    for _, line in reversed(first):
        settled = trackers[0].apply(answer(line, SchemaModel()))
    assert settled is work and work.briefing().provenance.chunks == 3


def test_an_overflow_met_online_splits_the_passage_too() -> None:
    tracker = long_tracker()
    work = tracker.inputs[0]
    tracker.settle(work, 0, ContextOverflow("too long", context_size=8192))
    assert work.failure is None and [p for _, p in tracker.pending()] == [1, 2, 3]
    short = tracker_of(1)
    short.settle(short.inputs[0], 0, ContextOverflow("too long", context_size=8192))
    assert short.inputs[0].failure is not None, "too short to split: the overflow stands"


def ok_line(custom_id: object, body: object) -> ResultLine:
    response = {"status_code": 200, "body": body}
    return ResultLine.parse(json.dumps({"custom_id": str(custom_id), "response": response}))


def test_a_200_line_that_is_an_error_is_judged_as_that_error_not_reasked() -> None:
    tracker = tracker_of(3, max_retries=1)
    provider, proxy, failed_choice = (tracker.inputs[n] for n in range(3))
    routed = served("openrouter-provider-error-200").body
    line = ok_line(tracker.request(provider, 0)[0], routed)
    assert (line.status, line.answered) == (502, False)
    assert tracker.apply(line) is None and provider.resubmits == [1], "sent again, as a 502"
    assert provider.exchanges[0].attempts == 0, "never judged as the model's reply"
    vllm = {"object": "error", "message": "The model `m` does not exist.", "code": 404}
    assert tracker.apply(ok_line(tracker.request(proxy, 0)[0], vllm)) is proxy
    assert proxy.failure is not None and proxy.failure.message.startswith(
        "the server at https://api.openai.com/v1 has no model 'm' (HTTP 404): The model `m`"
    )
    body = completion_body("", finish_reason="error")
    body["error"] = {"message": "Provider disconnected unexpectedly"}
    line = ok_line(tracker.request(failed_choice, 0)[0], body)
    assert (line.status, line.message) == (502, "Provider disconnected unexpectedly")
