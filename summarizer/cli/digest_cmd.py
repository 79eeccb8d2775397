"""``briefing digest``: merge the briefings of a batch into one digest."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown

from summarizer.cli.app import app
from summarizer.cli.common import (
    MkdirOpt,
    check_output,
    clean_failures,
    err_console,
    format_from_suffix,
    stdout_is_terminal,
    write_output,
)
from summarizer.digest import Digest, digest_folder, digest_markdown, digest_page

SHOWN_SKIPS = 10
"""Skipped inputs listed on stderr; the digest itself lists them all."""


class DigestFormat(StrEnum):
    """What ``briefing digest`` writes."""

    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


_SUFFIX_FORMATS = {
    ".json": DigestFormat.JSON,
    ".md": DigestFormat.MARKDOWN,
    ".markdown": DigestFormat.MARKDOWN,
    ".html": DigestFormat.HTML,
    ".htm": DigestFormat.HTML,
}


@app.command()
def digest(
    out_dir: Annotated[
        Path,
        typer.Argument(
            help="Output folder of `briefing batch`: briefings and manifest.jsonl.",
            metavar="OUT_DIR",
            show_default=False,
        ),
    ],
    format: Annotated[
        DigestFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json, markdown or html. Default: from -o's suffix (.md, .html); "
            "else Markdown on a terminal, JSON when piped.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the digest to this file instead."),
    ] = None,
    mkdir: MkdirOpt = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show a traceback on internal errors.")
    ] = False,
) -> None:
    """Merge the briefings of a batch into one digest.

    Each party appears once, with the number of articles naming it; agreements and
    threats reported by several articles are grouped, with every article's evidence.

    Files that are not briefings, and inputs the batch did not finish, are listed on
    stderr and in the digest, and skipped.

    **Examples:**

    ```
    briefing digest out/
    briefing digest out/ -o digest.md
    briefing digest out/ -o digest.html
    briefing digest out/ --format json | jq '.parties[] | [.name, .article_count]'
    ```
    """
    with clean_failures(verbose):
        if output is not None:
            check_output(output, mkdir=mkdir)
        chosen = format or _format_of(output)
        result = digest_folder(out_dir)
        _note_skips(result)
        if output is not None:
            write_output(output, _document(result, chosen or DigestFormat.JSON), mkdir=mkdir)
        elif chosen is None and stdout_is_terminal():
            Console(highlight=False).print(Markdown(digest_markdown(result)))
        else:
            typer.echo(_document(result, chosen or DigestFormat.JSON), nl=False)


def _document(result: Digest, chosen: DigestFormat) -> str:
    if chosen is DigestFormat.MARKDOWN:
        return digest_markdown(result)
    if chosen is DigestFormat.HTML:
        return digest_page(result)
    return result.model_dump_json(indent=2) + "\n"


def _format_of(path: Path | None) -> DigestFormat | None:
    if path is None:
        return None
    return format_from_suffix(path, _SUFFIX_FORMATS)


def _note_skips(result: Digest) -> None:
    for skipped in result.skipped[:SHOWN_SKIPS]:
        err_console.print(f"briefing: skipped {skipped.path}: {skipped.reason}", soft_wrap=True)
    more = len(result.skipped) - SHOWN_SKIPS
    if more > 0:
        err_console.print(f"briefing: … and {more:,} more skipped (see 'skipped' in the digest)")
