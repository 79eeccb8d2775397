"""``briefing batch status``: where a batch stands, read from its output folder."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from summarizer.batch.remote.snapshot import read_spec
from summarizer.batch.remote.state import SNAPSHOT_FILE, STATE_DIR, RunState
from summarizer.batch.results import result_lines
from summarizer.cli.app import batch_app
from summarizer.cli.common import clean_failures
from summarizer.errors import InputError, SourceNotFound


@batch_app.command("status")
def status(
    output: Annotated[
        Path,
        typer.Argument(help="The output folder of a batch.", metavar="OUT_DIR", show_default=False),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Where a batch stands: its inputs by status and, for the Batch API, its batches.

    Reads manifest.jsonl, or the part files of Parquet results, and nothing else (no
    request is made): batch statuses are as last checked.

    **Examples:**

    ```
    briefing batch status briefings/
    briefing batch status briefings/ --json | jq '.rounds[-1].batches'
    ```
    """
    with clean_failures():
        if not output.is_dir():
            raise SourceNotFound(f"{output}: no such folder")
        lines = result_lines(output)
        state = RunState.load(output / STATE_DIR)
        if state is None and not lines:
            raise InputError(f"{output}: no batch has written to this folder")
        counts = Counter(line.status for line in lines.values())
        model = None
        if state is not None:
            model = read_spec(output / STATE_DIR / SNAPSHOT_FILE).request.model
        document = _status_document(output, counts, state, model)
    if as_json:
        typer.echo(json.dumps(document, indent=2))
        return
    _print_status(document)


def _status_document(
    output: Path, counts: Counter[str], state: RunState | None, model: str | None
) -> dict[str, Any]:
    document: dict[str, Any] = {"output": str(output), "inputs": dict(counts)}
    if state is None:
        return document
    document["run"] = {
        "id": state.run,
        "model": model,
        "finished": state.finished,
        "in_flight": [b.batch_id for b in state.in_flight()],
    }
    document["rounds"] = [
        {
            "round": current.number,
            "batches": [
                {
                    "id": batch.batch_id,
                    "status": batch.status or "not submitted",
                    "requests": batch.count,
                    "completed": batch.completed,
                    "failed": batch.failed,
                    "checked_at": batch.checked_at,
                    "problem": batch.problem,
                }
                for batch in current.batches
            ],
        }
        for current in state.rounds
    ]
    return document


def _print_status(document: dict[str, Any]) -> None:
    console = Console(highlight=False, no_color="NO_COLOR" in os.environ)
    inputs = ", ".join(f"{n} {status}" for status, n in sorted(document["inputs"].items()))
    console.print(f"{document['output']}: {inputs or 'no inputs yet'}", soft_wrap=True)
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
