"""Build ``summarizer/data/actors.tsv.gz`` from the Phoenix/PETRARCH actor and agent dictionaries.

Source: openeventdata/petrarch2, ``petrarch2/data/dictionaries/`` (MIT License, Copyright (c)
2014 Open Event Data Alliance; see ``summarizer/data/ACTORS.md``). Reads from a git clone
of that repository, at the commit given (the files are read with ``git show``, so a bare
clone will do):

    python scripts/build_actors.py /path/to/petrarch2/.git 676801c

Writes one gzipped TSV, deterministic for a given commit (no timestamps, entries in file
order), with three kinds of line:

- ``#`` lines: provenance;
- ``A<TAB>codes<TAB>key|key|…``: an actor (a primary phrase and its synonyms) and its CAMEO
  codes, each ``CODE`` or ``CODE@START..END`` with ISO dates, either end possibly empty;
- ``G<TAB>code<TAB>key``: an agent phrase and its code, ``~GOV`` (added after the
  country code) or ``NGO~`` (put before it), regular plurals included.

Keys are :func:`summarizer.names.name_key` of the phrase, underscores read as spaces.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.names import name_key  # noqa: E402

FOLDER = "petrarch2/data/dictionaries"
ACTOR_FILES = [
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
]
AGENT_FILE = "Phoenix.agents.txt"
OUT = ROOT / "summarizer" / "data" / "actors.tsv.gz"

_CODE = re.compile(r"\[([^\]]*)\]")
_VALID_CODE = re.compile(r"^(?:[A-Z]{3})+$")


def _show(repo: str, commit: str, name: str) -> str:
    blob = f"{commit}:{FOLDER}/{name}"
    raw = subprocess.run(["git", "--git-dir", repo, "show", blob], capture_output=True, check=True)
    return raw.stdout.decode("utf-8", errors="replace")


def _date(text: str) -> str:
    """A dictionary date (YYMMDD, years 00-30 as 20YY, else YYYYMMDD) in ISO form."""
    digits = re.sub(r"\D", "", text)
    if len(digits) <= 7:
        digits = digits.rjust(6, "0")
        century = "20" if int(digits[:2]) <= 30 else "19"
        digits = century + digits[:6]
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def _restriction(text: str) -> str | None:
    """``CODE``, ``CODE@START..END`` or None for a null or malformed code."""
    parts = text.split()
    if not parts or not _VALID_CODE.match(parts[0]):
        return None
    code, when = parts[0], "".join(parts[1:])
    if not when:
        return code
    if when.startswith("<"):
        return f"{code}@..{_date(when[1:])}"
    if when.startswith(">"):
        return f"{code}@{_date(when[1:])}.."
    if "-" in when:
        start, end = when.split("-", 1)
        return f"{code}@{_date(start)}..{_date(end)}"
    return None


def _phrase(text: str) -> str:
    return name_key(text.replace("_", " "))


def actors(text: str) -> list[tuple[list[str], list[str]]]:
    """(codes, keys) of each actor record of one actor file, in file order."""
    records: list[tuple[list[str], list[str]]] = []
    for raw in text.splitlines():
        line = re.split(r"#|;", raw, maxsplit=1)[0].rstrip()
        if not line.strip():
            continue
        if line[0] in " \t" and "[" in line:
            if records:
                records[-1][0].extend(r for r in map(_restriction, _CODE.findall(line)) if r)
            continue
        if line.startswith("+"):
            if records:
                key = _phrase(_CODE.split(line[1:])[0])
                if key and key not in records[-1][1]:
                    records[-1][1].append(key)
            continue
        key = _phrase(line.split("[", 1)[0])
        codes = [r for r in map(_restriction, _CODE.findall(line)) if r]
        if key:
            records.append((codes, [key]))
    return [(codes, keys) for codes, keys in records if codes]


def _plurals(word: str) -> list[str]:
    if word.endswith("y") and word[-2:-1] not in set("aeiou"):
        return [word[:-1] + "ies"]
    if word.endswith(("ss", "sh", "ch", "x")):
        return [word + "es"]
    return [word + "s"]


def agents(text: str) -> list[tuple[str, str]]:
    """(code, key) of each agent phrase, substitution sets and regular plurals expanded."""
    sets: dict[str, list[str]] = {}
    found: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            label, members = line.split("=", 1)
            sets[label.strip()] = [m.strip() for m in members.split(",") if m.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes or "~" not in codes[0]:
            continue
        code = codes[0].strip()
        phrase = line.split("[", 1)[0]
        plural = re.search(r"\{([^}]*)\}", phrase)
        phrase = re.sub(r"\{[^}]*\}", "", phrase).strip()
        variants = [phrase]
        for label, members in sets.items():
            if label in phrase:
                variants = [v.replace(label, f"{m}_") for v in variants for m in members]
        for variant in variants:
            key = _phrase(variant)
            if not key:
                continue
            forms = [key]
            if plural is not None:
                forms += [_phrase(p) for p in plural.group(1).split(",") if p.strip()]
            elif not variant.rstrip().endswith("_"):
                words = key.split()
                forms += [" ".join([*words[:-1], p]) for p in _plurals(words[-1])]
            found += [(code, form) for form in dict.fromkeys(forms)]
    return found


def build(repo: str, commit: str) -> str:
    """The whole TSV for the dictionaries at ``commit``."""
    full = subprocess.run(
        ["git", "--git-dir", repo, "rev-parse", commit], capture_output=True, check=True, text=True
    ).stdout.strip()
    lines = [
        "# CAMEO actor codes and agent phrases derived from the Phoenix/PETRARCH dictionaries",
        f"# of openeventdata/petrarch2 at {full} ({FOLDER}): {', '.join(ACTOR_FILES)}, "
        f"{AGENT_FILE}.",
        "# MIT License, Copyright (c) 2014 Open Event Data Alliance; see ACTORS.md.",
    ]
    for name in ACTOR_FILES:
        for codes, keys in actors(_show(repo, full, name)):
            lines.append(f"A\t{' '.join(codes)}\t{'|'.join(keys)}")
    seen: set[str] = set()
    for code, key in agents(_show(repo, full, AGENT_FILE)):
        if key not in seen:
            seen.add(key)
            lines.append(f"G\t{code}\t{key}")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Write the table for the clone and commit given on the command line."""
    repo, commit = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "HEAD")
    data = build(repo, commit).encode("utf-8")
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{OUT}: {len(data):,} bytes, {len(gzip.compress(data)):,} gzipped")


if __name__ == "__main__":
    main()
