"""``briefing batch`` against a server capped at N requests a second.

The benchmark server (a child process) accepts at most ``--rate`` requests in any
one-second window and answers the others 429 with ``Retry-After``. ``briefing batch``
runs in a child process, as a user would run it, over ``--articles`` distinct articles
with ``--jobs`` workers and a fresh response cache. Printed for each way of meeting the
cap:

- throughput as a share of the cap: accepted requests a second, from the first accepted
  request to the last, over N (the wall time, process start included, is shown too);
- failures: inputs whose manifest line is not ``ok``, and the exit code;
- 429s the server sent.

The ways: the server sends ``retry-after-ms`` too (as OpenAI does); only whole-second
``Retry-After``; and the client paced with ``--rpm`` at the cap.

    python benchmarks/rate_limit.py --rate 20 --articles 600 --jobs 32
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loopback import EXAMPLE_ARTICLE, serve_in_child  # noqa: E402

LATENCY = 0.1
"""Seconds per accepted reply: a fast model, so that the cap, not the model, limits."""


@dataclass(frozen=True)
class CappedRun:
    """One batch against the capped server."""

    way: str
    rate: int
    articles: int
    wall: float
    span: float
    accepted: int
    refused: int
    statuses: dict[str, int]
    exit_code: int

    @property
    def share(self) -> float:
        """Accepted requests a second, first to last, as a share of the cap."""
        return (self.accepted - 1) / self.span / self.rate if self.span > 0 else 0.0

    @property
    def failures(self) -> int:
        return self.articles - self.statuses.get("ok", 0)


def batch_available() -> bool:
    """Whether this checkout has ``briefing batch``."""
    return (ROOT / "summarizer" / "cli" / "batch_cmd.py").exists()


def write_articles(folder: Path, count: int) -> None:
    """``count`` distinct articles: the example article under numbered datelines."""
    text = EXAMPLE_ARTICLE.read_text("utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        dateline = f"Dispatch {number} from the wire desk."
        (folder / f"story-{number:05d}.txt").write_text(f"{dateline}\n\n{text}", "utf-8")


def run_capped(
    way: str, rate: int, articles: int, jobs: int, scratch: Path, *, whole_seconds: bool = False
) -> CappedRun:
    """One ``briefing batch`` run against a server capped at ``rate`` requests a second."""
    source, out = scratch / "in", scratch / f"out-{way}"
    if not source.exists():
        write_articles(source, articles)
    with serve_in_child(latency=LATENCY, rate=rate, whole_seconds=whole_seconds) as server:
        command = [sys.executable, "-m", "summarizer", "batch", str(source), "-o", str(out)]
        command += ["--base-url", server.base_url, "--jobs", str(jobs), "--quiet", "--no-cache"]
        if way == "rpm":
            command += ["--rpm", str(rate * 60)]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_CACHE_DIR": str(scratch / way)}
        started = time.perf_counter()
        code = subprocess.run(command, env=env, check=False).returncode
        wall = time.perf_counter() - started
        accepted, refused, span = server.stats()
    manifest = out / "manifest.jsonl"
    lines = manifest.read_text("utf-8").splitlines() if manifest.exists() else []
    statuses = Counter(json.loads(line).get("status", "?") for line in lines if line.strip())
    return CappedRun(way, rate, articles, wall, span, accepted, refused, dict(statuses), code)


WAYS = {
    "retry-after-ms": "429 + Retry-After and retry-after-ms",
    "whole-seconds": "429 + Retry-After in whole seconds only",
    "rpm": "client paced with --rpm at the cap",
}


def measure(rate: int = 20, articles: int = 600, jobs: int = 32) -> list[CappedRun]:
    """Each way of meeting the cap, in turn."""
    with tempfile.TemporaryDirectory(prefix="briefing-rate-") as folder:
        scratch = Path(folder)
        return [
            run_capped(way, rate, articles, jobs, scratch, whole_seconds=way == "whole-seconds")
            for way in WAYS
        ]


def report(runs: list[CappedRun]) -> list[str]:
    """The figures, one line each."""
    first = runs[0]
    lines = [
        f"Rate limit: server capped at {first.rate} requests/s (429 beyond), "
        f"{first.articles} articles, briefing batch --jobs, {LATENCY * 1000:.0f} ms per reply"
    ]
    for run in runs:
        lines.append(
            f"  {WAYS[run.way]:<42} {run.share:5.2f} of the cap "
            f"({(run.accepted - 1) / run.span if run.span else 0:5.1f}/s over {run.span:5.1f} s; "
            f"wall {run.wall:5.1f} s), {run.failures} failures, exit {run.exit_code}, "
            f"{run.refused} 429s"
        )
    main_run = runs[0]
    met = main_run.share >= 0.9 and main_run.failures == 0
    lines.append(
        f"  target >= 0.9 of the cap with zero failures ({WAYS[main_run.way]}): "
        + ("met" if met else "MISSED")
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rate", type=int, default=20, help="requests accepted per second")
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=32)
    args = parser.parse_args()
    if not batch_available():
        print("Rate limit: not measured, this checkout has no `briefing batch`")
        return
    print("\n".join(report(measure(args.rate, args.articles, args.jobs))))


if __name__ == "__main__":
    main()
