"""Briefings of four articles made by ``summarize()`` through the test server, and batch folders.

The VOA 2+2 article and three authored ones (``fixtures/articles/authored-*.txt``), each
answered with its authored reply (``fixtures/responses/authored/``). Across them the
United States is "United States", "Washington" and "U.S.", Lloyd Austin is also
"Austin" and Antony Blinken "Blinken"; the command upgrade is reported by two articles,
and so is North Korea's threat.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from summarizer.article import article_from_text
from summarizer.config import Settings
from summarizer.engines.select import close_engines
from summarizer.pipeline import summarize
from summarizer.schema import Briefing
from summarizer.testing import FakeServer, Reply, Request, fixture_reply

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

ARTICLES = {
    "authored-access-pact.txt": "access-pact",
    "authored-blinken-north-korea.txt": "blinken-north-korea",
    "authored-us-japan-command.txt": "us-japan-command",
    "voa-us-japan-2plus2.txt": "voa-2plus2",
}
"""Article file → name of its authored reply, in the order a batch folder lists them."""


@cache
def _made() -> dict[str, str]:
    """Article file → its briefing as JSON, made once per test run."""
    texts = {name: (FIXTURES / "articles" / name).read_text("utf-8") for name in ARTICLES}
    replies = {
        name: fixture_reply(FIXTURES / "responses" / "authored" / f"{reply}-json-schema.json")
        for name, reply in ARTICLES.items()
    }

    def answer(request: Request) -> Reply:
        prompt = json.dumps(request.json["messages"], ensure_ascii=False)
        name = next(n for n, text in texts.items() if text.splitlines()[0] in prompt)
        return replies[name]

    with FakeServer(answer) as server:
        settings = Settings(base_url=server.base_url, model="gpt-4o-mini")
        made = {
            name: summarize(article_from_text(text, source=name), settings=settings)
            for name, text in texts.items()
        }
        assert server.count == len(ARTICLES)
    close_engines()
    return {name: briefing.model_dump_json() for name, briefing in made.items()}


def made_briefings() -> dict[str, Briefing]:
    """A fresh copy of each article's briefing, by article file name."""
    return {name: Briefing.model_validate_json(data) for name, data in _made().items()}


def article_text(name: str) -> str:
    """The text evidence offsets of an article's briefing refer to."""
    return article_from_text((FIXTURES / "articles" / name).read_text("utf-8")).text


def write_batch(
    folder: Path,
    briefings: Mapping[str, Briefing],
    manifest: list[dict[str, Any]] | None = None,
) -> Path:
    """Write ``briefings`` as a batch would (NAME.json each) and ``manifest`` if given."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, briefing in briefings.items():
        (folder / f"{Path(name).stem}.json").write_text(briefing.model_dump_json(indent=2))
    if manifest is not None:
        lines = [json.dumps(entry) for entry in manifest]
        (folder / "manifest.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def ok_line(name: str, briefing: Briefing) -> dict[str, Any]:
    """The manifest line of an article the batch summarised."""
    return {
        "id": Path(name).stem,
        "source": name,
        "sha256": briefing.article.sha256,
        "status": "ok",
        "error": None,
        "output": f"{Path(name).stem}.json",
    }


@pytest.fixture
def briefings() -> dict[str, Briefing]:
    return made_briefings()


@pytest.fixture
def batch(tmp_path: Path, briefings: dict[str, Briefing]) -> Path:
    """A batch folder of the four briefings, with its manifest."""
    lines = [ok_line(name, b) for name, b in briefings.items()]
    return write_batch(tmp_path / "out", briefings, lines)
