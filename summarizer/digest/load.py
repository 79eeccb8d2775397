"""Reading the briefings of a batch output folder, one at a time, into a digest.

A batch folder holds one JSON briefing per article and a ``manifest.jsonl`` with a line
per input (``id``, ``source``, ``status``, ``output``…). With a manifest, the briefings
are those of its ``ok`` lines (the last ``ok`` line of an input wins, else its last
line), and those a failed line kept from an earlier run (``output_settings``); a line
naming a file outside the folder is skipped. Without a manifest, the briefings are every
``*.json`` file under the folder, hidden ones aside. Either way they are read in order
of their path, which fixes the article ids. Whatever gives no briefing (a failed input,
a missing, unreadable or foreign file, a repeated article) is listed in the digest's
``skipped``, never fatal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summarizer.batch.manifest import MANIFEST_NAME, Status, output_inside, scan_lines
from summarizer.batch.result_row import is_parquet_results
from summarizer.batch.results import iter_results
from summarizer.digest.build import DigestBuilder
from summarizer.digest.model import Digest
from summarizer.errors import InputError, SourceNotFound
from summarizer.schema import SCHEMA_VERSION, Briefing

_SHOWN_SKIPS = 3


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
    """(id, briefing) of the ``ok`` rows of Parquet results, in order of id."""
    done: dict[str, str] = {}
    for row in iter_results(folder):
        line = row.line
        if line.status != "ok":
            error = f": {line.error}" if line.error else ""
            skip(line.source, f"{line.status} in the results{error}")
        elif row.briefing is None:
            skip(line.source, "ok in the results, but no briefing was kept")
        else:
            done[line.id] = row.briefing
    for item_id in sorted(done):
        briefing = _parse(done[item_id].encode("utf-8"), item_id, skip)
        if briefing is not None:
            yield item_id, briefing


def _found(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*.json"):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield relative


def _listed(folder: Path, skip: Callable[[str, str], None]) -> list[Path]:
    """Briefing files of the manifest's ``ok`` inputs; the other inputs noted as skipped."""
    chosen: dict[str, dict[str, Any]] = {}
    for number, entry in scan_lines(folder / MANIFEST_NAME):
        if entry is None:
            skip(f"{MANIFEST_NAME} line {number}", "not a JSON object")
            continue
        key = str(entry.get("id") or entry.get("source") or f"line {number}")
        ok = Status.OK.value
        if entry.get("status") == ok or chosen.get(key, {}).get("status") != ok:
            chosen[key] = entry
    files: list[Path] = []
    for key, entry in chosen.items():
        label = str(entry.get("source") or key)
        status = entry.get("status") or "no status"
        kept = status != Status.OK and entry.get("output") and entry.get("output_settings")
        if status != Status.OK and not kept:  # a failure that kept an earlier briefing: read it
            error = entry.get("error")
            skip(label, f"{status} in the manifest" + (f": {error}" if error else ""))
        elif not entry.get("output"):
            skip(label, "ok in the manifest, but no output file is named")
        else:
            output = _inside(folder, Path(str(entry["output"])))
            if output.is_absolute() or not output_inside(folder, output.as_posix()):
                skip(label, f"names a file outside the folder ({entry['output']})")
            else:
                files.append(output)
    return files


def _inside(folder: Path, path: Path) -> Path:
    """``path`` relative to ``folder`` when it lies inside it, else as it is."""
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(folder.resolve())
    except ValueError:
        return path


def _read(path: Path, name: str, skip: Callable[[str, str], None]) -> Briefing | None:
    """The briefing in ``path``, or None after noting why it is not one."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        skip(name, "listed in the manifest, but missing")
        return None
    except OSError as exc:
        skip(name, _why(exc))
        return None
    return _parse(raw, name, skip)


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
        skip(name, f"not a briefing ({_first_problem(exc)})")
        return None


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
