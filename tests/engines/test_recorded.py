"""Replays of real server exchanges: the engine must still reach the recorded outcome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.errors import BriefingError
from summarizer.pipeline import summarize
from summarizer.prompts import load_prompts
from summarizer.testing import Script, fixture_reply
from tests.engines.conftest import EngineFactory

ROOT = Path(__file__).resolve().parents[2]
RECORDED = ROOT / "fixtures" / "responses" / "recorded"
OUTCOMES = sorted(RECORDED.glob("*.outcome.json"))


def _mode(request: dict[str, object]) -> str:
    if "tools" in request:
        return "tools"
    return str(request["response_format"]["type"])  # type: ignore[index]


@pytest.mark.parametrize(
    "outcome_path", OUTCOMES, ids=lambda p: p.name.removesuffix(".outcome.json")
)
def test_replay_reaches_the_recorded_outcome(
    make_engine: EngineFactory, outcome_path: Path
) -> None:
    recorded = json.loads(outcome_path.read_text("utf-8"))
    name = outcome_path.name.removesuffix(".outcome.json")
    files = [RECORDED / f"{name}-{n}.json" for n in range(1, recorded["responses"] + 1)]
    fixtures = [json.loads(f.read_text("utf-8")) for f in files]
    assert all(f["provenance"] == "recorded" and f["model"] and f["date"] for f in fixtures)
    script = Script([fixture_reply(f) for f in files])
    mode = fixtures[0]["request"].get("tool_choice") and "tools" or "auto"
    engine = make_engine(
        script,
        base_url="http://127.0.0.1:1/v1",
        model=recorded["model"],
        mode=mode,
        max_output_tokens=fixtures[0]["request"].get("max_tokens"),
        temperature=0.0,
        max_retries=0,
    )
    try:
        briefing = summarize(ROOT / recorded["article"], engine=engine)
    except BriefingError as exc:
        assert type(exc).__name__ == recorded["outcome"]
        assert str(exc) == recorded["message"]
    else:
        assert recorded["outcome"] == "ok"
        assert briefing.provenance.output_mode == recorded["output_mode"]
        assert briefing.provenance.attempts == recorded["attempts"]
        assert briefing.warnings == recorded["warnings"]
        for evidence in briefing.evidence():
            assert evidence.verified or evidence.start is None
    assert len(script.requests) == len(files)
    same_prompts = recorded["prompt_version"] == load_prompts().version
    for sent, fixture in zip(script.requests, fixtures, strict=True):
        assert _mode(sent.json) == _mode(fixture["request"])
        if same_prompts:
            assert sent.json["messages"] == fixture["request"]["messages"]


def test_recorded_fixtures_hold_no_secrets() -> None:
    for path in RECORDED.glob("*.json"):
        text = path.read_text("utf-8").lower()
        assert "authorization" not in text and "bearer " not in text and "sk-" not in text
