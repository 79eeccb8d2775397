"""The briefing and index pages in headless Chromium, as a reader opens them.

Needs Debian's ``chromium`` at /usr/bin/chromium and the ``playwright`` package (never
``playwright install``). Skipped when the browser is missing, unless
BRIEFING_REQUIRE_BROWSER is set (CI sets it), in which case a missing browser fails.
Screenshots go to BRIEFING_ARTIFACTS if set, else to the test's tmp_path.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from summarizer.article import Article
from summarizer.render import Format, IndexRow, render, render_index
from summarizer.render.view import items
from summarizer.schema import Briefing

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request, Route

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
REQUIRED = bool(os.environ.get("BRIEFING_REQUIRE_BROWSER"))
ARTIFACTS = os.environ.get("BRIEFING_ARTIFACTS")
# Read at import: the autouse isolated_env fixture clears BRIEFING_* for each test.

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason}, and BRIEFING_REQUIRE_BROWSER is set")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
        raise
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    folder = Path(ARTIFACTS) if ARTIFACTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Visit:
    """A page opened from file://, with everything it logged and requested."""

    page: Page
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def classes(self, selector: str, name: str) -> list[bool]:
        found: list[bool] = self.page.eval_on_selector_all(
            selector, "(els, name) => els.map((el) => el.classList.contains(name))", name
        )
        return found


@contextmanager
def _open(browser: Browser, html: str, path: Path, width: int = 1400) -> Iterator[Visit]:
    path.write_text(html, "utf-8")
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    visit = Visit(page, path.as_uri())

    def on_console(message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            visit.errors.append(f"{message.type}: {message.text}")

    def on_route(route: Route, request: Request) -> None:
        visit.requests.append(request.url)
        if request.url == visit.url:
            route.continue_()
        else:
            route.abort()

    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.errors.append(f"pageerror: {error}"))

    def on_dialog(dialog: Dialog) -> None:
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.route("**/*", on_route)
    page.goto(visit.url)
    page.wait_for_load_state("load")
    yield visit
    context.close()


@pytest.fixture
def example(
    browser: Browser, briefing: Briefing, article: Article, tmp_path: Path
) -> Iterator[Visit]:
    with _open(browser, render(briefing, article.text, Format.HTML), tmp_path / "b.html") as visit:
        yield visit


def test_loads_from_file_without_errors_or_requests(example: Visit) -> None:
    assert example.errors == []
    assert example.requests == [example.url]
    assert example.page.title().startswith("Briefing: US and Japan deepen military ties")


def test_every_located_span_is_highlighted_with_its_text(
    example: Visit, briefing: Briefing, article: Article
) -> None:
    shown: dict[str, str] = example.page.evaluate(
        """() => {
          const texts = {};
          for (const mark of document.querySelectorAll("#article-text mark")) {
            for (const key of mark.dataset.ev.split(" ")) {
              texts[key] = (texts[key] || "") + mark.textContent;
            }
          }
          return texts;
        }"""
    )
    expected = {
        item.evidence_key(n): article.text[e.start : e.end]
        for item in items(briefing)
        for n, e in enumerate(item.evidence)
        if e.verified and e.start is not None and e.end is not None
    }
    assert shown == expected
    assert example.page.text_content("#article-text") == article.text


def test_clicking_a_party_marks_its_spans(example: Visit) -> None:
    page = example.page
    page.click("#item-p6 .title")  # Lloyd Austin: two passages
    assert example.classes("#item-p6", "is-selected") == [True]
    selected = page.eval_on_selector_all(
        "#article-text mark.is-selected", "els => els.map((el) => el.dataset.ev)"
    )
    assert selected and all({"p6e0", "p6e1"} & set(ev.split()) for ev in selected)
    assert page.eval_on_selector_all(
        "#article-text mark", "els => els.filter((el) => /\\bp6e/.test(el.dataset.ev)).length"
    ) == len(selected)
    assert page.text_content("#selection") == "Lloyd Austin: 2 passages"
    assert example.classes(".item:not(#item-p6)", "is-selected") == [False] * 13
    page.keyboard.press("Escape")
    assert page.locator(".is-selected").count() == 0


def test_clicking_a_highlight_marks_its_items(example: Visit) -> None:
    page = example.page
    page.click('#article-text mark[data-ev="p7e0 p8e0"]')
    selected = page.eval_on_selector_all(".item.is-selected", "els => els.map((el) => el.id)")
    assert selected == ["item-p7", "item-p8"]
    assert page.text_content("#selection") == "Supports Yoko Kamikawa, Minoru Kihara"
    page.click('#article-text mark[data-ev="t2e0 p3e0"]')
    selected = page.eval_on_selector_all(".item.is-selected", "els => els.map((el) => el.id)")
    assert selected == ["item-t2", "item-p3"]
    assert example.errors == []


def test_keyboard_and_party_references_select_items(example: Visit) -> None:
    page = example.page
    page.focus("#item-p5")
    page.keyboard.press("Enter")
    assert page.text_content("#selection") == "Antony Blinken: 1 passage"
    page.click('#item-a1 .ref[data-ref="p1"]')
    selected = page.eval_on_selector_all(".item.is-selected", "els => els.map((el) => el.id)")
    assert selected == ["item-p1"]
    assert example.classes('mark[data-ev~="p1e1"]', "is-selected") == [True]


def test_clicking_an_evidence_scrolls_the_article_to_it(example: Visit) -> None:
    page = example.page
    page.click('#item-t1 .evidence[data-ev="t1e0"]')
    page.wait_for_function(
        """() => {
          const mark = document.querySelector('#article-text mark[data-ev~="t1e0"]');
          const pane = document.getElementById("article").getBoundingClientRect();
          const box = mark.getBoundingClientRect();
          return box.top >= pane.top && box.bottom <= pane.bottom;
        }"""
    )
    assert example.classes('.evidence[data-ev="t1e0"]', "is-selected") == [True]


def test_hovering_an_item_lights_its_spans(example: Visit) -> None:
    example.page.hover("#item-a1 .title")
    assert example.classes('mark[data-ev~="a1e0"]', "is-lit") == [True]


def test_unverified_evidence_is_visibly_marked(example: Visit) -> None:
    flagged = example.page.locator(".evidence.is-unverified")
    assert flagged.count() == 1
    assert "unverified: not found in the article" in (flagged.text_content() or "")
    assert flagged.evaluate("el => getComputedStyle(el).borderStyle") == "dashed"


def test_screenshots_of_the_page(example: Visit, artifacts: Path) -> None:
    page = example.page
    page.screenshot(path=str(artifacts / "briefing.png"))
    page.click("#item-t2 .title")
    page.wait_for_timeout(600)  # let the smooth scroll settle for the picture
    page.screenshot(path=str(artifacts / "briefing-selected.png"))
    page.pdf(path=str(artifacts / "briefing.pdf"), format="A4", print_background=True)
    assert (artifacts / "briefing.png").stat().st_size > 10_000
    assert (artifacts / "briefing.pdf").read_bytes().startswith(b"%PDF")


def test_the_threats_are_on_the_first_screen_however_many_parties(
    browser: Browser, briefing: Briefing, article: Article, tmp_path: Path, artifacts: Path
) -> None:
    extra = [
        party.model_copy(update={"id": f"{party.id}-{n}", "name": f"{party.name} {n}"})
        for n in range(4)
        for party in briefing.parties
    ]
    crowded = briefing.model_copy(update={"parties": [*briefing.parties, *extra]})
    assert len(crowded.parties) == 45
    html = render(crowded, article.text, Format.HTML)
    with _open(browser, html, tmp_path / "crowded.html") as visit:
        page = visit.page
        tops: dict[str, float] = page.evaluate(
            """() => Object.fromEntries(["item-t0", "item-p0"].map(
                (id) => [id, document.getElementById(id).getBoundingClientRect().top]))"""
        )
        assert tops["item-t0"] < 1000 < tops["item-p0"]
        row = page.locator("#item-p44")
        assert row.evaluate("el => el.tagName") == "TR"
        assert row.evaluate("el => el.getBoundingClientRect().height") < 60
        page.screenshot(path=str(artifacts / "briefing-crowded.png"), full_page=True)
        assert visit.errors == []


def test_a_partys_evidence_unfolds_when_its_highlight_is_clicked(example: Visit) -> None:
    page = example.page
    details = page.locator("#item-p5 details")
    assert details.evaluate("el => el.open") is False
    assert not page.locator('#item-p5 .evidence[data-ev="p5e0"]').is_visible()
    page.click('#article-text mark[data-ev~="p5e0"]')
    assert details.evaluate("el => el.open") is True
    assert page.locator('#item-p5 .evidence[data-ev="p5e0"]').is_visible()
    assert example.classes("#item-p5", "is-selected") == [True]
    page.click("#item-p5 summary")
    assert details.evaluate("el => el.open") is False
    assert page.text_content("#selection") == "Antony Blinken: 1 passage"


@pytest.fixture
def hostile_visit(
    browser: Browser, hostile: tuple[Article, Briefing], tmp_path: Path
) -> Iterator[Visit]:
    article, briefing = hostile
    with _open(browser, render(briefing, article.text, Format.HTML), tmp_path / "h.html") as visit:
        yield visit


def test_hostile_article_never_runs_and_shows_as_text(
    hostile_visit: Visit, hostile: tuple[Article, Briefing]
) -> None:
    article, _ = hostile
    page = hostile_visit.page
    for mark in page.locator("#article-text mark").all():
        mark.click()
    for item in page.locator(".item .title").all():
        item.click()
    state: dict[str, Any] = page.evaluate(
        """() => ({
          pwned: window.pwned ?? null,
          title: document.title,
          scripts: document.scripts.length,
          foreign: document.querySelectorAll("img, svg, iframe, b, i, time, body style").length,
          handlers: [...document.querySelectorAll("*")].flatMap(
            (el) => [...el.attributes].map((a) => a.name).filter((n) => n.startsWith("on"))),
          hidden: getComputedStyle(document.body).display,
        })"""
    )
    assert state == {
        "pwned": None,
        "title": "Briefing: <script>window.pwned = 11</script>Talks",
        "scripts": 1,
        "foreign": 0,
        "handlers": [],
        "hidden": "block",
    }
    assert page.text_content("#article-text") == article.text
    assert hostile_visit.dialogs == []
    assert hostile_visit.errors == []
    assert hostile_visit.requests == [hostile_visit.url]


def test_index_page_sorts_by_any_column(browser: Browser, tmp_path: Path, artifacts: Path) -> None:
    rows = [
        IndexRow("b", "b.html", "Beta talks", "in/b.txt", "ok", 4, 1, 2),
        IndexRow("a", "a.html", "Alpha summit", "in/a.txt", "ok", 9, 2, 3),
        IndexRow("c", None, None, "in/c.txt", "failed", error="in/c.txt: the article is empty"),
    ]
    with _open(browser, render_index(rows, "Batch"), tmp_path / "index.html") as visit:
        page = visit.page

        def column(n: int) -> list[str]:
            found: list[str] = page.eval_on_selector_all(
                f"tbody tr td:nth-child({n})", "els => els.map((el) => el.dataset.sort)"
            )
            return found

        page.click("th:nth-child(5) button")
        assert column(5) == ["-1", "4", "9"]
        page.click("th:nth-child(5) button")
        assert column(5) == ["9", "4", "-1"]
        assert page.get_attribute("th:nth-child(5)", "aria-sort") == "descending"
        page.click("th:nth-child(2) button")
        assert column(2) == ["Alpha summit", "Beta talks", "c"]
        page.screenshot(path=str(artifacts / "index.png"))
        assert visit.errors == [] and visit.requests == [visit.url]
