"""``briefing check``: what a server honours, before a batch."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import (
    BaseUrlOpt,
    ModelOpt,
    VerboseOpt,
    clean_failures,
    configure_logging,
    settings_from_options,
)
from summarizer.engines.base import OutputMode

if TYPE_CHECKING:  # the check (the SDK, grounding) loads when the command runs
    from summarizer.check import ServerCheck

EXIT_NO_MODE = 21
"""Exit code when no output mode works: as for a server that refuses every request."""
_SHOWN_MODELS = 8

JsonOpt = Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")]


@app.command()
def check(
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    as_json: JsonOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Check a server before a batch: models, output modes, schema, context, latency.

    Says whether the server serves the model, which output modes it honours, whether it
    holds the model to the schema, its context window when it says, and how long each
    request took: one small request per output mode (a two-sentence article), no
    retries. Exit code 0 when a mode works, 21 when none does.

    **Examples:**

    ```
    briefing check --base-url http://localhost:11434/v1 -m llama3.1
    briefing check -m gpt-4o-mini
    briefing check --json | jq .chosen
    ```
    """
    from summarizer.check import check_server

    configure_logging(verbose)
    with clean_failures(verbose):
        found = check_server(settings_from_options(model=model, base_url=base_url))
    if as_json:
        typer.echo(json.dumps(found.to_json(), indent=2))
    else:
        typer.echo("\n".join(report_lines(found)))
    raise typer.Exit(0 if found.chosen else EXIT_NO_MODE)


def report_lines(found: ServerCheck) -> list[str]:
    """The check as lines for people."""
    from summarizer.check import Verdict

    lines = [f"server:  {found.base_url}", f"model:   {_model_line(found)}"]
    width = max(len(v.value) for v in Verdict)
    for mode in found.modes:
        timing = f"{mode.seconds:6.2f} s  {mode.tokens:>6,} tokens"
        lines.append(
            f"{mode.mode.value:<12} {mode.verdict.value:<{width}}  {timing}  {mode.detail}"
        )
    if found.chosen is None and found.modes and found.modes[-1].verdict is Verdict.NO_ANSWER:
        lines.append(
            "the server gave no answer (not reached, or failing whatever it is asked): "
            "no output mode could be judged"
        )
    elif found.chosen is None:
        lines.append("no output mode works with this server and model")
    else:
        held = " (the server holds the model to the schema)"
        lines.append(
            f"briefing will use {found.chosen.value}"
            + (held if found.chosen is OutputMode.JSON_SCHEMA else "")
        )
    return lines


def _model_line(found: ServerCheck) -> str:
    if found.models is None:
        return f"{found.model} (the server would not list its models: {found.models_error})"
    listed = found.listed
    if listed is None:
        names = [m.id for m in found.models]
        shown = ", ".join(names[:_SHOWN_MODELS])
        more = f" and {len(names) - _SHOWN_MODELS} more" if len(names) > _SHOWN_MODELS else ""
        return f"{found.model} is not listed; the server lists {shown or 'none'}{more}"
    if listed.context_size:
        context = f"{listed.context_size:,} tokens ({listed.context_field})"
        return f"{found.model}, listed; context {context}"
    return f"{found.model}, listed (its context is not said)"
