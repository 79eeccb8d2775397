"""``briefing digest``: merge the briefings of a batch into one digest."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from summarizer.cli.app import app
from summarizer.cli.common import (
    MkdirOpt,
    clean_failures,
    err_console,
    format_from_suffix,
    prepare_output,
    stdout_is_terminal,
    write_output,
)
from summarizer.errors import InputError

if TYPE_CHECKING:  # the digest loads when the command runs, not with every command
    from summarizer.digest import Digest, SkippedInput

SHOWN_SKIPS = 10
"""Skipped inputs listed on stderr; the digest itself lists them all."""


class DigestFormat(StrEnum):
    """What ``briefing digest`` writes."""

    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    EVENTS = "events"


_SUFFIX_FORMATS = {
    ".json": DigestFormat.JSON,
    ".md": DigestFormat.MARKDOWN,
    ".markdown": DigestFormat.MARKDOWN,
    ".html": DigestFormat.HTML,
    ".htm": DigestFormat.HTML,
    ".jsonl": DigestFormat.EVENTS,
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
            help="json, markdown, html, or events (dyadic event data, JSON Lines). "
            "Default: from -o's suffix (.md, .html, .jsonl); else the summary on a terminal "
            "(details paged), JSON when piped.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the digest to this file instead."),
    ] = None,
    mkdir: MkdirOpt = False,
    all_: Annotated[
        bool,
        typer.Option("--all", "-a", help="On a terminal, print everything instead of paging."),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show a traceback on internal errors.")
    ] = False,
) -> None:
    """Merge the briefings of a batch into one digest.

    Each party appears once, with the number of articles naming it; agreements and
    threats reported by several articles are grouped, with their course over time and
    the evidence of their first reports. On a terminal the summary comes first and the
    details are paged (as `git log` pages), or all printed with --all.

    `--format events` writes dyadic event data instead, one JSON line per source,
    target and event (PLOVER type and mode, CAMEO codes, date, article), read and written
    one briefing at a time.

    Files that are not briefings, and inputs the batch did not finish, are listed on
    stderr and in the digest, and skipped.

    **Examples:**

    ```
    briefing digest out/
    briefing digest out/ -o digest.md
    briefing digest out/ -o digest.html
    briefing digest out/ --format json | jq '.parties[] | [.name, .article_count]'
    briefing digest out/ -o events.jsonl
    ```
    """
    from summarizer.digest import digest_folder

    with clean_failures(verbose):
        if output is not None:
            prepare_output(output, mkdir=mkdir)
        chosen = format or _format_of(output)
        if chosen is DigestFormat.EVENTS:
            _export_events(out_dir, output)
            return
        result = digest_folder(out_dir)
        _note_skips(result.skipped, result.skipped_count, " (see 'skipped' in the digest)")
        if len(result.made_with) > 1:
            made = ", ".join(f"{count:,} by {what}" for what, count in result.made_with.items())
            err_console.print(
                f"briefing: the briefings were made with different settings: {made}",
                soft_wrap=True,
            )
        if output is not None:
            write_output(output, _document(result, chosen or DigestFormat.JSON))
        elif chosen is None and stdout_is_terminal():
            _show(result, all_)
        else:
            typer.echo(_document(result, chosen or DigestFormat.JSON), nl=False)


def _show(result: Digest, everything: bool) -> None:
    """The summary, then the details through the pager (``$PAGER``, else ``less -FRX``)."""
    from rich.console import Console
    from rich.markdown import Markdown

    from summarizer.digest import details_markdown, summary_markdown

    console = Console(highlight=False)
    console.print(Markdown(summary_markdown(result)))
    details = Markdown(details_markdown(result))
    if everything:
        console.print(details)
        return
    os.environ.setdefault("LESS", "FRX")
    with console.pager(styles=True):
        console.print(details)


def _export_events(folder: Path, output: Path | None) -> None:
    """Write the event rows of every briefing of ``folder`` as they are read.

    Raises:
        InputError: the folder holds no briefing (nothing is written), or ``output``
            cannot be written.
    """
    from summarizer.digest import event_rows, read_batch
    from summarizer.fileio import atomic_writer

    skips = _Skips()

    def write(sink: BinaryIO) -> int:
        rows = briefings = 0
        for name, briefing in read_batch(folder, skips):
            briefings += 1
            for row in event_rows(briefing, name):
                sink.write(row.model_dump_json().encode("utf-8") + b"\n")
                rows += 1
        if not briefings:
            _note_skips(skips.first, skips.total, "")
            raise InputError(f"{folder}: no briefings found")
        return rows

    if output is None:
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        try:
            with atomic_writer(output) as sink:
                rows = write(sink)
        except OSError as exc:
            raise InputError(f"{output}: cannot write ({exc.strerror})") from None
        err_console.print(f"briefing: wrote {output} ({rows:,} event rows)", soft_wrap=True)
    _note_skips(skips.first, skips.total, "")


class _Skips:
    """Counts inputs that gave no briefing, keeping the first few."""

    def __init__(self) -> None:
        self.first: list[SkippedInput] = []
        self.total = 0

    def __call__(self, path: str, reason: str) -> None:
        self.total += 1
        if len(self.first) < SHOWN_SKIPS:
            from summarizer.digest import SkippedInput

            self.first.append(SkippedInput(path=path, reason=reason))


def _document(result: Digest, chosen: DigestFormat) -> str:
    from summarizer.digest import digest_markdown, digest_page

    if chosen is DigestFormat.MARKDOWN:
        return digest_markdown(result)
    if chosen is DigestFormat.HTML:
        return digest_page(result)
    return result.model_dump_json(indent=2) + "\n"


def _format_of(path: Path | None) -> DigestFormat | None:
    if path is None:
        return None
    return format_from_suffix(path, _SUFFIX_FORMATS)


def _note_skips(skipped: Sequence[SkippedInput], total: int, where: str) -> None:
    """List the first skipped inputs on stderr, as text (a file name may hold anything)."""
    from summarizer.text import printable

    for skip in skipped[:SHOWN_SKIPS]:
        line = printable(f"briefing: skipped {skip.path}: {skip.reason}")
        err_console.print(line, soft_wrap=True, markup=False, highlight=False)
    more = total - SHOWN_SKIPS
    if more > 0:
        err_console.print(f"briefing: … and {more:,} more skipped{where}")
