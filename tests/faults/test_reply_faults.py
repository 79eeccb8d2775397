"""Faults in what the model says, one at a time, on the loopback server.

An invalid or ungrounded reply is re-asked with the reply and its problems; one that
stays invalid is an ``InvalidReply`` keeping the raw reply, and quotes that stay out of
the article are kept, flagged ``unverified`` and named in the warnings. A refusal, a
truncation or a content filter ends the article at once as its typed outcome. (That a
re-ask replaces earlier failures instead of piling them up is tested in
``tests/engines/test_openai.py``.)
"""

from __future__ import annotations

import pytest

from summarizer.article import article_from_text
from summarizer.errors import BriefingError, EngineError, InvalidReply, ReplyOutcome
from summarizer.pipeline import summarize
from summarizer.schema import EvidenceStatus
from summarizer.testing import FakeServer
from tests.batch.conftest import article_text
from tests.faults.conftest import (
    FAULTS,
    INVENTED,
    Fault,
    FaultyModel,
    engine_at,
    first_n,
    summarize_async,
)

ARTICLE = article_from_text(article_text(0))
REPLY = [f for f in FAULTS if f.layer == "reply"]
OUTCOME = [f for f in FAULTS if f.layer == "outcome"]


@pytest.mark.parametrize("chosen", REPLY, ids=lambda f: f.name)
def test_one_bad_reply_is_reasked_with_its_problems_and_the_article_succeeds(
    chosen: Fault,
) -> None:
    model = FaultyModel(first_n(chosen, 1))
    with FakeServer(model) as server:
        engine = engine_at(server.base_url)
        briefing = summarize(ARTICLE, engine=engine)
        engine.close()
    assert model.served[0] == [chosen.name, "good"]
    assert briefing.provenance.attempts == 2
    assert briefing.warnings == []
    assert {e.status for e in briefing.evidence()} == {EvidenceStatus.EXACT}
    reask = server.requests[1].json["messages"]
    assert [m["role"] for m in reask] == ["system", "user", "assistant", "user"]
    assert chosen.says.split(":")[0] in reask[3]["content"]


@pytest.mark.parametrize("chosen", REPLY, ids=lambda f: f.name)
def test_a_reply_that_stays_bad_ends_typed_or_flagged_after_every_attempt(
    chosen: Fault,
) -> None:
    model = FaultyModel(first_n(chosen, None))
    with FakeServer(model) as server:
        engine = engine_at(server.base_url, max_attempts=3)
        try:
            briefing = summarize_async(ARTICLE, engine)
        except BriefingError as exc:
            failure: BriefingError | None = exc
        else:
            failure = None
    assert model.served[0] == [chosen.name] * 3, "max_attempts requests, then it stops"
    if chosen.status == "ok":
        assert failure is None
        assert briefing.provenance.attempts == 3
        assert len(briefing.warnings) == 3 and all(chosen.says in w for w in briefing.warnings)
        invented = [e for e in briefing.evidence() if e.quote == INVENTED]
        assert len(invented) == 3 and {e.status for e in invented} == {EvidenceStatus.UNVERIFIED}
        assert all(e.start is None and e.text is None for e in invented)
        for located in (e for e in briefing.evidence() if e.verified):
            assert located.text and ARTICLE.text[located.start : located.end] == located.text
        return
    assert isinstance(failure, InvalidReply)
    assert chosen.says in str(failure) and "\n" not in str(failure)
    assert (failure.status, failure.exit_code, failure.attempts) == ("invalid", 22, 3)
    assert failure.usage.total_tokens == 3 * 200, "every attempt's tokens are counted"
    assert failure.problems and failure.problems[0] in str(failure)


@pytest.mark.parametrize("chosen", OUTCOME, ids=lambda f: f.name)
def test_refusal_truncation_and_filter_end_the_article_at_once_with_the_raw_reply(
    chosen: Fault,
) -> None:
    model = FaultyModel(first_n(chosen, 1))
    with FakeServer(model) as server:
        engine = engine_at(server.base_url)
        with pytest.raises(ReplyOutcome) as caught:
            summarize(ARTICLE, engine=engine)
        engine.close()
    assert model.served[0] == [chosen.name], "neither retried nor re-asked"
    outcome: EngineError = caught.value
    assert outcome.status == chosen.status and str(outcome) == chosen.says
    assert outcome.attempts == 1 and outcome.usage.total_tokens == 200
    assert outcome.raw is not None or chosen.name == "content_filter"
