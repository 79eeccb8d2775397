"""Planning a run: every input read once, split into passages, and fixed in a snapshot.

Inputs are read as the online batch reads them (a few at a time, each failure its own
one-line error); an input an earlier run already did with the same settings is left out,
by the online batch's rule, so a run never asks twice for what the folder already has.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from summarizer.batch.inputs import InputItem
from summarizer.batch.manifest import Manifest, ManifestLine, Status, settings_key
from summarizer.batch.remote.snapshot import Planned, RunSpec
from summarizer.engines.request import RequestSpec
from summarizer.errors import BriefingError
from summarizer.pipeline import plan_passages

READERS = 8
"""Inputs read at once (URLs are fetched, files read)."""


@dataclass(frozen=True)
class Plan:
    """A new run: its spec, the inputs it covers, and how many were done already."""

    spec: RunSpec
    inputs: list[Planned]
    earlier: int


def plan_run(
    items: Sequence[InputItem],
    request: RequestSpec,
    *,
    max_bytes: int,
    manifest: Manifest | None = None,
    out_dir: Path | None = None,
    retry_failed: bool = False,
) -> Plan:
    """Read ``items`` and plan the requests of a new run.

    With ``manifest`` (of ``out_dir``), inputs it records as done with the same settings
    are left out, and counted in :attr:`Plan.earlier`.
    """
    spec = RunSpec.of(request, settings_key(request.info()))
    inputs: list[Planned] = []
    earlier = 0
    with ThreadPoolExecutor(READERS) as pool:
        read = pool.map(lambda item: _read(item, request, max_bytes), items)
        for item, planned in zip(items, read, strict=True):
            previous = manifest.get(item.id) if manifest is not None else None
            if previous is not None and out_dir is not None:
                sha256 = planned.sha256
                if _done(previous, sha256, spec.settings, out_dir, retry_failed):
                    earlier += 1
                    continue
            inputs.append(replace(planned, n=len(inputs)))
    return Plan(spec, inputs, earlier)


def _read(item: InputItem, request: RequestSpec, max_bytes: int) -> Planned:
    try:
        article = item.load(max_bytes)
    except BriefingError as exc:
        return Planned(0, item.id, item.source, item.name, None, error=(exc.status, str(exc)))
    except Exception as exc:  # a bad input never stops the run
        error = ("failed", f"internal error: {type(exc).__name__}: {exc}")
        return Planned(0, item.id, item.source, item.name, None, error=error)
    spans = tuple((p.offset, len(p.text)) for p in plan_passages(article, request.info()))
    return Planned(0, item.id, item.source, item.name, article, spans)


def _done(
    previous: ManifestLine, sha256: str | None, settings: str, out_dir: Path, retry_failed: bool
) -> bool:
    """The online batch's rule: same text and settings, and ok with its file, or not retried."""
    if previous.status is Status.SKIPPED or previous.sha256 != sha256:
        return False
    if previous.settings != settings:
        return False
    if previous.status is Status.OK:
        return previous.output is not None and (out_dir / previous.output).is_file()
    return not retry_failed
