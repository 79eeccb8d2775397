"""Benchmark of ``briefing batch --via ray`` on one machine, and of ``briefing export``.

Runs the real commands in child processes (as a user would) and prints, in one run:

- N articles (default 2,000) offline through the local process pool and through Ray on a
  local cluster, wall time of each and their ratio (Ray's overhead on one machine), and
  the peak RSS of the ``briefing`` process (the Ray driver);
- M articles (default 1,000) through the loopback server at ``--latency`` seconds a reply,
  ``--jobs`` in flight, by the local runner and by Ray (``--jobs`` split over one actor per
  core), each against the ideal ``M × latency / jobs``: the whole command (Ray's includes
  starting the cluster and its actors) and from the first result to the last;
- ``briefing export`` of E briefings (default 10,000) from Parquet results into DuckDB:
  time and peak RSS.

    PYTHONPATH=. python benchmarks/ray_scale.py
    PYTHONPATH=. python benchmarks/ray_scale.py --articles 200 --online 200 --export 2000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from batch import write_articles  # noqa: E402

from summarizer.batch.manifest import ManifestLine  # noqa: E402
from summarizer.batch.parquet_results import ParquetResultWriter  # noqa: E402
from summarizer.batch.result_row import ResultRow  # noqa: E402
from summarizer.batch.results import result_lines  # noqa: E402
from summarizer.config import EngineName, Settings  # noqa: E402
from summarizer.pipeline import summarize  # noqa: E402
from summarizer.testing import FakeServer, Reply, Request, SchemaModel  # noqa: E402

EXAMPLE = ROOT / "fixtures" / "articles" / "voa-us-japan-2plus2.txt"


def run(arguments: list[str], cache: Path) -> tuple[float, int, int]:
    """Run ``briefing ARGUMENTS``: wall seconds, exit code, peak RSS (MB) of the process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "summarizer", *arguments], env=env)
    _, status, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - started, os.waitstatus_to_exitcode(status), usage.ru_maxrss // 1024


def offline(root: Path, count: int) -> None:
    write_articles(root / "in", count)
    base = ["batch", str(root / "in"), "--engine", "offline", "--quiet"]
    local, code_local, rss_local = run([*base, "-o", str(root / "local")], root / "cache")
    ray, code_ray, rss_ray = run([*base, "-o", str(root / "ray"), "--via", "ray"], root / "cache")
    print(f"offline, {count:,} articles ({os.cpu_count()} cores)")
    print(f"  local process pool: {local:7.1f} s  (exit {code_local}, peak RSS {rss_local} MB)")
    print(f"  Ray, local cluster: {ray:7.1f} s  (exit {code_ray}, driver peak RSS {rss_ray} MB)")
    print(f"  Ray / local: {ray / local:.2f}x")


def online(root: Path, count: int, latency: float, jobs: int) -> None:
    write_articles(root / "online", count)
    model = SchemaModel()

    def answer(request: Request) -> Reply:
        return replace(model(request), delay=latency)

    print(f"online, {count:,} articles, {latency * 1000:.0f} ms a reply")
    cores = os.cpu_count() or 1
    for route, in_flight in (("online", jobs), ("ray", jobs // cores)):
        ideal = count * latency / (in_flight * (cores if route == "ray" else 1))
        with FakeServer(answer, lifetime=3600) as server:
            arguments = ["batch", str(root / "online"), "-o", str(root / f"{route}-out")]
            arguments += ["--via", route, "--base-url", server.base_url, "--jobs", str(in_flight)]
            wall, code, rss = run([*arguments, "--no-cache", "--quiet"], root / "cache")
            requests = server.count
        span = _results_span(root / f"{route}-out")
        print(
            f"  {route:>6}: {wall:6.1f} s = {wall / ideal:.2f}x the ideal {ideal:.1f} s; "
            f"first to last result {span:.0f} s = {span / ideal:.2f}x "
            f"(exit {code}, {requests:,} requests, peak RSS {rss} MB)"
        )


def _results_span(out: Path) -> float:
    """Seconds from the first result to the last (whole seconds, as results are stamped)."""
    stamps = [datetime.fromisoformat(line.finished_at) for line in result_lines(out).values()]
    return (max(stamps) - min(stamps)).total_seconds() + 1.0


def export(root: Path, count: int) -> None:
    briefing = summarize(EXAMPLE, settings=Settings(engine=EngineName.OFFLINE))
    document = briefing.model_dump_json()
    writer = ParquetResultWriter(root / "results")
    for number in range(count):
        line = ManifestLine.now(
            id=f"story-{number:05d}",
            source=f"story-{number:05d}.txt",
            sha256=briefing.article.sha256,
            status="ok",
            error=None,
            attempts=0,
            tokens=0,
            duration_s=0.0,
            output=None,
            settings="bench",
        )
        writer.add(ResultRow(line, document))
    writer.close()
    arguments = ["export", str(root / "results"), "-o", str(root / "tables.duckdb")]
    wall, code, rss = run(arguments, root / "cache")
    print(f"briefing export, {count:,} briefings ({len(briefing.evidence())} evidence each)")
    print(f"  into DuckDB: {wall:.1f} s (exit {code}), peak RSS {rss} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="offline articles")
    parser.add_argument("--online", type=int, default=1000, help="articles via the server")
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--jobs", type=int, default=32)
    parser.add_argument("--export", type=int, default=10_000, help="briefings exported")
    parser.add_argument("--only", default="offline,online,export", help="sections to run")
    args = parser.parse_args()
    sections = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        if "offline" in sections:
            offline(root, args.articles)
        if "online" in sections:
            online(root, args.online, args.latency, args.jobs)
        if "export" in sections:
            export(root, args.export)


if __name__ == "__main__":
    main()
