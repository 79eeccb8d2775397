"""``briefing schema``: print the JSON Schema of a briefing or of the model's reply."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from summarizer.cli.app import app


@app.command()
def schema(
    reply: Annotated[
        bool, typer.Option("--reply", help="Print the schema the model is asked to fill.")
    ] = False,
) -> None:
    """Print the JSON Schema of a briefing.

    **Examples:**

    ```
    briefing schema > briefing.schema.json
    briefing schema --reply
    ```
    """
    from summarizer.reply import reply_json_schema
    from summarizer.schema import Briefing

    document = reply_json_schema() if reply else Briefing.model_json_schema()
    typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
