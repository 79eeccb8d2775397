"""What a batch output folder holds, whichever form the results took.

A folder written with ``--output-format json`` holds a briefing file per article and
``manifest.jsonl``; one written with ``--output-format parquet`` holds part files (see
:mod:`summarizer.batch.parquet_results`, imported only for them). The readers here give
both as the same :class:`~summarizer.batch.result_row.ResultRow` values, so that
``briefing digest``, ``briefing export`` and ``briefing batch status`` read either. A
folder of briefing files with no manifest (copied by hand, say) gives one ``ok`` row per
``*.json`` file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from summarizer.batch.manifest import MANIFEST_NAME, ManifestLine, Status, read_lines
from summarizer.batch.result_row import PART_SUFFIX, ResultRow, is_parquet_results
from summarizer.errors import InputError, SourceNotFound


def result_lines(folder: Path) -> dict[str, ManifestLine]:
    """The last line of each input of the batch in ``folder`` (no briefings read).

    Raises:
        SourceNotFound: ``folder`` does not exist.
        InputError: it is not a folder, or a part file is damaged.
    """
    _check_folder(folder)
    if is_parquet_results(folder):
        from summarizer.batch.parquet_results import read_result_lines

        with _damaged_parts_as_input_errors():
            return read_result_lines(folder)
    return read_lines(folder / MANIFEST_NAME)


def iter_results(folder: Path) -> Iterator[ResultRow]:
    """Every input's last result, with its briefing's JSON (see :class:`ResultRow`).

    A briefing file the manifest names but that cannot be read gives a row whose
    ``briefing`` is None and whose ``problem`` says why.

    Raises:
        SourceNotFound: ``folder`` does not exist.
        InputError: it is not a folder, or a part file is damaged.
    """
    _check_folder(folder)
    if is_parquet_results(folder):
        from summarizer.batch.parquet_results import iter_result_rows

        with _damaged_parts_as_input_errors():
            yield from iter_result_rows(folder)
        return
    manifest = folder / MANIFEST_NAME
    if not manifest.is_file():
        yield from _loose_files(folder)
        return
    for line in read_lines(manifest).values():
        if not line.output or (line.status != Status.OK and not line.output_settings):
            yield ResultRow(line)
            continue
        yield _with_file(folder, line, line.output)


@contextmanager
def _damaged_parts_as_input_errors() -> Iterator[None]:
    """A part file the Parquet readers find damaged (ValueError) is an input error."""
    try:
        yield
    except ValueError as exc:
        raise InputError(str(exc)) from None


def briefing_of(folder: Path, line: ManifestLine) -> str | None:
    """The JSON of the briefing ``line`` (from :func:`result_lines`) names, or None.

    Its own for an ``ok`` line, the one an earlier run made when a failure kept it;
    None when there is none or it cannot be read.
    """
    if line.output is None:
        return None
    if line.output.endswith(PART_SUFFIX):
        from summarizer.batch.parquet_results import briefing_in_part

        return briefing_in_part(folder / line.output, line.id)
    return _with_file(folder, line, line.output).briefing


def check_output_format(folder: Path, *, parquet: bool) -> None:
    """Refuse to add results of one form to a folder that holds results of the other.

    Readers take a folder's Parquet parts when it has any, so JSON briefings written
    beside them would be ignored, and parts written beside JSON briefings would hide them.

    Raises:
        InputError: ``folder`` holds Parquet parts and ``parquet`` is false, or briefing
            files listed in ``manifest.jsonl`` and ``parquet`` is true.
    """
    if not parquet and is_parquet_results(folder):
        raise InputError(
            f"{folder}: holds Parquet results; use --output-format parquet or another folder"
        )
    if parquet and _lists_briefing_files(folder / MANIFEST_NAME):
        raise InputError(
            f"{folder}: holds JSON results (manifest.jsonl); use --output-format json "
            "or another folder"
        )


def _lists_briefing_files(manifest: Path) -> bool:
    """Whether a line of ``manifest`` names a briefing file (not a Parquet part)."""
    try:
        handle = manifest.open("rb")
    except (FileNotFoundError, NotADirectoryError):
        return False
    with handle:
        for raw in handle:
            try:
                output = json.loads(raw).get("output")
            except (ValueError, AttributeError):
                continue
            if isinstance(output, str) and not output.endswith(PART_SUFFIX):
                return True
    return False


def _loose_files(folder: Path) -> Iterator[ResultRow]:
    paths = sorted(folder.rglob("*.json"), key=lambda p: p.relative_to(folder).as_posix())
    for path in paths:
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        name = relative.as_posix()
        line = ManifestLine(
            id=name,
            source=name,
            sha256=None,
            status=Status.OK,
            error=None,
            attempts=0,
            tokens=0,
            duration_s=0.0,
            output=name,
            settings=None,
            finished_at="",
        )
        yield _with_file(folder, line, name)


def _with_file(folder: Path, line: ManifestLine, relative: str) -> ResultRow:
    try:
        return ResultRow(line, (folder / relative).read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        return ResultRow(line, problem=f"{relative}: cannot be read ({reason})")


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise SourceNotFound(f"{folder}: no such folder")
    if not folder.is_dir():
        raise InputError(f"{folder}: is not a folder; give the output folder of a batch")
