"""A batch's inputs, whatever their source: a folder, a JSONL file or a Parquet file.

The one call the batch routes make (local, Ray, Batch API, request export): a Parquet
file goes to :mod:`summarizer.batch.parquet_inputs`, anything else to
:func:`~summarizer.batch.inputs.discover_inputs`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from summarizer.article import DEFAULT_MAX_BYTES
from summarizer.batch.inputs import InputItem, discover_inputs
from summarizer.batch.parquet_inputs import PARQUET_SUFFIXES, ParquetColumns, parquet_inputs
from summarizer.errors import SourceNotFound, UnsupportedSource


def discover_sources(
    source: Path,
    *,
    globs: Sequence[str] = (),
    exclude: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_paths: bool = False,
    allow_private_urls: bool = False,
    columns: ParquetColumns | None = None,
) -> Sequence[InputItem]:
    """The inputs of ``source``, in a stable order.

    ``columns`` names a Parquet file's columns (default: ``text``, and ``id`` when there
    is one); the other options are :func:`~summarizer.batch.inputs.discover_inputs`'s.

    Raises:
        SourceNotFound: ``source`` does not exist.
        UnsupportedSource: ``source`` is a file but neither ``.jsonl`` nor ``.parquet``,
            or ``columns`` are given for something else than a Parquet file.
        InputError: a Parquet column is missing or of the wrong type.
    """
    parquet = source.suffix.lower() in PARQUET_SUFFIXES and not source.is_dir()
    if columns is not None and not parquet:
        raise UnsupportedSource(f"{source}: column options go with a .parquet file")
    if not parquet:
        return discover_inputs(
            source,
            globs=globs,
            exclude=exclude,
            max_bytes=max_bytes,
            allow_paths=allow_paths,
            allow_private_urls=allow_private_urls,
        )
    if not source.exists():
        raise SourceNotFound(f"{source}: no such folder or file")
    return list(parquet_inputs(source, columns or ParquetColumns()))
