"""Benchmark of ``briefing batch`` against a loopback server that takes its time to reply.

Runs the real command in a child process (as a user would) over N distinct articles
built from the example article, against a FakeServer whose every reply takes
``--latency`` seconds, and prints:

- wall time of the full batch against the ideal ``N × latency / jobs``;
- peak RSS of the batch process for 100 articles and for N (it should stay flat);
- a re-run of the finished batch (resume: every article already done) and a run into a
  fresh folder answered by the response cache: time and requests to the server.

With ``--offline``, it compares ways to run the offline engine over a batch instead (in
process, no server): one article at a time, threads, ``nlp.pipe`` batches, and worker
processes (what ``briefing batch`` uses).

    PYTHONPATH=. python benchmarks/batch.py                # 1,000 articles, 200 ms, --jobs 32
    PYTHONPATH=. python benchmarks/batch.py --articles 200 --latency 0.05
    PYTHONPATH=. python benchmarks/batch.py --offline --articles 200
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from summarizer.batch import BatchOptions, BatchRunner, discover_inputs
from summarizer.config import EngineName, Settings
from summarizer.engines.base import Engine, Extraction, Passage, Verifier
from summarizer.engines.offline import OfflineEngine
from summarizer.engines.select import ProcessPoolEngine
from summarizer.testing import FakeServer, Reply, Request, SchemaModel

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "articles" / "voa-us-japan-2plus2.txt"


def write_articles(folder: Path, count: int) -> None:
    """``count`` distinct articles: the example article under a numbered dateline."""
    text = EXAMPLE.read_text("utf-8")
    for number in range(count):
        sub = folder / f"day-{number // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        dateline = f"Dispatch {number} from the wire desk, filed on day {number}."
        (sub / f"story-{number:05d}.txt").write_text(f"{dateline}\n\n{text}", "utf-8")


@dataclass
class Run:
    """What one ``briefing batch`` process took."""

    wall: float
    exit_code: int
    peak_rss_mb: float
    cpu: float


def run_batch(source: Path, out: Path, base_url: str, jobs: int, cache: Path) -> Run:
    """Run ``briefing batch`` in a child process, as a user would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "summarizer", "batch", str(source), "-o", str(out)]
    command += ["--base-url", base_url, "--jobs", str(jobs), "--quiet"]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(elapsed, child.returncode, usage.ru_maxrss / 1024, cpu)


class SlowModel:
    """The schema model, replying after ``latency`` seconds; notes when requests came."""

    def __init__(self, latency: float) -> None:
        self.model = SchemaModel()
        self.latency = latency
        self.arrivals: list[float] = []

    def __call__(self, request: Request) -> Reply:
        self.arrivals.append(time.perf_counter())
        return replace(self.model(request), delay=self.latency)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per reply")
    parser.add_argument("--jobs", type=int, default=32)
    parser.add_argument("--offline", action="store_true", help="compare offline strategies")
    args = parser.parse_args()
    if args.offline:
        offline_benchmark(args.articles)
    else:
        model_benchmark(args)


def model_benchmark(args: argparse.Namespace) -> None:
    """The batch command against the slow loopback server."""
    handler = SlowModel(args.latency)
    with (
        tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch,
        FakeServer(handler) as server,
    ):
        root = Path(scratch)
        small, full = root / "in-100", root / f"in-{args.articles}"
        write_articles(small, min(100, args.articles))
        write_articles(full, args.articles)
        print(
            f"{args.articles} articles of ~{EXAMPLE.stat().st_size:,} bytes, "
            f"{args.latency * 1000:.0f} ms per reply, --jobs {args.jobs}, {os.cpu_count()} CPUs"
        )

        def batch(source: Path, out: str, cache: str) -> tuple[Run, int]:
            before = server.count
            handler.arrivals.clear()
            run = run_batch(source, root / out, server.base_url, args.jobs, root / cache)
            return run, server.count - before

        run, requests = batch(small, "out-100", "cache-100")
        print(f"100 articles:   {run.wall:6.2f} s  exit {run.exit_code}  {requests} requests")

        run_full, requests = batch(full, "out", "cache")
        ideal = args.articles * args.latency / args.jobs
        window = handler.arrivals[-1] + args.latency - handler.arrivals[0]
        print(
            f"{args.articles} articles: {run_full.wall:6.2f} s  exit {run_full.exit_code}  "
            f"{requests} requests  CPU {run_full.cpu / args.articles * 1000:.1f} ms/article"
        )
        print(
            f"  ideal {ideal:.2f} s: whole command {run_full.wall / ideal:.2f}x ideal; "
            f"first request to last reply {window:.2f} s = {window / ideal:.2f}x ideal "
            f"(target <= 1.25x)"
        )
        print(
            f"  peak RSS: {run.peak_rss_mb:.0f} MB at 100, "
            f"{run_full.peak_rss_mb:.0f} MB at {args.articles}"
        )

        run, requests = batch(full, "out", "cache")
        print(
            f"re-run, same folder (resume): {run.wall:5.2f} s  exit {run.exit_code}  "
            f"{requests} requests (target <= 3 s, 0 requests)"
        )
        run, requests = batch(full, "out-again", "cache")
        print(
            f"re-run, new folder (cache):   {run.wall:5.2f} s  exit {run.exit_code}  "
            f"{requests} requests"
        )


class PipeBatches:
    """The offline engine fed in ``nlp.pipe`` batches: passages arriving together are parsed
    together by ``extract_many`` in one thread."""

    def __init__(self, engine: OfflineEngine, size: int = 32) -> None:
        self.engine = engine
        self.info = engine.info
        self.size = size
        self.waiting: list[tuple[Passage, Verifier, asyncio.Future[Extraction]]] = []
        self.lock = asyncio.Lock()

    def extract(self, passage: Passage, verify: Verifier) -> Extraction:
        return self.engine.extract(passage, verify)

    async def aextract(self, passage: Passage, verify: Verifier) -> Extraction:
        future: asyncio.Future[Extraction] = asyncio.get_running_loop().create_future()
        self.waiting.append((passage, verify, future))
        async with self.lock:  # one batch at a time; whoever holds the lock parses the queue
            if not future.done():
                batch, self.waiting = self.waiting[: self.size], self.waiting[self.size :]
                passages, verifiers, futures = zip(*batch, strict=True)
                results = await asyncio.to_thread(self.engine.extract_many, passages, verifiers)
                for waiter, result in zip(futures, results, strict=True):
                    waiter.set_result(result)
        return await future

    def close(self) -> None:
        self.engine.close()

    async def aclose(self) -> None:
        await self.engine.aclose()


def offline_benchmark(count: int) -> None:
    """Articles per second of the offline engine, run four ways through the batch runner."""
    settings = Settings(engine=EngineName.OFFLINE)
    processes = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch:
        root = Path(scratch)
        write_articles(root / "in", count)
        items = discover_inputs(root / "in")
        engine = OfflineEngine()
        engine.extract(Passage(EXAMPLE.read_text("utf-8")), lambda reply: [])  # load spaCy
        print(
            f"offline engine, {count} articles of ~{EXAMPLE.stat().st_size:,} bytes, "
            f"{processes} CPUs"
        )
        ways: list[tuple[str, Callable[[], Engine], int]] = [
            ("one at a time", lambda: engine, 1),
            ("threads (--jobs 8)", lambda: engine, 8),
            ("nlp.pipe batches of 32", lambda: PipeBatches(engine), 64),
            (f"{processes} worker processes", lambda: ProcessPoolEngine(settings, processes), 8),
        ]
        for label, make, jobs in ways:
            started = time.perf_counter()
            chosen = make()
            runner = BatchRunner(items, root / label, chosen, options=BatchOptions(jobs=jobs))
            report = asyncio.run(runner.run())
            seconds = time.perf_counter() - started
            if isinstance(chosen, ProcessPoolEngine):
                chosen.close()  # the others share the one engine, kept for the next way
            print(
                f"  {label:26} {count / seconds:6.1f} articles/s  ({seconds:.1f} s, "
                f"{report.counts['ok']} ok)"
            )


if __name__ == "__main__":
    main()
