"""Per-article overhead against the SDK floor and instructor, measured side by side.

Every contender extracts :class:`summarizer.reply.Reply` from the example article, one
call after another, from the same benchmark server (a child process, zero latency,
fixed reply). Rounds are interleaved: each round runs every contender for a few calls,
in a rotating order, so that the noise of a shared machine falls on all alike; the
figure is the median over all rounds.

- (a) floor: the ``openai`` SDK's ``chat.completions.create`` with briefing's own request,
  then ``Reply.model_validate_json`` of the content;
- (b) instructor 1.17, in its own virtual environment (a worker process, see
  ``peer_instructor.py``), in its default mode (tools) and in ``json_schema`` mode; its
  environment's own SDK floor is timed too, since pip gives it an older ``openai``;
- (c) briefing's engine alone: the request built, sent, the reply parsed and validated,
  no verifier (``OpenAIEngine.extract`` with a verifier that finds nothing), no grounding;
- (d) ``summarize()`` in full (the article already loaded): extraction, the verifier's
  grounding of every quote, assembly of the public ``Briefing``;
- (e) ``summarize(path)``: the same, the article read from its file on every call.

    python benchmarks/overhead.py --rounds 40 --calls 25
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import openai  # noqa: E402
from loopback import EXAMPLE_ARTICLE, serve_in_child  # noqa: E402
from peers import PeerWorker  # noqa: E402

from summarizer.article import Article, load_article  # noqa: E402
from summarizer.config import Settings  # noqa: E402
from summarizer.engines.base import Passage  # noqa: E402
from summarizer.engines.openai import OpenAIEngine  # noqa: E402
from summarizer.pipeline import summarize  # noqa: E402
from summarizer.reply import Reply  # noqa: E402

LABELS = {
    "raw": "(a)  openai SDK create + model_validate_json",
    "instructor-tools": "(b)  instructor 1.17, default mode (tools)",
    "instructor-json_schema": "(b') instructor 1.17, json_schema mode",
    "peer-raw": "(a') the same floor in instructor's venv",
    "engine": "(c)  briefing engine, no grounding",
    "summarize": "(d)  summarize(), full",
    "summarize-path": "(e)  summarize(path), file read each call",
}
PEER = ("instructor-tools", "instructor-json_schema", "peer-raw")


@dataclass
class Overhead:
    """Seconds per call of every contender, and the versions in play."""

    times: dict[str, list[float]]
    versions: dict[str, str]

    def median_ms(self, name: str) -> float:
        return statistics.median(self.times[name]) * 1000

    def p90_ms(self, name: str) -> float:
        return statistics.quantiles(self.times[name], n=10)[-1] * 1000

    def ratio(self, name: str) -> float:
        return self.median_ms(name) / self.median_ms("raw")


def local_contenders(base_url: str, article: Article) -> dict[str, Callable[[], object]]:
    """The contenders that run in this process: (a), (c) and (d)."""
    settings = Settings(base_url=base_url, model="bench-model", api_key="bench")
    engine = OpenAIEngine(settings)
    passage = Passage(text=article.text, title=article.title)
    request = engine_request(engine, article)
    client = openai.OpenAI(base_url=base_url, api_key="bench", max_retries=0)

    def raw() -> object:
        completion = client.chat.completions.create(**request)  # type: ignore[call-overload]
        return Reply.model_validate_json(completion.choices[0].message.content or "")

    return {
        "raw": raw,
        "engine": lambda: engine.extract(passage, lambda reply: []),
        "summarize": lambda: summarize(article, engine=engine),
        "summarize-path": lambda: summarize(EXAMPLE_ARTICLE, engine=engine),
    }


def engine_request(engine: OpenAIEngine, article: Article) -> dict[str, object]:
    """The request body briefing's engine sends for ``article``."""
    passage = Passage(text=article.text, title=article.title)
    return engine.spec.exchange(passage, lambda reply: []).request()


def measure(rounds: int = 40, calls: int = 25, *, peers: bool = True) -> Overhead:
    """Time every contender over ``rounds`` interleaved rounds of ``calls`` calls each."""
    article = load_article(EXAMPLE_ARTICLE)
    with serve_in_child() as server, tempfile.TemporaryDirectory() as scratch:
        local = local_contenders(server.base_url, article)
        request_file = Path(scratch) / "request.json"
        engine = OpenAIEngine(Settings(base_url=server.base_url, model="bench-model"))
        request_file.write_text(json.dumps(engine_request(engine, article)), "utf-8")
        worker = PeerWorker(server.base_url, request_file) if peers else None
        versions = {"openai": openai.__version__}
        if worker is not None:
            versions.update({f"peer {k}": v for k, v in worker.versions().items()})

        def run(name: str, count: int) -> list[float]:
            if name in PEER:
                assert worker is not None
                return worker.time("raw" if name == "peer-raw" else name, count)
            call = local[name]
            times = []
            for _ in range(count):
                started = perf_counter()
                call()
                times.append(perf_counter() - started)
            return times

        names = [*local, *(PEER if worker is not None else ())]
        for name in names:  # warm up: connections, caches, lazy imports
            run(name, calls * 2)
        times: dict[str, list[float]] = {name: [] for name in names}
        try:
            for number in range(rounds):
                shift = number % len(names)
                for name in names[shift:] + names[:shift]:
                    times[name] += run(name, calls)
        finally:
            if worker is not None:
                worker.close()
    return Overhead(times, versions)


def report(result: Overhead) -> list[str]:
    """The figures, one line each."""
    count = len(result.times["raw"])
    lines = [
        f"Overhead per article, zero latency: median of {count:,} calls each, interleaved "
        f"(openai {result.versions['openai']}"
        + (
            f"; instructor {result.versions['peer instructor']} with openai "
            f"{result.versions['peer openai']} in its own venv)"
            if "peer openai" in result.versions
            else "; instructor not measured)"
        )
    ]
    for name, label in LABELS.items():
        if name in result.times:
            lines.append(
                f"  {label:<46} {result.median_ms(name):6.3f} ms  {result.ratio(name):5.2f}x (a)"
                f"   p90 {result.p90_ms(name):6.3f} ms"
            )
    d = result.ratio("summarize")
    verdict = f"  target (d) <= 1.2x (a): {d:.2f}x, {'met' if d <= 1.2 else 'MISSED'}"
    if "instructor-tools" in result.times:
        peers = [n for n in ("instructor-tools", "instructor-json_schema") if n in result.times]
        best = min(result.median_ms(n) for n in peers)
        below = result.median_ms("summarize") < best
        verdict += f"; (d) below instructor ({best:.3f} ms): {'met' if below else 'MISSED'}"
    lines.append(verdict)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--calls", type=int, default=25, help="calls per contender per round")
    parser.add_argument("--no-peers", action="store_true", help="skip instructor")
    args = parser.parse_args()
    print("\n".join(report(measure(args.rounds, args.calls, peers=not args.no_peers))))


if __name__ == "__main__":
    main()
