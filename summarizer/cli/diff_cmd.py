"""``briefing diff``: what changed between two briefings or two batch folders."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import (
    MkdirOpt,
    clean_failures,
    format_from_suffix,
    prepare_output,
    stdout_is_terminal,
    write_output,
)

if TYPE_CHECKING:  # the digest loads when the command runs, not with every command
    from summarizer.digest import DigestDiff

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_TROUBLE = 2
"""What a failure that has no exit code of its own (a file that cannot be written, an
internal error) exits with here, as diff(1) does: 1 says only that the sides differ."""


class DiffFormat(StrEnum):
    """What ``briefing diff`` writes."""

    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


_SUFFIX_FORMATS = {
    ".json": DiffFormat.JSON,
    ".md": DiffFormat.MARKDOWN,
    ".markdown": DiffFormat.MARKDOWN,
    ".html": DiffFormat.HTML,
    ".htm": DiffFormat.HTML,
}


@app.command()
def diff(
    old: Annotated[
        Path,
        typer.Argument(help="The older briefing (JSON) or batch folder.", show_default=False),
    ],
    new: Annotated[
        Path,
        typer.Argument(help="The newer briefing (JSON) or batch folder.", show_default=False),
    ],
    format: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json, markdown or html. Default: from -o's suffix (.md, .html); "
            "else Markdown on a terminal, JSON when piped.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the differences to this file instead."),
    ] = None,
    mkdir: MkdirOpt = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show a traceback on internal errors.")
    ] = False,
) -> None:
    """Show what changed from OLD to NEW: parties, agreements, threats.

    Parties that appear or drop out; agreements that are new, gone or whose status
    changed; threats that are new, gone, escalated or eased; each with its evidence.
    Exits 0 when nothing changed, 1 when something did (as `diff` does), and with
    another code on an error (2 when it has none of its own).

    **Examples:**

    ```
    briefing diff monday.json tuesday.json
    briefing diff out-week1/ out-week2/ -o changes.html
    briefing diff old/ new/ --format json | jq '.events[] | select(.change == "escalated")'
    ```
    """
    from summarizer.digest import diff_digests, diff_markdown, digest_path

    try:
        with clean_failures(verbose):
            if output is not None:
                prepare_output(output, mkdir=mkdir)
            chosen = format or _format_of(output)
            found = diff_digests(digest_path(old), digest_path(new), str(old), str(new))
            if output is not None:
                write_output(output, _document(found, chosen or DiffFormat.JSON))
            elif chosen is None and stdout_is_terminal():
                from rich.console import Console
                from rich.markdown import Markdown

                Console(highlight=False).print(Markdown(diff_markdown(found)))
            else:
                typer.echo(_document(found, chosen or DiffFormat.JSON), nl=False)
    except typer.Exit as failed:
        if failed.exit_code == EXIT_DIFFERENT:
            raise typer.Exit(EXIT_TROUBLE) from None
        raise
    raise typer.Exit(EXIT_SAME if found.same else EXIT_DIFFERENT)


def _document(found: DigestDiff, chosen: DiffFormat) -> str:
    from summarizer.digest import diff_markdown, diff_page

    if chosen is DiffFormat.MARKDOWN:
        return diff_markdown(found)
    if chosen is DiffFormat.HTML:
        return diff_page(found)
    return found.model_dump_json(indent=2) + "\n"


def _format_of(path: Path | None) -> DiffFormat | None:
    if path is None:
        return None
    return format_from_suffix(path, _SUFFIX_FORMATS)
