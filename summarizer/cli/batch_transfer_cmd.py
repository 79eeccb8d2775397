"""``briefing batch export`` and ``import``: request files and their results.

For vLLM's ``run_batch`` or any engine that reads the Batch API format; the results
come back into briefings, a manifest and whatever reads them (``briefing digest``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.app import batch_app
from summarizer.cli.batch_remote_cmd import print_summary
from summarizer.cli.common import (
    AllowPathsOpt,
    AllowPrivateUrlsOpt,
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
from summarizer.cli.parquet_options import (
    DateColumnOpt,
    IdColumnOpt,
    TextColumnOpt,
    TitleColumnOpt,
    UrlColumnOpt,
    parquet_columns,
)
from summarizer.errors import ExitCode, InputError


@batch_app.command("export")
def export(
    source: Annotated[
        Path,
        typer.Argument(
            help="A folder of articles, a .jsonl file of records or a .parquet file, "
            "as for `briefing batch`.",
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
    text_column: TextColumnOpt = None,
    id_column: IdColumnOpt = None,
    url_column: UrlColumnOpt = None,
    title_column: TitleColumnOpt = None,
    date_column: DateColumnOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    max_attempts: MaxAttemptsOpt = None,
    allow_paths: AllowPathsOpt = False,
    allow_private_urls: AllowPrivateUrlsOpt = False,
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
    from summarizer.batch.remote.transfer import export_requests
    from summarizer.batch.sources import discover_sources
    from summarizer.engines.request import RequestSpec

    with clean_failures():
        settings = settings_from_options(
            model=model, base_url=base_url, mode=mode, max_attempts=max_attempts
        )
        items = discover_sources(
            source,
            globs=glob or (),
            max_bytes=settings.max_bytes,
            allow_paths=allow_paths,
            allow_private_urls=allow_private_urls,
            columns=parquet_columns(text_column, id_column, url_column, title_column, date_column),
        )
        if not items:
            raise InputError(f"{source}: no articles found (.txt, .md, .html, .htm; see --glob)")
        done = export_requests(
            items, RequestSpec.of(settings), requests, max_bytes=settings.max_bytes
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
    html: Annotated[
        bool,
        typer.Option("--html", help="Also write each briefing's HTML page and OUT_DIR/index.html."),
    ] = False,
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
    from summarizer.batch.remote.transfer import import_results
    from summarizer.engines.openai import OpenAIEngine

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
                requests,
                results,
                output,
                online=online,
                next_requests=next_requests,
                jobs=jobs,
                html=html,
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
        print_summary(done.report, notes)
    raise typer.Exit(ExitCode.IN_FLIGHT if done.next_requests else done.report.exit_code)
