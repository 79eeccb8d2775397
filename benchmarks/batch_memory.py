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
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import batch  # noqa: E402
from loopback import serve_in_child  # noqa: E402


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


def run_batch(source: Path, out: Path, base_url: str, cache: Path, jobs: int) -> Run:
    """``briefing batch`` in a child process (``batch.run_batch``), per article."""
    run = batch.run_batch(source, out, base_url, jobs, cache)
    articles = sum(1 for _ in source.rglob("*.txt"))
    return Run(articles, run.wall, run.peak_rss_mb, run.exit_code)


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
                batch.write_articles(source, size)
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
