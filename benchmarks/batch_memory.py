"""Benchmark: does ``briefing batch`` keep its memory flat in the number of articles?

Runs the real command in a child process over 1,000 and then 10,000 distinct articles
(the example article under a numbered dateline, 100 to a folder) against the loopback
benchmark server (``benchmarks/loopback.py``, in a child process of its own, replying at
once), then runs each batch again into the same folder (a resume: every article done,
the manifest read back). For each run it prints the wall time, the time per article and
the peak RSS of the batch process; the last lines give the ratios of the largest size to
the smallest (targets: time per article within 1.5x, peak RSS flat).

    PYTHONPATH=. python benchmarks/batch_memory.py                  # 1,000 and 10,000
    PYTHONPATH=. python benchmarks/batch_memory.py --sizes 200,2000  # a quick look
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loopback import EXAMPLE_ARTICLE, serve_in_child  # noqa: E402


@dataclass(frozen=True)
class Run:
    """What one ``briefing batch`` process took."""

    articles: int
    wall_s: float
    peak_rss_mb: float
    exit_code: int

    @property
    def ms_per_article(self) -> float:
        return self.wall_s / self.articles * 1000


def write_articles(folder: Path, count: int) -> None:
    """``count`` distinct articles, 100 to a folder."""
    text = EXAMPLE_ARTICLE.read_text("utf-8")
    for number in range(count):
        sub = folder / f"day-{number // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        dateline = f"Dispatch {number} from the wire desk, filed on day {number}."
        (sub / f"story-{number:06d}.txt").write_text(f"{dateline}\n\n{text}", "utf-8")


def run_batch(source: Path, out: Path, base_url: str, cache: Path, jobs: int) -> Run:
    """``briefing batch`` in a child process: wall time and peak RSS (``wait4``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "summarizer", "batch", str(source), "-o", str(out)]
    command += ["--base-url", base_url, "--jobs", str(jobs), "--quiet"]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    articles = sum(1 for _ in source.rglob("*.txt"))
    return Run(articles, wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))


def show(label: str, run: Run) -> None:
    print(
        f"{label:<22} {run.articles:>7,} articles  {run.wall_s:8.1f} s  "
        f"{run.ms_per_article:6.1f} ms/article  peak RSS {run.peak_rss_mb:6.1f} MB  "
        f"exit {run.exit_code}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="article counts, comma-separated")
    parser.add_argument("--jobs", type=int, default=16)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"briefing batch, --jobs {args.jobs}, loopback server, {os.cpu_count()} CPUs")
    first: dict[str, Run] = {}
    last: dict[str, Run] = {}
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as scratch:
        root = Path(scratch)
        with serve_in_child() as server:
            for size in sizes:
                source, out = root / f"in-{size}", root / f"out-{size}"
                write_articles(source, size)
                cache = root / f"cache-{size}"
                fresh = run_batch(source, out, server.base_url, cache, args.jobs)
                show("batch", fresh)
                resumed = run_batch(source, out, server.base_url, cache, args.jobs)
                show("  again (resume)", resumed)
                first.setdefault("batch", fresh)
                first.setdefault("resume", resumed)
                last["batch"], last["resume"] = fresh, resumed
    for kind in ("batch", "resume"):
        small, large = first[kind], last[kind]
        print(
            f"{kind}: {large.articles:,} vs {small.articles:,} articles: time per article "
            f"x{large.ms_per_article / small.ms_per_article:.2f} (target <= 1.5), peak RSS "
            f"x{large.peak_rss_mb / small.peak_rss_mb:.2f} "
            f"(+{large.peak_rss_mb - small.peak_rss_mb:.1f} MB; target flat)"
        )


if __name__ == "__main__":
    main()
