"""Output names: one briefing file per input, derived from its path, never two alike.

``2024/05/Talks in Manila.txt`` becomes ``2024/05/Talks in Manila.json`` under the output
folder. Characters unsafe on some file system become ``_``; names that would clash
(``a.md`` and ``a.txt``; ``A.txt`` and ``a.txt`` on a case-insensitive disk; an article
called ``manifest.txt``) get a short hash of the input's id. Names given in an earlier
run are kept, so resuming never renames a finished briefing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

RESERVED_STEMS = frozenset({"manifest", "digest", "index"})
"""Top-level names the batch and its companions write (``manifest.jsonl``, ``digest.json``…)."""
MAX_COMPONENT_BYTES = 150
_UNSAFE = re.compile(r"[^\w .,()+=@\[\]-]|[\x00-\x1f\x7f]")
_WINDOWS_DEVICES = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)(\..*)?", re.IGNORECASE)


class OutputNames:
    """Hands out clash-free relative output paths (``/``-separated, ending in ``.json``)."""

    def __init__(self) -> None:
        self._owner: dict[str, str] = {}
        self._by_id: dict[str, str] = {}

    def keep(self, item_id: str, output: str) -> None:
        """Claim the name an earlier run gave ``item_id``, unless it is taken."""
        key = _fold(output)
        if item_id not in self._by_id and key not in self._owner:
            self._owner[key] = item_id
            self._by_id[item_id] = output

    def claim(self, item_id: str, name: str) -> str:
        """The output path of ``item_id``, whose name (without extension) is ``name``."""
        if item_id in self._by_id:
            return self._by_id[item_id]
        parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
        stem = safe_component(parts.pop() if parts else "")
        folders = [_safe_folder(p, top=i == 0) for i, p in enumerate(parts)]
        prefix = "".join(f"{folder}/" for folder in folders)
        candidate = f"{prefix}{stem}.json"
        if _fold(candidate) in self._owner or (not folders and stem.lower() in RESERVED_STEMS):
            candidate = f"{prefix}{stem}-{_digest(item_id, 8)}.json"
        if _fold(candidate) in self._owner:
            candidate = f"{prefix}{stem}-{_digest(item_id, 20)}.json"
        self._owner[_fold(candidate)] = item_id
        self._by_id[item_id] = candidate
        return candidate


def safe_component(text: str) -> str:
    """One path component made safe: no separators, controls, leading dots or device names."""
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub("_", text).strip(" .")
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_COMPONENT_BYTES:
        text = encoded[:MAX_COMPONENT_BYTES].decode("utf-8", "ignore").rstrip(" .")
    if not text:
        return "_"
    if _WINDOWS_DEVICES.fullmatch(text):
        return f"_{text}"
    return text


def _safe_folder(text: str, *, top: bool) -> str:
    folder = safe_component(text)
    lowered = folder.lower()
    stem, dot, _ = lowered.partition(".")
    reserved = top and bool(dot) and stem in RESERVED_STEMS  # e.g. a folder "manifest.jsonl"
    return f"{folder}_" if lowered.endswith(".json") or reserved else folder


def _fold(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]
