"""``briefing --version``: the version, and the engine and model a command would use.

Read from the same settings as every command (flags aside), without building the engine:
no request is sent and spaCy is not loaded. The API key is never shown, only whether one
is set.
"""

from __future__ import annotations

import platform
from typing import TYPE_CHECKING

from summarizer._version import __version__
from summarizer.errors import BriefingError

if TYPE_CHECKING:
    from summarizer.config import Settings


def version_report() -> tuple[str, int]:
    """The lines ``--version`` prints, and the exit code (a setting's error code if bad)."""
    head = f"briefing {__version__} (Python {platform.python_version()})"
    from summarizer.cli.common import settings_from_options
    from summarizer.config import EngineName

    try:
        settings = settings_from_options()
    except BriefingError as exc:
        return f"{head}\nsettings: {exc}", exc.exit_code
    rows: list[tuple[str, str]]
    if settings.resolved_engine() is EngineName.OFFLINE:
        from summarizer.engines.offline.model import model_name

        why = (
            "chosen"
            if settings.engine is EngineName.OFFLINE
            else "no model configured: set OPENAI_API_KEY or OPENAI_BASE_URL to use one"
        )
        rows = [
            ("engine", f"offline ({why})"),
            ("model", f"{model_name()} (spaCy's English pipeline, no language model)"),
        ]
    else:
        from summarizer.config import DEFAULT_MODEL
        from summarizer.engines.request import OPENAI_URL

        why = "chosen" if settings.engine is not EngineName.AUTO else _configured_by(settings)
        default = " (default)" if settings.model == DEFAULT_MODEL else ""
        rows = [
            ("engine", f"{settings.resolved_engine()} ({why})"),
            ("model", settings.model + default),
            ("base URL", settings.base_url or f"{OPENAI_URL} (default)"),
            ("API key", "set" if settings.api_key else "not set"),
            ("output mode", str(settings.mode)),
        ]
    width = max(len(label) for label, _ in rows) + 2
    return "\n".join([head, *(f"{label + ':':<{width}}{value}" for label, value in rows)]), 0


def _configured_by(settings: Settings) -> str:
    if settings.api_key and settings.base_url:
        return "an API key and a base URL are set"
    return "an API key is set" if settings.api_key else "a base URL is set"
