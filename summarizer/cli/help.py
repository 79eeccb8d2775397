"""How every command's help reads, whoever wrote the command.

- ``-h`` is ``--help``.
- One metavar style: a value is an upper-case placeholder (``FILE``, ``DIR``, ``N``,
  ``URL``) and a choice lists its values (``json|markdown|text|html``); a flag shows none
  (no ``<bool>``).
- The ``Examples:`` block of a help text comes last, after the options (and after the
  commands of a group), as in simonw/llm.
- Defaults are shown; environment variables are named in the option's help as
  ``[env: NAME]`` (the settings read them, not the parser).

:class:`HelpGroup` applies these rules to every command below it when the command is
looked up, so that a command module needs nothing of its own.
"""

from __future__ import annotations

import re
from typing import Any

from typer import Context
from typer.core import TyperArgument, TyperGroup, TyperOption

HELP_OPTION_NAMES = ["--help", "-h"]
CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": HELP_OPTION_NAMES}

_EXAMPLES = re.compile(r"^\s*\**Examples:\**\s*$", re.MULTILINE)
_SECONDS = re.compile(r"interval|timeout|seconds|wait", re.IGNORECASE)
_PLACEHOLDERS = {"url": "URL", "model": "NAME", "glob": "PATTERN"}
_TIDY = "_briefing_help_tidy"


class HelpGroup(TyperGroup):
    """A command group whose commands (and their groups) follow the rules above."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _tidy_command(self)

    def get_params(self, ctx: Any) -> list[Any]:
        """The group's parameters, ``--help`` included, tidied."""
        params = super().get_params(ctx)
        _tidy_params(params)
        return params

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command named ``cmd_name``, tidied with its own ``--help``."""
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _tidy_tree(command, ctx)
        return command


def _tidy_tree(command: Any, ctx: Context) -> None:
    _tidy_command(command)
    _tidy_params(command.get_params(ctx))
    for sub in getattr(command, "commands", {}).values():
        _tidy_tree(sub, ctx)


def _tidy_command(command: Any) -> None:
    """Move the help's ``Examples:`` block to the epilog, shown after the options."""
    if getattr(command, _TIDY, False):
        return
    setattr(command, _TIDY, True)
    help_text = command.help or ""
    match = _EXAMPLES.search(help_text)
    if match is not None and not command.epilog:
        command.help = help_text[: match.start()].rstrip()
        command.epilog = help_text[match.start() :].strip()
    for param in command.params:
        _tidy_param(param)


def _tidy_params(params: list[Any]) -> None:
    for param in params:
        _tidy_param(param)


def _tidy_param(param: Any) -> None:
    if getattr(param, _TIDY, False):
        return
    setattr(param, _TIDY, True)
    if param.metavar is None:
        param.metavar = placeholder(param)
    if isinstance(param, TyperArgument):
        # typer shows an argument's Python type (<str>, <path>) beside its name, which
        # already says what it is; the instance attribute hides that column for it alone
        param.display_type_rich = _no_type  # type: ignore[method-assign]


def _no_type(ctx: Any) -> None:
    return None


def placeholder(param: Any) -> str:
    """The metavar of a parameter in the house style: ``FILE``, ``N``, ``a|b``, or none."""
    if isinstance(param, TyperOption) and param.is_flag:
        return ""
    described = param.type_descriptor
    if described.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in described.choices or ())
    if isinstance(param, TyperArgument):
        return (param.name or "value").upper()
    kind = described.annotation
    if described.is_path:
        return "DIR" if described.path_type == "dir" else "FILE"
    if kind is int:
        return "N"
    if kind is float:
        return "SECONDS" if _SECONDS.search(param.name or "") else "NUMBER"
    last = (param.name or "value").split("_")[-1]
    return _PLACEHOLDERS.get(last, last.upper())


def commands_panel(group: TyperGroup, ctx: Context, *, skip: str) -> Any:
    """A rich panel listing the commands of ``group`` (but ``skip``), as typer draws one."""
    from rich import box
    from rich.panel import Panel
    from rich.table import Table

    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column(ratio=1)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or name == skip or command.hidden:
            continue
        table.add_row(name, command.get_short_help_str(limit=200))
    return Panel(table, title="Commands", title_align="left", border_style="dim", box=box.ROUNDED)
