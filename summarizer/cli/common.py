"""What every command shares: consoles, clean failures and the engine options."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from summarizer.config import EngineName, Settings
from summarizer.engines.base import OutputMode
from summarizer.errors import BriefingError, ExitCode
from summarizer.fileio import write_atomic
from summarizer.text import printable


class TextConsole(Console):
    """A console that prints strings as they are written.

    No markup is read into them, and no character in them can drive the terminal or
    reorder the line (see :func:`~summarizer.text.printable`): file names, server
    messages and party names reach the terminal through here.
    """

    def __init__(self, **options: Any) -> None:
        options = {"highlight": False, "markup": False, **options}
        super().__init__(no_color="NO_COLOR" in os.environ, **options)

    def render_str(self, text: str, **options: Any) -> Text:
        """``text`` made printable, then rendered as Rich renders strings."""
        return super().render_str(printable(text), **options)


err_console = TextConsole(stderr=True)

FormatT = TypeVar("FormatT")


def fail(message: str, code: int) -> typer.Exit:
    """Print a one-line error on stderr and return the exit to raise.

    The message is shown as text (it may name a file or quote an input): never read as
    rich markup, its control characters shown as ``\ufffd``.
    """
    shown = escape(printable(message))
    err_console.print(f"[bold red]briefing:[/] {shown}", markup=True, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def clean_failures(verbose: bool = False) -> Iterator[None]:
    """Turn errors into a one-line message and an exit code; tracebacks only if verbose."""
    try:
        yield
    except BriefingError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except KeyboardInterrupt:
        raise fail("interrupted", ExitCode.INTERRUPTED) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        if verbose:
            raise
        message = f"internal error: {type(exc).__name__}: {exc} (rerun with --verbose)"
        raise fail(message, 1) from None


SETTING_VARIABLES = {"base_url": "OPENAI_BASE_URL", "api_key": "OPENAI_API_KEY"}
"""The variable an option's help names for a setting, where it is not ``BRIEFING_<NAME>``
(the one :meth:`Settings.from_env` reads; ``tests/cli/test_help.py`` checks each)."""


def setting_help(text: str, name: str, default: str | None = None) -> str:
    """``text``, then the environment variable of setting ``name`` and its default.

    ``default`` words the default where the value alone would not say it (``None``
    meaning no cap, say); otherwise it is :class:`Settings`' own.
    """
    variable = SETTING_VARIABLES.get(name, f"BRIEFING_{name.upper()}")
    if default is None:
        value = next(item.default for item in fields(Settings) if item.name == name)
        default = f"{value:,}" if isinstance(value, int) else str(value)
    return f"{text} [env: {variable}] [default: {default}]"


EngineOpt = Annotated[
    EngineName | None,
    typer.Option(
        "--engine",
        help=setting_help(
            "Which engine briefs the article.",
            "engine",
            "openai when a key or base URL is set, else offline",
        ),
    ),
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", "-m", help=setting_help("Model name.", "model"))
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help=setting_help("OpenAI-compatible endpoint.", "base_url", "OpenAI's API"),
    ),
]
ModeOpt = Annotated[
    OutputMode | None,
    typer.Option(
        "--mode",
        help=setting_help("How JSON is requested; auto falls back as servers refuse.", "mode"),
    ),
]
MaxAttemptsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-attempts",
        min=1,
        help=setting_help(
            "Requests per passage (an article, or each chunk of a long one), re-asks included.",
            "max_attempts",
        ),
    ),
]
MaxRetriesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-retries",
        min=0,
        help=setting_help(
            "Retries of 429, 5xx, timeouts per request; a 429 with Retry-After is waited out.",
            "max_retries",
        ),
    ),
]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-bytes", min=1, help=setting_help("Largest input read, in bytes.", "max_bytes")
    ),
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="Log requests and retries; show tracebacks.")
]

QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar or summary; errors only.")
]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help="Folder of the response cache. [env: BRIEFING_CACHE_DIR] [default: your user "
        "cache folder, e.g. ~/.cache/briefing]",
        file_okay=False,
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the response cache.")
]
RpmOpt = Annotated[
    int | None,
    typer.Option(
        "--rpm",
        min=1,
        help=setting_help("Most requests per minute, all workers together.", "rpm", "no cap"),
    ),
]
TpmOpt = Annotated[
    int | None,
    typer.Option(
        "--tpm",
        min=1,
        help=setting_help(
            "Most tokens per minute (estimated), all workers together.", "tpm", "no cap"
        ),
    ),
]
AllowPathsOpt = Annotated[
    bool,
    typer.Option(
        "--allow-paths",
        help="Let JSONL records read files outside the JSONL file's folder.",
    ),
]
AllowPrivateUrlsOpt = Annotated[
    bool,
    typer.Option(
        "--allow-private-urls",
        help="Let JSONL records fetch URLs on loopback, link-local and private addresses.",
    ),
]


def configure_logging(verbose: bool) -> None:
    """Log requests and retries on stderr when verbose, warnings only otherwise.

    The logger itself passes INFO records on even when not verbose, for the retry
    waits a terminal shows (:mod:`summarizer.cli.waiting`).
    """
    from rich.logging import RichHandler

    handler = RichHandler(console=err_console, show_path=False, show_time=False)
    handler.addFilter(_printable_record)
    handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
    logger = logging.getLogger("summarizer")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


def _printable_record(record: logging.LogRecord) -> bool:
    """Make a log record's message printable (it may quote a server or a file name)."""
    record.msg, record.args = printable(record.getMessage()), None
    return True


def note_engine_choice(settings: Settings) -> None:
    """Say on stderr that the offline engine stands in for a model (call once a command).

    Only when nothing chose the engine: no key, no base URL, no ``--engine`` and no
    ``BRIEFING_ENGINE`` (set to anything, it is a choice already made).
    """
    if settings.engine is not EngineName.AUTO or settings.model_configured:
        return
    if os.environ.get("BRIEFING_ENGINE"):
        return
    err_console.print(
        "briefing: no model configured, using the offline engine (set OPENAI_API_KEY or "
        "--base-url to use a model; --engine offline or BRIEFING_ENGINE=offline to silence "
        "this)",
        soft_wrap=True,
    )


MkdirOpt = Annotated[
    bool, typer.Option("--mkdir", help="Create the folder of the -o file if it is missing.")
]


def format_from_suffix(output: Path, formats: Mapping[str, FormatT]) -> FormatT:
    """The format an output file's suffix names; a usage error for any other suffix."""
    found = formats.get(output.suffix.lower())
    if found is None:
        known = ", ".join(dict.fromkeys(formats))
        raise fail(f"{output}: cannot tell the format from the name (use {known}, or --format)", 2)
    return found


def prepare_output(path: Path, *, mkdir: bool) -> None:
    """Make sure an output file can be written, before any work is done.

    Its folder must exist, or is created if ``mkdir`` (and only then); it must not be a
    folder itself. Anything else is a usage error.
    """
    if path.is_dir():
        raise fail(f"{path}: is a folder; give the file to write", 2)
    folder = path.parent
    if folder.is_dir():
        return
    if folder.exists():
        raise fail(f"{folder}: is not a folder", 2)
    if not mkdir:
        raise fail(f"{folder}: no such folder (create it, or pass --mkdir)", 2)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(f"{folder}: cannot create ({exc.strerror})", 1) from None


def write_output(path: Path, document: str) -> None:
    """Write a rendered document atomically, reporting where on stderr."""
    try:
        write_atomic(path, document if document.endswith("\n") else document + "\n")
    except OSError as exc:
        raise fail(f"{path}: cannot write ({exc.strerror})", 1) from None
    err_console.print(f"briefing: wrote {path}", soft_wrap=True)


def settings_from_options(**options: Any) -> Settings:
    """Settings from the environment, overridden by the options given."""
    return Settings.from_env(**options)


def stdout_is_terminal() -> bool:
    """Whether standard output is an interactive terminal."""
    return sys.stdout.isatty()
