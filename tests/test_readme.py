"""The README's two commands stay true: CI runs the test command verbatim."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_readme_starts_with_an_offline_briefing_and_the_tests() -> None:
    briefing, tests = _commands()
    assert "pip install" in briefing
    assert "briefing summarize fixtures/articles/voa-us-japan-2plus2.txt" in briefing
    assert "OPENAI" not in briefing
    for step in (
        "pip install",
        "ruff check .",
        "ruff format --check .",
        "mypy --strict summarizer",
        "mypy tests benchmarks",
        "pytest",
    ):
        assert step in tests


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    tests = _commands()[1]
    assert tests in ci.splitlines()


def test_the_example_article_exists() -> None:
    assert (ROOT / "fixtures/articles/voa-us-japan-2plus2.txt").is_file()
