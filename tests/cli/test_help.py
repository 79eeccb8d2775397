"""Every command's help, as a new user reads it: same rules whoever wrote the command."""

from __future__ import annotations

import re

import pytest
import typer
import typer.core
import typer.main

from summarizer.cache import CACHE_DIR_ENV
from summarizer.cli.app import app
from summarizer.config import Settings
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


SETTING_VALUES = {
    "engine": "offline",
    "model": "llama3.1",
    "base_url": "http://localhost:11434/v1",
    "mode": "tools",
    "max_attempts": "5",
    "max_retries": "2",
    "max_bytes": "1000",
    "rpm": "60",
    "tpm": "9000",
}


def _every_option() -> list[tuple[str, typer.core.TyperOption]]:
    root = typer.main.get_command(app)
    ctx = typer.Context(root)
    found: list[tuple[str, typer.core.TyperOption]] = []

    def walk(command: object, path: str) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            for param in sub.get_params(ctx):
                if isinstance(param, typer.core.TyperOption):
                    found.append((f"{path} {name}", param))
            walk(sub, f"{path} {name}")

    walk(root, "briefing")
    return found


def test_options_of_settings_name_their_variable_and_default() -> None:
    backed = [(where, p) for where, p in _every_option() if p.name in SETTING_VALUES]
    assert len(backed) > 20
    for where, param in backed:
        assert re.search(r"\[env: [A-Z_]+\] \[default: [^\]]+\]$", param.help or ""), (
            where,
            param.help,
        )


@pytest.mark.parametrize("name", list(SETTING_VALUES))
def test_the_variable_named_in_the_help_sets_the_setting(name: str) -> None:
    _, param = next((w, p) for w, p in _every_option() if p.name == name)
    variable = re.search(r"\[env: ([A-Z_]+)\]", param.help or "")
    assert variable is not None
    settings = Settings.from_env({variable.group(1): SETTING_VALUES[name]})
    assert str(getattr(settings, name)) == SETTING_VALUES[name]


def test_the_cache_folder_variable_is_the_caches() -> None:
    _, param = next((w, p) for w, p in _every_option() if p.name == "cache_dir_option")
    assert f"[env: {CACHE_DIR_ENV}]" in (param.help or "")


def test_defaults_show_in_the_help(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")  # at 80, the longest variable names are cut
    text = " ".join(invoke("batch", "--help").stdout.replace("│", " ").split())
    for shown in (
        "[default: 8]",
        "[env: BRIEFING_MODEL] [default: gpt-4o-mini]",
        "[env: BRIEFING_MAX_ATTEMPTS] [default: 3]",
        "[env: BRIEFING_RPM] [default: no cap]",
        "[env: OPENAI_BASE_URL] [default: OpenAI's API]",
        "[default: no budget]",
        "[default: 50,000]",
    ):
        assert shown in text, shown
