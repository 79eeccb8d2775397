"""Articles of a million characters or more, which the size cap (5 MB) lets through.

Both engines read them (in passages), and a batch over them, online or through the
Batch API's request files, finishes with a briefing for each.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from summarizer.article import article_from_text
from summarizer.cli.app import app
from summarizer.engines.offline import OfflineEngine
from summarizer.pipeline import summarize
from summarizer.testing import FakeServer, SchemaModel
from tests.batch.conftest import by_id
from tests.faults.conftest import engine_at

LEAD = (
    "Japan and the Philippines signed a reciprocal access agreement in Manila on Monday. "
    "China warned that the pact threatens regional stability.\n\n"
)
FILLER = "Notwithstanding" * 40 + ". "
"""Few words for many characters, so that parsing a million of them stays quick."""


def long_text(chars: int = 1_050_000) -> str:
    return LEAD + FILLER * (chars // len(FILLER) + 1)


def test_the_offline_engine_reads_an_article_of_over_a_million_characters() -> None:
    article = article_from_text(long_text())
    assert len(article.text) > 1_000_000
    briefing = summarize(article, engine=OfflineEngine())
    assert briefing.provenance.chunks > 1
    assert {"Japan", "Philippines"} <= {party.name for party in briefing.parties}


def test_the_model_engine_reads_an_article_of_over_a_million_characters() -> None:
    article = article_from_text(long_text())
    with FakeServer(SchemaModel()) as server:
        engine = engine_at(server.base_url)
        briefing = summarize(article, engine=engine)
        engine.close()
    assert briefing.provenance.chunks == server.count > 1


def test_a_batch_and_a_batch_export_of_long_articles_finish(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "long.txt").write_text(long_text(), "utf-8")
    (source / "short.txt").write_text(LEAD, "utf-8")
    runner = CliRunner()
    with FakeServer(SchemaModel()) as server:
        online = runner.invoke(
            app, ["batch", str(source), "-o", str(tmp_path / "out"), "--base-url", server.base_url]
        )
    assert online.exit_code == 0, online.stderr
    assert {line["status"] for line in by_id(tmp_path / "out").values()} == {"ok"}
    exported = runner.invoke(
        app,
        [
            "batch",
            "export",
            str(source),
            str(tmp_path / "requests.jsonl"),
            "--base-url",
            "http://x",
        ],
    )
    assert exported.exit_code == 0, exported.stderr
    lines = (tmp_path / "requests.jsonl").read_text("utf-8").splitlines()
    assert len(lines) > 2 and all(json.loads(line)["body"] for line in lines)
