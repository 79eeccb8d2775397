"""``briefing eval``: score an engine's briefings against gold data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import (
    BaseUrlOpt,
    EngineOpt,
    MaxAttemptsOpt,
    MaxRetriesOpt,
    ModelOpt,
    ModeOpt,
    VerboseOpt,
    clean_failures,
    configure_logging,
    err_console,
    settings_from_options,
)

if TYPE_CHECKING:  # scoring loads when the command runs, not with every command
    from rich.table import Table

    from summarizer.article import Article
    from summarizer.eval import EvalReport, Figure
    from summarizer.schema import Briefing


@app.command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold data, one JSON record a line.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            help="Score a seeded sample of N records, every event type represented. "
            "[default: every record]",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the --limit sample.")] = 0,
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    max_attempts: MaxAttemptsOpt = None,
    max_retries: MaxRetriesOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Score the briefings an engine makes of gold texts: parties, agreements, threats.

    Each text goes through the same `summarize()` as `briefing summarize`, so party
    resolution and grounding are scored too. Figures: party recall, agreement and
    threat detection (strict: the event's trigger word inside the item's evidence;
    loose: any item in the text), their arguments (who agreed, who threatened whom),
    false alarms on records with neither, evidence verified, time per document; then
    detection per event type. Names match by alias and ISO country code (see
    `summarizer.eval`). `--limit N` scores a stratified sample drawn with `--seed`.

    **Examples:**

    ```
    briefing eval fixtures/eval/plover_dev.jsonl --engine offline
    briefing eval fixtures/eval/plover_heldout.jsonl --json > scores.json
    briefing eval gold.jsonl --engine openai -m gpt-4o-mini --limit 20
    ```
    """
    from rich.console import Console

    from summarizer.engines.select import engine_for
    from summarizer.eval import evaluate
    from summarizer.gold import load_gold, sample
    from summarizer.pipeline import summarize

    configure_logging(verbose)
    with clean_failures(verbose):
        settings = settings_from_options(
            engine=engine,
            model=model,
            base_url=base_url,
            mode=mode,
            max_attempts=max_attempts,
            max_retries=max_retries,
        )
        every = load_gold(gold)
        records = sample(every, limit, seed) if limit is not None else every
        chosen = engine_for(settings)

        def brief(article: Article) -> Briefing:
            return summarize(article, settings=settings, engine=chosen)

        with err_console.status(f"scoring {len(records)} records", spinner="dots") as status:
            report = evaluate(
                records,
                brief,
                gold=str(gold),
                engine=chosen.info.name,
                model=chosen.info.model,
                progress=lambda done, total: status.update(f"scored {done}/{total}"),
            )
        if len(records) < len(every):
            report.of = len(every)
        if as_json:
            typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        else:
            console = Console()
            console.print(_header(report), soft_wrap=True, highlight=False, markup=False)
            console.print(_table(report))
            console.print(_type_table(report))
        for failed in report.errors:
            err_console.print(f"briefing: {failed.id}: {failed.error}", soft_wrap=True)


def _header(report: EvalReport) -> str:
    """One line: gold file, records (and the sample's seed source), engine, model."""
    count = f"{len(report.records)} records"
    if report.of is not None:
        count = f"{len(report.records)} of {report.of} records (stratified sample)"
    return " · ".join(part for part in (report.gold, count, report.engine, report.model) if part)


def _table(report: EvalReport) -> Table:
    from rich.table import Table

    table = Table()
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("of", justify="right")
    for figure in report.figures():
        table.add_row(figure.name, _value(figure), _of(figure))
    return table


def _type_table(report: EvalReport) -> Table:
    from rich.table import Table

    table = Table(
        title="by event type",
        title_justify="left",
        caption="negative: records with neither, and their false alarms",
        caption_justify="left",
    )
    table.add_column("event type", overflow="fold")
    table.add_column("gold")
    table.add_column("strict", justify="right")
    table.add_column("loose", justify="right")
    for row in report.by_type():
        table.add_row(row.type, row.gold, _cell(row.strict), _cell(row.loose))
    return table


def _cell(figure: Figure | None) -> str:
    if figure is None or figure.value is None:
        return "–"
    return f"{figure.value:.2f} ({figure.count:g}/{figure.total:g})"


def _value(figure: Figure) -> str:
    if figure.value is None:
        return "–"
    if figure.name.startswith("seconds"):
        return f"{figure.value:.3f}"
    return f"{figure.value:.2f}"


def _of(figure: Figure) -> str:
    if figure.name.startswith("seconds"):
        return f"{figure.total:g} docs"
    return f"{figure.count:g}/{figure.total:g}"
