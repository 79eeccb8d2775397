import re

import pytest

from summarizer.render.index import IndexRow, render_index

ROWS = [
    IndexRow(
        id="voa-us-japan-2plus2",
        href="voa-us-japan-2plus2.html",
        title="US-Japan security talks",
        source="articles/voa-us-japan-2plus2.txt",
        status="ok",
        parties=9,
        agreements=2,
        threats=3,
    ),
    IndexRow(
        id="empty",
        href=None,
        title=None,
        source="articles/empty.txt",
        status="failed",
        error="articles/empty.txt: the article is empty",
    ),
    IndexRow(
        id="x",
        href="javascript:alert(1)",
        title="<script>alert(1)</script>",
        source="<b>src</b>",
        status="<i>odd</i>",
        parties=0,
        agreements=0,
        threats=1,
    ),
]


def _rows(html: str) -> list[str]:
    return re.findall(r"<tr>.*?</tr>", html.split("<tbody>")[1])


def test_lists_every_article_with_its_counts_and_status() -> None:
    html = render_index(ROWS, "Batch of 28 July")
    first, second, third = _rows(html)
    assert '<a href="voa-us-japan-2plus2.html">US-Japan security talks</a>' in first
    assert '<div class="id">voa-us-japan-2plus2</div>' in first
    assert '<span class="status good">ok</span>' in first
    assert re.findall(r'class="num" data-sort="(-?\d+)">([^<]*)<', first)[1:] == [
        ("9", "9"),
        ("2", "2"),
        ("3", "3"),
    ]
    assert '<span class="status bad">failed</span>' in second
    assert "the article is empty" in second and "<a " not in second
    assert re.findall(r'data-sort="-1">—<', second) == ['data-sort="-1">—<'] * 3


def test_summarises_the_batch_in_its_header() -> None:
    html = render_index(ROWS, "Batch of 28 July")
    assert "<h1>Batch of 28 July</h1>" in html and "<title>Batch of 28 July</title>" in html
    assert "3 articles · 1 failed · 9 parties · 2 agreements · 4 threats" in html


def test_every_column_header_sorts() -> None:
    html = render_index(ROWS, "t")
    headers = re.findall(
        r'<th scope="col" data-type="(\w+)"[^>]*><button type="button">([^<]+)<', html
    )
    assert headers == [
        ("number", "#"),
        ("text", "Article"),
        ("text", "Source"),
        ("text", "Status"),
        ("number", "Parties"),
        ("number", "Agreements"),
        ("number", "Threats"),
    ]


def test_escapes_everything_and_links_nothing_that_could_run() -> None:
    third = _rows(render_index(ROWS, "<script>t</script>"))[2]
    assert "javascript" not in third and "<script" not in third
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in third
    assert '<span class="status neutral">&lt;i&gt;odd&lt;/i&gt;</span>' in third
    assert "&lt;b&gt;src&lt;/b&gt;" in third


def test_no_rows_say_so() -> None:
    html = render_index([], "Empty batch")
    assert "No articles." in html and "<table" not in html
    assert "0 articles · 0 parties" in html


def test_rows_are_immutable() -> None:
    with pytest.raises(AttributeError):
        ROWS[0].status = "failed"  # type: ignore[misc]
