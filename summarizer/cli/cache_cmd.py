"""``briefing cache info|clear``: look into or empty the response cache."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.app import app
from summarizer.cli.common import CacheDirOpt, clean_failures, fail
from summarizer.cli.help import HelpGroup
from summarizer.errors import ConfigError

if TYPE_CHECKING:  # the cache loads when a command uses it, not with every command
    from summarizer.cache import CacheInfo

cache_app = typer.Typer(
    name="cache",
    cls=HelpGroup,
    help="""Look into or empty the response cache.

    Replies are cached by endpoint, model, output mode, prompt and schema versions,
    generation parameters and article text, so that a run again never pays twice.

    **Examples:**

    ```
    briefing cache info
    briefing cache info --json
    briefing cache clear --yes
    ```
    """,
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(cache_app)

YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")]


@cache_app.command()
def info(
    cache_dir_option: CacheDirOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Say where the response cache is, how big, and what it holds.

    Size on disk, entries by engine and model, the tokens they cost when requested, and
    when the oldest and newest were cached.

    **Examples:**

    ```
    briefing cache info
    briefing cache info --cache-dir /tmp/briefing-cache --json
    ```
    """
    from summarizer.cache import CACHE_FILE, cache_dir

    with clean_failures():
        directory = cache_dir(cache_dir_option)
        found = _read_info(directory)
    if as_json:
        typer.echo(json.dumps(_info_document(directory, found), indent=2))
    elif found is None:
        typer.echo(f"path:     {directory / CACHE_FILE} (empty, not created yet)")
    else:
        typer.echo(_info_text(found))


def _read_info(directory: Path) -> CacheInfo | None:
    from summarizer.cache import CACHE_FILE, ResponseCache

    if not (directory / CACHE_FILE).exists():
        return None
    cache = ResponseCache(directory)
    try:
        return cache.info()
    finally:
        cache.close()


def _info_text(found: CacheInfo) -> str:
    from rich.filesize import decimal

    lines = [
        f"path:     {found.path}",
        f"size:     {decimal(found.bytes)}",
        f"entries:  {found.entries:,}",
        f"tokens:   {found.tokens:,} (what the cached replies cost)",
    ]
    if found.oldest:
        lines += [f"oldest:   {found.oldest}", f"newest:   {found.newest}"]
    if found.models:
        width = max(len(name) for name in found.models)
        lines.append("by model:")
        lines += [f"  {name:<{width}}  {count:>8,}" for name, count in found.models.items()]
    return "\n".join(lines)


def _info_document(directory: Path, found: CacheInfo | None) -> dict[str, object]:
    from summarizer.cache import CACHE_FILE

    if found is None:
        return {"path": str(directory / CACHE_FILE), "exists": False, "entries": 0}
    return {
        "path": str(found.path),
        "exists": True,
        "bytes": found.bytes,
        "entries": found.entries,
        "tokens": found.tokens,
        "models": found.models,
        "oldest": found.oldest,
        "newest": found.newest,
    }


@cache_app.command()
def clear(cache_dir_option: CacheDirOpt = None, yes: YesOpt = False) -> None:
    """Remove every cached reply, after asking (a damaged cache file is deleted).

    The replies were paid for: without --yes the command says what it would delete and
    asks first, and deletes nothing when it cannot ask (no terminal).

    **Examples:**

    ```
    briefing cache clear
    briefing cache clear --yes
    BRIEFING_CACHE_DIR=/tmp/briefing-cache briefing cache clear -y
    ```
    """
    from summarizer.cache import CACHE_FILE, ResponseCache, cache_dir, delete_cache_files

    with clean_failures():
        directory = cache_dir(cache_dir_option)
        path = directory / CACHE_FILE
        if not path.exists():
            typer.echo(f"nothing to clear at {path}")
            return
        try:
            cache = ResponseCache(directory)
        except ConfigError:
            _confirm(f"{path} is damaged. Delete it?", yes)
            delete_cache_files(directory)
            typer.echo(f"deleted the damaged cache {path}")
            return
        try:
            found = cache.info()
            if found.entries:
                _confirm(
                    f"Delete {found.entries:,} cached replies ({found.tokens:,} tokens paid for) "
                    f"from {path}?",
                    yes,
                )
            removed = cache.clear()
        finally:
            cache.close()
    typer.echo(f"removed {removed:,} entries from {path}")


def _confirm(question: str, yes: bool) -> None:
    """Return if the user agrees (or gave --yes); exit with nothing deleted otherwise."""
    if yes:
        return
    try:
        agreed = typer.confirm(question, default=False, err=True)
    except typer.Abort:  # end of input: nobody to ask
        agreed = False
    if not agreed:
        raise fail("nothing deleted (answer y, or pass --yes)", 1)
