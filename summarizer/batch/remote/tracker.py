"""Every passage's exchange across the rounds of a run: requests to send, replies to judge.

The judging is the online path's, unchanged: each passage has an
:class:`~summarizer.engines.exchange.Exchange` that builds its requests and judges its
replies (validation, grounding, re-asks that replace the last failed attempt, output-mode
fallback). The tracker hands out the requests still needed, routes each result line to
its exchange by custom id, and says when an input is settled: every passage extracted,
or one failed. A result line for the wrong attempt, or for no request of the run, is
counted and ignored, so applying the same result files again in the same order puts
every exchange back where it was (that is how a resumed run catches up).

Error lines are read for their cause and handled by the online engine's rules
(:mod:`~summarizer.engines.recovery`): a refused output mode moves the exchange to the
next mode (a refusal that gives no reason, once); a refused token-limit parameter is
sent under its other name, or a refused temperature left out; a request over the
model's context window is split into passages half as long (at most half the context
when the server says it), each its own exchange, down to the pipeline's shortest; a
failure the same request may get past (a 5xx, a rate limit, a request an expired batch
never ran) is sent again, at most ``max_retries`` times; any other refusal fails the
input with the online path's message for it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

from summarizer.batch.remote.lines import RequestId, ResultLine, request_line
from summarizer.batch.remote.snapshot import Planned, RunSpec
from summarizer.engines.base import Extraction, OutputMode, Passage
from summarizer.engines.diagnosis import Cause, diagnose
from summarizer.engines.exchange import Exchange
from summarizer.engines.explain import Where
from summarizer.engines.failure import refusal
from summarizer.engines.recovery import fall_back, fix_parameter, passes_later
from summarizer.errors import BriefingError, ContextOverflow, EngineError, TransportError
from summarizer.grounding import Grounder
from summarizer.pipeline import build_briefing, overflow_budget, passage_verifier, split_passage
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
        self.passages: list[Passage] = list(planned.passages)
        """The planned passages, then the pieces of any split after a context overflow."""
        self.parts: list[Extraction | None] = [None] * count
        self.resubmits = [0] * count
        self.problems: list[str | None] = [None] * count
        """The last error line of each passage, if any."""
        self.split_up: set[int] = set()
        """Passages too long for the model's context, replaced by their pieces."""
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
        return [self._exchange(passage) for passage in self.passages]

    def _exchange(self, passage: Passage) -> Exchange:
        article = self.planned.article
        assert article is not None, "an unread input has no exchanges"
        return self.spec.request.exchange(
            passage, passage_verifier(passage, article, self.grounder)
        )

    def live(self) -> list[int]:
        """The passages whose extractions make the briefing (every one not split up)."""
        return [n for n in range(len(self.passages)) if n not in self.split_up]

    @property
    def settled(self) -> bool:
        """Whether the input failed or every passage has its extraction."""
        return self.failure is not None or all(self.parts[n] is not None for n in self.live())

    def split(self, passage: int, context_size: int | None) -> bool:
        """Replace ``passage``, too long for the model's context, by smaller passages.

        Their budget is :func:`~summarizer.pipeline.overflow_budget`'s; they are numbered
        after the passages there are. ``False`` when they would be too short.
        """
        article = self.planned.article
        assert article is not None, "an unread input has no passages"
        budget = overflow_budget([self.passages[passage]], context_size)
        if budget is None:
            return False
        pieces = split_passage(article, self.passages[passage], budget)
        exchanges = self.exchanges
        self.split_up.add(passage)
        for piece in pieces:
            self.passages.append(piece)
            exchanges.append(self._exchange(piece))
            self.parts.append(None)
            self.resubmits.append(0)
            self.problems.append(None)
        return True

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
        order = sorted(self.live(), key=lambda n: self.passages[n].offset)
        parts = [part for n in order if (part := self.parts[n]) is not None]
        assert len(parts) == len(order), "every passage has its extraction"
        elapsed = datetime.now(UTC) - self.spec.started()
        return build_briefing(
            article,
            self.grounder,
            [self.passages[n] for n in order],
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
                for passage in work.live():
                    if work.parts[passage] is None:
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
        if line.answered:
            self._judge(work, passage, line.reply)
            return work if work.settled else None
        work.problems[passage] = line.problem
        if line.status is None:
            self._again(work, passage, line.problem)
        else:
            self._recover(work, passage, line)
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
        if isinstance(outcome, ContextOverflow) and work.split(passage, outcome.context_size):
            log.info(
                "input %d, passage %d: over the model's context; split", work.planned.n, passage
            )
        elif isinstance(outcome, EngineError):
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
            or passage in work.split_up
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

    def _recover(self, work: InputWork, passage: int, line: ResultLine) -> None:
        """Change what ``passage`` sends after a refusal, send it again, or fail the input."""
        assert line.status is not None
        found = diagnose(line.status, line.error)
        exchange = work.exchanges[passage]
        request = self.spec.request
        rejected, said = exchange.mode, f"HTTP {found.status}: {found.said}"
        if fall_back(request.mode, found, exchange):
            log.info(
                "%s: the server rejected %s (%s); trying %s",
                line.custom_id,
                rejected,
                said,
                exchange.mode,
            )
        elif fix_parameter(found, exchange):
            instead = exchange.renamed[found.param or ""]
            log.info(
                "%s: the server refused %s (%s); sending %s",
                line.custom_id,
                found.param,
                said,
                f"{instead} instead" if instead else "none",
            )
        elif found.cause is Cause.CONTEXT and work.split(passage, found.context_size):
            log.info(
                "%s: over the model's context (%s); the passage is split", line.custom_id, said
            )
        elif passes_later(found):
            self._again(work, passage, line.problem)
        else:
            auto = request.mode is OutputMode.AUTO
            where = Where(request.base_url, request.model, exchange.mode, auto=auto)
            usage = exchange.usage
            work.fail(refusal(found, where, found.said, attempts=exchange.attempts, usage=usage))

    def _again(self, work: InputWork, passage: int, problem: str) -> None:
        work.resubmits[passage] += 1
        sent = work.resubmits[passage]
        if sent > self.spec.request.max_retries:
            exchange = work.exchanges[passage]
            work.fail(_refused(f"no reply after {sent} submission(s): {problem}", exchange))


def _refused(message: str, exchange: Exchange) -> EngineError:
    return TransportError(message, attempts=exchange.attempts, usage=exchange.usage)
