"""The choices a batch run offers and their defaults, cheap to import.

The command line shows them in its help before any batch machinery (the engines, the
SDK, spaCy) is loaded; the runners take them from here.
"""

from __future__ import annotations

from enum import StrEnum

DEFAULT_JOBS = 8
"""Articles processed at once (online requests in flight, or offline worker processes)."""


class Reask(StrEnum):
    """Where replies of the Batch API that fail validation or grounding are asked again."""

    BATCH = "batch"
    ONLINE = "online"
