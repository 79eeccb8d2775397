"""nlp: the pipeline the offline engine reads with."""

from __future__ import annotations

from summarizer.engines.offline.model import MODEL_PACKAGE, model_name
from summarizer.engines.offline.nlp import pipeline


def test_a_line_break_starts_a_sentence() -> None:
    doc = pipeline()("Talks resume\nOfficials of both countries met in Muscat on Monday.")
    assert [s.text.strip() for s in doc.sents] == [
        "Talks resume",
        "Officials of both countries met in Muscat on Monday.",
    ]


def test_the_pipeline_is_loaded_once_and_named_with_its_version() -> None:
    assert pipeline() is pipeline()
    assert model_name().startswith(f"{MODEL_PACKAGE}-3.")
