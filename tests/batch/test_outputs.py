from __future__ import annotations

import asyncio
from pathlib import Path

from summarizer.article import article_from_text
from summarizer.batch.outputs import BriefingWriter
from summarizer.pipeline import asummarize
from summarizer.schema import Briefing
from summarizer.testing import SchemaModel
from tests.batch.conftest import article_text, engine_on


def test_briefing_is_written_as_json_under_its_name(tmp_path: Path) -> None:
    briefing = asyncio.run(
        asummarize(article_from_text(article_text(1)), engine=engine_on(SchemaModel()))
    )
    path = BriefingWriter(tmp_path).write("2024/05/a.json", briefing)
    assert path == tmp_path / "2024" / "05" / "a.json"
    assert Briefing.model_validate_json(path.read_text("utf-8")) == briefing
    assert [p.name for p in path.parent.iterdir()] == ["a.json"]


def test_leftovers_of_a_killed_run_are_removed_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    leftovers = [tmp_path / ".a.json.x1y2.tmp", tmp_path / "sub" / ".manifest.jsonl.k9.tmp"]
    kept = [tmp_path / "a.json", tmp_path / "sub" / "notes.tmp", tmp_path / ".keep"]
    for path in leftovers + kept:
        path.write_text("x", "utf-8")
    assert BriefingWriter(tmp_path).remove_leftovers() == 2
    assert not any(path.exists() for path in leftovers)
    assert all(path.exists() for path in kept)
