"""``briefing models``: the models a server offers."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import (
    BaseUrlOpt,
    VerboseOpt,
    clean_failures,
    configure_logging,
    err_console,
    settings_from_options,
    stdout_is_terminal,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@app.command()
def models(
    base_url: BaseUrlOpt = None, as_json: JsonOpt = False, verbose: VerboseOpt = False
) -> None:
    """List the models the server offers (GET /models), with their context when it says.

    One name a line when piped; a table on a terminal; `--json` for every field.

    **Examples:**

    ```
    briefing models
    briefing models --base-url http://localhost:11434/v1
    briefing models --json | jq -r '.[] | select(.context_size > 32000) | .id'
    ```
    """
    from rich.console import Console
    from rich.table import Table

    from summarizer.engines.listing import list_models
    from summarizer.engines.openai import OpenAIEngine

    configure_logging(verbose)
    with clean_failures(verbose):
        engine = OpenAIEngine(settings_from_options(base_url=base_url))
        try:
            found = list_models(engine)
        finally:
            engine.close()
    if as_json:
        typer.echo(json.dumps([asdict(model) for model in found], indent=2))
        return
    if not found:
        err_console.print(f"briefing: {engine.spec.base_url} lists no models", soft_wrap=True)
        return
    if not stdout_is_terminal():
        typer.echo("\n".join(model.id for model in found))
        return
    table = Table("model", "owned by", "context", title=engine.spec.base_url)
    for model in found:
        context = f"{model.context_size:,} ({model.context_field})" if model.context_size else ""
        table.add_row(model.id, model.owned_by or "", context)
    Console().print(table)
