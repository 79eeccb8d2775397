"""Batches: a folder or JSONL file of articles, one briefing each, resumable.

:func:`run_batch` runs one as the command line does (see :mod:`summarizer.batch.run`);
see :mod:`summarizer.batch.runner` for how a run proceeds and
:mod:`summarizer.batch.manifest` for what it records; :mod:`summarizer.batch.remote`
runs a batch elsewhere (the OpenAI Batch API, vLLM's ``run_batch``) into the same folder.
"""

from summarizer.batch.inputs import InputItem, discover_inputs
from summarizer.batch.manifest import (
    MANIFEST_NAME,
    BatchReport,
    Manifest,
    ManifestLine,
    Status,
    settings_key,
)
from summarizer.batch.run import find_inputs, folder_status, run_batch, run_remote
from summarizer.batch.runner import BatchOptions, BatchRunner

__all__ = [
    "MANIFEST_NAME",
    "BatchOptions",
    "BatchReport",
    "BatchRunner",
    "InputItem",
    "Manifest",
    "ManifestLine",
    "Status",
    "discover_inputs",
    "find_inputs",
    "folder_status",
    "run_batch",
    "run_remote",
    "settings_key",
]
