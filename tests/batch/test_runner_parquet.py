"""The local runner writing Parquet parts (``--output-format parquet``): resume, kill, mixing."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from summarizer.batch.parquet_results import read_result_lines
from summarizer.batch.result_row import part_files
from summarizer.batch.results import iter_results
from summarizer.errors import InputError
from summarizer.schema import Briefing
from summarizer.testing import FakeServer, Reply, Request, SchemaModel
from tests.batch.conftest import (
    article_number,
    by_id,
    engine_on,
    requests_per_article,
    run_batch,
    write_articles,
)
from tests.cli.test_batch import cached_articles

ROOT = Path(__file__).resolve().parents[2]


def _row_ids(out: Path) -> list[str]:
    return [i for part in part_files(out) for i in pq.read_table(part).column("id").to_pylist()]


def test_briefings_go_into_parts_and_a_rerun_asks_nothing(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "in", 5)
    paths[4].write_text("   ", "utf-8")
    report = run_batch(tmp_path / "in", tmp_path / "out", engine_on(SchemaModel()), parquet=True)
    assert report.counts == Counter({"ok": 4, "failed": 1})
    assert not list((tmp_path / "out").glob("*.json")), "no briefing file of its own"
    rows = {row.line.id: row for row in iter_results(tmp_path / "out")}
    assert {key: row.line.status for key, row in rows.items()} == {
        **{f"article-{n:03d}.txt": "ok" for n in range(4)},
        "article-004.txt": "failed",
    }
    for key in ("article-000.txt", "article-003.txt"):
        briefing = rows[key].briefing
        assert briefing is not None and Briefing.model_validate_json(briefing).parties
    part = part_files(tmp_path / "out")[0].name
    assert {line["output"] for line in by_id(tmp_path / "out").values()} == {part, None}

    model = SchemaModel()
    again = run_batch(tmp_path / "in", tmp_path / "out", engine_on(model), parquet=True)
    assert model.requests == [] and again.earlier == 4 and again.counts == report.counts
    rows_per_id = Counter(_row_ids(tmp_path / "out"))
    assert rows_per_id["article-000.txt"] == 1, "no briefing is written twice"
    assert rows_per_id["article-004.txt"] == 2, "an unreadable input is read again"

    paths[1].write_text(paths[1].read_text() + " Manila welcomed the pact.", "utf-8")
    changed = SchemaModel()
    run_batch(tmp_path / "in", tmp_path / "out", engine_on(changed), parquet=True)
    assert requests_per_article(changed.requests) == {1: 1}
    assert read_result_lines(tmp_path / "out")["article-001.txt"].status == "ok"
    latest = {row.line.id: row.briefing for row in iter_results(tmp_path / "out")}
    sha256 = Briefing.model_validate_json(latest["article-001.txt"] or "").article.sha256
    assert sha256 == read_result_lines(tmp_path / "out")["article-001.txt"].sha256
    assert Counter(_row_ids(tmp_path / "out"))["article-001.txt"] == 2, "the last row wins"


def test_a_folder_of_one_form_refuses_results_of_the_other(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    run_batch(tmp_path / "in", tmp_path / "json", engine_on(SchemaModel()))
    run_batch(tmp_path / "in", tmp_path / "parts", engine_on(SchemaModel()), parquet=True)
    before = sorted(p.name for p in (tmp_path / "json").iterdir())
    with pytest.raises(InputError, match="holds JSON results"):
        run_batch(tmp_path / "in", tmp_path / "json", engine_on(SchemaModel()), parquet=True)
    assert sorted(p.name for p in (tmp_path / "json").iterdir()) == before
    with pytest.raises(InputError, match="holds Parquet results"):
        run_batch(tmp_path / "in", tmp_path / "parts", engine_on(SchemaModel()))
    assert not list((tmp_path / "parts").glob("*.json"))


def _batch(source: Path, out: Path, base_url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "summarizer", "batch", str(source), "-o", str(out), "-q"]
    command += ["--base-url", base_url, "--jobs", "4", "--output-format", "parquet"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_kill_9_then_rerun_gives_every_article_one_row_and_no_second_request(
    tmp_path: Path,
) -> None:
    count = 12
    write_articles(tmp_path / "in", count)
    model = SchemaModel()
    process: list[subprocess.Popen[bytes]] = []
    answered: list[tuple[int, int]] = []
    run = [1]
    arrivals = itertools.count(1)

    def handler(request: Request) -> Reply:
        if next(arrivals) == 7:
            os.kill(process[0].pid, signal.SIGKILL)
        try:
            reply = model(request)
        except ValueError:  # a body cut short by the kill
            return Reply(status=400)
        answered.append((run[0], article_number(request)))
        return replace(reply, delay=0.02)

    with FakeServer(handler) as server:
        process.append(_batch(tmp_path / "in", tmp_path / "out", server.base_url))
        process[0].communicate(timeout=60)
        assert process[0].returncode == -signal.SIGKILL
        finished = cached_articles(count, server.base_url)
        run[0] = 2
        rerun = _batch(tmp_path / "in", tmp_path / "out", server.base_url)
        _, stderr = rerun.communicate(timeout=60)
        assert rerun.returncode == 0, stderr.decode()
    again = {number for phase, number in answered if phase == 2}
    assert not again & finished, "a reply that arrived is never asked for again (the cache)"
    assert again | finished == set(range(count))
    lines = read_result_lines(tmp_path / "out")
    assert sorted(lines) == [f"article-{n:03d}.txt" for n in range(count)]
    assert {line.status for line in lines.values()} == {"ok"}
    assert not list((tmp_path / "out").glob(".*.tmp")), "no half-written part is left"


def test_the_command_line_writes_parts_locally_and_refuses_what_does_not_go(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from summarizer.cli.app import app

    write_articles(tmp_path / "in", 2)
    runner = CliRunner()
    source, out = str(tmp_path / "in"), str(tmp_path / "out")
    ran = runner.invoke(
        app, ["batch", source, "-o", out, "--engine", "offline", "--output-format", "parquet"]
    )
    assert ran.exit_code == 0, ran.stderr
    assert sorted(read_result_lines(tmp_path / "out")) == ["article-000.txt", "article-001.txt"]
    for extra in (["--html"], ["--via", "openai-batch"]):
        wrong = runner.invoke(
            app, ["batch", source, "-o", out, "--output-format", "parquet", *extra]
        )
        assert wrong.exit_code == 2 and "parquet" in wrong.stderr


def test_a_failing_rerun_keeps_every_briefing_and_the_folder_says_what_made_them(
    tmp_path: Path,
) -> None:
    from summarizer.batch import folder_status
    from summarizer.digest import digest_folder

    source, out = tmp_path / "in", tmp_path / "out"
    write_articles(source, 4)
    run_batch(source, out, engine_on(SchemaModel()), parquet=True)
    before = {row.line.id: row.briefing for row in iter_results(out)}
    made = {key: line.settings for key, line in read_result_lines(out).items()}

    down = engine_on(lambda _request: Reply(status=503), model="other", max_retries=0)
    report = run_batch(source, out, down, parquet=True)
    assert report.counts == Counter({"failed": 4}) and report.kept == 4
    for key, row in {row.line.id: row for row in iter_results(out)}.items():
        assert row.line.status == "failed" and row.line.settings != made[key]
        assert row.briefing == before[key], "the briefing an earlier run made is kept"
        assert row.line.output_settings == made[key], "and which settings made it"
    journal = by_id(out)
    assert all(line["output"] == journal["article-000.txt"]["output"] for line in journal.values())
    assert {line["output_settings"] for line in journal.values()} == set(made.values())
    assert digest_folder(out).article_count == 4, "the digest still reads them"

    def half(request: Request) -> Reply:  # another model answers for two articles only
        return SchemaModel()(request) if article_number(request) < 2 else Reply(status=503)

    other = engine_on(half, model="other", max_retries=0)
    run_batch(source, out, other, parquet=True, retry_failed=True)
    status = folder_status(out)
    assert status["inputs"] == {"ok": 2, "failed": 2}
    made_with = sorted((group["made_with"] or "").split()[:2] for group in status["briefings"])
    assert made_with == [["openai", "gpt-4o-mini"], ["openai", "other"]]
    assert [group["count"] for group in status["briefings"]] == [2, 2]
    assert len(digest_folder(out).made_with) == 2
