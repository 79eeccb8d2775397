"""What a batch writes for each finished article, atomically: complete or absent."""

from __future__ import annotations

import os
import re
from pathlib import Path

from summarizer.fileio import write_atomic
from summarizer.schema import Briefing

_TEMPORARY = re.compile(r"^\..+\.tmp$")
"""Names :func:`write_atomic` gives its temporary files; a killed run may leave some."""


class BriefingWriter:
    """Writes each article's briefing under the output folder.

    The one place a batch writes per-article files: other renderings of a briefing
    belong here, next to its JSON.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir

    def write(self, output: str, briefing: Briefing) -> Path:
        """Write the briefing as JSON at ``output`` (relative to the output folder)."""
        path = self.out_dir / output
        write_atomic(path, briefing.model_dump_json(indent=2) + "\n")
        return path

    def remove_leftovers(self) -> int:
        """Delete temporary files a killed run left behind; how many there were."""
        removed = 0
        for folder, _, files in os.walk(self.out_dir):
            for name in files:
                if _TEMPORARY.match(name):
                    Path(folder, name).unlink(missing_ok=True)
                    removed += 1
        return removed
