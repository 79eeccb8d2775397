from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.batch.remote.state import Round, RunState, SubmittedBatch
from summarizer.errors import InputError


def test_the_state_survives_a_save_and_knows_what_is_in_flight(tmp_path: Path) -> None:
    assert RunState.load(tmp_path) is None
    done = SubmittedBatch("round-1/requests-1.jsonl", 3, "file-1", "batch-1", "completed")
    done.collected = True
    running = SubmittedBatch("round-2/requests-1.jsonl", 1, "file-2", "batch-2", "in_progress")
    unsent = SubmittedBatch("round-2/requests-2.jsonl", 1)
    state = RunState("0123abcd", "key", [Round(1, [done]), Round(2, [running, unsent])])
    state.save(tmp_path)
    loaded = RunState.load(tmp_path)
    assert loaded == state
    assert loaded.in_flight() == [running]
    assert loaded.rounds[0].collected and not loaded.rounds[1].collected
    assert not list(tmp_path.glob(".*.tmp")), "written atomically"


def test_a_damaged_state_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "state.json").write_text("{")
    with pytest.raises(InputError, match="cannot be read"):
        RunState.load(tmp_path)
    (tmp_path / "state.json").write_text('{"format": "briefing-openai-batch/0", "rounds": []}')
    with pytest.raises(InputError, match="not the state of a briefing batch run"):
        RunState.load(tmp_path)
