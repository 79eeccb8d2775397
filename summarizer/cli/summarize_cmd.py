"""``briefing summarize``: one article to a verified briefing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import (
    BaseUrlOpt,
    CacheDirOpt,
    EngineOpt,
    MaxAttemptsOpt,
    MaxRetriesOpt,
    MkdirOpt,
    ModelOpt,
    ModeOpt,
    NoCacheOpt,
    VerboseOpt,
    clean_failures,
    configure_logging,
    err_console,
    format_from_suffix,
    note_engine_choice,
    prepare_output,
    settings_from_options,
    stdout_is_terminal,
    write_output,
)
from summarizer.render import Format, print_terminal, render

SUFFIX_FORMATS = {
    ".json": Format.JSON,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".txt": Format.TEXT,
}
"""The format ``-o FILE`` writes, by the file's suffix, when ``--format`` is not given."""


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
            help="Default: from -o's suffix (.json .md .html .txt); else text on a terminal, "
            "JSON when piped.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here instead of standard output; its folder must exist."
        ),
    ] = None,
    mkdir: MkdirOpt = False,
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

    A reply already received for the same text and settings is taken from the response
    cache (as `briefing batch` does): no request, no tokens.

    **Examples:**

    ```
    briefing summarize article.txt
    briefing summarize page.html -o briefing.html
    briefing summarize page.html -o reports/2024/briefing.md --mkdir
    cat article.txt | briefing summarize - --format markdown
    briefing summarize https://example.org/story --model gpt-4o-mini
    OPENAI_BASE_URL=http://localhost:11434/v1 briefing summarize article.txt -m llama3.1
    briefing summarize article.txt --no-cache
    ```
    """
    from summarizer.article import load_article
    from summarizer.cache import CachingEngine, ResponseCache, cache_dir
    from summarizer.cli.waiting import showing_retry_waits
    from summarizer.engines.select import engine_for
    from summarizer.pipeline import summarize as summarize_article

    configure_logging(verbose)
    with clean_failures(verbose):
        if output is not None:
            prepare_output(output, mkdir=mkdir)
        chosen = output_format or _default_format(output)
        settings = settings_from_options(
            engine=engine,
            model=model,
            base_url=base_url,
            mode=mode,
            max_attempts=max_attempts,
            max_retries=max_retries,
        )
        article = load_article(source, max_bytes=settings.max_bytes)
        note_engine_choice(settings)
        selected = engine_for(settings)
        with showing_retry_waits(err_console):
            if no_cache:
                briefing = summarize_article(article, settings=settings, engine=selected)
            else:
                cache = ResponseCache(cache_dir(cache_dir_option))
                try:
                    cached = CachingEngine(selected, cache)
                    briefing = summarize_article(article, settings=settings, engine=cached)
                finally:
                    cache.close()
        if output is None and chosen is Format.TEXT and stdout_is_terminal():
            from rich.console import Console

            print_terminal(briefing, article.text, Console())
            return
        document = render(briefing, article.text, chosen)
        if output is None:
            typer.echo(document)
        else:
            write_output(output, document)


def _default_format(output: Path | None) -> Format:
    if output is not None:
        return format_from_suffix(output, SUFFIX_FORMATS)
    return Format.TEXT if stdout_is_terminal() else Format.JSON
