"""``briefing batch export`` and ``briefing batch import``."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.testing import run_batch_file
from tests.batch.conftest import by_id, write_articles
from tests.batch.remote.conftest import FirstReplyUngrounded
from tests.cli.conftest import Invoke


def test_export_run_elsewhere_import(invoke: Invoke, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    requests = tmp_path / "requests.jsonl"
    exported = invoke(
        "batch", "export", str(tmp_path / "in"), str(requests), "-m", "Qwen/Qwen2.5-7B-Instruct"
    )
    assert exported.exit_code == 0, exported.stderr
    assert "wrote 3 requests for 4 inputs (1 could not be read)" in exported.stderr
    assert "requests.articles.jsonl" in exported.stderr
    model = FirstReplyUngrounded(1)
    (tmp_path / "results.jsonl").write_bytes(run_batch_file(requests.read_bytes(), model))
    out = str(tmp_path / "out")
    waiting = invoke(
        "batch",
        "import",
        str(requests),
        str(tmp_path / "results.jsonl"),
        "-o",
        out,
        "--next",
        str(tmp_path / "next.jsonl"),
    )
    assert waiting.exit_code == 75 and "wrote 1 request to" in waiting.stderr
    (tmp_path / "results-2.jsonl").write_bytes(
        run_batch_file((tmp_path / "next.jsonl").read_bytes(), model)
    )
    done = invoke(
        "batch",
        "import",
        str(requests),
        str(tmp_path / "results.jsonl"),
        str(tmp_path / "results-2.jsonl"),
        "-o",
        out,
    )
    assert done.exit_code == 30, done.stderr
    lines = by_id(tmp_path / "out")
    assert [line["status"] for line in lines.values()] == ["ok", "ok", "ok", "failed"]
    assert json.loads((tmp_path / "out" / "article-000.json").read_text())["provenance"][
        "model"
    ] == ("Qwen/Qwen2.5-7B-Instruct")
    digest = invoke("digest", out, "-o", str(tmp_path / "digest.json"))
    assert digest.exit_code == 0, digest.stderr
    both = invoke(
        "batch",
        "import",
        str(requests),
        str(tmp_path / "results.jsonl"),
        "-o",
        out,
        "--next",
        "x.jsonl",
        "--reask-online",
    )
    assert both.exit_code == 2 and "choose one" in both.stderr
