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
    article = article_from_text(article_text(1))
    briefing = asyncio.run(asummarize(article, engine=engine_on(SchemaModel())))
    path = BriefingWriter(tmp_path).write("2024/05/a.json", briefing, article.text)
    assert path == tmp_path / "2024" / "05" / "a.json"
    assert Briefing.model_validate_json(path.read_text("utf-8")) == briefing
    assert [p.name for p in path.parent.iterdir()] == ["a.json"]


def test_leftovers_of_a_killed_run_go_from_the_folders_written_and_nothing_else(
    tmp_path: Path,
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "other").mkdir()
    leftovers = [
        tmp_path / ".manifest.jsonl.0123456789ab.briefing.tmp",
        tmp_path / "sub" / ".a.json.a1b2c3d4e5f6.briefing.tmp",
    ]
    kept = [
        tmp_path / "a.json",
        tmp_path / ".notes.txt.x1y2.tmp",  # another program's temporary file
        tmp_path / "sub" / "notes.tmp",
        tmp_path / ".keep",
        tmp_path / "other" / ".b.json.a1b2c3d4e5f6.briefing.tmp",  # a folder not written
    ]
    for path in leftovers + kept:
        path.write_text("x", "utf-8")
    writer = BriefingWriter(tmp_path)
    assert writer.remove_leftovers() == 1
    briefing, text = _briefing(1)
    writer.write("sub/b.json", briefing, text)
    assert not any(path.exists() for path in leftovers)
    assert all(path.exists() for path in kept)


def _briefing(number: int) -> tuple[Briefing, str]:
    article = article_from_text(article_text(number), source=f"in/{number}.txt")
    return asyncio.run(asummarize(article, engine=engine_on(SchemaModel()))), article.text


def test_html_writes_a_page_beside_each_briefing(tmp_path: Path) -> None:
    briefing, text = _briefing(1)
    BriefingWriter(tmp_path, html=True).write("2024/a.json", briefing, text)
    page = (tmp_path / "2024" / "a.html").read_text("utf-8")
    assert page.lower().startswith("<!doctype html>")
    assert briefing.parties[0].name in page


def test_a_page_missing_from_an_earlier_run_is_written_when_the_text_matches(
    tmp_path: Path,
) -> None:
    briefing, text = _briefing(2)
    BriefingWriter(tmp_path).write("b.json", briefing, text)
    writer = BriefingWriter(tmp_path, html=True)
    writer.ensure_page("b.json", article_from_text(text + " changed"))
    assert not (tmp_path / "b.html").exists()
    writer.ensure_page("b.json", article_from_text(text))
    assert (tmp_path / "b.html").is_file()


def test_index_lists_every_input_with_counts_and_links(tmp_path: Path) -> None:
    from summarizer.batch.manifest import ManifestLine

    briefing, text = _briefing(3)
    writer = BriefingWriter(tmp_path, html=True)
    writer.write("c.json", briefing, text)
    common = {"sha256": None, "attempts": 1, "tokens": 0, "duration_s": 0.1, "settings": "s"}
    lines = [
        ManifestLine.now(
            id="c", source="in/c.txt", status="ok", error=None, output="c.json", **common
        ),
        ManifestLine.now(
            id="d",
            source="in/d.txt",
            status="failed",
            error="in/d.txt: <b>empty</b>",
            output=None,
            **common,
        ),
    ]
    index = writer.write_index(lines, "run").read_text("utf-8")
    assert 'href="c.html"' in index
    assert "in/d.txt" in index and "&lt;b&gt;empty&lt;/b&gt;" in index
    assert f">{len(briefing.parties)}<" in index
