"""The embedded offline engine: spaCy's parse and documented rules, no model.

Split along its seams: :mod:`.nlp` loads the pipeline, :mod:`.parties` finds the parties,
:mod:`.agreements` and :mod:`.threats` read the events, :mod:`.lead` makes the headline
and summary, :mod:`.engine` puts a reply together; :mod:`.model` names the pipeline.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.engines.offline.engine import OfflineEngine

__all__ = ["OfflineEngine"]


def __getattr__(name: str) -> Any:
    # the engine (and spaCy) load on first use, so that .model is cheap to import
    if name == "OfflineEngine":
        from summarizer.engines.offline.engine import OfflineEngine

        return OfflineEngine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
