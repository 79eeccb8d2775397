from __future__ import annotations

import hashlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.article import Article, article_from_text, load_article, normalise_text
from summarizer.errors import (
    BinaryInput,
    EmptyArticle,
    FetchError,
    InputError,
    InputTooLarge,
    NoArticleText,
    SourceIsDirectory,
    SourceNotFound,
    UnsupportedSource,
)
from summarizer.testing import Reply
from tests.pageserver import html, serve_pages

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
STORY = PAGES / "polygraph-rukban.html"
STORY_FIRST = "In a joint statement published Oct. 25, the Russian and Syrian defense ministries"
LATIN = "Réunion à Genève : le ministre français et son homologue suisse ont signé l'accord.\n"
MENU = "<html><body><nav><a href=/a>World</a> <a href=/b>Politics</a></nav></body></html>"


def stdin_with(monkeypatch: pytest.MonkeyPatch, data: bytes) -> io.BufferedReader[io.BytesIO]:
    raw = io.BufferedReader(io.BytesIO(data))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    return raw


# --- normalising ---------------------------------------------------------------------


def test_normalise_text_line_ends_controls_and_odd_spaces() -> None:
    messy = "\ufeffTalks\r\nin\u00a0Tokyo\u200b\x07 ended.  \r\n\r\n\r\n\r\nNext\u2028line\x0c"
    assert normalise_text(messy) == "Talks\nin Tokyo ended.\n\nNext\nline"


def test_the_text_is_what_offsets_count_in(example_text: str) -> None:
    article = article_from_text(example_text, source="x")
    assert article.sha256 == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert article.info().chars == len(article.text)


def test_article_from_text_refuses_blank_text() -> None:
    with pytest.raises(EmptyArticle, match="<text>: the article is empty"):
        article_from_text(" \n\t\u00a0\u200b ")


# --- files ---------------------------------------------------------------------------


def test_a_text_file(example_path: Path, example_text: str) -> None:
    article = load_article(example_path)
    assert article.text == normalise_text(example_text)
    assert (article.encoding, article.media_type) == ("utf-8", "text/plain")
    assert article.source == str(example_path)


def test_a_markdown_file_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Talks\n\n<b>Ministers</b> met *today* in Tokyo.\n", "utf-8")
    assert load_article(path).text == "# Talks\n\n<b>Ministers</b> met *today* in Tokyo."


@pytest.mark.parametrize("name", ["story.html", "story.HTM", "story", "story.saved"])
def test_a_saved_page_by_suffix_or_by_content(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(STORY.read_bytes())
    article = load_article(path)
    assert article.text.startswith(STORY_FIRST)
    assert article.media_type == "text/html"
    assert article.title == "Russia and Syria: U.S.-backed Syrian Forces Blocking Refugee Return"
    assert article.date == "2019-11-18"
    assert article.site == "POLYGRAPH.info"
    assert (
        article.url
        == "https://www.polygraph.info/a/fact-check-russia-us-al-tanf-rukban/30279001.html"
    )
    assert article.info().url == article.url


def test_a_file_without_suffix_holding_text(tmp_path: Path) -> None:
    path = tmp_path / "article"
    path.write_text("Ministers met in Tokyo.\n\nThey agreed.", "utf-8")
    article = load_article(path)
    assert (article.text, article.media_type) == (
        "Ministers met in Tokyo.\n\nThey agreed.",
        "text/plain",
    )


def test_a_txt_file_holding_html_is_text_as_the_user_said(tmp_path: Path) -> None:
    path = tmp_path / "source.txt"
    path.write_text("<html><body><p>Quoted markup</p></body></html>", "utf-8")
    assert load_article(path).text == "<html><body><p>Quoted markup</p></body></html>"


def test_a_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(LATIN.encode("latin-1"))
    article = load_article(path)
    assert article.text == LATIN.strip()
    assert article.encoding in {"cp1252", "latin_1", "iso8859-1"}


def test_a_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_text(LATIN, "utf-16")
    assert load_article(path).text == LATIN.strip()


def test_a_legacy_page_declaring_its_charset(tmp_path: Path) -> None:
    body = f"<p>{LATIN} Les deux pays ont réaffirmé leur coopération en matière de sécurité.</p>"
    head = '<meta charset="iso-8859-1"><title>Accord</title>'
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("latin-1"))
    article = load_article(path)
    assert article.text.startswith(LATIN.strip())
    assert article.encoding == "iso8859-1"
    assert article.title == "Accord"


# --- standard input ------------------------------------------------------------------


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_with(monkeypatch, LATIN.encode("cp1252"))
    article = load_article("-")
    assert (article.text, article.source) == (LATIN.strip(), "-")


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_with(monkeypatch, STORY.read_bytes())
    article = load_article("-")
    assert article.text.startswith(STORY_FIRST)
    assert article.media_type == "text/html"


def test_stdin_over_the_cap_is_refused_after_reading_one_byte_past_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = stdin_with(monkeypatch, b"x" * 10_000)
    with pytest.raises(InputTooLarge, match="-: over the 1,000-byte limit"):
        load_article("-", max_bytes=1000)
    assert raw.tell() == 1001


# --- URLs ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    routes = {
        "/story": html(STORY.read_bytes()),
        "/old-story": Reply(status=301, headers={"location": "/story"}),
        "/wire.txt": html(LATIN.encode("latin-1"), "text/plain; charset=iso-8859-1"),
        "/menu": html(MENU),
        "/blank": html("   \n  "),
    }
    with serve_pages(routes) as root:
        yield root


def test_a_url(site: str) -> None:
    article = load_article(f"{site}/old-story")
    assert article.text.startswith(STORY_FIRST)
    assert article.source == f"{site}/old-story"
    assert article.url == f"{site}/story"
    assert article.title == "Russia and Syria: U.S.-backed Syrian Forces Blocking Refugee Return"


def test_a_url_of_text_in_a_declared_charset(site: str) -> None:
    article = load_article(f"{site}/wire.txt")
    assert (article.text, article.media_type) == (LATIN.strip(), "text/plain")


def test_the_same_page_from_a_file_and_a_url_gives_the_same_text(site: str) -> None:
    assert load_article(f"{site}/story").text == load_article(STORY).text


def test_a_url_that_fails(site: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        load_article(f"{site}/missing")


@pytest.mark.parametrize(
    "source", ["ftp://example.org/story.txt", "file:///etc/hostname", "gopher://x/1"]
)
def test_other_schemes_are_refused(source: str) -> None:
    with pytest.raises(UnsupportedSource, match="only http and https URLs are read"):
        load_article(source)


# --- bad input -----------------------------------------------------------------------


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound, match="nope.txt: no such file"):
        load_article(tmp_path / "nope.txt")


def test_a_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceIsDirectory, match="is a directory"):
        load_article(tmp_path)


@pytest.mark.parametrize("content", [b"", b"  \n\t \r\n", "\u00a0\u200b\n".encode()])
@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty"])
def test_empty_and_blank_files(tmp_path: Path, content: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(EmptyArticle, match="the article is empty"):
        load_article(path)


def test_blank_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_with(monkeypatch, b"\n\n")
    with pytest.raises(EmptyArticle):
        load_article("-")


def test_a_blank_page_at_a_url(site: str) -> None:
    with pytest.raises(EmptyArticle):
        load_article(f"{site}/blank")


@pytest.mark.parametrize("name", ["photo.png", "photo.txt", "photo"])
def test_binary_data(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(BinaryInput, match="looks like a PNG image"):
        load_article(path)


def test_a_page_with_no_article(tmp_path: Path, site: str) -> None:
    path = tmp_path / "menu.html"
    path.write_text(MENU, "utf-8")
    with pytest.raises(NoArticleText, match="menu.html: no article text found"):
        load_article(path)
    with pytest.raises(NoArticleText):
        load_article(f"{site}/menu")


def test_a_50_mb_file_is_refused_from_its_size_alone(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as sparse:
        sparse.truncate(50 * 1024 * 1024)
    with pytest.raises(InputTooLarge, match=r"over the 5,000,000-byte limit \(52,428,800 bytes\)"):
        load_article(path)


def test_the_cap_is_configurable(example_path: Path) -> None:
    with pytest.raises(InputTooLarge, match="over the 100-byte limit"):
        load_article(example_path, max_bytes=100)
    assert isinstance(load_article(example_path, max_bytes=3000), Article)


def test_text_given_as_a_path_gives_a_short_error() -> None:
    text = "Officials met in Tokyo on Monday. " * 40
    with pytest.raises(InputError) as caught:
        load_article(text)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 400 and message.endswith(")")
    long_path = "d/" * 200 + "article.txt"
    with pytest.raises(SourceNotFound) as missing:
        load_article(long_path)
    assert str(missing.value).startswith("'d/d/") and "…'" in str(missing.value)
