"""``briefing batch status``: where a batch stands, read from its output folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from summarizer.cli.app import batch_app
from summarizer.cli.common import TextConsole, clean_failures


@batch_app.command("status")
def status(
    output: Annotated[
        Path,
        typer.Argument(help="The output folder of a batch.", metavar="OUT_DIR", show_default=False),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (the failed inputs included).")
    ] = False,
    failed: Annotated[
        bool,
        typer.Option("--failed", help="List every input that failed, with its reason."),
    ] = False,
) -> None:
    """Where a batch stands: its inputs by status and, for the Batch API, its batches.

    Read from the folder alone (no request is made): batch statuses are as last checked.
    `--failed` lists every input that did not succeed with its status and reason, one a
    line (`--json` always includes them).

    **Examples:**

    ```
    briefing batch status briefings/
    briefing batch status briefings/ --failed
    briefing batch status briefings/ --json | jq -r '.failed[] | [.source, .error] | @tsv'
    ```
    """
    from summarizer.batch import folder_status

    with clean_failures():
        document = folder_status(output)
    if as_json:
        typer.echo(json.dumps(document, indent=2))
        return
    _print_status(document)
    if failed:
        _print_failed(document["failed"])
    elif document["failed"]:
        count = len(document["failed"])
        typer.echo(f"{count:,} failed: `briefing batch status {output} --failed` lists them")


def _print_failed(failures: list[dict[str, Any]]) -> None:
    """Every failed input: ``source (status): reason``, one a line, the reason whole."""
    from summarizer.batch.summary import failure_line

    if not failures:
        typer.echo("no input failed")
        return
    for failure in failures:
        typer.echo(failure_line(failure["source"], failure["status"], failure["error"], None))


def _print_status(document: dict[str, Any]) -> None:
    from rich.table import Table

    console = TextConsole()
    inputs = ", ".join(f"{n} {status}" for status, n in sorted(document["inputs"].items()))
    console.print(f"{document['output']}: {inputs or 'no inputs yet'}", soft_wrap=True)
    briefings = document["briefings"]
    if len(briefings) > 1:
        console.print(
            f"the briefings were made with {len(briefings)} different settings:", soft_wrap=True
        )
        for group in briefings:
            console.print(
                f"  {group['count']} by {group['made_with'] or 'unknown'} "
                f"(settings {group['settings']})",
                soft_wrap=True,
            )
    run = document.get("run")
    if run is None:
        return
    table = Table(title=f"run {run['id']} ({run['model']})", title_justify="left")
    for column in ("round", "batch", "status", "requests", "completed", "failed", "checked"):
        table.add_column(
            column, justify="right" if column in ("requests", "completed", "failed") else "left"
        )
    for current in document["rounds"]:
        for batch in current["batches"]:
            table.add_row(
                str(current["round"]),
                batch["id"] or "-",
                batch["status"] + (f" ({batch['problem']})" if batch["problem"] else ""),
                str(batch["requests"]),
                str(batch["completed"]),
                str(batch["failed"]),
                batch["checked_at"] or "-",
            )
    console.print(table)
    if run["finished"]:
        console.print("the run is finished")
    else:
        console.print(
            f"{len(run['in_flight'])} batch(es) in flight: run the same "
            "`briefing batch … --via openai-batch` command to collect them",
            soft_wrap=True,
        )
