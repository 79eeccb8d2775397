"""The OpenAI-compatible engine through the real SDK, on in-process transports."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx2
import openai
import pytest

from summarizer.article import article_from_text
from summarizer.config import Settings
from summarizer.engines.base import EngineInfo, OutputMode, Passage
from summarizer.engines.openai import OpenAIEngine
from summarizer.engines.request import RequestSpec
from summarizer.errors import (
    ConfigError,
    ContentFiltered,
    InvalidReply,
    Refused,
    TransportError,
    Truncated,
)
from summarizer.pipeline import asummarize, summarize
from summarizer.schema import EvidenceStatus
from summarizer.testing import (
    Reply,
    Request,
    SchemaModel,
    Script,
    completion_body,
    error_body,
    fixture_reply,
    transport,
)
from tests.engines.conftest import FAKE_KEY, EngineFactory, FakeTime

ARTICLE = article_from_text(
    "Japan and the Philippines signed a reciprocal access agreement in Manila on Monday. "
    "China warned that the pact threatens regional stability."
)


def reply_json(
    quote: str = "Japan and the Philippines signed a reciprocal access agreement",
) -> str:
    return json.dumps(
        {
            "headline": "Japan and the Philippines sign an access pact",
            "summary": "The two countries signed a reciprocal access agreement.",
            "parties": [
                {
                    "name": "Japan",
                    "kind": "state",
                    "aliases": [],
                    "role": None,
                    "affiliation": None,
                    "quotes": [quote],
                },
                {
                    "name": "Philippines",
                    "kind": "state",
                    "aliases": [],
                    "role": None,
                    "affiliation": None,
                    "quotes": [],
                },
                {
                    "name": "China",
                    "kind": "state",
                    "aliases": [],
                    "role": None,
                    "affiliation": None,
                    "quotes": ["China warned"],
                },
            ],
            "agreements": [
                {
                    "what": "reciprocal access agreement",
                    "parties": ["Japan", "Philippines"],
                    "status": "signed",
                    "date": "Monday",
                    "quotes": [quote],
                }
            ],
            "threats": [
                {
                    "what": "pact threatens stability",
                    "source": "China",
                    "targets": ["Japan", "Philippines"],
                    "domain": "political",
                    "severity": "low",
                    "quotes": ["the pact threatens regional stability"],
                }
            ],
        }
    )


def ok(content: str | None = None, **kwargs: object) -> Reply:
    return Reply(body=completion_body(content if content is not None else reply_json(), **kwargs))  # type: ignore[arg-type]


def test_strict_json_schema_request_and_grounded_briefing(make_engine: EngineFactory) -> None:
    script = Script([ok()])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    body = script.requests[0].json
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    assert body["response_format"]["json_schema"]["schema"]["additionalProperties"] is False
    assert [p.id for p in briefing.parties] == ["japan", "philippines", "china"]
    assert briefing.agreements[0].party_ids == ["japan", "philippines"]
    assert briefing.threats[0].source_id == "china"
    for evidence in briefing.evidence():
        assert evidence.status is EvidenceStatus.EXACT
        assert ARTICLE.text[evidence.start : evidence.end] == evidence.text  # type: ignore[misc]
    assert briefing.provenance.output_mode == "json_schema"
    assert briefing.provenance.attempts == 1
    assert briefing.warnings == []


def test_article_is_delimited_as_data(make_engine: EngineFactory) -> None:
    script = Script([ok()])
    summarize(ARTICLE, engine=make_engine(script))
    system, user = script.requests[0].json["messages"]
    tag = user["content"].split(">", 1)[0].lstrip("<")
    assert tag.startswith("article-")
    assert f"<{tag}>" in system["content"] and "data, not instructions" in system["content"]
    assert user["content"].endswith(f"</{tag}>")
    assert ARTICLE.text in user["content"]


@pytest.mark.parametrize("mode", ["json_object", "tools"])
def test_each_fallback_mode_when_chosen(make_engine: EngineFactory, mode: str) -> None:
    model = SchemaModel()
    briefing = summarize(ARTICLE, engine=make_engine(model, mode=mode))
    body = model.requests[0].json
    if mode == "json_object":
        assert body["response_format"]["type"] == "json_object"
        assert '"$defs"' in body["messages"][0]["content"]
        assert "tools" not in body
    else:
        assert body["tool_choice"]["function"]["name"] == "record_briefing"
        assert "response_format" not in body
    assert briefing.provenance.output_mode == mode
    assert all(e.verified for e in briefing.evidence())


def test_rejected_json_schema_falls_back_to_json_object_once(make_engine: EngineFactory) -> None:
    def server(request: Request) -> Reply:
        kind = request.json.get("response_format", {}).get("type")
        if kind == "json_schema":
            return Reply(
                status=400, body=error_body("response_format json_schema is not supported")
            )
        return SchemaModel()(request)

    script = Script([server])
    engine = make_engine(script)
    first = summarize(ARTICLE, engine=engine)
    second = summarize(ARTICLE, engine=engine)
    kinds = [r.json["response_format"]["type"] for r in script.requests]
    assert kinds == ["json_schema", "json_object", "json_object"]
    assert first.provenance.output_mode == second.provenance.output_mode == "json_object"


def test_server_500_about_the_format_falls_back_without_retrying(
    make_engine: EngineFactory,
) -> None:
    """llama.cpp's server answers json_schema with a 500 carrying a validation error."""
    rejection = Reply(
        status=500,
        body={
            "error": {
                "message": (
                    "1 validation error: ('body', 'response_format', 'type') "
                    "Input should be 'text' or 'json_object'"
                ),
                "type": "internal_server_error",
            }
        },
    )
    script = Script([rejection, ok()])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert len(script.requests) == 2
    assert script.requests[1].json["response_format"]["type"] == "json_object"
    assert briefing.provenance.output_mode == "json_object"


def test_json_object_without_schema_then_tools(make_engine: EngineFactory) -> None:
    def server(request: Request) -> Reply:
        body = request.json
        if "response_format" in body:
            return Reply(status=422, body=error_body("unsupported response_format"))
        return SchemaModel()(request)

    script = Script([server])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    formats = [r.json.get("response_format") for r in script.requests]
    assert [f and f["type"] for f in formats] == ["json_schema", "json_object", "json_object", None]
    assert "schema" in formats[1] and "schema" not in formats[2]
    assert briefing.provenance.output_mode == "tools"


def test_explicit_mode_never_falls_back(make_engine: EngineFactory) -> None:
    script = Script([Reply(status=400, body=error_body("json_schema unsupported"))])
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(script, mode="json_schema"))
    assert len(script.requests) == 1
    assert str(caught.value) == (
        "the server at https://api.openai.com/v1 does not support the output mode json_schema "
        "(HTTP 400): json_schema unsupported; --mode auto tries the others"
    )


def test_reask_after_invalid_json_sends_the_reply_and_its_errors(
    make_engine: EngineFactory,
) -> None:
    script = Script([ok('{"headline": "cut'), ok()])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert briefing.provenance.attempts == 2
    messages = script.requests[1].json["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[2]["content"] == '{"headline": "cut'
    assert "not valid JSON" in messages[3]["content"]


def test_reask_after_schema_errors_names_each_field(make_engine: EngineFactory) -> None:
    bad = json.loads(reply_json())
    bad["parties"][0]["kind"] = "country"
    del bad["summary"]
    script = Script([ok(json.dumps(bad)), ok()])
    summarize(ARTICLE, engine=make_engine(script))
    feedback = script.requests[1].json["messages"][3]["content"]
    assert "parties.0.kind: Input should be " in feedback and '(got "country")' in feedback
    assert "summary: Field required" in feedback


def test_reask_after_ungrounded_quote(make_engine: EngineFactory) -> None:
    invented = reply_json(
        quote="Japan and the Philippines signed a defence treaty in Tokyo last year"
    )
    script = Script([ok(invented), ok()])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    feedback = script.requests[1].json["messages"][3]["content"]
    assert "quote not found in the article" in feedback
    assert "defence treaty in Tokyo" in feedback
    assert briefing.provenance.attempts == 2 and briefing.warnings == []


def test_reask_replaces_earlier_failures_so_context_does_not_grow(
    make_engine: EngineFactory,
) -> None:
    first, second = ok("first failure"), ok('{"second": "failure"}')
    script = Script([first, second, ok()])
    briefing = summarize(ARTICLE, engine=make_engine(script, max_attempts=3))
    assert briefing.provenance.attempts == 3
    second_request, third_request = (r.json["messages"] for r in script.requests[1:])
    assert len(second_request) == len(third_request) == 4
    assert third_request[2]["content"] == '{"second": "failure"}'
    assert "first failure" not in json.dumps(third_request)


def test_ungrounded_quotes_left_after_every_attempt_are_kept_and_flagged(
    make_engine: EngineFactory,
) -> None:
    invented = reply_json(
        quote="Japan and the Philippines signed a defence treaty in Tokyo last year"
    )
    script = Script([ok(invented)])
    briefing = summarize(ARTICLE, engine=make_engine(script, max_attempts=2))
    assert len(script.requests) == 2
    agreement = briefing.agreements[0]
    assert [e.status for e in agreement.evidence] == [EvidenceStatus.UNVERIFIED]
    assert not agreement.verified
    japan = briefing.parties[0]
    assert japan.evidence[0].status is EvidenceStatus.UNVERIFIED
    assert japan.evidence[-1].text == "Japan" and japan.verified
    assert any("defence treaty" in w for w in briefing.warnings)


def test_invalid_after_every_attempt_is_a_typed_failure_with_the_raw_reply(
    make_engine: EngineFactory,
) -> None:
    script = Script([ok("I cannot produce JSON today.")])
    with pytest.raises(InvalidReply) as caught:
        summarize(ARTICLE, engine=make_engine(script, max_attempts=2))
    assert caught.value.raw == "I cannot produce JSON today."
    assert caught.value.attempts == 2
    assert caught.value.usage.total_tokens == 400
    assert caught.value.exit_code == 22


def test_429_with_retry_after_then_success(make_engine: EngineFactory, fake_time: FakeTime) -> None:
    script = Script(
        [
            Reply(
                status=429, headers={"retry-after": "2"}, body=error_body("slow down", "rate_limit")
            ),
            ok(),
        ]
    )
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert len(script.requests) == 2
    assert fake_time.waits == [2.0]
    assert briefing.provenance.attempts == 1


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after": "3"}, 3.0),
    ],
)
def test_retry_after_forms(
    make_engine: EngineFactory, fake_time: FakeTime, headers: dict[str, str], expected: float
) -> None:
    script = Script([Reply(status=429, headers=headers, body=error_body("slow")), ok()])
    summarize(ARTICLE, engine=make_engine(script))
    assert fake_time.waits == [expected]


def test_retry_after_as_http_date(make_engine: EngineFactory, fake_time: FakeTime) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    script = Script([Reply(status=503, headers={"retry-after": when}, body="busy"), ok()])
    summarize(ARTICLE, engine=make_engine(script))
    assert len(fake_time.waits) == 1 and 25 < fake_time.waits[0] <= 30


def test_429s_naming_a_delay_are_waited_out_beyond_max_retries(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    paced = Reply(status=429, headers={"retry-after-ms": "500"}, body=error_body("slow"))
    script = Script([paced] * 6 + [ok()])
    briefing = summarize(ARTICLE, engine=make_engine(script, max_retries=2))
    assert len(script.requests) == 7
    assert fake_time.waits == [0.5, 0.5, 1.0, 2.0, 4.0, 8.0], "the delay, or the backoff floor"
    assert briefing.provenance.attempts == 1


def test_429s_without_a_delay_use_up_max_retries(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    script = Script([Reply(status=429, body=error_body("slow"))] * 3 + [ok()])
    with pytest.raises(TransportError, match=r"^HTTP 429 from .*, 3 tries"):
        summarize(ARTICLE, engine=make_engine(script, max_retries=2))
    assert len(script.requests) == 3


def test_a_server_that_keeps_pacing_is_given_up_on_after_the_patience(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    script = Script([Reply(status=429, headers={"retry-after": "100"}, body=error_body("slow"))])
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(script, max_retries=2))
    assert fake_time.waits == [100.0] * 6
    assert len(script.requests) == 7
    assert str(caught.value).startswith("still rate limited (HTTP 429) by https://api.openai.com")
    assert "after waiting 10 min: slow" in str(caught.value)


def test_no_retries_means_none_even_for_a_paced_429(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    paced = Reply(status=429, headers={"retry-after": "1"}, body=error_body("slow"))
    script = Script([paced, ok()])
    with pytest.raises(TransportError, match=r"^HTTP 429 from .*, 1 try:"):
        summarize(ARTICLE, engine=make_engine(script, max_retries=0))
    assert len(script.requests) == 1


def test_5xx_exhaustion_is_a_clear_error(make_engine: EngineFactory, fake_time: FakeTime) -> None:
    script = Script(
        [
            Reply(
                status=502,
                body="<html><body>Bad gateway</body></html>",
                headers={"content-type": "text/html"},
            )
        ]
    )
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(script, max_retries=3))
    assert len(script.requests) == 4
    assert len(fake_time.waits) == 3
    assert fake_time.waits == sorted(fake_time.waits)
    message = str(caught.value)
    assert message.startswith("HTTP 502 from http://api.openai.com/v1".replace("http:", "https:"))
    assert "4 tries" in message and "\n" not in message


def test_connection_errors_are_retried(make_engine: EngineFactory) -> None:
    calls = []

    def flaky(request: Request) -> Reply:
        calls.append(request)
        if len(calls) == 1:
            return Reply(drop_after=0)
        return ok()

    briefing = summarize(ARTICLE, engine=make_engine(flaky))
    assert len(calls) == 2 and briefing.parties


def test_a_body_cut_short_is_retried_not_reasked(make_engine: EngineFactory) -> None:
    cut = Reply(body=json.dumps(completion_body(reply_json()))[:90].encode())
    script = Script([cut, ok()])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert len(script.requests) == 2 and briefing.provenance.attempts == 1
    assert script.requests[1].json == script.requests[0].json, "sent again unchanged"
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(Script([cut]), max_retries=1))
    assert str(caught.value) == (
        "a reply that is not JSON (application/json, 90 bytes) from https://api.openai.com/v1, "
        "2 tries"
    )


def test_authentication_error_is_not_retried_and_hides_the_key(make_engine: EngineFactory) -> None:
    script = Script(
        [
            Reply(
                status=401,
                body=error_body(f"Incorrect API key provided: {FAKE_KEY}", "invalid_api_key"),
            )
        ]
    )
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(script))
    assert len(script.requests) == 1
    assert "rejected the API key" in str(caught.value)
    assert FAKE_KEY not in str(caught.value) and FAKE_KEY[:8] not in str(caught.value)


def test_a_key_the_server_quotes_back_is_redacted_from_replies_and_errors(
    make_engine: EngineFactory,
) -> None:
    echoed = json.loads(reply_json())
    echoed["headline"] = f"Talks (key {FAKE_KEY})"
    briefing = summarize(ARTICLE, engine=make_engine(Script([ok(json.dumps(echoed))])))
    assert briefing.headline == "Talks (key [redacted])"
    masked = f"Invalid key ****{FAKE_KEY[6:]} for this deployment"
    script = Script([Reply(status=500, body=error_body(masked, "server_error"))])
    with pytest.raises(TransportError) as caught:
        summarize(ARTICLE, engine=make_engine(script, max_retries=0))
    assert "Invalid key ****[redacted] for this deployment" in str(caught.value)


def test_refusal_is_a_typed_outcome_with_the_raw_reply(make_engine: EngineFactory) -> None:
    script = Script([Reply(body=completion_body(None, refusal="I can't help with that."))])
    with pytest.raises(Refused) as caught:
        summarize(ARTICLE, engine=make_engine(script))
    assert caught.value.raw == "I can't help with that."
    assert caught.value.status == "refused" and caught.value.exit_code == 23


def test_truncation_is_a_typed_outcome_with_the_raw_reply(make_engine: EngineFactory) -> None:
    script = Script([ok('{"headline": "Japan and', finish_reason="length")])
    with pytest.raises(Truncated) as caught:
        summarize(ARTICLE, engine=make_engine(script))
    assert caught.value.raw == '{"headline": "Japan and'
    assert caught.value.usage.total_tokens == 200
    assert len(script.requests) == 1


def test_content_filter_is_a_typed_outcome(make_engine: EngineFactory) -> None:
    script = Script([ok("", finish_reason="content_filter")])
    with pytest.raises(ContentFiltered):
        summarize(ARTICLE, engine=make_engine(script))


def test_empty_choices_are_reasked(make_engine: EngineFactory) -> None:
    empty = completion_body("x")
    empty["choices"] = []
    script = Script([Reply(body=empty), ok()])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert briefing.provenance.attempts == 2
    assert "no choices" in script.requests[1].json["messages"][3]["content"]


def test_garbled_tool_calls_are_reasked_not_a_crash(make_engine: EngineFactory) -> None:
    garbled = completion_body("")
    garbled["choices"][0]["message"]["tool_calls"] = 4.2
    script = Script([Reply(body=garbled), ok()])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert briefing.provenance.attempts == 2
    assert "the reply was empty" in script.requests[1].json["messages"][3]["content"]


def test_usage_is_summed_over_every_attempt(make_engine: EngineFactory) -> None:
    script = Script(
        [
            ok("nope", prompt_tokens=1000, completion_tokens=10),
            ok(prompt_tokens=1100, completion_tokens=300),
        ]
    )
    briefing = summarize(ARTICLE, engine=make_engine(script))
    usage = briefing.provenance.usage
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (2100, 310, 2410)


def test_markdown_fenced_json_is_accepted(make_engine: EngineFactory) -> None:
    script = Script([ok("Here you go:\n```json\n" + reply_json() + "\n```")])
    briefing = summarize(ARTICLE, engine=make_engine(script))
    assert briefing.provenance.attempts == 1


@pytest.mark.parametrize("mode", ["json_schema", "json_object", "tools"])
def test_requests_are_what_the_sdks_create_would_send(
    make_engine: EngineFactory, mode: str
) -> None:
    ours = SchemaModel()
    summarize(ARTICLE, engine=make_engine(ours, mode=mode, temperature=0.0))
    sent = ours.requests[0]
    theirs = SchemaModel()
    client = openai.OpenAI(
        api_key=FAKE_KEY, max_retries=0, http_client=httpx2.Client(transport=transport(theirs))
    )
    client.chat.completions.create(**sent.json)
    expected = theirs.requests[0]
    assert (sent.method, sent.path) == (expected.method, expected.path)
    assert sent.json == expected.json
    for header in ("authorization", "content-type", "accept"):
        assert sent.headers[header] == expected.headers[header]


def test_threads_asking_for_the_client_at_once_share_one() -> None:
    import threading

    engine = OpenAIEngine(Settings(base_url="http://127.0.0.1:1/v1"))
    start = threading.Barrier(8)
    clients: list[object] = []

    def ask() -> None:
        start.wait()
        clients.append(engine.client)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(client) for client in clients}) == 1
    engine.close()


def test_the_sdk_retries_are_off(make_engine: EngineFactory) -> None:
    engine = make_engine(Script([ok()]))
    assert engine.client.max_retries == 0


def test_async_path_shares_the_behaviour(make_engine: EngineFactory, fake_time: FakeTime) -> None:
    import asyncio

    script = Script(
        [
            Reply(status=429, headers={"retry-after-ms": "250"}, body=error_body("slow")),
            ok("not json"),
            ok(),
        ]
    )
    briefing = asyncio.run(asummarize(ARTICLE, engine=make_engine(script)))
    assert briefing.provenance.attempts == 2
    assert fake_time.waits[0] == 0.25
    assert script.requests[2].json["messages"][2]["content"] == "not json"


def test_a_429_pauses_every_request_sharing_the_engine(
    make_engine: EngineFactory, fake_time: FakeTime
) -> None:
    script = Script(
        [Reply(status=429, headers={"retry-after": "5"}, body=error_body("slow")), ok()]
    )
    engine = make_engine(script)
    summarize(ARTICLE, engine=engine)
    assert engine.gate.remaining() == 0.0
    engine.gate.pause(7)
    summarize(ARTICLE, engine=engine)
    assert fake_time.waits[-1] == 7


def test_engine_needs_a_key_or_a_base_url() -> None:
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        OpenAIEngine(Settings())


def test_fingerprint_names_what_changes_the_output() -> None:
    engine = OpenAIEngine(
        Settings(
            api_key="sk-x", base_url="http://user:pw@127.0.0.1:9/v1/", model="m", temperature=0.2
        )
    )
    fingerprint = engine.info.fingerprint
    assert fingerprint["base_url"] == "http://127.0.0.1:9/v1"
    assert fingerprint["model"] == "m" and fingerprint["params"] == {"temperature": 0.2}
    assert "sk-x" not in json.dumps(fingerprint)


def test_realistic_reply_for_the_example_article(
    make_engine: EngineFactory, example_path: Path, authored_reply_path: Path
) -> None:
    script = Script([fixture_reply(authored_reply_path)])
    briefing = summarize(example_path, engine=make_engine(script))
    text = example_path.read_text("utf-8")
    names = {p.name for p in briefing.parties}
    assert {
        "United States",
        "Japan",
        "China",
        "North Korea",
        "Russia",
        "Antony Blinken",
        "Lloyd Austin",
        "Yoko Kamikawa",
        "Minoru Kihara",
    } <= names
    austin = next(p for p in briefing.parties if p.name == "Lloyd Austin")
    assert austin.affiliation_id == "united-states" and austin.role == "US Defense Secretary"
    assert "command and control" in briefing.agreements[0].what
    assert {t.source_id for t in briefing.threats} == {"china", "north-korea"}
    statuses = {e.status for e in briefing.evidence()}
    assert statuses == {EvidenceStatus.EXACT, EvidenceStatus.NORMALISED}
    for evidence in briefing.evidence():
        assert text.strip()[evidence.start : evidence.end] == evidence.text  # type: ignore[misc]


def test_the_request_spec_is_the_engine_s_requests_without_a_key() -> None:
    settings = Settings(model="m", temperature=0.1, max_output_tokens=500, mode=OutputMode.AUTO)
    spec = RequestSpec.of(settings)
    engine = OpenAIEngine(settings.with_(api_key="sk-x"))
    assert spec == engine.spec and spec.info() == engine.info
    assert engine.info == EngineInfo("openai", "m", spec.prompt_version, 24_000, spec.fingerprint())
    assert spec.params == {"temperature": 0.1, "max_completion_tokens": 500}
    local = RequestSpec.of(settings.with_(base_url="http://127.0.0.1:8000/v1/"))
    assert local.params["max_tokens"] == 500 and local.base_url == "http://127.0.0.1:8000/v1"
    assert spec.first_mode == "json_schema"
    assert RequestSpec.of(settings.with_(mode="tools")).first_mode == "tools"
    assert RequestSpec.from_json(json.loads(json.dumps(spec.to_json()))) == spec
    passage = Passage(ARTICLE.text)
    body = spec.exchange(passage, lambda reply: []).request()
    assert body["model"] == "m" and body["response_format"]["type"] == "json_schema"


def test_drive_carries_on_an_exchange_begun_elsewhere(make_engine: EngineFactory) -> None:
    engine = make_engine(Script([ok()]))
    exchange = engine.spec.exchange(Passage(ARTICLE.text), lambda reply: [])
    assert exchange.accept(b"{not json") is None, "a first reply judged elsewhere"
    script = Script([ok()])
    result = make_engine(script).drive(exchange)
    assert result.attempts == 2
    (sent,) = script.requests
    assert [m["role"] for m in sent.json["messages"]] == ["system", "user", "assistant", "user"]
    assert sent.json["messages"][2]["content"] == "{not json"
