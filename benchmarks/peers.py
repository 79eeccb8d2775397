"""instructor's virtual environment and the worker that times calls in it.

instructor 1.17's pins clash with ours (see ``peer_instructor.py``), so it gets a
virtual environment of its own: ``$BENCH_PEER_PYTHON`` if set, else one made on first use
in the user cache folder with ``pip install instructor==1.17.0``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path

INSTRUCTOR = "instructor==1.17.0"
WORKER = Path(__file__).resolve().parent / "peer_instructor.py"


def peer_python() -> Path:
    """The Python of instructor's virtual environment, made if missing."""
    chosen = os.environ.get("BENCH_PEER_PYTHON")
    if chosen:
        return Path(chosen)
    home = user_cache_path("briefing") / "bench" / "instructor-1.17"
    python = home / "bin" / "python"
    if not python.exists():
        print(f"(making instructor's virtual environment in {home})", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(home)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", INSTRUCTOR], check=True, stdout=sys.stderr
        )
    return python


class PeerWorker:
    """``peer_instructor.py`` running in instructor's environment, taking orders."""

    def __init__(self, base_url: str, request_file: Path) -> None:
        command = [str(peer_python()), str(WORKER), "--base-url", base_url]
        command += ["--request", str(request_file)]
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def ask(self, order: str) -> Any:
        """Send one order, return its JSON answer."""
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(order + "\n")
        process.stdin.flush()
        answer = process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the instructor worker stopped (exit {process.wait()})")
        return json.loads(answer)

    def time(self, contender: str, count: int) -> list[float]:
        """Seconds of each of ``count`` calls of ``contender``."""
        times: list[float] = self.ask(f"{contender} {count}")
        return times

    def versions(self) -> dict[str, str]:
        """Versions of instructor and openai in the worker's environment."""
        versions: dict[str, str] = self.ask("versions")
        return versions

    def close(self) -> None:
        """Stop the worker."""
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=30)
