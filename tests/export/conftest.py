"""Batch folders of the four test-server briefings (see ``tests/digest/conftest.py``), dated."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.batch.manifest import ManifestLine
from summarizer.schema import Briefing
from tests.digest.conftest import made_briefings

DATES = {
    "authored-access-pact.txt": "2024-07-08",
    "authored-blinken-north-korea.txt": "2024-07-29",
    "authored-us-japan-command.txt": "2024-07-28",
    "voa-us-japan-2plus2.txt": "2024-08-02",
}
"""Publication dates given to the articles, as a web page's metadata would."""


def dated_briefings() -> dict[str, Briefing]:
    """The four briefings, each article with its date."""
    made = made_briefings()
    return {
        name: briefing.model_copy(
            update={"article": briefing.article.model_copy(update={"date": DATES[name]})}
        )
        for name, briefing in made.items()
    }


def line_for(item_id: str, status: str = "ok", **values: object) -> ManifestLine:
    defaults: dict[str, object] = {
        "id": item_id,
        "source": item_id,
        "sha256": None,
        "status": status,
        "error": None if status == "ok" else "the server refused",
        "attempts": 1,
        "tokens": 10,
        "duration_s": 0.5,
        "output": f"{Path(item_id).stem}.json" if status == "ok" else None,
        "settings": "abc",
        "finished_at": "2024-08-02T10:00:00+00:00",
    }
    defaults.update(values)
    return ManifestLine(**defaults)  # type: ignore[arg-type]


def write_json_batch(folder: Path, briefings: dict[str, Briefing], failed: int = 1) -> Path:
    """A batch folder as ``briefing batch`` writes it: briefing files and a manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for name, briefing in briefings.items():
        (folder / f"{Path(name).stem}.json").write_text(briefing.model_dump_json(indent=2))
        lines.append(line_for(name, sha256=briefing.article.sha256))
    for number in range(failed):
        lines.append(line_for(f"broken-{number}.txt", status="refused"))
    (folder / "manifest.jsonl").write_text("".join(line.to_json() + "\n" for line in lines))
    return folder


@pytest.fixture
def briefings() -> dict[str, Briefing]:
    return dated_briefings()


@pytest.fixture
def json_batch(tmp_path: Path, briefings: dict[str, Briefing]) -> Path:
    return write_json_batch(tmp_path / "batch", briefings)
