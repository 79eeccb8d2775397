"""``briefing batch --via openai-batch``, and ``batch status`` of the runs it leaves."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.testing import BatchAPI, FakeServer, SchemaModel
from tests.batch.conftest import by_id, write_articles
from tests.batch.remote.conftest import FirstReplyUngrounded
from tests.cli.conftest import Invoke


def test_via_openai_batch_and_status(invoke: Invoke, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 30)
    api = BatchAPI(FirstReplyUngrounded(4))
    out = str(tmp_path / "out")
    with FakeServer(api) as server:
        base = ["--base-url", server.base_url, "--poll-interval", "0"]
        run = invoke(
            "batch",
            str(tmp_path / "in"),
            "-o",
            out,
            "--via",
            "openai-batch",
            *base,
            "--batch-size",
            "12",
        )
    assert run.exit_code == 0, run.stderr
    assert "ok" in run.stderr and "30" in run.stderr and api.created == 4
    status = invoke("batch", "status", out)
    assert status.exit_code == 0
    assert "30 ok" in status.stdout and "the run is finished" in status.stdout
    assert "batch-00002" in status.stdout and "completed" in status.stdout
    document = json.loads(invoke("batch", "status", out, "--json").stdout)
    assert document["inputs"] == {"ok": 30} and document["run"]["finished"]
    assert [[b["requests"] for b in r["batches"]] for r in document["rounds"]] == [[12, 12, 6], [1]]


def test_detach_leaves_the_batches_running_until_the_command_is_run_again(
    invoke: Invoke, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 3)
    api = BatchAPI(SchemaModel())
    out = str(tmp_path / "out")
    with FakeServer(api) as server:
        args = [
            "batch",
            str(tmp_path / "in"),
            "-o",
            out,
            "--via",
            "openai-batch",
            "--base-url",
            server.base_url,
        ]
        detached = invoke(*args, "--detach")
        assert detached.exit_code == 75, detached.stderr
        assert (
            "1 batch(es) still running (batch-00002): run the same command again" in detached.stderr
        )
        waiting = json.loads(invoke("batch", "status", out, "--json").stdout)
        assert waiting["inputs"] == {"skipped": 3} and waiting["run"]["in_flight"] == [
            "batch-00002"
        ]
        assert "1 batch(es) in flight" in invoke("batch", "status", out).stdout
        collected = invoke(*args, "--poll-interval", "0", "-q")
    assert collected.exit_code == 0 and collected.stderr == "" and api.created == 1
    assert {line["status"] for line in by_id(tmp_path / "out").values()} == {"ok"}


def test_options_that_do_not_go_together_are_usage_errors(invoke: Invoke, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 1)
    args = ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out")]
    online_only = invoke(*args, "--reask", "online", "--engine", "offline")
    assert online_only.exit_code == 2 and "go with --via openai-batch" in online_only.stderr
    budget = invoke(
        *args, "--via", "openai-batch", "--max-tokens", "10", "--base-url", "http://x/v1"
    )
    assert budget.exit_code == 2 and "--max-tokens is for online runs" in budget.stderr
    offline = invoke(*args, "--via", "openai-batch", "--engine", "offline")
    assert offline.exit_code == 2 and "needs a model" in offline.stderr
    unconfigured = invoke(*args, "--via", "openai-batch")
    assert unconfigured.exit_code == 3 and "no model endpoint" in unconfigured.stderr
