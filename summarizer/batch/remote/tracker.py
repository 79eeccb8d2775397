"""Every passage's exchange across the rounds of a run: requests to send, replies to judge.

The judging is the online path's, unchanged: each passage has an
:class:`~summarizer.engines.exchange.Exchange` that builds its requests and judges its
replies (validation, grounding, re-asks that replace the last failed attempt, output-mode
fallback). The tracker hands out the requests still needed, routes each result line to
its exchange by custom id, and says when an input is settled: every passage extracted,
or one failed. A result line for the wrong attempt, or for no request of the run, is
counted and ignored, so applying the same result files again in the same order puts
every exchange back where it was (that is how a resumed run catches up).

Error lines are handled as the online path handles HTTP errors: an output mode the
server rejects moves the exchange to the next mode; a transient failure (429, 5xx, a
request an expired batch never ran) is sent again, at most ``max_retries`` times; any
other refusal fails the input.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

from summarizer.batch.remote.lines import RequestId, ResultLine, request_line
from summarizer.batch.remote.snapshot import Planned, RunSpec
from summarizer.engines.base import Extraction
from summarizer.engines.exchange import Exchange
from summarizer.engines.openai import rejects_mode
from summarizer.engines.retry import transient_status
from summarizer.errors import BriefingError, EngineError, TransportError
from summarizer.grounding import Grounder
from summarizer.pipeline import build_briefing, passage_verifier
from summarizer.schema import Briefing, Usage

log = logging.getLogger("summarizer")


@dataclass(frozen=True)
class Failure:
    """Why an input has no briefing: its manifest status and message, and what it cost."""

    status: str
    message: str
    attempts: int = 0
    usage: Usage = field(default_factory=Usage)

    @classmethod
    def of(cls, error: BriefingError) -> Failure:
        """The failure an error stands for."""
        if isinstance(error, EngineError):
            return cls(error.status, str(error), error.attempts, error.usage)
        return cls(error.status, str(error))


class InputWork:
    """One input of a run: its exchanges, what each passage gave, or why it failed."""

    def __init__(self, planned: Planned, spec: RunSpec) -> None:
        self.planned = planned
        self.spec = spec
        count = len(planned.passages)
        self.parts: list[Extraction | None] = [None] * count
        self.resubmits = [0] * count
        self.problems: list[str | None] = [None] * count
        """The last error line of each passage, if any."""
        self.failure = None if planned.error is None else Failure(*planned.error)
        self.recorded = False

    @cached_property
    def grounder(self) -> Grounder:
        """The grounder of the whole article."""
        assert self.planned.article is not None, "an unread input has no grounder"
        return Grounder(self.planned.article.text)

    @cached_property
    def exchanges(self) -> list[Exchange]:
        """One exchange per passage, as the online engine would begin it."""
        article = self.planned.article
        assert article is not None, "an unread input has no exchanges"
        return [
            self.spec.request.exchange(passage, passage_verifier(passage, article, self.grounder))
            for passage in self.planned.passages
        ]

    @property
    def settled(self) -> bool:
        """Whether the input failed or every passage has its extraction."""
        return self.failure is not None or all(part is not None for part in self.parts)

    def forget(self) -> None:
        """Drop the exchanges and grounder of a recorded input: a large run holds many."""
        assert self.recorded, "only a recorded input is done with them"
        self.__dict__.pop("exchanges", None)
        self.__dict__.pop("grounder", None)

    def fail(self, error: BriefingError) -> None:
        """Settle the input as failed (the first failure stands)."""
        if self.failure is None:
            self.failure = Failure.of(error)

    def briefing(self) -> Briefing:
        """The briefing of a settled, successful input."""
        article = self.planned.article
        assert article is not None and self.failure is None
        parts = [part for part in self.parts if part is not None]
        assert len(parts) == len(self.parts), "every passage has its extraction"
        elapsed = datetime.now(UTC) - self.spec.started()
        return build_briefing(
            article,
            self.grounder,
            self.planned.passages,
            parts,
            info=self.spec.request.info(),
            duration_s=round(max(elapsed.total_seconds(), 0.0), 4),
        )


class Tracker:
    """The exchanges of every input of a run; see the module's docstring."""

    def __init__(self, spec: RunSpec, inputs: Iterable[Planned]) -> None:
        self.spec = spec
        self.inputs = {planned.n: InputWork(planned, spec) for planned in inputs}
        self.foreign = 0
        """Result lines for no request of this run."""
        self.stale = 0
        """Result lines for an attempt the exchange is not at (repeated, or out of turn)."""

    def pending(self) -> Iterator[tuple[InputWork, int]]:
        """Every (input, passage) waiting for a request: not extracted, input not settled."""
        for work in self.inputs.values():
            if work.failure is None and not work.recorded:
                for passage, part in enumerate(work.parts):
                    if part is None:
                        yield work, passage

    def request(self, work: InputWork, passage: int) -> tuple[RequestId, bytes]:
        """The custom id and request line of the next attempt at ``passage``."""
        exchange = work.exchanges[passage]
        custom_id = RequestId(self.spec.run, work.planned.n, passage, exchange.attempts + 1)
        return custom_id, request_line(custom_id, exchange.request())

    def apply(self, line: ResultLine) -> InputWork | None:
        """Judge a result line; the input when this settles it."""
        found = self._locate(line.custom_id)
        if found is None:
            return None
        work, passage = found
        exchange = work.exchanges[passage]
        if not line.answered:
            work.problems[passage] = line.problem
        if line.answered:
            self._judge(work, passage, line.reply)
        elif line.status is not None and self._falls_back(line, exchange):
            log.info(
                "%s: the server rejected %s; trying %s", line.custom_id, line.problem, exchange.mode
            )
        elif line.status is None or transient_status(line.status):
            self._again(work, passage, line.problem)
        else:
            work.fail(_refused(f"the request was refused ({line.problem})", exchange))
        return work if work.settled else None

    def unanswered(self, custom_id: str, reason: str, *, again: bool) -> InputWork | None:
        """A request that got no result line at all; sent again if ``again``, else failed."""
        found = self._locate(custom_id)
        if found is None:
            return None
        work, passage = found
        work.problems[passage] = reason
        if again:
            self._again(work, passage, reason)
        else:
            work.fail(_refused(reason, work.exchanges[passage]))
        return work if work.settled else None

    def settle(self, work: InputWork, passage: int, outcome: Extraction | EngineError) -> None:
        """Give a passage the outcome of its exchange carried on elsewhere (online)."""
        if isinstance(outcome, EngineError):
            work.fail(outcome)
        else:
            work.parts[passage] = outcome

    def finish(self) -> list[InputWork]:
        """Settle every pending passage with the replies it has, as after its last attempt.

        A passage that never got a reply fails. For results that cannot be asked again.
        """
        touched: dict[int, InputWork] = {}
        for work, passage in list(self.pending()):
            exchange = work.exchanges[passage]
            touched[work.planned.n] = work
            if exchange.attempts == 0:
                custom_id = RequestId(self.spec.run, work.planned.n, passage, 1)
                why = work.problems[passage] or "no result line"
                work.fail(_refused(f"no reply to request {custom_id}: {why}", exchange))
                continue
            try:
                work.parts[passage] = exchange.finish()
            except EngineError as exc:
                work.fail(exc)
        return list(touched.values())

    def _locate(self, custom_id: str) -> tuple[InputWork, int] | None:
        request = RequestId.parse(custom_id)
        work = self.inputs.get(request.input) if request and request.run == self.spec.run else None
        if request is None or work is None or not 0 <= request.passage < len(work.parts):
            self.foreign += 1
            return None
        passage = request.passage
        if (
            work.recorded
            or work.failure is not None
            or work.parts[passage] is not None
            or request.attempt != work.exchanges[passage].attempts + 1
        ):
            self.stale += 1
            return None
        return work, passage

    def _judge(self, work: InputWork, passage: int, body: bytes) -> None:
        try:
            result = work.exchanges[passage].accept(body)
        except EngineError as exc:
            work.fail(exc)
            return
        if result is not None:
            work.parts[passage] = result

    def _falls_back(self, line: ResultLine, exchange: Exchange) -> bool:
        assert line.status is not None
        rejected = rejects_mode(self.spec.request.mode, line.status, line.message or "")
        return rejected and exchange.next_mode()

    def _again(self, work: InputWork, passage: int, problem: str) -> None:
        work.resubmits[passage] += 1
        sent = work.resubmits[passage]
        if sent > self.spec.request.max_retries:
            exchange = work.exchanges[passage]
            work.fail(_refused(f"no reply after {sent} submission(s): {problem}", exchange))


def _refused(message: str, exchange: Exchange) -> EngineError:
    return TransportError(message, attempts=exchange.attempts, usage=exchange.usage)
