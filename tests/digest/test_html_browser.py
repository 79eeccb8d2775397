"""The digest page in headless Chromium: its filters narrow the cards as a reader types.

Uses the browser fixtures of ``tests/render/test_html_browser.py`` (Debian's chromium,
never ``playwright install``; skipped without it unless BRIEFING_REQUIRE_BROWSER is set).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from summarizer.digest import build_digest, digest_page
from summarizer.schema import AgreementStatus, Briefing, PartyKind
from tests.digest.conftest import ARTICLES, made_briefings
from tests.render.test_html_browser import Visit, _open, artifacts, browser  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

NAMES = list(ARTICLES)
WORDS = [f"{a}{b}" for a in "bcdfghjklmnpqrstvwxz" for b in ("ar", "ev", "il", "os", "un", "ay")]


def _batch() -> list[Briefing]:
    """The four briefings, then 80 dated copies of the access pact, each with a partner of
    its own (so 80 more agreements, past the 50 a page shows before folding)."""
    made = made_briefings()
    found = [made[name] for name in NAMES]
    for n in range(80):
        copy = made[NAMES[0]].model_copy(deep=True)
        copy.article.sha256 = f"{n + 1:064x}"
        copy.article.date = f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        partner = copy.parties[0].model_copy(
            update={"id": f"p{n}", "name": f"{WORDS[n].title()} Corp", "kind": PartyKind.COMPANY}
        )
        partner.country_code = partner.cameo_code = None
        copy.parties.append(partner)
        copy.agreements[0].party_ids = [partner.id]
        copy.agreements[0].status = AgreementStatus.SIGNED if n % 2 else AgreementStatus.PROPOSED
        found.append(copy)
    return found


@pytest.fixture(scope="module")
def document() -> str:
    return digest_page(build_digest(_batch()))


@pytest.fixture
def visit(browser: Browser, document: str, tmp_path: Path) -> Iterator[Visit]:  # noqa: F811
    with _open(browser, document, tmp_path / "digest.html") as opened:
        yield opened


def _shown(visit: Visit) -> list[dict[str, str]]:
    shown: list[dict[str, str]] = visit.page.eval_on_selector_all(
        "li.item[data-kind]",
        "(cards) => cards.filter((c) => c.checkVisibility()).map((c) => ({...c.dataset}))",
    )
    return shown


def test_loads_without_errors_or_requests(visit: Visit, artifacts: Path) -> None:  # noqa: F811
    assert visit.errors == [] and visit.requests == [visit.url]
    assert visit.page.title() == "Digest of 84 articles"
    assert len(_shown(visit)) == 50 + 3  # agreements past 50 folded; the three threats
    visit.page.screenshot(path=str(artifacts / "digest-summary.png"))


def test_text_kind_status_party_and_dates_narrow_the_cards(
    visit: Visit,
    artifacts: Path,  # noqa: F811
) -> None:
    page = visit.page
    page.fill("#q", "nuclear")
    shown = _shown(visit)
    assert shown and all("nuclear" in card["text"] for card in shown)
    assert page.text_content("#shown") == f"{len(shown)} of 87 events shown"
    page.fill("#q", "")
    page.select_option("#kind", "threat")
    assert {card["kind"] for card in _shown(visit)} == {"threat"} and len(_shown(visit)) == 3
    page.select_option("#kind", "")
    page.select_option("#status", "signed")
    signed = _shown(visit)
    assert len(signed) == 1 + 40 and {card["state"] for card in signed} == {"signed"}
    page.fill("#party", WORDS[75].title())
    (only,) = _shown(visit)
    assert f"{WORDS[75]} corp" in only["parties"]
    page.fill("#party", "")
    page.select_option("#status", "")
    page.fill("#from", "2024-12-01")
    late = _shown(visit)
    assert late and all(card["last"] >= "2024-12-01" for card in late)
    page.screenshot(path=str(artifacts / "digest-filtered.png"))
    page.fill("#from", "")
    assert len(_shown(visit)) == 87  # folded lists stay open once a filter has been used
    assert visit.errors == []
