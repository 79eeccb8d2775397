"""Commands that do no work import nothing heavy: start-up stays near the interpreter's.

The time itself is measured by ``benchmarks/startup.py`` (beside ``python -c pass``);
this checks, in a fresh interpreter, what makes it: which libraries each command loads.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

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
"""What only the commands that read articles or call a model may load; the schema's
pydantic models take a while to build too (pydantic itself typer loads, to parse)."""

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
    "args", [["--help"], ["--version"], ["summarize", "--help"], ["batch", "--help"], ["schema"]]
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
    expected = "summarizer.schema" if args == ["schema"] else ""  # what it prints
    assert loaded == expected, f"briefing {' '.join(args)} imported {loaded}"


def test_version_with_a_model_configured_loads_nothing_heavy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert "engine:      openai" in done.stdout
    assert done.stderr.strip().splitlines()[-1:] in ([], [""])
