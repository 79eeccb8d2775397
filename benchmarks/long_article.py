"""A 20,000-word article through ``summarize()``: time and number of model calls.

The article is the example article filed again and again as numbered dispatches, until
it passes 20,000 words; the benchmark server (a child process) answers every passage
with the example reply, whose quotes are in every passage. Timed with the default token
budget and with a small one (more, smaller passages), at zero latency (briefing's own
time: token counts, splitting, grounding, merging) and at a model-like latency per reply
(passages are extracted concurrently, up to four at a time).

    python benchmarks/long_article.py
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loopback import EXAMPLE_ARTICLE, serve_in_child  # noqa: E402

from summarizer.article import Article, article_from_text  # noqa: E402
from summarizer.config import Settings  # noqa: E402
from summarizer.engines.openai import OpenAIEngine  # noqa: E402
from summarizer.pipeline import summarize  # noqa: E402
from summarizer.tokens import count_tokens  # noqa: E402

WORDS = 20_000
DEFAULT_BUDGET = Settings().max_input_tokens
SMALL_BUDGET = 4_000


def long_article(words: int = WORDS) -> Article:
    """The example article as dispatch after dispatch, until ``words`` words."""
    text = EXAMPLE_ARTICLE.read_text("utf-8").strip()
    dispatches: list[str] = []
    count = 0
    while count < words:
        number = len(dispatches) + 1
        dispatch = f"Dispatch {number}, filed from Tokyo.\n\n{text}"
        dispatches.append(dispatch)
        count += len(dispatch.split())
    return article_from_text("\n\n".join(dispatches), source="long-report.txt")


@dataclass(frozen=True)
class LongRun:
    """One long article through ``summarize()``."""

    budget: int
    latency: float
    seconds: float
    calls: int
    chunks: int
    agreements: int
    warnings: int


def run(article: Article, budget: int, latency: float) -> LongRun:
    """Summarise ``article`` against a fresh server with ``latency`` seconds per reply."""
    with serve_in_child(latency=latency) as server:
        settings = Settings(base_url=server.base_url, model="bench-model", max_input_tokens=budget)
        engine = OpenAIEngine(settings)
        try:
            started = time.perf_counter()
            briefing = summarize(article, engine=engine)
            seconds = time.perf_counter() - started
        finally:
            engine.close()
        accepted, _ = server.counts()
    return LongRun(
        budget=budget,
        latency=latency,
        seconds=seconds,
        calls=accepted,
        chunks=briefing.provenance.chunks,
        agreements=len(briefing.agreements),
        warnings=len(briefing.warnings),
    )


def measure(latency: float = 0.5) -> tuple[Article, float, list[LongRun]]:
    """The tokenizer's loading time, then both budgets at zero latency and at ``latency``."""
    started = time.perf_counter()
    count_tokens("load the vocabulary once per process")
    loading = time.perf_counter() - started
    article = long_article()
    runs = [
        run(article, budget, delay)
        for budget in (DEFAULT_BUDGET, SMALL_BUDGET)
        for delay in (0.0, latency)
    ]
    return article, loading, runs


def report(article: Article, loading: float, runs: list[LongRun]) -> list[str]:
    """The figures, one line each."""
    words = len(article.text.split())
    loaded = (
        f"the tokenizer's vocabulary loaded first in {loading:.2f} s, once per process"
        if loading >= 0.01
        else "the tokenizer's vocabulary already loaded"
    )
    lines = [f"Long article: {words:,} words, {len(article.text):,} characters ({loaded})"]
    for item in runs:
        lines.append(
            f"  budget {item.budget:>6,} tokens, latency {item.latency * 1000:4.0f} ms: "
            f"{item.seconds:6.3f} s, {item.calls} model calls ({item.chunks} passages), "
            f"{item.agreements} agreements after merging, {item.warnings} warnings"
        )
    return lines


def main() -> None:
    print("\n".join(report(*measure())))


if __name__ == "__main__":
    main()
