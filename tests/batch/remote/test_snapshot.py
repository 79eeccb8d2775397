from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.article import Article
from summarizer.batch.remote.snapshot import Planned, read_snapshot, read_spec, write_snapshot
from summarizer.errors import ConfigError, InputError
from tests.batch.remote.conftest import spec_and_inputs


def test_a_snapshot_gives_back_the_spec_articles_passages_and_failures(tmp_path: Path) -> None:
    spec, inputs = spec_and_inputs(2)
    page = Article(
        text="First part.\n\nSecond part of the page.",
        source="https://example.org/story",
        title="Talks",
        url="https://example.org/story",
        date="2024-05-01",
        author="A. Writer",
        site="Example",
        encoding="utf-8",
        media_type="text/html",
    )
    chunked = Planned(2, "page", page.source, "page", page, ((0, 11), (13, 24)))
    unread = Planned(
        3, "gone.txt", "gone.txt", "gone", None, error=("failed", "gone.txt: no such file")
    )
    write_snapshot(tmp_path / "s.jsonl", spec, [*inputs, chunked, unread])
    read, again = read_snapshot(tmp_path / "s.jsonl")
    assert read == spec and read_spec(tmp_path / "s.jsonl") == spec
    assert again == [*inputs, chunked, unread]
    back = again[2]
    assert back.article == page and back.article.info() == page.info()
    assert [(p.text, p.offset, p.title) for p in back.passages] == [
        ("First part.", 0, "Talks"),
        ("Second part of the page.", 13, "Talks"),
    ]
    assert again[3].passages == [] and again[3].sha256 is None
    assert again[0].sha256 == inputs[0].article.sha256  # type: ignore[union-attr]


def test_damaged_or_foreign_snapshots_and_other_prompts_are_refused(tmp_path: Path) -> None:
    spec, inputs = spec_and_inputs(1)
    path = tmp_path / "s.jsonl"
    with pytest.raises(InputError, match="cannot be read"):
        read_spec(path)
    path.write_text('{"format": "other"}\n')
    with pytest.raises(InputError, match="not a briefing run snapshot"):
        read_snapshot(path)
    write_snapshot(path, spec, inputs)
    path.write_text(path.read_text() + '{"n": 1}\n')
    with pytest.raises(InputError, match=r"s.jsonl:3: damaged line"):
        read_snapshot(path)
    header = json.loads(path.read_text().splitlines()[0])
    header["spec"]["request"]["prompt_version"] = "extract-0"
    path.write_text(json.dumps(header) + "\n")
    with pytest.raises(ConfigError, match="made with prompts extract-0, this briefing has"):
        read_spec(path)


def test_the_spec_starts_exchanges_as_the_online_engine_does() -> None:
    from summarizer.config import Settings
    from summarizer.engines.openai import OpenAIEngine

    settings = Settings(api_key="k", model="m", temperature=0.2, max_output_tokens=900)
    spec, inputs = spec_and_inputs(1, settings)
    passage = inputs[0].passages[0]
    engine = OpenAIEngine(settings)
    online = engine.spec.exchange(passage, lambda reply: [])
    assert spec.request.exchange(passage, lambda reply: []).request() == online.request()
    assert spec.request.info() == engine.info
    assert len(spec.run) == 8 and spec.started().tzinfo is not None
