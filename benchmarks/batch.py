"""Benchmark of ``briefing batch`` against a loopback server that takes its time to reply.

Runs the real command in a child process (as a user would) over N distinct articles
built from the example article, against a FakeServer whose every reply takes
``--latency`` seconds, and prints:

- wall time of the full batch against the ideal ``N × latency / jobs``;
- peak RSS of the batch process for 100 articles and for N (it should stay flat);
- a re-run of the finished batch (resume: every article already done) and a run into a
  fresh folder answered by the response cache: time and requests to the server.

    PYTHONPATH=. python benchmarks/batch.py                # 1,000 articles, 200 ms, --jobs 32
    PYTHONPATH=. python benchmarks/batch.py --articles 200 --latency 0.05
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

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


def run_batch(
    source: Path, out: Path, base_url: str, jobs: int, cache: Path
) -> tuple[float, int, int]:
    """Run ``briefing batch`` in a child process: (wall seconds, exit code, peak RSS in MB)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "summarizer", "batch", str(source), "-o", str(out)]
    command += ["--base-url", base_url, "--jobs", str(jobs), "--quiet"]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    print(f"  (child CPU {usage.ru_utime + usage.ru_stime:.2f} s)")
    return elapsed, child.returncode, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per reply")
    parser.add_argument("--jobs", type=int, default=32)
    args = parser.parse_args()

    model = SchemaModel()

    def slow(request: Request) -> Reply:
        return replace(model(request), delay=args.latency)

    with (
        tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch,
        FakeServer(slow) as server,
    ):
        root = Path(scratch)
        small, full = root / "in-100", root / f"in-{args.articles}"
        write_articles(small, min(100, args.articles))
        write_articles(full, args.articles)
        print(
            f"{args.articles} articles of ~{EXAMPLE.stat().st_size:,} bytes, "
            f"{args.latency * 1000:.0f} ms per reply, --jobs {args.jobs}"
        )

        seconds, code, rss_small = run_batch(
            small, root / "out-100", server.base_url, args.jobs, root / "cache-100"
        )
        print(f"100 articles:   {seconds:6.2f} s  exit {code}  peak RSS {rss_small} MB")

        before = server.count
        seconds, code, rss_full = run_batch(
            full, root / "out", server.base_url, args.jobs, root / "cache"
        )
        requests = server.count - before
        ideal = args.articles * args.latency / args.jobs
        print(
            f"{args.articles} articles: {seconds:6.2f} s  exit {code}  peak RSS {rss_full} MB  "
            f"{requests} requests"
        )
        print(
            f"  ideal {ideal:.2f} s -> {seconds / ideal:.2f}x ideal (target <= 1.25x); "
            f"{args.articles / seconds:.1f} articles/s"
        )
        print(f"  peak RSS {rss_small} MB at 100, {rss_full} MB at {args.articles}")

        before = server.count
        seconds, code, _ = run_batch(full, root / "out", server.base_url, args.jobs, root / "cache")
        print(
            f"re-run, same folder (resume):   {seconds:5.2f} s  exit {code}  "
            f"{server.count - before} requests (target <= 3 s, 0 requests)"
        )

        before = server.count
        seconds, code, _ = run_batch(
            full, root / "out-again", server.base_url, args.jobs, root / "cache"
        )
        print(
            f"re-run, new folder (cache):     {seconds:5.2f} s  exit {code}  "
            f"{server.count - before} requests"
        )


if __name__ == "__main__":
    main()
