"""The embedded offline engine: spaCy's parse and documented rules, no model.

Split along its seams: :mod:`.nlp` loads the pipeline, :mod:`.parties` finds the parties,
:mod:`.agreements` and :mod:`.threats` read the events, :mod:`.lead` makes the headline
and summary, :mod:`.engine` puts a reply together.
"""

from summarizer.engines.offline.engine import OfflineEngine

__all__ = ["OfflineEngine"]
