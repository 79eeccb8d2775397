"""``summarize()``: the whole trip of one article, from source to grounded briefing.

Batch, CLI and library callers all come through here, so each step exists once:
load the article, plan the passages the engine sees, extract them (concurrently when
there are several), then ground and assemble the public :class:`Briefing`.

A server that refuses a request as longer than its model's context window
(:class:`~summarizer.errors.ContextOverflow`) gets the article again in passages half as
long (and at most half its context, when it says), down to :data:`MIN_PASSAGE_TOKENS`;
the smaller size is kept for that engine's later articles in the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
import weakref
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from summarizer._version import __version__
from summarizer.article import Article, load_article, shown_name
from summarizer.assemble import assemble, reply_problems
from summarizer.chunking import split_passages
from summarizer.config import Settings
from summarizer.engines.base import Engine, EngineInfo, Extraction, Passage, Verifier
from summarizer.engines.select import engine_for
from summarizer.errors import ContextOverflow, SourceNotFound, UnreadableSource
from summarizer.grounding import Grounder
from summarizer.merging import merge_extractions
from summarizer.reply import Reply
from summarizer.schema import Briefing, Provenance
from summarizer.tokens import count_tokens

log = logging.getLogger("summarizer")

Source = str | Path | Article
"""A path, an ``http(s)`` URL, ``-`` for standard input, or an :class:`Article` already
loaded. Text in memory is given as ``text=`` (or :meth:`Article.from_text`), never as a
source: a string source is always a path or a URL."""

MAX_CONCURRENT_PASSAGES = 4
MIN_PASSAGE_TOKENS = 500
"""Shortest passage an article is split into after a context overflow (as the setting)."""

_learned_budgets: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()
"""Token budgets lowered after a context overflow, per engine (while it lives)."""
_learned_lock = threading.Lock()


def summarize(
    source: Source | None = None,
    *,
    text: str | None = None,
    settings: Settings | None = None,
    engine: Engine | None = None,
) -> Briefing:
    """A grounded briefing of one article.

    ``summarize("article.txt")``, ``summarize("page.html")``,
    ``summarize("https://example.org/story")`` read a source;
    ``summarize(text="Officials met on Monday…")`` briefs a string in memory.

    Args:
        source: a path, an ``http(s)`` URL, ``-`` for standard input, or an
            :class:`Article` (e.g. from :meth:`Article.from_text` with a title and date,
            or :meth:`Article.from_html`).
        text: the article's plain text, instead of ``source``.
        settings: defaults to :meth:`Settings.from_env`.
        engine: defaults to the engine ``settings`` select (built once per process).

    Returns:
        The :class:`Briefing`: parties, agreements and threats, each with evidence located
        in the article's text (offsets in characters), and the provenance of the run.

    Raises:
        TypeError: neither or both of ``source`` and ``text`` were given.
        InputError: the source cannot be read as an article (see :func:`load_article`),
            with a one-line message.
        ConfigError: the settings are invalid or select no engine that can run.
        EngineError: the engine gave no briefing: :class:`TransportError` (the server
            could not be reached), :class:`InvalidReply` (still invalid after every
            re-ask), :class:`Refused`, :class:`Truncated` or :class:`ContentFiltered`.
    """
    started = time.perf_counter()
    chosen = _one_source(source, text)
    settings, engine = _resolve(settings, engine)
    article = _load(chosen, settings)
    grounder = Grounder(article.text)
    passages = plan_passages(article, engine.info, _learned_budget(engine))
    while True:
        try:
            parts = _extract_all(engine, article, grounder, passages)
            break
        except ContextOverflow as overflow:
            passages = _smaller_passages(article, passages, overflow, engine)
    return build_briefing(
        article, grounder, passages, parts, info=engine.info, duration_s=_since(started)
    )


async def asummarize(
    source: Source | None = None,
    *,
    text: str | None = None,
    settings: Settings | None = None,
    engine: Engine | None = None,
) -> Briefing:
    """Asynchronous :func:`summarize`: the same arguments and steps, the engine awaited.

    Returns:
        The :class:`Briefing`, as :func:`summarize` returns it.

    Raises:
        TypeError, InputError, ConfigError, EngineError: as :func:`summarize` raises them.
    """
    started = time.perf_counter()
    chosen = _one_source(source, text)
    settings, engine = _resolve(settings, engine)
    article = (
        chosen if isinstance(chosen, Article) else await asyncio.to_thread(_load, chosen, settings)
    )
    grounder = Grounder(article.text)
    passages = plan_passages(article, engine.info, _learned_budget(engine))
    limit = asyncio.Semaphore(MAX_CONCURRENT_PASSAGES)

    async def extract(passage: Passage) -> Extraction:
        async with limit:
            return await engine.aextract(passage, passage_verifier(passage, article, grounder))

    while True:
        try:
            parts = list(await asyncio.gather(*(extract(p) for p in passages)))
            break
        except ContextOverflow as overflow:
            passages = _smaller_passages(article, passages, overflow, engine)
    return build_briefing(
        article, grounder, passages, parts, info=engine.info, duration_s=_since(started)
    )


def plan_passages(article: Article, info: EngineInfo, budget: int | None = None) -> list[Passage]:
    """The passages an engine is given: the article, or chunks within its token budget.

    Chunks overlap and split at paragraph boundaries (see :mod:`summarizer.chunking`);
    ``budget`` lowers the engine's own budget.
    """
    budgets = [b for b in (info.token_budget, budget) if b is not None]
    if not budgets:
        return [Passage(text=article.text, title=article.title, offset=0)]
    return split_passages(article, min(budgets))


def _extract_all(
    engine: Engine, article: Article, grounder: Grounder, passages: Sequence[Passage]
) -> list[Extraction]:
    if len(passages) == 1:
        return [engine.extract(passages[0], passage_verifier(passages[0], article, grounder))]
    with ThreadPoolExecutor(min(MAX_CONCURRENT_PASSAGES, len(passages))) as pool:
        return list(
            pool.map(lambda p: engine.extract(p, passage_verifier(p, article, grounder)), passages)
        )


def _learned_budget(engine: Engine) -> int | None:
    try:
        return _learned_budgets.get(engine)
    except TypeError:  # an engine that cannot be weakly referenced learns nothing
        return None


def _smaller_passages(
    article: Article, passages: Sequence[Passage], overflow: ContextOverflow, engine: Engine
) -> list[Passage]:
    """The article in passages half as long (at most half the context), after ``overflow``.

    Re-raises ``overflow`` when the passages would be shorter than
    :data:`MIN_PASSAGE_TOKENS`.
    """
    budget = overflow_budget(passages, overflow.context_size)
    if budget is None:
        raise overflow
    with _learned_lock, contextlib.suppress(TypeError):
        _learned_budgets[engine] = min(budget, _learned_budgets.get(engine, budget))
    log.info(
        "the request did not fit the model's context; passages of at most %d tokens now",
        budget,
    )
    return plan_passages(article, engine.info, budget)


def overflow_budget(passages: Sequence[Passage], context_size: int | None) -> int | None:
    """The token budget after ``passages`` overflowed a model's context of ``context_size``.

    Half the longest passage, and at most half the context when the server said it;
    ``None`` when that is under :data:`MIN_PASSAGE_TOKENS` (no split is worth trying).
    """
    budget = max(count_tokens(p.text) for p in passages) // 2
    if context_size:
        budget = min(budget, context_size // 2)
    return None if budget < MIN_PASSAGE_TOKENS else budget


def split_passage(article: Article, passage: Passage, budget: int) -> list[Passage]:
    """``passage`` of ``article`` in passages of at most ``budget`` tokens.

    Cut as :func:`~summarizer.chunking.split_passages` cuts an article; each offset is
    in the whole article.
    """
    pieces = split_passages(replace(article, text=passage.text), budget)
    return [Passage(p.text, p.title, passage.offset + p.offset) for p in pieces]


def merge_parts(passages: Sequence[Passage], parts: Sequence[Extraction]) -> Extraction:
    """One extraction for the article from the extraction of each passage.

    Anchors of the result are offsets in the whole article.
    """
    if len(parts) == 1 and passages[0].offset == 0:
        return parts[0]
    return merge_extractions(list(zip(passages, parts, strict=True)))


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 4)


def _resolve(settings: Settings | None, engine: Engine | None) -> tuple[Settings, Engine]:
    settings = settings or Settings.from_env()
    return settings, engine or engine_for(settings)


def _one_source(source: Source | None, text: str | None) -> Source:
    """The source to read: ``source``, or an article made of ``text``."""
    if text is not None and source is None:
        return Article.from_text(text)
    if source is None or text is not None:
        raise TypeError("summarize() takes a source or text=, not both or neither")
    return source


def _load(source: Source, settings: Settings) -> Article:
    if isinstance(source, Article):
        return source
    try:
        return load_article(source, max_bytes=settings.max_bytes)
    except (SourceNotFound, UnreadableSource):
        if isinstance(source, str) and _looks_like_text(source):
            raise SourceNotFound(
                f"{shown_name(source, 40)}: no such file; to brief text in memory, "
                "pass it as summarize(text=...)"
            ) from None
        raise


def _looks_like_text(source: str) -> bool:
    """Whether a string taken for a path is more likely an article's text."""
    return "\n" in source or len(source) > 255 or len(source.split()) > 8


def passage_verifier(passage: Passage, article: Article, whole: Grounder) -> Verifier:
    """What checks a reply for ``passage``: its quotes located in the passage's own text.

    ``whole`` is the article's grounder, reused when the passage is the whole article.
    """
    grounder = whole if passage.text == article.text else Grounder(passage.text)

    def verify(reply: Reply) -> list[str]:
        return reply_problems(reply, grounder)

    return verify


def build_briefing(
    article: Article,
    grounder: Grounder,
    passages: Sequence[Passage],
    parts: Sequence[Extraction],
    *,
    info: EngineInfo,
    duration_s: float,
) -> Briefing:
    """The briefing of ``article`` from the extraction of each of its passages.

    The extractions are merged, grounded in ``grounder`` (the article's) and assembled;
    ``info`` names the engine, model and prompts in the provenance.
    """
    extraction = merge_parts(passages, parts)
    assembly = assemble(extraction.reply, grounder, extraction.anchors)
    warnings = list(dict.fromkeys([*assembly.warnings, *extraction.notes]))
    provenance = Provenance(
        engine=info.name,
        model=extraction.model or info.model,
        served_model=extraction.served_model,
        output_mode=extraction.output_mode,
        prompt_version=info.prompt_version,
        tool_version=__version__,
        source_sha256=article.sha256,
        attempts=extraction.attempts,
        chunks=len(passages),
        usage=extraction.usage,
        duration_s=duration_s,
        created_at=datetime.now(UTC),
    )
    return Briefing(
        headline=extraction.reply.headline,
        summary=extraction.reply.summary,
        parties=assembly.parties,
        agreements=assembly.agreements,
        threats=assembly.threats,
        article=article.info(),
        provenance=provenance,
        warnings=warnings,
    )
