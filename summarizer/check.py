"""``briefing check``: what a server honours, found with one small request per output mode.

Before a batch, a user wants to know whether the server can be reached, whether it
serves the model, which output modes it honours and whether it holds the model to the
schema. :func:`check_server` lists the server's models (``GET /models``, which also
gives the context window on servers that say it), then sends a two-sentence article
once in each output mode, without retries or re-asks, and says what came back and how
long it took. A refusal that no mode changes (a wrong key, an unknown model, a wrong
base URL, a spent quota) stops it early.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from summarizer.article import article_from_text
from summarizer.config import Settings
from summarizer.engines.base import OutputMode, Passage
from summarizer.engines.exchange import FALLBACK_ORDER
from summarizer.engines.listing import ListedModel, list_models
from summarizer.engines.openai import OpenAIEngine
from summarizer.errors import InvalidReply, ReplyOutcome, TransportError
from summarizer.grounding import Grounder
from summarizer.pipeline import passage_verifier

SAMPLE = (
    "Japan and the Philippines signed a reciprocal access agreement in Manila on Monday. "
    "China warned that the pact threatens regional stability."
)
"""The article every output mode is tried with."""
FINAL_CAUSES = frozenset({"key", "model", "route", "quota", "server"})
"""Causes the same for every output mode (a refusal of the key, model, route or quota, or a
server that cannot be reached or kept failing): checking the others would only repeat them."""


class Verdict(StrEnum):
    """How one output mode fared."""

    WORKS = "works"
    IGNORES_SCHEMA = "ignores the schema"
    INVALID = "invalid reply"
    REFUSED = "refused"
    NO_ANSWER = "no answer"  # not reached, or failing whatever was asked: the same in every mode
    FAILED = "failed"


@dataclass(frozen=True)
class ModeCheck:
    """One request in one output mode: the verdict, what it says, time and tokens."""

    mode: OutputMode
    verdict: Verdict
    detail: str
    seconds: float
    tokens: int


@dataclass(frozen=True)
class ServerCheck:
    """What :func:`check_server` found."""

    base_url: str
    model: str
    models: list[ListedModel] | None
    """The server's models; ``None`` when it would not list them."""
    models_error: str | None
    modes: list[ModeCheck] = field(default_factory=list)

    @property
    def listed(self) -> ListedModel | None:
        """The model of the settings among those listed, if it is."""
        return next((m for m in self.models or [] if m.id == self.model), None)

    @property
    def chosen(self) -> OutputMode | None:
        """The mode ``--mode auto`` settles on: the first that works, in its order."""
        return next((c.mode for c in self.modes if c.verdict is Verdict.WORKS), None)

    def to_json(self) -> dict[str, Any]:
        """The check as JSON values."""
        listed = self.listed
        return {
            "base_url": self.base_url,
            "model": self.model,
            "model_listed": None if self.models is None else listed is not None,
            "context_size": listed.context_size if listed else None,
            "context_field": listed.context_field if listed else None,
            "models": None if self.models is None else [m.id for m in self.models],
            "models_error": self.models_error,
            "modes": [
                {
                    "mode": c.mode.value,
                    "verdict": c.verdict.value,
                    "detail": c.detail,
                    "seconds": round(c.seconds, 3),
                    "tokens": c.tokens,
                }
                for c in self.modes
            ],
            "chosen": self.chosen.value if self.chosen else None,
        }


EngineFactory = Callable[[Settings], OpenAIEngine]


def check_server(settings: Settings, *, build: EngineFactory = OpenAIEngine) -> ServerCheck:
    """Check the server ``settings`` point at: its models, then each output mode once.

    ``build`` makes an engine from settings (tests give one on a fake transport).

    Raises:
        ConfigError: the settings name no server.
    """
    quick = settings.with_(max_attempts=1, max_retries=min(settings.max_retries, 1))
    lister = build(quick)
    models: list[ListedModel] | None = None
    models_error = None
    try:
        models = list_models(lister)
    except TransportError as exc:
        models_error = str(exc)
        if exc.cause in ("key", "quota"):
            return ServerCheck(lister.spec.base_url, lister.spec.model, None, models_error)
    finally:
        lister.close()
    found = ServerCheck(lister.spec.base_url, lister.spec.model, models, models_error)
    for mode in FALLBACK_ORDER:
        outcome, cause = _try_mode(build(quick.with_(mode=mode)), mode)
        found.modes.append(outcome)
        if cause in FINAL_CAUSES:
            break
    return found


def _try_mode(engine: OpenAIEngine, mode: OutputMode) -> tuple[ModeCheck, str | None]:
    """One request in ``mode``: its check, and the cause of a refusal."""
    article = article_from_text(SAMPLE)
    grounder = Grounder(article.text)
    passage = Passage(article.text)
    exchange = engine.spec.exchange(passage, passage_verifier(passage, article, grounder))
    started = time.perf_counter()
    cause = None
    try:
        reply = engine.drive(exchange).reply
        quotes = reply.quotes()
        located = sum(1 for quote in quotes if grounder.locate(quote).verified)
        verdict, detail = (
            Verdict.WORKS,
            f"{_count(reply.parties, 'party', 'parties')}, "
            f"{_count(reply.agreements, 'agreement')}, {_count(reply.threats, 'threat')}; "
            f"{located}/{len(quotes)} quotes found",
        )
    except InvalidReply as exc:
        if exchange.schemaless:
            verdict, detail = (
                Verdict.IGNORES_SCHEMA,
                f"a reply without the schema: {exc.problems[0]}",
            )
        else:
            verdict, detail = Verdict.INVALID, exc.problems[0]
    except TransportError as exc:
        failing = exc.cause == "server"
        verdict, detail, cause = (
            (Verdict.NO_ANSWER if failing else Verdict.REFUSED),
            str(exc),
            exc.cause,
        )
    except ReplyOutcome as exc:
        verdict, detail = Verdict.FAILED, str(exc)
    finally:
        engine.close()
    seconds = time.perf_counter() - started
    return ModeCheck(mode, verdict, detail, seconds, exchange.usage.total_tokens), cause


def _count(items: list[Any], one: str, many: str | None = None) -> str:
    return f"{len(items)} {one if len(items) == 1 else many or one + 's'}"
