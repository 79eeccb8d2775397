"""Batches: a folder or JSONL file of articles, one briefing each, resumable.

See :mod:`summarizer.batch.runner` for how a run proceeds and
:mod:`summarizer.batch.manifest` for what it records; :mod:`summarizer.batch.remote`
runs a batch elsewhere (the OpenAI Batch API, vLLM's ``run_batch``) into the same folder.
"""

from summarizer.batch.inputs import InputItem, discover_inputs
from summarizer.batch.manifest import MANIFEST_NAME, STATUSES, Manifest, ManifestLine
from summarizer.batch.runner import BatchOptions, BatchReport, BatchRunner, settings_key

__all__ = [
    "MANIFEST_NAME",
    "STATUSES",
    "BatchOptions",
    "BatchReport",
    "BatchRunner",
    "InputItem",
    "Manifest",
    "ManifestLine",
    "discover_inputs",
    "settings_key",
]
