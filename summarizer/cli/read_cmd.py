"""``briefing read``: print an article exactly as briefing sees it."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from summarizer.article import load_article
from summarizer.cli.app import app
from summarizer.cli.common import MaxBytesOpt, VerboseOpt, clean_failures, settings_from_options


@app.command()
def read(
    source: Annotated[str, typer.Argument(help="A file, an http(s) URL, or - for standard input.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the text with its metadata as JSON.")
    ] = False,
    max_bytes: MaxBytesOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Print the text of an article: the text that evidence offsets refer to.

    Web pages are reduced to their main text, other encodings decoded, control
    characters and odd spaces normalised: what this prints is what the engine reads
    and what every evidence offset counts characters in.

    **Examples:**

    ```
    briefing read saved-page.html
    briefing read https://example.org/news/story --json
    pbpaste | briefing read -
    ```
    """
    with clean_failures(verbose):
        settings = settings_from_options(max_bytes=max_bytes)
        article = load_article(source, max_bytes=settings.max_bytes)
        if not as_json:
            typer.echo(article.text)
            return
        from summarizer.tokens import count_tokens

        document: dict[str, Any] = article.info().model_dump()
        document.update(
            encoding=article.encoding,
            media_type=article.media_type,
            tokens=count_tokens(article.text),
            text=article.text,
        )
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
