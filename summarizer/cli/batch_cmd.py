"""``briefing batch``: a folder (or JSONL file) of articles into one briefing each.

Online by default; ``--via openai-batch`` hands the requests to the OpenAI Batch API
(see :mod:`summarizer.cli.batch_remote_cmd`, which also has ``status``, ``export`` and
``import``).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer.batch.options import DEFAULT_JOBS
from summarizer.cli.app import DefaultCommand, batch_app
from summarizer.cli.batch_remote_cmd import (
    BatchSizeOpt,
    DetachOpt,
    PollIntervalOpt,
    ReaskOpt,
    Via,
    ViaOpt,
    print_summary,
    run_openai_batch,
)
from summarizer.cli.common import (
    AllowPathsOpt,
    AllowPrivateUrlsOpt,
    BaseUrlOpt,
    CacheDirOpt,
    EngineOpt,
    MaxAttemptsOpt,
    MaxRetriesOpt,
    ModelOpt,
    ModeOpt,
    NoCacheOpt,
    QuietOpt,
    RpmOpt,
    TpmOpt,
    VerboseOpt,
    clean_failures,
    configure_logging,
    err_console,
    fail,
    note_engine_choice,
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
from summarizer.errors import ExitCode


class OutputFormat(StrEnum):
    """What a batch writes into its output folder."""

    JSON = "json"
    PARQUET = "parquet"


@batch_app.command("run", hidden=True, cls=DefaultCommand)
def batch(
    source: Annotated[
        Path,
        typer.Argument(
            help="A folder of .txt, .md, .html, .htm articles (searched recursively), "
            'a .jsonl file of {"id", "text" | "url" | "path"} records, '
            "or a .parquet file of articles (one a row).",
            metavar="IN",
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
    glob: Annotated[
        list[str] | None,
        typer.Option(
            "--glob",
            help="Read the files matching this pattern instead of every .txt, .md, .html, "
            "and .htm, e.g. '*.html' or '2024/**' (repeatable).",
            metavar="PATTERN",
        ),
    ] = None,
    text_column: TextColumnOpt = None,
    id_column: IdColumnOpt = None,
    url_column: UrlColumnOpt = None,
    title_column: TitleColumnOpt = None,
    date_column: DateColumnOpt = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Articles processed at once (offline: up to one worker process per core).",
        ),
    ] = DEFAULT_JOBS,
    retry_failed: Annotated[
        bool,
        typer.Option("--retry-failed", help="Run again the inputs that failed last time."),
    ] = False,
    html: Annotated[
        bool,
        typer.Option("--html", help="Also write each briefing's HTML page and OUT_DIR/index.html."),
    ] = False,
    max_tokens: Annotated[
        int | None,
        typer.Option(
            "--max-tokens",
            min=1,
            help="Start no new article after this many tokens. [default: no budget]",
        ),
    ] = None,
    rpm: RpmOpt = None,
    tpm: TpmOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir_option: CacheDirOpt = None,
    quiet: QuietOpt = False,
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    max_attempts: MaxAttemptsOpt = None,
    max_retries: MaxRetriesOpt = None,
    allow_paths: AllowPathsOpt = False,
    allow_private_urls: AllowPrivateUrlsOpt = False,
    via: ViaOpt = Via.ONLINE,
    reask: ReaskOpt = None,
    poll_interval: PollIntervalOpt = 30.0,
    detach: DetachOpt = False,
    batch_size: BatchSizeOpt = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--output-format",
            help="json: a briefing file per article and manifest.jsonl; parquet: part files "
            "of one row per article [default: parquet with --via ray, else json].",
        ),
    ] = None,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="Ray cluster for --via ray [env: RAY_ADDRESS; default: a local one].",
            metavar="ADDRESS",
        ),
    ] = None,
    verbose: VerboseOpt = False,
) -> None:
    """Summarize every article of a folder or JSONL file: one JSON briefing each.

    Progress is recorded in OUTPUT/manifest.jsonl, one line per input (status, error,
    attempts, tokens, time, briefing path). Running the same command again resumes:
    inputs already done with the same settings are skipped, and replies already received
    come from the response cache. Ctrl-C stops taking new articles and lets those in
    flight finish (press it again to abandon them). The exit code is 0 when every input
    is ok, 30 when some failed or were skipped, 130 when interrupted.

    `--output-format parquet` writes the briefings as Parquet part files, one row per
    article (`briefing digest`, `export` and `batch status` read them as they read JSON).

    With `--via ray` the articles go through a Ray Data actor pool (`briefing[ray]`), on
    the cluster at --ray-address or RAY_ADDRESS, else on this machine, and the results
    are Parquet part files (--output-format json for files and a manifest).

    With `--via openai-batch` the requests go to the OpenAI Batch API instead (half
    price, results within 24 hours): running the same command again picks up the batches
    in flight, and exit code 75 means some still run (`--detach`). Also:
    `briefing batch status OUT_DIR`, `briefing batch export IN REQUESTS.jsonl` and
    `briefing batch import REQUESTS.jsonl RESULTS.jsonl -o OUT_DIR` (for vLLM's
    `run_batch` or any engine that reads the Batch API format).

    **Examples:**

    ```
    briefing batch wires/ -o briefings/
    briefing batch wires/ -o briefings/ --glob '*.html' --jobs 16 --rpm 500
    briefing batch records.jsonl -o briefings/ --max-tokens 2000000
    briefing batch articles.parquet -o briefings/ --text-column body --id-column doc_id
    briefing batch wires/ -o briefings/ --output-format parquet
    briefing batch wires/ -o briefings/ --retry-failed
    briefing batch wires/ -o briefings/ --html && open briefings/index.html
    briefing batch wires/ -o briefings/ --via openai-batch --detach
    briefing batch articles.parquet -o briefings/ --via ray --ray-address ray://head:10001
    ```
    """
    from summarizer.batch import BatchOptions, find_inputs, run_batch
    from summarizer.batch.progress import progress_for

    configure_logging(verbose)
    with clean_failures(verbose):
        if via is not Via.OPENAI_BATCH and (reask is not None or detach or batch_size is not None):
            raise fail(
                "--reask, --detach and --batch-size go with --via openai-batch", ExitCode.USAGE
            )
        if via is not Via.RAY and ray_address:
            raise fail("--ray-address goes with --via ray", ExitCode.USAGE)
        if via is Via.OPENAI_BATCH and output_format is OutputFormat.PARQUET:
            raise fail(
                "--output-format parquet does not go with --via openai-batch", ExitCode.USAGE
            )
        if via is Via.RAY and (html or max_tokens is not None):
            raise fail("--html and --max-tokens do not go with --via ray", ExitCode.USAGE)
        parquet = (output_format or _default_format(via)) is OutputFormat.PARQUET
        if parquet and html:
            raise fail("--html goes with JSON output, not --output-format parquet", ExitCode.USAGE)
        settings = settings_from_options(
            engine=engine,
            model=model,
            base_url=base_url,
            mode=mode,
            max_attempts=max_attempts,
            max_retries=max_retries,
            rpm=rpm,
            tpm=tpm,
        )
        if source.resolve() == output.resolve():
            raise fail("the output folder must not be the input folder", ExitCode.USAGE)
        items = find_inputs(
            source,
            output,
            globs=glob or (),
            max_bytes=settings.max_bytes,
            allow_paths=allow_paths,
            allow_private_urls=allow_private_urls,
            columns=parquet_columns(text_column, id_column, url_column, title_column, date_column),
        )
        if via is Via.RAY:
            from summarizer.ray import RayOptions, run_ray

            if not quiet:
                note_engine_choice(settings)
            options = RayOptions(
                address=ray_address,
                output_format=(output_format or _default_format(via)).value,
                jobs=jobs,
                retry_failed=retry_failed,
                max_bytes=settings.max_bytes,
            )
            report = run_ray(
                items, output, settings, options, progress_for(err_console, quiet=quiet)
            )
            if not quiet:
                print_summary(report, [])
            raise typer.Exit(report.exit_code)
        if via is Via.OPENAI_BATCH:
            code = run_openai_batch(
                items,
                output,
                settings,
                jobs=jobs,
                retry_failed=retry_failed,
                max_tokens=max_tokens,
                reask=reask,
                poll_interval=poll_interval,
                detach=detach,
                batch_size=batch_size,
                html=html,
                quiet=quiet,
            )
            raise typer.Exit(code)
        if not quiet:
            note_engine_choice(settings)
        report = run_batch(
            items,
            output,
            settings,
            options=BatchOptions(
                jobs=jobs,
                retry_failed=retry_failed,
                max_tokens=max_tokens,
                max_bytes=settings.max_bytes,
                html=html,
                parquet=parquet,
            ),
            cache=False if no_cache else cache_dir_option or True,
            progress=progress_for(err_console, quiet=quiet),
            notify=lambda note: err_console.print(f"briefing: {note}"),
        )
    if not quiet:
        print_summary(report, [])
    raise typer.Exit(report.exit_code)


def _default_format(via: Via) -> OutputFormat:
    return OutputFormat.PARQUET if via is Via.RAY else OutputFormat.JSON
