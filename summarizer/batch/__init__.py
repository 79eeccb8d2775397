"""Batches: a folder or JSONL file of articles, one briefing each, resumable.

:func:`run_batch` runs one as the command line does (see :mod:`summarizer.batch.run`);
see :mod:`summarizer.batch.runner` for how a run proceeds and
:mod:`summarizer.batch.manifest` for what it records; :mod:`summarizer.batch.remote`
runs a batch elsewhere (the OpenAI Batch API, vLLM's ``run_batch``) into the same folder.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_LAZY = {
    "InputItem": "summarizer.batch.inputs",
    "discover_inputs": "summarizer.batch.inputs",
    "MANIFEST_NAME": "summarizer.batch.manifest",
    "BatchReport": "summarizer.batch.manifest",
    "Manifest": "summarizer.batch.manifest",
    "ManifestLine": "summarizer.batch.manifest",
    "Status": "summarizer.batch.manifest",
    "settings_key": "summarizer.batch.manifest",
    "find_inputs": "summarizer.batch.run",
    "folder_status": "summarizer.batch.run",
    "run_batch": "summarizer.batch.run",
    "run_remote": "summarizer.batch.run",
    "BatchOptions": "summarizer.batch.runner",
    "BatchRunner": "summarizer.batch.runner",
}
"""Where each public name lives: loaded on first use, so that a module of the package
(its options, say) can be imported without the engines behind a run."""

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


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
