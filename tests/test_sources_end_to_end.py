"""Every kind of source through ``summarize()``, against a loopback OpenAI-compatible server."""

from __future__ import annotations

import asyncio
import io
import json
import re
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.article import load_article
from summarizer.chunking import split_passages
from summarizer.config import Settings
from summarizer.engines.openai import OpenAIEngine
from summarizer.pipeline import asummarize, summarize
from summarizer.schema import Briefing, EvidenceStatus
from summarizer.testing import FakeServer, Reply, Request, SchemaModel, completion_body
from summarizer.testing.replies import Handler
from tests.pageserver import html, serve_pages

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "polygraph-rukban.html"
ARTICLE_TAG = re.compile(r"<(article-[0-9a-f]+)>\n(.*)\n</\1>", re.DOTALL)
ROUNDS = 400
BUDGET = 4000


def long_article() -> str:
    """About 21,000 words: each paragraph one round of talks, with its own measure."""
    paragraphs = []
    for n in range(ROUNDS):
        side = "the United States" if n % 2 else "the US"
        paragraphs.append(
            f"In round {n} of the talks in Tokyo, the ministers of Japan and {side} reviewed "
            f"the alliance at length. Delegates agreed on measure {n}. Officials said the "
            f"drills near the strait would continue for several weeks, and that the coast "
            f"guard patrols would be expanded. The delegation of Japan warned of threat {n} "
            f"from missile launches. Both sides said the talks continued in good faith."
        )
    return "\n\n".join(paragraphs)


class RoundsModel:
    """Answers each passage with the measures agreed in the rounds it contains.

    Calls the United States "US" in every passage but the first, so that merging must
    unify it; records how many requests were in flight at once.
    """

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.passages: list[str] = []
        self.in_flight = self.most_in_flight = 0
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Reply:
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            found = ARTICLE_TAG.search(request.json["messages"][-1]["content"])
            assert found, "the request carries no delimited article"
            passage = found.group(2)
            self.passages.append(passage)
        time.sleep(self.delay)
        rounds = [int(n) for n in re.findall(r"Delegates agreed on measure (\d+)\.", passage)]
        us = "US" if rounds[0] else "United States"
        reply: dict[str, Any] = {
            "headline": f"Japan and the US agree on measures {rounds[0]} to {rounds[-1]}",
            "summary": "Ministers of Japan and the United States met for rounds of talks.",
            "parties": [
                party("Japan", [f"In round {rounds[0]} of the talks in Tokyo"]),
                party(us, [f"Delegates agreed on measure {rounds[0]}."]),
            ],
            "agreements": [
                {
                    "what": f"measure {n}",
                    "parties": ["Japan", us],
                    "status": "agreed",
                    "date": None,
                    "quotes": [f"Delegates agreed on measure {n}."],
                }
                for n in rounds
            ],
            "threats": [],
        }
        with self._lock:
            self.in_flight -= 1
        return Reply(body=completion_body(json.dumps(reply)))


def party(name: str, quotes: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "kind": "state",
        "aliases": [],
        "role": None,
        "affiliation": None,
        "quotes": quotes,
    }


def engine_for(server: FakeServer, **settings: Any) -> OpenAIEngine:
    return OpenAIEngine(Settings(base_url=server.base_url, api_key="test", **settings))


def run(source: str | Path, model: Handler, **settings: Any) -> Briefing:
    """The briefing of ``source`` by an engine talking to ``model`` on a loopback server."""
    with FakeServer(model) as server:
        engine = engine_for(server, **settings)
        try:
            return summarize(source, engine=engine)
        finally:
            engine.close()


def check_evidence(briefing: Briefing, text: str) -> None:
    evidence = briefing.evidence()
    assert evidence
    for item in evidence:
        assert item.status in {EvidenceStatus.EXACT, EvidenceStatus.NORMALISED}, item
        assert item.start is not None and item.end is not None
        assert text[item.start : item.end] == item.text
    assert briefing.article.chars == len(text)


@pytest.fixture
def long_file(tmp_path: Path) -> Path:
    path = tmp_path / "long-report.txt"
    path.write_text(long_article(), "utf-8")
    return path


def test_a_20000_word_article_is_chunked_extracted_and_merged(long_file: Path) -> None:
    article = load_article(long_file)
    assert len(article.text.split()) > 20_000
    model = RoundsModel()
    briefing = run(long_file, model, max_input_tokens=BUDGET)
    passages = split_passages(article, BUDGET)
    assert briefing.provenance.chunks == len(passages) > 5
    assert sorted(model.passages) == sorted(p.text for p in passages)
    assert briefing.provenance.attempts == len(passages)
    assert briefing.provenance.usage.total_tokens == 200 * len(passages)
    assert [p.name for p in briefing.parties] == ["Japan", "United States"]
    assert "US" in briefing.parties[1].aliases
    # the rounds read twice in the overlap between passages are one agreement each
    assert [a.what for a in briefing.agreements] == [f"measure {n}" for n in range(ROUNDS)]
    check_evidence(briefing, article.text)
    for n, agreement in enumerate(briefing.agreements):
        (evidence,) = agreement.evidence
        assert evidence.start == article.text.index(f"Delegates agreed on measure {n}.")
        assert agreement.party_ids == [p.id for p in briefing.parties]
    assert briefing.headline == "Japan and the US agree on measures 0 to " + str(
        max(int(n) for n in re.findall(r"measure (\d+)\.", passages[0].text))
    )


def test_the_async_path_extracts_chunks_concurrently(long_file: Path) -> None:
    model = RoundsModel(delay=0.2)

    async def run(engine: OpenAIEngine) -> Briefing:
        try:
            return await asummarize(long_file, engine=engine)
        finally:
            await engine.aclose()

    with FakeServer(model) as server:
        briefing = asyncio.run(run(engine_for(server, max_input_tokens=BUDGET)))
    assert model.most_in_flight > 1
    assert [a.what for a in briefing.agreements] == [f"measure {n}" for n in range(ROUNDS)]
    check_evidence(briefing, load_article(long_file).text)


def test_an_article_within_the_budget_is_one_request(example_path: Path) -> None:
    model = SchemaModel()
    briefing = run(example_path, model)
    assert briefing.provenance.chunks == 1
    assert len(model.requests) == 1
    check_evidence(briefing, load_article(example_path).text)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_pages({"/story": html(PAGE.read_bytes())}) as root:
        yield root


def briefing_of(source: str | Path) -> Briefing:
    return run(source, BodyModel())


class BodyModel:
    """Quotes the first and the last sentence of the article text it is sent."""

    def __call__(self, request: Request) -> Reply:
        found = ARTICLE_TAG.search(request.json["messages"][-1]["content"])
        assert found
        body = re.sub(r"\ATitle: [^\n]*\n\n", "", found.group(2))
        sentences = re.findall(r"[^.!?\n]{20,}[.!?]", body)
        name = re.findall(r"\b[A-Z][a-zé]+", body)[0]
        reply = {
            "headline": sentences[0][:60],
            "summary": sentences[0],
            "parties": [party(name, [sentences[0].strip()])],
            "agreements": [],
            "threats": [
                {
                    "what": "the threat described",
                    "source": name,
                    "targets": [],
                    "domain": "other",
                    "severity": "low",
                    "quotes": [sentences[-1].strip()],
                }
            ],
        }
        return Reply(body=completion_body(json.dumps(reply)))


def test_a_saved_page() -> None:
    briefing = briefing_of(PAGE)
    article = load_article(PAGE)
    check_evidence(briefing, article.text)
    assert briefing.article.title == article.title
    assert briefing.article.site == "POLYGRAPH.info"


def test_a_url(site: str) -> None:
    briefing = briefing_of(f"{site}/story")
    check_evidence(briefing, load_article(PAGE).text)
    assert briefing.article.url == f"{site}/story"
    assert briefing.article.source == f"{site}/story"


def test_standard_input(monkeypatch: pytest.MonkeyPatch, example_path: Path) -> None:
    raw = io.BufferedReader(io.BytesIO(example_path.read_bytes()))  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))
    briefing = briefing_of("-")
    check_evidence(briefing, load_article(example_path).text)
    assert briefing.article.source == "-"


def test_a_latin1_file(tmp_path: Path) -> None:
    text = (
        "Accord à Genève\n\nLe ministre français des Affaires étrangères et son homologue "
        "suisse ont signé jeudi à Genève un accord de coopération en matière de sécurité. "
        "Les deux pays s'engagent à échanger des informations sur les menaces.\n"
    )
    path = tmp_path / "accord.txt"
    path.write_bytes(text.encode("latin-1"))
    briefing = briefing_of(path)
    check_evidence(briefing, text.strip())
    assert any("é" in (e.text or "") for e in briefing.evidence())
