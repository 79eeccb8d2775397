"""``briefing config show|set|unset|set-key``: the settings file, and where each value is from."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from summarizer.cli.app import app
from summarizer.cli.common import (
    BaseUrlOpt,
    EngineOpt,
    ModelOpt,
    ModeOpt,
    clean_failures,
    err_console,
)
from summarizer.cli.help import HelpGroup
from summarizer.config import SETTING_NAMES, Layered, load_settings, parse_setting
from summarizer.errors import ConfigError
from summarizer.userconfig import (
    KEYRING_FLAG,
    config_path,
    delete_keyring_key,
    read_file,
    store_keyring_key,
    write_file,
)

config_app = typer.Typer(
    name="config",
    cls=HelpGroup,
    help="""Show the settings and where each comes from; change the settings file.

    **Examples:**

    ```
    briefing config show
    briefing config set model llama3.1
    briefing config unset model
    briefing config set-key
    ```
    """,
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(config_app)

NameArg = Annotated[str, typer.Argument(help="A setting, e.g. model, base_url, engine, mode.")]


@config_app.command()
def show(
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show every setting, its value and where it comes from.

    Flags win over the environment, which wins over the settings file, which wins over
    the defaults; give flags here to see what a command given them would use. The API
    key is never shown, only whether it is set and from where.

    **Examples:**

    ```
    briefing config show
    briefing config show --base-url http://localhost:11434/v1
    briefing config show --json | jq .model
    ```
    """
    with clean_failures():
        layered = load_settings(engine=engine, model=model, base_url=base_url, mode=mode)
    rows = _rows(layered)
    if as_json:
        typer.echo(json.dumps({name: {"value": v, "from": f} for name, v, f in rows}, indent=2))
        return
    exists = "" if layered.path.exists() else " (not created yet)"
    typer.echo(f"settings file: {layered.path}{exists}")
    typer.echo("precedence:    flags > environment > settings file > defaults\n")
    width = max(len(name) for name, _, _ in rows)
    for name, value, source in rows:
        shown = "-" if value is None else str(value)
        typer.echo(f"{name:<{width}}  {shown:<32}  {source}")


@config_app.command("set")
def set_(name: NameArg, value: Annotated[str, typer.Argument(help="Its value.")]) -> None:
    """Write a setting to the settings file (never the API key).

    **Examples:**

    ```
    briefing config set model llama3.1
    briefing config set base_url http://localhost:11434/v1
    briefing config set engine openai
    ```
    """
    with clean_failures():
        setting = _setting_name(name)
        if setting == "api_key":
            raise ConfigError(
                "the API key is never written to the settings file: set OPENAI_API_KEY, or "
                "run `briefing config set-key` to keep it in the OS keyring"
            )
        path = config_path()
        values = read_file(path)
        values[setting] = parse_setting(setting, value)
        write_file(path, values)
    err_console.print(f"briefing: {setting} = {values[setting]!r} in {path}", soft_wrap=True)


@config_app.command()
def unset(name: NameArg) -> None:
    """Remove a setting from the settings file (``api_key``: the key in the OS keyring).

    **Examples:**

    ```
    briefing config unset base_url
    briefing config unset api_key
    ```
    """
    with clean_failures():
        setting = _setting_name(name)
        path = config_path()
        values = read_file(path)
        if setting == "api_key":
            removed = values.pop(KEYRING_FLAG, None) is not None
            removed = delete_keyring_key() or removed
        else:
            removed = values.pop(setting, None) is not None
        if removed:
            write_file(path, values)
    said = "removed" if removed else "was not set"
    err_console.print(f"briefing: {setting} {said} ({path})", soft_wrap=True)


@config_app.command("set-key")
def set_key() -> None:
    """Keep the API key in the OS keyring (read from a prompt, or standard input).

    The settings file then says ``keyring = true``; an ``OPENAI_API_KEY`` in the
    environment still wins. Needs the ``keyring`` extra.

    **Examples:**

    ```
    briefing config set-key
    pass show openai | briefing config set-key
    ```
    """
    with clean_failures():
        if sys.stdin.isatty():
            key = typer.prompt("API key", hide_input=True)
        else:
            key = sys.stdin.readline()
        key = key.strip()
        if not key:
            raise ConfigError("no key given")
        store_keyring_key(key)
        path = config_path()
        values = read_file(path)
        values[KEYRING_FLAG] = True
        write_file(path, values)
    err_console.print(f"briefing: the API key is in the OS keyring ({path} says so)")


def _setting_name(name: str) -> str:
    setting = name.strip().lower().replace("-", "_")
    if setting not in SETTING_NAMES:
        raise ConfigError(f"unknown setting {name!r}; settings: {', '.join(SETTING_NAMES)}")
    return setting


def _rows(layered: Layered) -> list[tuple[str, Any, str]]:
    """Each setting's shown value and source; the key only as set or not."""
    rows = []
    for name in SETTING_NAMES:
        value = getattr(layered.settings, name)
        source = layered.sources.get(name, "default")
        if name == "api_key":
            value = "set" if value else "not set"
        elif hasattr(value, "value"):
            value = value.value
        rows.append((name, value, source))
    return rows
