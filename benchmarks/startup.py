"""Start-up of the commands that do no work: ``--help``, ``schema``, ``--version``.

Each command runs in a fresh process, as a user types it, beside ``python -c pass`` (the
interpreter's own start) in interleaved rounds; the figure is the median wall time of
each, and its ratio to ``python -c pass``. Then, for each command, the heavy libraries it
imported (none should be: the SDK, spaCy, trafilatura and the HTTP client load only in
the commands that use them).

    python benchmarks/startup.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = (
    "openai",
    "spacy",
    "trafilatura",
    "lxml",
    "httpx2",
    "tenacity",
    "rapidfuzz",
    "pycountry",
    "pyarrow",
    "duckdb",
    "ray",
    "summarizer.schema",
)
"""Libraries a command that does no work should not import."""

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "briefing --help": ["--help"],
    "briefing schema": ["schema"],
    "briefing --version": ["--version"],
}
TARGET_SECONDS = 0.3


def _argv(command: list[str]) -> list[str]:
    if command[0] == sys.executable:
        return command
    script = shutil.which("briefing", path=str(Path(sys.executable).parent))
    if script is None:
        return [sys.executable, "-m", "summarizer", *command]
    return [script, *command]


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    return {**env, "COLUMNS": "100", "NO_COLOR": "1"}


def measure(rounds: int) -> dict[str, list[float]]:
    """Wall seconds of each command, one run of each per round, in rotating order."""
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    names = list(COMMANDS)
    env = _environment()
    for name in names:  # warm the file cache once
        subprocess.run(_argv(COMMANDS[name]), env=env, capture_output=True, check=False)
    for round_ in range(rounds):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            started = time.perf_counter()
            done = subprocess.run(_argv(COMMANDS[name]), env=env, capture_output=True, check=False)
            times[name].append(time.perf_counter() - started)
            if done.returncode:
                raise SystemExit(f"{name} exited {done.returncode}: {done.stderr.decode()[-300:]}")
    return times


def heavy_imports(args: list[str]) -> list[str]:
    """The heavy libraries loaded by ``briefing ARGS``, in-process as the entry point runs it."""
    probe = (
        "import sys\n"
        "from summarizer.cli import main\n"
        f"sys.argv = ['briefing', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(' '.join(sorted(m for m in {HEAVY!r} if m in sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stderr.strip().splitlines()[-1].split() if done.stderr.strip() else []


def report(times: dict[str, list[float]]) -> list[str]:
    """One line per command: median seconds, ratio to ``python -c pass``, heavy imports."""
    floor = statistics.median(times["python -c pass"])
    lines = [f"start-up, median of {len(times['python -c pass'])} fresh processes each:"]
    for name, runs in times.items():
        median = statistics.median(runs)
        line = f"  {name:<20} {median:6.3f} s  {median / floor:5.1f}× python -c pass"
        if name != "python -c pass":
            loaded = heavy_imports(COMMANDS[name])
            verdict = "under" if median < TARGET_SECONDS else "OVER"
            line += (
                f"  ({verdict} {TARGET_SECONDS} s; heavy imports: {', '.join(loaded) or 'none'})"
            )
        lines.append(line)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    print("\n".join(report(measure(args.rounds))))


if __name__ == "__main__":
    main()
