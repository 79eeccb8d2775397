"""``briefing batch --via openai-batch``, and ``batch status`` of the runs it leaves."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.digest.load import digest_folder
from summarizer.testing import BatchAPI, FakeServer, SchemaModel
from tests.batch.conftest import by_id, write_articles
from tests.batch.remote.conftest import FirstReplyUngrounded
from tests.cli.conftest import Invoke


def test_a_thousand_articles_via_openai_batch_one_reply_reasked(
    invoke: Invoke, tmp_path: Path
) -> None:
    write_articles(tmp_path / "in", 1000)
    model = FirstReplyUngrounded(417)
    api = BatchAPI(model)
    out = str(tmp_path / "out")
    with FakeServer(api) as server:
        run = invoke(
            "batch",
            str(tmp_path / "in"),
            "-o",
            out,
            "--via",
            "openai-batch",
            "--base-url",
            server.base_url,
            "--poll-interval",
            "0",
            "--batch-size",
            "300",
        )
    assert run.exit_code == 0, run.stderr
    assert api.created == 5 and len(model.requests) == 1001
    lines = by_id(tmp_path / "out")
    assert len(lines) == 1000 and {line["status"] for line in lines.values()} == {"ok"}
    reasked = json.loads((tmp_path / "out" / "article-417.json").read_text())
    assert reasked["provenance"]["attempts"] == 2 and reasked["warnings"] == []
    status = invoke("batch", "status", out)
    assert status.exit_code == 0
    assert "1000 ok" in status.stdout and "the run is finished" in status.stdout
    assert "batch-00002" in status.stdout and "completed" in status.stdout
    document = json.loads(invoke("batch", "status", out, "--json").stdout)
    assert document["inputs"] == {"ok": 1000} and document["run"]["finished"]
    batches = [[b["requests"] for b in r["batches"]] for r in document["rounds"]]
    assert batches == [[300, 300, 300, 100], [1]]
    assert len(digest_folder(tmp_path / "out").articles) == 1000


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
