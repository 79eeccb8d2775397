from __future__ import annotations

import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import trafilatura

from summarizer.errors import NoArticleText, UnreadableSource
from summarizer.webpage import extract_page, isolated_extraction, looks_like_html
from tests.crashing_reader import CRASH, STALL, crash_on_marker

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SAVED = sorted(PAGES.glob("*.html"))


def word_f1(got: str, expected: str) -> float:
    found, wanted = (Counter(re.findall(r"\w+", t.casefold())) for t in (got, expected))
    common = sum((found & wanted).values())
    return 2 * common / (sum(found.values()) + sum(wanted.values()))


def test_there_are_saved_pages_to_check() -> None:
    assert len(SAVED) >= 5
    assert all(page.with_suffix(".expected.txt").exists() for page in SAVED)


@pytest.mark.parametrize("page", SAVED, ids=lambda p: p.stem)
def test_main_text_of_saved_news_pages(page: Path) -> None:
    expected = page.with_suffix(".expected.txt").read_text("utf-8")
    extracted = extract_page(page.read_text("utf-8"), source=page.name)
    assert word_f1(extracted.text, expected) >= 0.98
    first, last = expected.strip().split("\n\n")[0], expected.strip().split("\n\n")[-1]
    assert first in extracted.text
    assert last in extracted.text
    assert "\n\n" in extracted.text


@pytest.mark.parametrize(
    ("page", "title", "date", "site"),
    [
        (
            "polygraph-rukban",
            "Russia and Syria: U.S.-backed Syrian Forces Blocking Refugee Return",
            "2019-11-18",
            "POLYGRAPH.info",
        ),
        (
            "aljazeera-afghanistan-helicopter",
            "US service members killed in Afghanistan helicopter crash",
            "2019-11-20",
            "Al Jazeera",
        ),
        (
            "nypost-taliban-hostage-swap",
            "Taliban say they freed US, Australian hostages for 3 terrorist figures",
            "2019-11-19",
            "New York Post",
        ),
    ],
)
def test_metadata_of_saved_news_pages(page: str, title: str, date: str, site: str) -> None:
    extracted = extract_page((PAGES / f"{page}.html").read_text("utf-8"), source=page)
    assert (extracted.title, extracted.date, extracted.site) == (title, date, site)
    assert extracted.url and extracted.url.startswith("https://")


def test_the_url_fetched_wins_over_the_one_the_page_names() -> None:
    html = (PAGES / "polygraph-rukban.html").read_text("utf-8")
    extracted = extract_page(html, source="x", url="http://127.0.0.1:8000/story")
    assert extracted.url == "http://127.0.0.1:8000/story"


def test_author_is_kept() -> None:
    html = (PAGES / "nypost-taliban-hostage-swap.html").read_text("utf-8")
    assert extract_page(html, source="x").author == "Lia Eustachewich; Yaron Steinbuch"


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Home</title></head><body><nav><ul><li><a href=/a>World</a></li>"
        "<li><a href=/b>Politics</a></li></ul></nav><footer>© Example News</footer></body></html>",
        "<html><body></body></html>",
        "<html><body><script>var story = 'none';</script></body></html>",
    ],
    ids=["menu-only", "empty-body", "script-only"],
)
def test_pages_without_an_article_are_refused(html: str) -> None:
    with pytest.raises(NoArticleText, match="page.html: no article text found"):
        extract_page(html, source="page.html")


def test_a_fragment_of_paragraphs_is_an_article() -> None:
    html = (
        "<p>Ministers from Japan and the United States met in Tokyo on Sunday for talks.</p>"
        "<p>They agreed to expand the production of missiles under licence.</p>"
    )
    extracted = extract_page(html, source="x")
    assert extracted.text == (
        "Ministers from Japan and the United States met in Tokyo on Sunday for talks.\n\n"
        "They agreed to expand the production of missiles under licence."
    )


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("  \n<html lang='en'>", True),
        ("<?xml version='1.0'?>\n<!-- saved -->\n<html>", True),
        ("<div><p>One</p><p>Two</p><br></div>", True),
        ("Talks in Tokyo\n\nThe ministers said 2 < 3 and <b> is bold.", False),
        ("US-Japan security talks, the threat from China is highlighted", False),
    ],
)
def test_html_is_told_from_text(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html


def test_a_page_the_metadata_extraction_trips_on_is_read_for_its_text() -> None:
    paragraph = "Japan and the Philippines signed a reciprocal access agreement in Manila."
    page = extract_page(f"<svg><html><body><p>{paragraph}</p></body></html>", source="x")
    assert page.text == paragraph and page.date is None
    with pytest.raises(NoArticleText, match="x: no article text found in the page$"):
        extract_page("<svg><html><svg>", source="x")


def _nested(depth: int) -> str:
    paragraph = "<p>Japan and the Philippines signed a reciprocal access agreement in Manila.</p>"
    return "<html><body>" + "<div>" * depth + paragraph + "</div>" * depth + "</body></html>"


@pytest.mark.parametrize("depth", [10, 300, 2000])
def test_a_deeply_nested_page_is_read(depth: int) -> None:
    page = extract_page(_nested(depth), source="deep.html")
    assert page.text == "Japan and the Philippines signed a reciprocal access agreement in Manila."


def test_a_page_nested_deeper_than_any_parser_reads_says_so() -> None:
    with pytest.raises(NoArticleText) as caught:
        extract_page(_nested(3000), source="deep.html")
    assert str(caught.value) == (
        "deep.html: no article text found in the page (it nests elements over 2,048 deep)"
    )


def test_pages_are_read_one_at_a_time_whatever_the_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inside = 0
    most = 0
    lock = threading.Lock()
    real = trafilatura.bare_extraction

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
        time.sleep(0.02)
        try:
            return real(*args, **kwargs)
        finally:
            with lock:
                inside -= 1

    monkeypatch.setattr(trafilatura, "bare_extraction", counting)
    html = _nested(5)
    with ThreadPoolExecutor(6) as pool:
        pages = list(pool.map(lambda n: extract_page(html, source=f"{n}.html"), range(12)))
    assert len(pages) == 12
    assert most == 1, f"{most} pages were read at once in one process"


def _article(number: int) -> str:
    return (
        f"<html><body><p>Article {number}: ministers from Japan and the Philippines "
        "signed a reciprocal access agreement in Manila on Monday.</p></body></html>"
    )


def test_a_crashed_worker_fails_its_page_alone() -> None:
    pages = [_article(n) for n in range(6)]
    pages[2] = pages[2] + CRASH
    outcomes: dict[int, str] = {}

    def read(number: int) -> None:
        try:
            outcomes[number] = extract_page(pages[number], source=f"{number}.html").text
        except UnreadableSource as exc:
            outcomes[number] = str(exc)

    with isolated_extraction(2, reader=crash_on_marker), ThreadPoolExecutor(4) as pool:
        list(pool.map(read, range(6)))
        after = extract_page(_article(9), source="9.html").text
    assert outcomes[2] == "2.html: the HTML reader crashed on this page (killed by SIGSEGV)"
    for number in (0, 1, 3, 4, 5):
        assert outcomes[number].startswith(f"Article {number}: ministers")
    assert after.startswith("Article 9")


def test_a_worker_that_never_ends_is_stopped_and_its_page_fails() -> None:
    with isolated_extraction(1, timeout=3, reader=crash_on_marker):
        with pytest.raises(UnreadableSource, match="s.html: reading the page took over 3 s"):
            extract_page(_article(1) + STALL, source="s.html")
        assert extract_page(_article(2), source="2.html").text.startswith("Article 2")


def test_a_page_without_text_fails_the_same_in_a_worker() -> None:
    with isolated_extraction(1), pytest.raises(NoArticleText, match="e.html: no article text"):
        extract_page("<html><body></body></html>", source="e.html")
