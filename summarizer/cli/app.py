"""The typer application every command module registers on."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand

from summarizer.cli.help import CONTEXT_SETTINGS, HelpGroup, commands_panel

app = typer.Typer(
    name="briefing",
    cls=HelpGroup,
    help="""Structured briefings of security and diplomacy news, every item backed by evidence.

    Each party, agreement and threat carries verbatim evidence located in the article, at
    character offsets. With no model configured the embedded offline engine runs; set
    OPENAI_API_KEY or --base-url to use any OpenAI-compatible server.

    **Examples:**

    ```
    briefing summarize article.txt
    briefing summarize https://example.org/story --format html -o briefing.html
    briefing batch wires/ -o briefings/ --html
    briefing digest briefings/ -o digest.md
    briefing summarize -h
    ```
    """,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings=CONTEXT_SETTINGS,
)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", help="Print the version, the engine and model in use, and exit."
    ),
) -> None:
    if version:
        from summarizer.cli.version import version_report

        report, code = version_report()
        typer.echo(report)
        raise typer.Exit(code)
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
    """A group's default command, run when no subcommand is named.

    Its help is the group's: its own options, then the group's other commands, then its
    examples.
    """

    context_class = _UnnamedContext

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The command's help with the group's other commands before its examples."""
        group = ctx.parent.command if ctx.parent is not None else None
        if group is None:
            super().format_help(ctx, formatter)
            return
        from rich.console import Console
        from rich.markdown import Markdown
        from rich.padding import Padding

        epilog, self.epilog = self.epilog, None
        try:
            super().format_help(ctx, formatter)
        finally:
            self.epilog = epilog
        console = Console(highlight=False)
        console.print(commands_panel(group, ctx.parent, skip=self.name or ""))
        if epilog:
            console.print(Padding(Markdown(epilog), 1))


class DefaultCommandGroup(HelpGroup):
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
