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
        web, gone, long = discover_inputs(source, allow_private_urls=True)
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


def test_record_paths_stay_inside_the_jsonl_folder_unless_allowed(tmp_path: Path) -> None:
    folder = tmp_path / "feed"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "a.txt").write_text("Article inside the feed's folder.", "utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("Not for the model: a file outside the feed's folder.", "utf-8")
    (folder / "docs" / "link.txt").symlink_to(secret)
    source = write_jsonl(
        folder / "records.jsonl",
        [
            {"id": "inside", "path": "docs/a.txt"},
            {"id": "absolute", "path": str(secret)},
            {"id": "up", "path": "../secret.txt"},
            {"id": "sneaky", "path": "docs/../../secret.txt"},
            {"id": "linked", "path": "docs/link.txt"},
            {"id": "home", "path": "~/secret.txt"},
        ],
    )
    items = {item.id: item for item in discover_inputs(source)}
    assert items["inside"].load().text == "Article inside the feed's folder."
    for name in ("absolute", "up", "sneaky", "linked"):
        with pytest.raises(InputError, match=f"leads outside {folder}; --allow-paths reads it"):
            items[name].load()
    with pytest.raises(InputError, match="feed/~/secret.txt: no such file"):
        items["home"].load()  # no expansion of ~ unless allowed
    trusted = {item.id: item for item in discover_inputs(source, allow_paths=True)}
    for name in ("absolute", "up", "sneaky", "linked"):
        assert trusted[name].load().text.startswith("Not for the model"), name


@pytest.mark.parametrize(
    "url", ["/etc/passwd", "file:///etc/passwd", "docs/a.txt", "ftp://example.org/a", "http:x"]
)
def test_a_record_url_must_be_http(tmp_path: Path, url: str) -> None:
    source = write_jsonl(tmp_path / "records.jsonl", [{"id": "a", "url": url}])
    (item,) = discover_inputs(source, allow_paths=True)
    assert item.kind == "invalid"
    with pytest.raises(InputError, match=":1: url must be an http or https URL"):
        item.load()


def test_record_urls_on_private_addresses_are_refused_unless_allowed(tmp_path: Path) -> None:
    page = (ROOT / "fixtures" / "pages" / "polygraph-rukban.html").read_bytes()
    with serve_pages({"/story": html(page)}) as root:
        source = write_jsonl(tmp_path / "records.jsonl", [{"id": "web", "url": f"{root}/story"}])
        (refused,) = discover_inputs(source)
        with pytest.raises(FetchError, match="non-public address.*--allow-private-urls"):
            refused.load()
        (allowed,) = discover_inputs(source, allow_private_urls=True)
        assert allowed.load().media_type == "text/html"


def test_earlier_output_folders_and_files_we_wrote_are_not_read_back(tmp_path: Path) -> None:
    from summarizer.batch.manifest import ManifestLine
    from summarizer.render.markup import page

    article = "Ministers from Japan and the Philippines met in Manila on Monday for talks."
    (tmp_path / "wires").mkdir()
    (tmp_path / "wires" / "a.txt").write_text(article, "utf-8")
    (tmp_path / "wires" / "story.html").write_text(f"<p>{article}</p>", "utf-8")
    (tmp_path / "wires" / "a.html").write_text(page("a", article), "utf-8")  # -o a.html
    earlier = tmp_path / "briefings"  # an earlier run's output folder, no lock left
    earlier.mkdir()
    line = ManifestLine.now(
        id="a.txt",
        source="a.txt",
        sha256=None,
        status="failed",
        error="x",
        attempts=0,
        tokens=0,
        duration_s=0.0,
        output=None,
        settings=None,
    )
    (earlier / "manifest.jsonl").write_text(line.to_json() + "\n", "utf-8")
    (earlier / "a.html").write_text(f"<p>{article}</p>", "utf-8")
    (earlier / "index.html").write_text(f"<p>{article}</p>", "utf-8")
    locked = tmp_path / "running"  # a run in progress or killed: its lock, no manifest yet
    locked.mkdir()
    (locked / ".manifest.lock").write_bytes(b"")
    (locked / "b.txt").write_text(article, "utf-8")
    notes = tmp_path / "notes"  # a folder with someone else's manifest.jsonl
    notes.mkdir()
    (notes / "manifest.jsonl").write_text('{"files": 3}\n', "utf-8")
    (notes / "c.txt").write_text(article, "utf-8")
    briefing = tmp_path / "wires" / "a.json"
    briefing.write_text('{\n  "schema_version": "1.1",\n  "headline": "Talks"\n}', "utf-8")
    data = tmp_path / "wires" / "data.json"
    data.write_text('{"schema_version": "2", "rows": []}', "utf-8")
    ids = [item.id for item in discover_inputs(tmp_path)]
    assert ids == ["notes/c.txt", "wires/a.txt", "wires/story.html"]
    ids = [item.id for item in discover_inputs(tmp_path, globs=["*.json"])]
    assert ids == ["wires/data.json"]


def test_a_file_name_that_is_not_utf8_is_read_under_a_printable_id(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9 \xff.txt"
    with open(raw, "w", encoding="utf-8") as stream:
        stream.write("Ministers met in Manila on Monday for talks on maritime security.")
    (item,) = discover_inputs(tmp_path)
    assert item.id == "caf\\xe9 \\xff.txt"
    assert item.source.endswith("/caf\\xe9 \\xff.txt")
    article = item.load()
    assert article.source == item.source
    article.source.encode("utf-8")  # valid Unicode throughout
    os.unlink(raw)
    with pytest.raises(InputError, match=r"caf\\xe9 \\xff.txt: no such file"):
        item.load()


def test_a_record_id_or_text_with_a_lone_surrogate_is_still_valid_unicode(
    tmp_path: Path,
) -> None:
    source = tmp_path / "records.jsonl"
    source.write_text(
        '{"id": "a\\ud800", "text": "Talks in Manila\\udfff ended.", "title": "T\\ud800"}\n'
        '{"id": "b", "text": "Talks in Tokyo."}\n',
        "utf-8",
    )
    first, second = discover_inputs(source)
    assert first.id == "a\\ud800" and second.id == "b"
    article = first.load()
    assert article.text == "Talks in Manila\ufffd ended." and article.title == "T\ufffd"
