"""The typer application every command module registers on."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from summarizer._version import __version__

app = typer.Typer(
    name="briefing",
    help="Structured briefings of security and diplomacy news, every item backed by evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        typer.echo(f"briefing {__version__}")
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(2)


class _UnnamedContext(typer.Context):
    """The context of a group's default command: its usage reads ``briefing batch …``."""

    @property
    def command_path(self) -> str:
        """The path of the group, without the hidden name of the default command."""
        return super().command_path.rstrip()


class DefaultCommand(TyperCommand):
    """A group's default command, run when no subcommand is named."""

    context_class = _UnnamedContext


class DefaultCommandGroup(TyperGroup):
    """A group that runs its ``run`` command unless the first argument names another.

    ``briefing batch IN -o OUT`` is ``briefing batch run IN -o OUT``; ``briefing batch
    --help`` is the help of ``run``, which lists the other commands. (A folder named like
    a subcommand is given as ``./status``.)
    """

    default = "run"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Put the default command's name first unless a subcommand is named."""
        if not args or args[0] not in self.commands:
            args = [self.default, *args]
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        """The command to run; the default one keeps no name of its own in usage lines."""
        name, command, rest = super().resolve_command(ctx, args)
        return ("" if name == self.default else name), command, rest


batch_app = typer.Typer(
    cls=DefaultCommandGroup,
    help="Summarize a folder of articles (and: status, export, import).",
    add_completion=False,
    rich_markup_mode="markdown",
)
app.add_typer(batch_app, name="batch")
