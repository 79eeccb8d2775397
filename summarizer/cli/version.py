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
    from summarizer.config import EngineName, load_settings

    try:
        layered = load_settings()
    except BriefingError as exc:
        return f"{head}\nsettings: {exc}", exc.exit_code
    settings, sources = layered.settings, layered.sources

    def origin(name: str) -> str:
        return f"from {sources[name]}" if name in sources else "default"

    rows: list[tuple[str, str]]
    if settings.resolved_engine() is EngineName.OFFLINE:
        from summarizer.engines.offline.model import model_name

        why = (
            f"chosen, {origin('engine')}"
            if settings.engine is EngineName.OFFLINE
            else "no model configured: set OPENAI_API_KEY or OPENAI_BASE_URL to use one"
        )
        rows = [
            ("engine", f"offline ({why})"),
            ("model", f"{model_name()} (spaCy's English pipeline, no language model)"),
        ]
    else:
        from summarizer.config import OPENAI_URL

        why = (
            f"chosen, {origin('engine')}"
            if settings.engine is not EngineName.AUTO
            else _configured_by(settings)
        )
        rows = [
            ("engine", f"{settings.resolved_engine()} ({why})"),
            ("model", f"{settings.model} ({origin('model')})"),
            (
                "base URL",
                f"{settings.base_url} ({origin('base_url')})"
                if settings.base_url
                else f"{OPENAI_URL} (default)",
            ),
            (
                "API key",
                f"set ({origin('api_key')})" if settings.api_key else "not set",
            ),
            ("output mode", f"{settings.mode} ({origin('mode')})"),
        ]
    width = max(len(label) for label, _ in rows) + 2
    return "\n".join([head, *(f"{label + ':':<{width}}{value}" for label, value in rows)]), 0


def _configured_by(settings: Settings) -> str:
    if settings.api_key and settings.base_url:
        return "an API key and a base URL are set"
    return "an API key is set" if settings.api_key else "a base URL is set"
