"""Every command's help, as a new user reads it: same rules whoever wrote the command."""

from __future__ import annotations

import re

import pytest
import typer
import typer.core
import typer.main

from summarizer.cli.app import app
from tests.cli.conftest import Invoke


def _command_paths() -> list[list[str]]:
    root = typer.main.get_command(app)
    paths: list[list[str]] = [[]]

    def walk(command: object, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            if getattr(sub, "hidden", False):
                continue
            paths.append([*path, name])
            walk(sub, [*path, name])

    walk(root, [])
    return paths


COMMANDS = _command_paths()


def test_every_command_is_listed() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert {"", "summarize", "read", "schema", "batch", "batch status", "cache clear"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "briefing")
def test_help_is_h_or_help_and_ends_with_examples(invoke: Invoke, path: list[str]) -> None:
    long = invoke(*path, "--help")
    short = invoke(*path, "-h")
    assert long.exit_code == short.exit_code == 0
    assert short.stdout == long.stdout
    lines = [line.rstrip() for line in long.stdout.splitlines() if line.strip()]
    examples = next(n for n, line in enumerate(lines) if line.strip() == "Examples:")
    assert examples > max(n for n, line in enumerate(lines) if line.startswith("╰"))
    shown = lines[examples + 1 :]  # a code block, long lines wrapped
    assert shown and all(line.startswith("  ") for line in shown), shown
    assert "briefing" in shown[0] and "╭" not in "".join(shown)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "briefing")
def test_no_python_types_in_help(invoke: Invoke, path: list[str]) -> None:
    text = invoke(*path, "--help").stdout
    assert not re.search(r"<(bool|str|int|float|path|file|dir|int range|float range)>", text)


def test_one_metavar_style_for_every_parameter() -> None:
    root = typer.main.get_command(app)
    ctx = typer.Context(root)
    seen = 0

    def check(command: typer.core.TyperGroup, path: str) -> None:
        nonlocal seen
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            for param in sub.get_params(ctx):
                seen += 1
                where = f"{path} {name} {param.name}"
                if getattr(param, "is_flag", False):
                    assert param.metavar == "", where
                else:
                    assert re.fullmatch(
                        r"[A-Z][A-Z0-9_]*(\.jsonl)?(\.\.\.)?|[a-z0-9_-]+(\|[a-z0-9_-]+)+",
                        param.metavar or "",
                    ), (where, param.metavar)
            if isinstance(sub, typer.core.TyperGroup):
                check(sub, f"{path} {name}")

    assert isinstance(root, typer.core.TyperGroup)
    check(root, "briefing")
    assert seen > 80


def test_flags_show_no_type(invoke: Invoke) -> None:
    text = invoke("summarize", "--help").stdout
    verbose = next(line for line in text.splitlines() if "--verbose" in line)
    assert re.search(r"--verbose\s+-v\s+Log requests", verbose), verbose


def test_values_read_as_placeholders(invoke: Invoke) -> None:
    text = " ".join(invoke("summarize", "--help").stdout.split())
    assert "Usage: briefing summarize [OPTIONS] {SOURCE}" in text
    for shown in (
        "--format -f json|markdown|text|html",
        "--output -o FILE",
        "--model -m NAME",
        "--base-url URL",
        "--engine auto|openai|offline",
        "--max-attempts N",
    ):
        assert shown in text, shown
    assert "--cache-dir DIR" in " ".join(invoke("cache", "info", "--help").stdout.split())


def test_batch_help_lists_its_subcommands(invoke: Invoke) -> None:
    text = invoke("batch", "--help").stdout
    commands = text.index("Commands")
    assert text.index("--jobs") < commands < text.index("Examples:")
    listed = re.findall(r"│ (status|export|import) ", text[commands:])
    assert listed == ["status", "export", "import"]
    assert "│ run " not in text
