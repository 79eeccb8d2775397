from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from summarizer.batch.inputs import discover_inputs
from summarizer.errors import (
    EmptyArticle,
    FetchError,
    InputError,
    InputTooLarge,
    SourceNotFound,
    UnreadableSource,
    UnsupportedSource,
)
from tests.pageserver import html, serve_pages

ROOT = Path(__file__).resolve().parents[2]


def make_tree(root: Path) -> None:
    for name in ["b.txt", "a.md", "sub/c.html", "sub/deeper/d.htm", "notes.json", "x.TXT"]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Text of {name}, long enough to be an article.", "utf-8")
    (root / ".hidden.txt").write_text("hidden", "utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "e.txt").write_text("in a hidden folder", "utf-8")


def test_folder_is_walked_recursively_in_a_stable_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = discover_inputs(tmp_path)
    assert [item.id for item in items] == [
        "a.md",
        "b.txt",
        "sub/c.html",
        "sub/deeper/d.htm",
        "x.TXT",
    ]
    assert items[2].name == "sub/c" and items[2].source == str(tmp_path / "sub" / "c.html")
    assert items[0].load().text == "Text of a.md, long enough to be an article."


@pytest.mark.parametrize(
    ("globs", "expected"),
    [
        (["*.html"], ["sub/c.html"]),
        (["*.md", "*.htm"], ["a.md", "sub/deeper/d.htm"]),
        (["sub/*"], ["sub/c.html", "sub/deeper/d.htm"]),
        (["sub/deeper/*"], ["sub/deeper/d.htm"]),
        (["*.json"], ["notes.json"]),
    ],
)
def test_glob_filters_by_name_or_relative_path(
    tmp_path: Path, globs: list[str], expected: list[str]
) -> None:
    make_tree(tmp_path)
    assert [item.id for item in discover_inputs(tmp_path, globs=globs)] == expected


def test_output_folder_inside_the_input_folder_is_left_out(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.txt").write_text("an earlier output", "utf-8")
    ids = [item.id for item in discover_inputs(tmp_path, exclude=tmp_path / "out")]
    assert "out/old.txt" not in ids and "a.md" in ids


def test_broken_link_is_an_input_that_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (items,) = discover_inputs(tmp_path)
    with pytest.raises(SourceNotFound, match="gone.txt: no such file"):
        items.load()


def test_a_pipe_or_a_link_to_one_fails_alone_instead_of_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "elsewhere")
    (tmp_path / "link.txt").symlink_to(tmp_path / "elsewhere")
    items = discover_inputs(tmp_path)
    assert [item.id for item in items] == ["link.txt", "pipe.txt"]
    for item in items:
        with pytest.raises(UnreadableSource, match=f"{item.id}: is a named pipe, not a file"):
            item.load()


def test_missing_source_and_single_article_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound, match="no such folder or file"):
        discover_inputs(tmp_path / "absent")
    (tmp_path / "one.txt").write_text("An article.", "utf-8")
    with pytest.raises(UnsupportedSource, match="a folder or a .jsonl file"):
        discover_inputs(tmp_path / "one.txt")


def write_jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
        "utf-8",
    )
    return path


def test_jsonl_records_of_text_path_and_url(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Article read from a path.", "utf-8")
    source = write_jsonl(
        tmp_path / "records.jsonl",
        [
            {"id": "wire/1", "text": "Text given inline.", "title": "Inline"},
            {"id": 2, "path": "docs/a.txt"},
            {"id": "web", "url": "https://example.org/story"},
            "",
            {"text": "A record without an id."},
        ],
    )
    items = discover_inputs(source)
    assert [(item.id, item.kind, item.name) for item in items] == [
        ("wire/1", "record", "wire_1"),
        ("2", "file", "2"),
        ("web", "url", "web"),
        ("line-5", "record", "line-5"),
    ]
    article = items[0].load()
    assert (article.text, article.title, article.source) == (
        "Text given inline.",
        "Inline",
        f"{source}:1",
    )
    assert items[1].load().text == "Article read from a path."
    assert items[1].source == str(tmp_path / "docs" / "a.txt")
    assert items[2].location == "https://example.org/story"


def test_bad_records_become_inputs_that_fail_with_their_own_error(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "records.jsonl",
        [
            "{not json",
            "[1, 2]",
            {"id": "a", "text": "First."},
            {"id": "a", "text": "Same id again."},
            {"id": "b"},
            {"id": "c", "text": "x", "url": "https://example.org"},
            {"id": "d", "text": 42},
            {"id": ["e"], "text": "Odd id."},
            {"id": "f", "text": "   "},
        ],
    )
    items = discover_inputs(source)
    problems = {}
    for item in items:
        try:
            item.load()
        except InputError as exc:
            problems[item.id] = str(exc)
    where = str(source)
    assert problems == {
        "line-1": f"{where}:1: not a JSON record",
        "line-2": f"{where}:2: not a JSON object",
        "a#4": f"{where}:4: duplicate id 'a' (first on line 3)",
        "b": f"{where}:5: the record has none of text, url and path",
        "c": f"{where}:6: the record has more than one of text, url and path",
        "d": f"{where}:7: text must be a string",
        "line-8": f"{where}:8: the id must be a string or a number",
        "f": f"{where}:9: the article is empty",
    }
    assert isinstance(_error(items[-1]), EmptyArticle)


def _error(item: object) -> Exception:
    try:
        item.load()  # type: ignore[attr-defined]
    except Exception as exc:
        return exc
    raise AssertionError("expected a failure")


def test_a_record_changed_during_the_batch_fails_clearly(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "records.jsonl", [{"id": "a", "text": "Some article."}])
    (item,) = discover_inputs(source)
    source.write_text('{"id": "a", "url": "https://example.org"}\n', "utf-8")
    with pytest.raises(InputError, match="changed during the batch"):
        item.load()


def test_url_records_are_fetched_and_every_input_is_capped(tmp_path: Path) -> None:
    page = (ROOT / "fixtures" / "pages" / "polygraph-rukban.html").read_bytes()
    with serve_pages({"/story": html(page)}) as root:
        source = write_jsonl(
            tmp_path / "records.jsonl",
            [
                {"id": "web", "url": f"{root}/story"},
                {"id": "gone", "url": f"{root}/missing"},
                {"id": "long", "text": "A sentence of the article. " * 100},
            ],
        )
        web, gone, long = discover_inputs(source)
        article = web.load()
        assert article.url == f"{root}/story" and article.media_type == "text/html"
        with pytest.raises(FetchError, match="404"):
            gone.load()
    with pytest.raises(InputTooLarge, match=r"records.jsonl:3: over the 1,000-byte limit"):
        long.load(max_bytes=1000)
    assert long.load(max_bytes=100_000).text.startswith("A sentence")


def test_a_record_line_over_the_cap_is_skipped_unread(tmp_path: Path) -> None:
    huge = json.dumps({"id": "huge", "text": "A sentence of the article. " * 4000})
    source = write_jsonl(tmp_path / "records.jsonl", [{"id": "a", "text": "Fine."}, huge, "{"])
    fine, skipped, broken = discover_inputs(source, max_bytes=1000)
    assert fine.load(max_bytes=1000).text == "Fine."
    assert (skipped.id, skipped.kind) == ("line-2", "invalid")
    with pytest.raises(InputError, match=r"records.jsonl:2: over the 1,000-byte limit"):
        skipped.load(max_bytes=1000)
    assert broken.id == "line-3" and "not a JSON record" in str(broken.problem)
    (found,) = [i for i in discover_inputs(source, max_bytes=200_000) if i.id == "huge"]
    with pytest.raises(InputTooLarge, match=r"records.jsonl:2: over the 70,000-byte limit"):
        found.load(max_bytes=70_000)
