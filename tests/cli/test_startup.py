"""Commands that do no work import nothing heavy: start-up stays near the interpreter's.

The time itself is measured by ``benchmarks/startup.py`` (beside ``python -c pass``);
this checks, in a fresh interpreter, what makes it: which libraries each command loads.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("openai", "spacy", "trafilatura", "lxml", "httpx2", "tenacity", "rapidfuzz", "pycountry")
"""What only the commands that read articles or call a model may load."""

PROBE = """
import sys
from summarizer.cli import main
sys.argv = ["briefing", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args", [["--help"], ["schema"], ["--version"], ["summarize", "--help"], ["batch", "--help"]]
)
def test_no_heavy_library_is_imported(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    loaded = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    assert loaded == "", f"briefing {' '.join(args)} imported {loaded}"
