"""What a batch writes for each finished article, atomically: complete or absent."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from summarizer.article import Article
from summarizer.batch.manifest import Manifest, ManifestLine
from summarizer.fileio import remove_leftovers, write_atomic
from summarizer.render import Format, IndexRow, render, render_index
from summarizer.schema import Briefing

INDEX = "index.html"


class BriefingWriter:
    """Writes each article's briefing under the output folder.

    The one place a batch writes per-article files: the JSON briefing, and with ``html``
    its page beside it (``story.json`` → ``story.html``) and an index page of the run.
    The first time it writes in a folder, it deletes the temporary files a killed run
    left there.
    """

    def __init__(self, out_dir: Path, *, html: bool = False) -> None:
        self.out_dir = out_dir
        self.html = html
        self._cleaned: set[Path] = set()
        self._lock = threading.Lock()

    def write(self, output: str, briefing: Briefing, text: str) -> Path:
        """Write the briefing at ``output`` (relative to the output folder), and its page.

        The page first: if it cannot be written, the briefing already there (an earlier
        run's) is left as it was.
        """
        path = self.out_dir / output
        if self.html:
            self._write(self.out_dir / page_of(output), render(briefing, text, Format.HTML))
        self._write(path, briefing.model_dump_json(indent=2) + "\n")
        return path

    def ensure_page(self, output: str, article: Article) -> None:
        """Write the page of a briefing an earlier run made of ``article`` without ``--html``."""
        page = self.out_dir / page_of(output)
        if not self.html or page.is_file():
            return
        briefing = _read_briefing(self.out_dir / output)
        if briefing is not None and briefing.article.sha256 == article.sha256:
            self._write(page, render(briefing, article.text, Format.HTML))

    def write_index(self, lines: Sequence[ManifestLine], title: str) -> Path:
        """The run's index page: every input, its status and counts, linked to its page."""
        rows = [self._row(line) for line in lines]
        path = self.out_dir / INDEX
        self._write(path, render_index(rows, title))
        return path

    def _row(self, line: ManifestLine) -> IndexRow:
        briefing = _read_briefing(self.out_dir / line.output) if line.output else None
        page = page_of(line.output) if line.output else None
        linked = page is not None and (self.out_dir / page).is_file()
        return IndexRow(
            id=line.id,
            href=page if linked else None,
            title=briefing.article.title or briefing.headline if briefing else None,
            source=line.source,
            status=line.status,
            parties=len(briefing.parties) if briefing else None,
            agreements=len(briefing.agreements) if briefing else None,
            threats=len(briefing.threats) if briefing else None,
            error=line.error,
        )

    def remove_leftovers(self) -> int:
        """Delete the temporary files a killed run left in the output folder itself.

        Those in the folders below go the first time this writer writes there. Returns
        how many were deleted.
        """
        return self._clean(self.out_dir)

    def _write(self, path: Path, document: str) -> None:
        self._clean(path.parent)
        write_atomic(path, document)

    def _clean(self, folder: Path) -> int:
        with self._lock:
            if folder in self._cleaned:
                return 0
            self._cleaned.add(folder)
        return remove_leftovers(folder)


def write_index(out_dir: Path, manifest: Manifest, ids: Iterable[str]) -> None:
    """The index page of the folder (``--html``): the final line of each of ``ids``."""
    finals = [line for item in ids if (line := manifest.get(item))]
    BriefingWriter(out_dir, html=True).write_index(finals, out_dir.name)


def page_of(output: str) -> str:
    """Where the HTML page of the briefing at ``output`` goes."""
    return str(PurePosixPath(output).with_suffix(".html"))


def _read_briefing(path: Path) -> Briefing | None:
    try:
        return Briefing.model_validate_json(path.read_bytes())
    except (OSError, ValidationError):
        return None
