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


def test_every_exit_code_an_error_can_end_a_command_with_is_in_the_readme_table() -> None:
    import re

    from summarizer import errors

    source = "\n".join(
        path.read_text("utf-8")
        for path in (ROOT / "summarizer").rglob("*.py")
        if path.name != "errors.py"
    )

    readme = (ROOT / "README.md").read_text("utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    listed: set[int] = set()
    for row in table.splitlines()[2:]:
        cell = row.split("|")[1]
        for low, high in re.findall(r"(\d+)(?:–(\d+))?", cell):
            listed.update(range(int(low), int(high or low) + 1))
    raised = {  # a class only ever a base of others is never raised, nor its code seen
        value.exit_code
        for name, value in vars(errors).items()
        if isinstance(value, type)
        and issubclass(value, errors.BriefingError)
        and re.search(rf"\b{name}\(", source)
    }
    assert raised <= listed, f"missing from the README: {sorted(raised - listed)}"
