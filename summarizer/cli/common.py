"""What every command shares: consoles, clean failures and the engine options."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from summarizer.config import EngineName, Settings
from summarizer.engines.base import OutputMode
from summarizer.errors import BriefingError, ExitCode
from summarizer.fileio import write_atomic
from summarizer.render.view import printable


class TextConsole(Console):
    """A console that prints strings as they are written.

    No markup is read into them, and no character in them can drive the terminal or
    reorder the line (see :func:`~summarizer.render.view.printable`): file names, server
    messages and party names reach the terminal through here.
    """

    def __init__(self, **options: Any) -> None:
        options = {"highlight": False, "markup": False, **options}
        super().__init__(no_color="NO_COLOR" in os.environ, **options)

    def render_str(self, text: str, **options: Any) -> Text:
        """``text`` made printable, then rendered as Rich renders strings."""
        return super().render_str(printable(text), **options)


err_console = TextConsole(stderr=True)


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


EngineOpt = Annotated[
    EngineName | None,
    typer.Option(
        "--engine",
        help="openai or offline; default: openai when a key or base URL is set, else offline.",
    ),
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", "-m", help="Model name [env: BRIEFING_MODEL].")
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option("--base-url", help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL]."),
]
ModeOpt = Annotated[
    OutputMode | None,
    typer.Option("--mode", help="How JSON is requested; auto falls back as servers refuse."),
]
MaxAttemptsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-attempts",
        min=1,
        help="Requests per passage (an article, or each chunk of a long one), re-asks included.",
    ),
]
MaxRetriesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-retries",
        min=0,
        help="Retries of 429, 5xx, timeouts per request; a 429 with Retry-After is waited out.",
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
        help="Folder of the response cache [env: BRIEFING_CACHE_DIR; default: user cache].",
        file_okay=False,
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the response cache.")
]
RpmOpt = Annotated[
    int | None,
    typer.Option("--rpm", min=1, help="Most requests per minute, all workers together."),
]
TpmOpt = Annotated[
    int | None,
    typer.Option("--tpm", min=1, help="Most tokens per minute (estimated), all workers together."),
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
    """Log requests and retries on stderr when verbose, warnings only otherwise."""
    from rich.logging import RichHandler

    handler = RichHandler(console=err_console, show_path=False, show_time=False)
    handler.addFilter(_printable_record)
    logger = logging.getLogger("summarizer")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING)
    logger.propagate = False


def _printable_record(record: logging.LogRecord) -> bool:
    """Make a log record's message printable (it may quote a server or a file name)."""
    record.msg, record.args = printable(record.getMessage()), None
    return True


def note_engine_choice(settings: Settings) -> None:
    """Say on stderr when no model is configured and the offline engine stands in."""
    if settings.engine is EngineName.AUTO and not settings.model_configured:
        err_console.print(
            "briefing: no model configured, using the offline engine "
            "(set OPENAI_API_KEY or --base-url to use a model; --engine offline to silence this)",
            soft_wrap=True,
        )


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
