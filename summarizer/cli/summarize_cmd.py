"""``briefing summarize``: one article to a verified briefing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from summarizer.article import load_article
from summarizer.cache import CachingEngine, ResponseCache, cache_dir
from summarizer.cli.app import app
from summarizer.cli.common import (
    BaseUrlOpt,
    CacheDirOpt,
    EngineOpt,
    MaxAttemptsOpt,
    MaxRetriesOpt,
    ModelOpt,
    ModeOpt,
    NoCacheOpt,
    VerboseOpt,
    clean_failures,
    configure_logging,
    note_engine_choice,
    settings_from_options,
    stdout_is_terminal,
    write_output,
)
from summarizer.engines.select import engine_for
from summarizer.pipeline import summarize as summarize_article
from summarizer.render import Format, print_terminal, render

_SUFFIX_FORMATS = {
    ".json": Format.JSON,
    ".md": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".txt": Format.TEXT,
}


@app.command()
def summarize(
    source: Annotated[
        str, typer.Argument(help="Article: a path (.txt, .md, .html), a URL, or - for stdin.")
    ],
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="json, markdown, text or html; default: text on a terminal, else json.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
    ] = None,
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    max_attempts: MaxAttemptsOpt = None,
    max_retries: MaxRetriesOpt = None,
    cache_dir_option: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    verbose: VerboseOpt = False,
) -> None:
    """Summarize one article into a briefing whose evidence is located in the article.

    **Examples:**

    ```
    briefing summarize article.txt
    briefing summarize page.html --format html -o briefing.html
    cat article.txt | briefing summarize - --format markdown
    briefing summarize https://example.org/story --model gpt-4o-mini
    OPENAI_BASE_URL=http://localhost:11434/v1 briefing summarize article.txt -m llama3.1
    briefing summarize article.txt --no-cache
    ```

    A reply already received for the same text and settings is taken from the response
    cache (as `briefing batch` does): no request, no tokens.
    """
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
        note_engine_choice(settings)
        article = load_article(source, max_bytes=settings.max_bytes)
        selected = engine_for(settings)
        if no_cache:
            briefing = summarize_article(article, settings=settings, engine=selected)
        else:
            cache = ResponseCache(cache_dir(cache_dir_option))
            try:
                cached = CachingEngine(selected, cache)
                briefing = summarize_article(article, settings=settings, engine=cached)
            finally:
                cache.close()
        chosen = output_format or _default_format(output)
        if output is None and chosen is Format.TEXT and stdout_is_terminal():
            print_terminal(briefing, article.text, Console())
            return
        document = render(briefing, article.text, chosen)
        if output is None:
            typer.echo(document)
        else:
            write_output(output, document)


def _default_format(output: Path | None) -> Format:
    if output is not None:
        return _SUFFIX_FORMATS.get(output.suffix.lower(), Format.JSON)
    return Format.TEXT if stdout_is_terminal() else Format.JSON
