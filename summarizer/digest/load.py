"""Reading the briefings of a batch output folder, one at a time, into a digest.

A batch folder holds one JSON briefing per article and a ``manifest.jsonl`` with a line
per input (``id``, ``source``, ``status``, ``output``…). With a manifest, the briefings
are those of its ``ok`` lines (the last ``ok`` line of an input wins, else its last
line), and those a failed line kept from an earlier run (``output_settings``), inside
the folder; without one, every ``*.json`` file under the folder, hidden ones aside.
Either way they are read in order of their path, which fixes the article ids; Parquet
results in the order of their part files and rows. Whatever gives no briefing (a failed
input, a missing, unreadable or foreign file, one that is no regular file or larger than
:data:`MAX_BRIEFING_BYTES`, a repeated article) is listed in the digest's ``skipped``,
never fatal.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from summarizer.batch.manifest import MANIFEST_NAME, Status, scan_lines
from summarizer.batch.result_row import is_parquet_results
from summarizer.batch.results import iter_results
from summarizer.digest.build import DigestBuilder
from summarizer.digest.model import Digest
from summarizer.errors import InputError, SourceNotFound
from summarizer.schema import SCHEMA_VERSION, Briefing

_SHOWN_SKIPS = 3

MAX_BRIEFING_BYTES = 50_000_000
"""Largest briefing file read: ten times the default cap on an article
(``BRIEFING_MAX_BYTES``), which a briefing's quotes of it do not reach."""


def digest_folder(folder: Path) -> Digest:
    """The digest of the briefings in the batch output folder ``folder``.

    Returns:
        The parties, agreements and threats of every readable briefing, unified across
        articles, with the inputs that gave none listed in ``skipped``.

    Raises:
        SourceNotFound: the folder does not exist.
        InputError: it is not a folder, or holds no readable briefing.
    """
    builder = DigestBuilder()
    for name, briefing in read_batch(folder, builder.skip):
        builder.add(briefing, name)
    digest = builder.build()
    if not digest.article_count:
        skipped = [f"{s.path}: {s.reason}" for s in digest.skipped]
        detail = "; ".join(skipped[:_SHOWN_SKIPS]) + ("; …" if len(skipped) > _SHOWN_SKIPS else "")
        raise InputError(f"{folder}: no briefings found" + (f" ({detail})" if detail else ""))
    return digest


def digest_path(path: Path) -> Digest:
    """The digest of a batch folder, or of the one briefing in a JSON file.

    Raises:
        SourceNotFound: nothing is at ``path``.
        InputError: the file is not a briefing, or the folder holds none.
    """
    if path.is_dir() or not path.exists():
        return digest_folder(path)
    problems: list[str] = []
    briefing = _read(path, str(path), lambda name, reason: problems.append(reason))
    if briefing is None:
        raise InputError(f"{path}: {problems[0] if problems else 'not a briefing'}")
    builder = DigestBuilder()
    builder.add(briefing, path.name)
    return builder.build()


def read_batch(folder: Path, skip: Callable[[str, str], None]) -> Iterator[tuple[str, Briefing]]:
    """(file, briefing) of each briefing of a batch folder, one at a time, in path order.

    Whatever gives no briefing is passed to ``skip`` with the reason.

    Raises:
        SourceNotFound: the folder does not exist.
        InputError: it is not a folder, or its manifest cannot be read.
    """
    if not folder.exists():
        raise SourceNotFound(f"{folder}: no such folder")
    if not folder.is_dir():
        raise InputError(f"{folder}: is not a folder; give the output folder of a batch")
    if is_parquet_results(folder):
        yield from _parquet_briefings(folder, skip)
        return
    manifest = folder / MANIFEST_NAME
    files = _listed(folder, skip) if manifest.is_file() else _found(folder)
    for relative in sorted(files, key=lambda p: p.as_posix()):
        name = relative.as_posix()
        briefing = _read(folder / relative, name, skip)
        if briefing is not None:
            yield name, briefing


def _parquet_briefings(
    folder: Path, skip: Callable[[str, str], None]
) -> Iterator[tuple[str, Briefing]]:
    """(id, briefing) of the Parquet results' ``ok`` rows and kept briefings, in their order.

    A kept briefing: an earlier ``ok`` row's, which a later failure never hides.
    """
    for row in iter_results(folder):
        line = row.line
        if line.status != "ok" and row.briefing is None:  # else a failure kept a briefing
            error = f": {line.error}" if line.error else ""
            skip(line.source, f"{line.status} in the results{error}")
        elif row.briefing is None:
            skip(line.source, "ok in the results, but no briefing was kept")
        elif len(row.briefing) > MAX_BRIEFING_BYTES:
            skip(line.id, _too_large())
        else:
            briefing = _parse(row.briefing.encode("utf-8"), line.id, skip)
            if briefing is not None:
                yield line.id, briefing


def _found(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*.json"):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield relative


class _Entry(NamedTuple):
    """What the digest needs of a manifest line: little, since it keeps one per input."""

    label: str
    status: str
    error: str | None
    output: str | None
    kept: bool
    """A failure that kept the briefing an earlier run made (its ``output_settings``)."""


def _listed(folder: Path, skip: Callable[[str, str], None]) -> list[Path]:
    """Briefing files of the manifest's ``ok`` inputs; the other inputs noted as skipped."""
    chosen: dict[str, _Entry] = {}
    ok = Status.OK.value
    for number, line in scan_lines(folder / MANIFEST_NAME):
        if line is None:
            skip(f"{MANIFEST_NAME} line {number}", "not a JSON object")
            continue
        key = str(line.get("id") or line.get("source") or f"line {number}")
        status = str(line.get("status") or "no status")
        known = chosen.get(key)
        if status == ok or known is None or known.status != ok:
            output = line.get("output")
            error = line.get("error")
            chosen[key] = _Entry(
                str(line.get("source") or key),
                status,
                str(error) if error else None,
                str(output) if output else None,
                status != ok and bool(output) and bool(line.get("output_settings")),
            )
    files: list[Path] = []
    root = folder.resolve()
    for entry in chosen.values():
        if entry.status != ok and not entry.kept:  # a failure that kept a briefing: read it
            error = f": {entry.error}" if entry.error else ""
            skip(entry.label, f"{entry.status} in the manifest{error}")
        elif entry.output is None:
            skip(entry.label, "ok in the manifest, but no output file is named")
        else:
            inside = _inside(root, entry.output)
            if inside is None:
                skip(entry.label, "its output lies outside the batch folder")
            else:
                files.append(inside)
    return files


def _inside(root: Path, output: str) -> Path | None:
    """``output`` relative to the folder ``root`` (resolved), or None if it lies outside.

    Told by the names alone (``..`` and absolute paths), not by where links lead: a
    link to a device is caught when read, as no regular file.
    """
    path = Path(os.path.normpath(root / output))
    try:
        return path.relative_to(root)
    except ValueError:
        return None


def _read(path: Path, name: str, skip: Callable[[str, str], None]) -> Briefing | None:
    """The briefing in ``path``, or None after noting why it is not one.

    Only a regular file is opened (a pipe could block, a device never end), and only
    :data:`MAX_BRIEFING_BYTES` of it are read.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            skip(name, "not a regular file")
            return None
        with path.open("rb") as file:
            raw = file.read(MAX_BRIEFING_BYTES + 1)
    except FileNotFoundError:
        skip(name, "listed in the manifest, but missing")
        return None
    except OSError as exc:
        skip(name, _why(exc))
        return None
    if len(raw) > MAX_BRIEFING_BYTES:
        skip(name, _too_large())
        return None
    return _parse(raw, name, skip)


def _too_large() -> str:
    return f"over {MAX_BRIEFING_BYTES:,} bytes, more than a briefing holds"


def _parse(raw: bytes, name: str, skip: Callable[[str, str], None]) -> Briefing | None:
    """The briefing in ``raw``, or None after noting why it is not one."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        skip(name, _why(exc))
        return None
    if isinstance(data, dict) and {"articles", "parties"} <= data.keys() and "headline" not in data:
        skip(name, "a digest, not a briefing")
        return None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if isinstance(version, str) and version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        skip(name, f"briefing schema {version}; this version reads {SCHEMA_VERSION}")
        return None
    try:
        return Briefing.model_validate(data)
    except ValidationError as exc:
        if isinstance(version, str) and _newer(version):
            reason = f"briefing schema {version}, newer than this version reads "
            skip(name, reason + f"({SCHEMA_VERSION}): upgrade briefing ({_first_problem(exc)})")
        else:
            skip(name, f"not a briefing ({_first_problem(exc)})")
        return None


def _newer(version: str) -> bool:
    """Whether a schema version of the same major is newer than :data:`SCHEMA_VERSION`."""
    try:
        return tuple(map(int, version.split("."))) > tuple(map(int, SCHEMA_VERSION.split(".")))
    except ValueError:
        return False


def _first_problem(exc: ValidationError) -> str:
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "document"
    more = f", and {len(errors) - 1} more problems" if len(errors) > 2 else ""
    more = more or (", and 1 more problem" if len(errors) == 2 else "")
    return f"{where}: {first['msg']}{more}"


def _why(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON ({exc.msg}, line {exc.lineno})"
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, OSError):
        return f"cannot be read ({exc.strerror or exc})"
    return str(exc)
