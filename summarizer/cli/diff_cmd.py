"""``briefing diff``: what changed between two briefings or two batch folders."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown

from summarizer.cli.app import app
from summarizer.cli.common import clean_failures, stdout_is_terminal, write_output
from summarizer.digest import DigestDiff, diff_digests, diff_markdown, diff_page, digest_path

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
    try:
        with clean_failures(verbose):
            found = diff_digests(digest_path(old), digest_path(new), str(old), str(new))
            chosen = format or _format_of(output)
            if output is not None:
                write_output(output, _document(found, chosen or DiffFormat.JSON))
            elif chosen is None and stdout_is_terminal():
                Console(highlight=False).print(Markdown(diff_markdown(found)))
            else:
                typer.echo(_document(found, chosen or DiffFormat.JSON), nl=False)
    except typer.Exit as failed:
        if failed.exit_code == EXIT_DIFFERENT:
            raise typer.Exit(EXIT_TROUBLE) from None
        raise
    raise typer.Exit(EXIT_SAME if found.same else EXIT_DIFFERENT)


def _document(found: DigestDiff, chosen: DiffFormat) -> str:
    if chosen is DiffFormat.MARKDOWN:
        return diff_markdown(found)
    if chosen is DiffFormat.HTML:
        return diff_page(found)
    return found.model_dump_json(indent=2) + "\n"


def _format_of(path: Path | None) -> DiffFormat | None:
    if path is None:
        return None
    return _SUFFIX_FORMATS.get(path.suffix.lower(), DiffFormat.JSON)
