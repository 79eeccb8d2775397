"""``briefing cache info|clear``: look into or empty the response cache."""

from __future__ import annotations

import typer

from summarizer.cache import CACHE_FILE, ResponseCache, cache_dir, delete_cache_files
from summarizer.cli.app import app
from summarizer.cli.common import CacheDirOpt, clean_failures
from summarizer.errors import ConfigError

cache_app = typer.Typer(
    name="cache",
    help="Look into or empty the response cache.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(cache_app)


@cache_app.command()
def info(cache_dir_option: CacheDirOpt = None) -> None:
    """Say where the response cache is, how big, and what it holds.

    **Examples:**

    ```
    briefing cache info
    briefing cache info --cache-dir /tmp/briefing-cache
    ```
    """
    with clean_failures():
        directory = cache_dir(cache_dir_option)
        if not (directory / CACHE_FILE).exists():
            typer.echo(f"path:     {directory / CACHE_FILE} (empty, not created yet)")
            return
        cache = ResponseCache(directory)
        try:
            found = cache.info()
        finally:
            cache.close()
    typer.echo(f"path:     {found.path}")
    typer.echo(f"entries:  {found.entries:,}")
    typer.echo(f"size:     {found.bytes / 1_000_000:.1f} MB")
    typer.echo(f"tokens:   {found.tokens:,} (what the cached replies cost)")
    if found.oldest:
        typer.echo(f"oldest:   {found.oldest}")
        typer.echo(f"newest:   {found.newest}")
    for name, count in found.models.items():
        typer.echo(f"model:    {name}: {count:,}")


@cache_app.command()
def clear(cache_dir_option: CacheDirOpt = None) -> None:
    """Remove every cached reply (a damaged cache file is deleted).

    **Examples:**

    ```
    briefing cache clear
    BRIEFING_CACHE_DIR=/tmp/briefing-cache briefing cache clear
    ```
    """
    with clean_failures():
        directory = cache_dir(cache_dir_option)
        if not (directory / CACHE_FILE).exists():
            typer.echo(f"nothing to clear at {directory / CACHE_FILE}")
            return
        try:
            cache = ResponseCache(directory)
        except ConfigError:
            delete_cache_files(directory)
            typer.echo(f"deleted the damaged cache {directory / CACHE_FILE}")
            return
        try:
            removed = cache.clear()
        finally:
            cache.close()
    typer.echo(f"removed {removed:,} entries from {directory / CACHE_FILE}")
