"""``briefing batch`` end to end: in process, and as a real process killed or interrupted."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.article import article_from_text
from summarizer.cache import CACHE_FILE, cache_key
from summarizer.cli.app import app
from summarizer.config import Settings
from summarizer.engines.base import Passage
from summarizer.engines.openai import OpenAIEngine
from summarizer.schema import Briefing
from summarizer.testing import FakeServer, Reply, Request, SchemaModel
from tests.batch.conftest import (
    article_number,
    article_text,
    by_id,
    requests_per_article,
    write_articles,
)

ROOT = Path(__file__).resolve().parents[2]


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, ["batch", *args], catch_exceptions=False)


def test_help_ends_with_examples() -> None:
    result = CliRunner().invoke(app, ["batch", "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "Examples:" in result.output and "briefing batch wires/ -o briefings/" in result.output


def test_mixed_folder_each_bad_file_fails_alone_the_rest_succeed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_MAX_BYTES", "100000")
    source = tmp_path / "in"
    write_articles(source, 3)
    page = ROOT / "fixtures" / "pages" / "polygraph-rukban.html"
    (source / "page.html").write_bytes(page.read_bytes())
    (source / "big.txt").write_text(article_text(9) * 1000, "utf-8")
    (source / "nested").mkdir()
    (source / "nested" / "story.md").write_text(article_text(3), "utf-8")
    (source / "empty.txt").write_bytes(b"")
    (source / "blank.md").write_text(" \n\t\n", "utf-8")
    (source / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe" * 20)
    (source / "missing.txt").symlink_to(tmp_path / "nowhere.txt")
    with FakeServer(SchemaModel()) as server:
        result = invoke(str(source), "-o", str(tmp_path / "out"), "--base-url", server.base_url)
    assert result.exit_code == 30  # type: ignore[attr-defined]
    lines = by_id(tmp_path / "out")
    failed = {key: line["error"] for key, line in lines.items() if line["status"] == "failed"}
    assert set(failed) == {"empty.txt", "blank.md", "binary.txt", "missing.txt", "big.txt"}
    assert failed["missing.txt"].endswith("missing.txt: no such file")
    assert failed["empty.txt"].endswith("empty.txt: the article is empty")
    assert failed["binary.txt"].endswith("binary.txt: looks like a PNG image, not text or HTML")
    assert "over the 100,000-byte limit" in failed["big.txt"]
    for error in failed.values():
        assert "\n" not in error and "Traceback" not in error
    ok = [line for line in lines.values() if line["status"] == "ok"]
    assert len(ok) == 5 and server.count == 5
    assert (tmp_path / "out" / "nested" / "story.json").is_file()
    html = Briefing.model_validate_json((tmp_path / "out" / "page.json").read_text())
    assert html.article.title == (
        "Russia and Syria: U.S.-backed Syrian Forces Blocking Refugee Return"
    )
    for line in ok:
        Briefing.model_validate_json((tmp_path / "out" / line["output"]).read_text())
    stderr = result.stderr  # type: ignore[attr-defined]
    assert "briefing batch" in stderr and "5 inputs did not succeed" in stderr


def test_jsonl_records_and_a_rerun_from_the_cache_into_another_folder(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    (tmp_path / "a.txt").write_text(article_text(1), "utf-8")
    records.write_text(
        json.dumps({"id": "wire/0", "text": article_text(0), "title": "Pact"})
        + "\n"
        + json.dumps({"id": "wire/1", "path": "a.txt"})
        + "\n"
        + "{broken\n",
        "utf-8",
    )
    model = SchemaModel()
    with FakeServer(model) as server:
        first = invoke(str(records), "-o", str(tmp_path / "one"), "--base-url", server.base_url)
        second = invoke(str(records), "-o", str(tmp_path / "two"), "--base-url", server.base_url)
        third = invoke(
            str(records), "-o", str(tmp_path / "three"), "--base-url", server.base_url, "--no-cache"
        )
    assert first.exit_code == second.exit_code == third.exit_code == 30  # type: ignore[attr-defined]
    assert requests_per_article(model.requests) == {0: 2, 1: 2}, "cached once, then --no-cache"
    lines = by_id(tmp_path / "two")
    assert [line["status"] for line in lines.values()] == ["ok", "ok", "failed"]
    assert lines["wire/0"]["output"] == "wire_0.json" and lines["line-3"]["output"] is None
    assert "cache hits" in second.stderr  # type: ignore[attr-defined]
    briefing = Briefing.model_validate_json((tmp_path / "two" / "wire_0.json").read_text())
    assert briefing.article.title == "Pact"


def test_quiet_prints_nothing_and_bad_arguments_are_clear(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 1)
    with FakeServer(SchemaModel()) as server:
        quiet = invoke(
            str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "--base-url", server.base_url
        )
    assert quiet.exit_code == 0 and quiet.stderr == ""  # type: ignore[attr-defined]
    same = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "in"), "--engine", "offline")
    assert same.exit_code == 2 and "must not be the input folder" in same.stderr  # type: ignore[attr-defined]
    (tmp_path / "empty").mkdir()
    empty = invoke(str(tmp_path / "empty"), "-o", str(tmp_path / "o2"), "--engine", "offline")
    assert empty.exit_code == 10 and "no articles found" in empty.stderr  # type: ignore[attr-defined]


def batch_process(source: Path, out: Path, base_url: str, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "summarizer", "batch", str(source), "-o", str(out)]
    command += ["--base-url", base_url, "--jobs", "4", *extra]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def cached_articles(count: int, base_url: str) -> set[int]:
    """Which numbered articles have a reply in the response cache."""
    import sqlite3

    fingerprint = OpenAIEngine(Settings(base_url=base_url)).info.fingerprint
    keys = {
        cache_key(fingerprint, Passage(article_from_text(article_text(n)).text)): n
        for n in range(count)
    }
    path = Path(os.environ["BRIEFING_CACHE_DIR"]) / CACHE_FILE
    with sqlite3.connect(path) as db:
        stored = {row[0] for row in db.execute("SELECT key FROM responses")}
    return {number for key, number in keys.items() if key in stored}


@pytest.mark.parametrize("kill_at", [1, 6, 13])
def test_kill_9_then_rerun_finishes_every_article_exactly_once(
    tmp_path: Path, kill_at: int
) -> None:
    count = 16
    write_articles(tmp_path / "in", count)
    model = SchemaModel()
    process: list[subprocess.Popen[bytes]] = []
    run = [1]
    answered: list[tuple[int, int]] = []  # (run, article) of each request answered
    arrivals = itertools.count(1)  # numbers requests atomically across server threads

    def handler(request: Request) -> Reply:
        if next(arrivals) == kill_at:
            os.kill(process[0].pid, signal.SIGKILL)
        try:
            reply = model(request)
        except ValueError:  # a body cut short by the kill
            return Reply(status=400)
        answered.append((run[0], article_number(request)))
        return replace(reply, delay=0.02)

    with FakeServer(handler) as server:
        process.append(batch_process(tmp_path / "in", tmp_path / "out", server.base_url, "-q"))
        process[0].communicate(timeout=60)
        assert process[0].returncode == -signal.SIGKILL
        finished = cached_articles(count, server.base_url)
        written = {int(p.stem.split("-")[1]) for p in (tmp_path / "out").glob("article-*.json")}
        assert written <= finished, "a briefing is written only after its reply is cached"
        run[0] = 2
        rerun = batch_process(tmp_path / "in", tmp_path / "out", server.base_url, "-q")
        _, stderr = rerun.communicate(timeout=60)
        assert rerun.returncode == 0, stderr.decode()
    again = {number for phase, number in answered if phase == 2}
    assert not again & finished, "no finished article is requested again"
    assert again | finished == set(range(count))
    lines = by_id(tmp_path / "out")
    assert len(lines) == count and {line["status"] for line in lines.values()} == {"ok"}
    for line in lines.values():
        Briefing.model_validate_json((tmp_path / "out" / line["output"]).read_text())
    assert not list((tmp_path / "out").glob(".*.tmp")), "no half-written file is left"


def test_ctrl_c_finishes_in_flight_work_and_a_second_abandons_it(tmp_path: Path) -> None:
    count = 12
    write_articles(tmp_path / "in", count)
    model = SchemaModel()
    process: list[subprocess.Popen[bytes]] = []

    arrivals = itertools.count(1)

    def interrupt_once(request: Request) -> Reply:
        reply = model(request)
        if next(arrivals) == 3:
            process[0].send_signal(signal.SIGINT)
        return replace(reply, delay=0.2)

    with FakeServer(interrupt_once) as server:
        process.append(batch_process(tmp_path / "in", tmp_path / "out", server.base_url))
        _, stderr = process[0].communicate(timeout=60)
    assert process[0].returncode == 130
    assert b"stopping; finishing" in stderr and b"interrupted:" in stderr
    lines = by_id(tmp_path / "out")
    statuses = [line["status"] for line in lines.values()]
    assert len(lines) == count and statuses.count("ok") == len(model.requests)
    assert statuses.count("skipped") == count - len(model.requests), "in-flight work finished"

    abandoned = SchemaModel()
    process.clear()

    arrivals = itertools.count(1)

    def interrupt_twice(request: Request) -> Reply:
        reply = abandoned(request)
        if next(arrivals) == 2:
            process[0].send_signal(signal.SIGINT)
            threading.Timer(0.3, process[0].send_signal, [signal.SIGINT]).start()
        return replace(reply, delay=2.0)

    with FakeServer(interrupt_twice) as server:
        process.append(batch_process(tmp_path / "in", tmp_path / "out2", server.base_url))
        _, stderr = process[0].communicate(timeout=60)
    assert process[0].returncode == 130 and b"abandoning" in stderr
    lines = by_id(tmp_path / "out2")
    assert len(lines) == count and {line["status"] for line in lines.values()} == {"skipped"}
    assert not list((tmp_path / "out2").glob("*.json"))


def test_offline_batch(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    result = invoke(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--engine", "offline")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    for line in by_id(tmp_path / "out").values():
        briefing = Briefing.model_validate_json((tmp_path / "out" / line["output"]).read_text())
        assert briefing.provenance.engine == "offline" and briefing.parties


def test_html_pages_and_an_index_that_links_them(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    write_articles(source, 2)
    (source / "empty.txt").write_bytes(b"")
    with FakeServer(SchemaModel()) as server:
        first = invoke(str(source), "-o", str(out), "--base-url", server.base_url, "--quiet")
        assert first.exit_code == 30  # type: ignore[attr-defined]
        assert not (out / "index.html").exists()
        again = invoke(
            str(source), "-o", str(out), "--base-url", server.base_url, "--quiet", "--html"
        )
        assert server.count == 2, "the second run resumes: no new request"
    assert again.exit_code == 30  # type: ignore[attr-defined]
    pages = sorted(p.name for p in out.rglob("*.html") if p.name != "index.html")
    assert len(pages) == 2, "pages of briefings made by the earlier run are written too"
    index = (out / "index.html").read_text("utf-8")
    for page in pages:
        assert f'href="{page}"' in index
    assert "empty.txt" in index and "empty" in index
