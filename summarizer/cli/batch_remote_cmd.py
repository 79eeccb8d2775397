"""Batches run elsewhere: ``--via openai-batch``, ``batch status``, ``batch export``, ``batch import``."""  # noqa: E501

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from summarizer.batch import MANIFEST_NAME, InputItem, discover_inputs
from summarizer.batch.manifest import read_lines
from summarizer.batch.remote.lines import MAX_REQUESTS
from summarizer.batch.remote.openai_batch import (
    EXIT_IN_FLIGHT,
    OpenAIBatchRun,
    Reask,
    RemoteOptions,
    RemoteReport,
)
from summarizer.batch.remote.progress import poll_progress_for
from summarizer.batch.remote.snapshot import read_spec
from summarizer.batch.remote.state import SNAPSHOT_FILE, STATE_DIR, RunState
from summarizer.batch.remote.transfer import export_requests, import_results
from summarizer.batch.runner import BatchReport
from summarizer.batch.summary import summary_notes, summary_table
from summarizer.cli.app import batch_app
from summarizer.cli.common import (
    BaseUrlOpt,
    MaxAttemptsOpt,
    MaxRetriesOpt,
    ModelOpt,
    ModeOpt,
    QuietOpt,
    RpmOpt,
    TpmOpt,
    VerboseOpt,
    clean_failures,
    configure_logging,
    err_console,
    fail,
    settings_from_options,
)
from summarizer.config import EngineName, Settings
from summarizer.engines.openai import ChatRequests, OpenAIEngine
from summarizer.errors import InputError, SourceNotFound


class Via(StrEnum):
    """Where a batch's requests go."""

    ONLINE = "online"
    OPENAI_BATCH = "openai-batch"


ViaOpt = Annotated[
    Via,
    typer.Option(
        "--via",
        help="online: requests to the endpoint, --jobs at a time; openai-batch: the OpenAI "
        "Batch API (half price, results within 24 h).",
    ),
]
ReaskOpt = Annotated[
    Reask | None,
    typer.Option(
        "--reask",
        help="With --via openai-batch: re-ask failed replies in a follow-up batch (default) "
        "or online.",
    ),
]
PollIntervalOpt = Annotated[
    float,
    typer.Option("--poll-interval", min=0, help="With --via openai-batch: seconds between checks."),
]
DetachOpt = Annotated[
    bool,
    typer.Option(
        "--detach",
        help="With --via openai-batch: submit (or check) the batches and return; run the "
        "command again to collect them.",
    ),
]
BatchSizeOpt = Annotated[
    int | None,
    typer.Option(
        "--batch-size",
        min=1,
        max=MAX_REQUESTS,
        help=f"With --via openai-batch: most requests per batch [default: {MAX_REQUESTS:,}].",
    ),
]


def run_openai_batch(
    items: Sequence[InputItem],
    output: Path,
    settings: Settings,
    *,
    jobs: int,
    retry_failed: bool,
    max_tokens: int | None,
    reask: Reask | None,
    poll_interval: float,
    detach: bool,
    batch_size: int | None,
    quiet: bool,
) -> int:
    """Run ``briefing batch … --via openai-batch``; the exit code."""
    if max_tokens is not None:
        raise fail("--max-tokens is for online runs: a batch cannot stop halfway", 2)
    if settings.engine is EngineName.OFFLINE:
        raise fail("--via openai-batch needs a model, not the offline engine", 2)
    options = RemoteOptions(
        reask=reask or Reask.BATCH,
        poll_interval=poll_interval,
        detach=detach,
        batch_size=batch_size or MAX_REQUESTS,
        jobs=jobs,
        retry_failed=retry_failed,
        max_bytes=settings.max_bytes,
    )
    engine = OpenAIEngine(settings)
    run = OpenAIBatchRun(
        items,
        output,
        engine,
        options=options,
        progress=poll_progress_for(err_console, quiet=quiet),
    )
    try:
        outcome = run.run()
    finally:
        engine.close()
    if not quiet:
        _print_summary(outcome.report, _in_flight_notes(outcome, output))
    return outcome.exit_code


def _in_flight_notes(outcome: RemoteReport, output: Path) -> list[str]:
    if not outcome.in_flight:
        return []
    shown = ", ".join(outcome.in_flight[:3]) + (", …" if len(outcome.in_flight) > 3 else "")
    return [
        f"{len(outcome.in_flight)} batch(es) still running ({shown}): run the same command "
        f"again to collect them; `briefing batch status {output}` shows where they stand"
    ]


def _print_summary(report: BatchReport, notes: list[str]) -> None:
    err_console.print(summary_table(report))
    for note in [*notes, *summary_notes(report)]:
        err_console.print(f"briefing: {note}", soft_wrap=True)


@batch_app.command("status")
def status(
    output: Annotated[
        Path,
        typer.Argument(help="The output folder of a batch.", metavar="OUT_DIR", show_default=False),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Where a batch stands: its inputs by status and, for the Batch API, its batches.

    Read from the folder alone (no request is made): batch statuses are as last checked.

    **Examples:**

    ```
    briefing batch status briefings/
    briefing batch status briefings/ --json | jq '.rounds[-1].batches'
    ```
    """
    with clean_failures():
        if not output.is_dir():
            raise SourceNotFound(f"{output}: no such folder")
        lines = read_lines(output / MANIFEST_NAME)
        state = RunState.load(output / STATE_DIR)
        if state is None and not lines:
            raise InputError(f"{output}: no batch has written to this folder")
        counts = Counter(line.status for line in lines.values())
        model = None
        if state is not None:
            model = read_spec(output / STATE_DIR / SNAPSHOT_FILE).model
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
    inputs = ", ".join(f"{n} {status}" for status, n in sorted(document["inputs"].items()))
    err_console.print(f"{document['output']}: {inputs or 'no inputs yet'}", soft_wrap=True)
    run = document.get("run")
    if run is None:
        return
    table = Table(title=f"run {run['id']} ({run['model']})", title_justify="left")
    for column in ("round", "batch", "status", "requests", "completed", "failed", "checked"):
        table.add_column(column, justify="right" if column in ("requests", "completed") else "left")
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
    err_console.print(table)
    if run["finished"]:
        err_console.print("briefing: the run is finished")
    else:
        err_console.print(
            f"briefing: {len(run['in_flight'])} batch(es) in flight; run the same "
            "`briefing batch … --via openai-batch` command to collect them",
            soft_wrap=True,
        )


@batch_app.command("export")
def export(
    source: Annotated[
        Path,
        typer.Argument(
            help="A folder of articles or a .jsonl file of records, as for `briefing batch`.",
            metavar="IN",
            show_default=False,
        ),
    ],
    requests: Annotated[
        Path,
        typer.Argument(
            help="The request file to write (JSONL, OpenAI Batch API format).",
            metavar="REQUESTS.jsonl",
            dir_okay=False,
            show_default=False,
        ),
    ],
    glob: Annotated[
        list[str] | None,
        typer.Option(
            "--glob", help="Read the files matching this pattern (repeatable).", metavar="PATTERN"
        ),
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    max_attempts: MaxAttemptsOpt = None,
    quiet: QuietOpt = False,
) -> None:
    r"""Write the requests of a batch to a JSONL file, for vLLM's `run_batch` or any engine.

    One line per article (per passage of a long one), the very request the online path
    sends. Beside it, REQUESTS.articles.jsonl keeps the articles and settings the requests
    were made from: `briefing batch import` needs both.

    **Examples:**

    ```
    briefing batch export wires/ requests.jsonl -m Qwen/Qwen2.5-7B-Instruct
    python -m vllm.entrypoints.openai.run_batch -i requests.jsonl -o results.jsonl \
        --model Qwen/Qwen2.5-7B-Instruct
    briefing batch import requests.jsonl results.jsonl -o briefings/
    ```
    """
    with clean_failures():
        settings = settings_from_options(
            model=model, base_url=base_url, mode=mode, max_attempts=max_attempts
        )
        items = discover_inputs(source, globs=glob or ())
        if not items:
            raise InputError(f"{source}: no articles found (.txt, .md, .html, .htm; see --glob)")
        done = export_requests(
            items, ChatRequests(settings), requests, max_bytes=settings.max_bytes
        )
    if not quiet:
        unreadable = f" ({done.unreadable} could not be read)" if done.unreadable else ""
        err_console.print(
            f"briefing: wrote {done.lines} request(s) for {done.inputs} input(s){unreadable} "
            f"to {done.requests}, and their articles to {done.snapshot}",
            soft_wrap=True,
        )


@batch_app.command("import")
def import_(
    requests: Annotated[
        Path,
        typer.Argument(
            help="The request file `briefing batch export` wrote (its .articles.jsonl beside it).",
            metavar="REQUESTS.jsonl",
            show_default=False,
        ),
    ],
    results: Annotated[
        list[Path],
        typer.Argument(
            help="Result files, in the order they were made.",
            metavar="RESULTS.jsonl...",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder for the briefings and manifest.jsonl.",
            metavar="OUT_DIR",
            file_okay=False,
            show_default=False,
        ),
    ],
    reask: Annotated[
        bool,
        typer.Option(
            "--reask-online",
            help="Ask again online what the results leave unsettled (see --base-url).",
        ),
    ] = False,
    next_requests: Annotated[
        Path | None,
        typer.Option(
            "--next",
            help="Write the requests still needed (re-asks, requests not run) to this file, "
            "to run the same way and import with these results.",
            metavar="FILE",
            dir_okay=False,
        ),
    ] = None,
    base_url: BaseUrlOpt = None,
    max_retries: MaxRetriesOpt = None,
    rpm: RpmOpt = None,
    tpm: TpmOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Online re-asks at once.")] = 8,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    r"""Turn the results of exported requests into briefings, a manifest and a digest's input.

    Every reply is validated and grounded as online. A reply that still fails, or a
    request the engine did not run, is settled with what the results hold (the best
    reply, its problems as warnings), unless `--reask-online` asks again, or `--next`
    writes the requests for another run (exit code 75 until their results are imported).

    **Examples:**

    ```
    briefing batch import requests.jsonl results.jsonl -o briefings/
    briefing batch import requests.jsonl results.jsonl -o briefings/ --next more.jsonl
    briefing batch import requests.jsonl results.jsonl more-results.jsonl -o briefings/
    briefing batch import requests.jsonl results.jsonl -o briefings/ --reask-online \
        --base-url http://localhost:8000/v1
    ```
    """
    configure_logging(verbose)
    with clean_failures(verbose):
        if reask and next_requests is not None:
            raise fail("--reask-online and --next are two ways to go on: choose one", 2)
        online = None
        if reask:
            settings = settings_from_options(
                base_url=base_url, max_retries=max_retries, rpm=rpm, tpm=tpm
            )
            online = OpenAIEngine(settings)
        try:
            done = import_results(
                requests, results, output, online=online, next_requests=next_requests, jobs=jobs
            )
        finally:
            if online is not None:
                online.close()
    notes = []
    if done.next_requests:
        notes.append(
            f"wrote {done.next_requests} request(s) to {next_requests}: run them, then import "
            "their results with these"
        )
    if not quiet:
        _print_summary(done.report, notes)
    raise typer.Exit(EXIT_IN_FLIGHT if done.next_requests else done.report.exit_code)
