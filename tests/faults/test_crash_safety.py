"""``kill -9`` of a running ``briefing batch`` at random points, then runs until it is done.

A seed picks when each run dies: at a random request, a random few milliseconds later,
so the kill lands while requests are in flight, while briefings are being written,
while manifest lines are appended or while the manifest is compacted. Whatever it hit:
no file is half-written, every manifest line but a torn last one is whole, and the runs
that follow finish every input exactly once without requesting again an article whose
reply was already kept (in the response cache; with ``--no-cache``, in a manifest
``ok`` line). ``tests/cli/test_batch.py`` kills at three fixed requests; this adds
random points, several kills in a row, and runs without the cache.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import signal
import subprocess
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from summarizer.batch.manifest import ManifestLine
from summarizer.schema import Briefing
from summarizer.testing import FakeServer, Reply, Request, SchemaModel
from tests.batch.conftest import article_number, by_id, write_articles
from tests.cli.test_batch import batch_process, cached_articles

COUNT = 24
KILLS = 2
"""Runs killed in a row before one is let finish."""


def check_nothing_is_half_written(out: Path) -> set[int]:
    """Every briefing on disk is whole and every manifest line but the last parses.

    Returns the articles with an ``ok`` line (whose briefing must be on disk).
    """
    for path in out.glob("article-*.json"):
        Briefing.model_validate_json(path.read_text("utf-8"))
    manifest = out / "manifest.jsonl"
    if not manifest.exists():
        return set()
    raw = manifest.read_bytes().split(b"\n")
    for line in raw[:-1]:
        if line.strip():
            ManifestLine.from_json(line)
    done = set()
    for line in raw[:-1]:
        if line.strip() and (data := json.loads(line))["status"] == "ok":
            assert (out / data["output"]).is_file(), "an ok line comes after its briefing"
            done.add(int(data["id"].removeprefix("article-").removesuffix(".txt")))
    return done


@pytest.mark.slow
@pytest.mark.parametrize("cache", ["cache", "no-cache"])
@pytest.mark.parametrize("seed", [11, 12, 13])
def test_killed_at_random_points_then_rerun_every_input_done_exactly_once(
    tmp_path: Path, seed: int, cache: str
) -> None:
    kills = random.Random(seed)
    latency = random.Random(-seed)
    write_articles(tmp_path / "in", COUNT)
    out = tmp_path / "out"
    extra = ["-q"] if cache == "cache" else ["-q", "--no-cache"]
    model = SchemaModel()
    running: list[subprocess.Popen[bytes]] = []
    phase = [0]
    answered: list[tuple[int, int]] = []  # (run, article) of every request answered
    kill_at = [0]
    kill_after = [0.0]
    arrivals = itertools.count(1)
    lock = threading.Lock()

    def handler(request: Request) -> Reply:
        with lock:
            arrival = next(arrivals)
            victim = running[-1] if phase[0] < KILLS and arrival == kill_at[0] else None
        if victim is not None:
            threading.Timer(kill_after[0], os.kill, [victim.pid, signal.SIGKILL]).start()
        try:
            reply = model(request)
        except ValueError:  # a body cut short by the kill
            return Reply(status=400)
        with lock:
            answered.append((phase[0], article_number(request)))
            delay = latency.uniform(0.0, 0.03)
        return replace(reply, delay=delay)

    with FakeServer(handler) as server:
        for run in range(KILLS + 1):
            finished = (
                cached_articles(COUNT, server.base_url)
                if cache == "cache" and (tmp_path / "cache").exists()
                else check_nothing_is_half_written(out)
            )
            with lock:
                phase[0] = run
                arrivals = itertools.count(1)
                kill_at[0] = kills.randint(1, max(1, COUNT - len(finished)))
                kill_after[0] = kills.uniform(0.0, 0.08)
            process = batch_process(tmp_path / "in", out, server.base_url, *extra)
            running.append(process)
            _, stderr = process.communicate(timeout=90)
            asked = {number for when, number in answered if when == run}
            assert not asked & finished, f"run {run} requested finished articles again"
            if run < KILLS:
                assert process.returncode in (-signal.SIGKILL, 0), stderr.decode()
                check_nothing_is_half_written(out)
            else:
                assert process.returncode == 0, stderr.decode()
            print(f"seed {seed}, {cache}, run {run}: exit {process.returncode}, {len(asked)} asked")
    lines = by_id(out)
    assert len(lines) == COUNT and {line["status"] for line in lines.values()} == {"ok"}
    for line in lines.values():
        briefing = Briefing.model_validate_json((out / line["output"]).read_text("utf-8"))
        assert briefing.provenance.source_sha256 == line["sha256"]
    assert sorted(p.name for p in out.glob("*.json")) == sorted(
        line["output"] for line in lines.values()
    )
    assert not list(out.glob(".*.tmp")), "no temporary file is left"
    assert {number for _, number in answered} == set(range(COUNT))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [21, 22])
def test_killed_writing_into_subfolders_leaves_none_of_its_temporary_files_and_no_one_elses_gone(
    tmp_path: Path, seed: int
) -> None:
    kills = random.Random(seed)
    for folder in ("a", "b", "c"):
        write_articles(tmp_path / "in" / folder, COUNT // 3)
    out = tmp_path / "out"
    foreign = [out / ".notes.txt.tmp", out / "a" / ".draft.json.x1y2.tmp", out / "b" / "x.tmp"]
    for path in foreign:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("theirs", "utf-8")
    arrivals = itertools.count(1)
    kill_at = [kills.randint(1, COUNT // 2)]
    running: list[subprocess.Popen[bytes]] = []
    lock = threading.Lock()

    def handler(request: Request) -> Reply:
        with lock:
            if running and next(arrivals) == kill_at[0]:
                threading.Timer(kills.uniform(0.0, 0.05), os.kill, [running[-1].pid, 9]).start()
        return replace(SchemaModel()(request), delay=0.01)

    with FakeServer(handler) as server:
        for run in range(2):
            process = batch_process(tmp_path / "in", out, server.base_url, "-q", "--no-cache")
            running.append(process)
            _, stderr = process.communicate(timeout=90)
            if run == 0:
                assert process.returncode in (-signal.SIGKILL, 0), stderr.decode()
                with lock:
                    kill_at[0] = 0
            else:
                assert process.returncode == 0, stderr.decode()
    assert all(path.read_text("utf-8") == "theirs" for path in foreign)
    assert not list(out.rglob("*.briefing.tmp")), "our temporary files are gone"
    lines = by_id(out)
    assert len(lines) == COUNT // 3 * 3 and {line["status"] for line in lines.values()} == {"ok"}


@pytest.mark.slow
def test_killed_during_a_failing_rerun_with_another_model_loses_no_briefing(
    tmp_path: Path,
) -> None:
    write_articles(tmp_path / "in", COUNT)
    out = tmp_path / "out"
    with FakeServer(SchemaModel()) as server:
        first = batch_process(tmp_path / "in", out, server.base_url, "-q", "--no-cache")
        first.communicate(timeout=90)
        assert first.returncode == 0
    briefings = {path.name: path.read_bytes() for path in out.glob("*.json")}
    assert len(briefings) == COUNT
    seen = itertools.count(1)
    running: list[subprocess.Popen[bytes]] = []

    def failing(_request: Request) -> Reply:
        if next(seen) == COUNT // 2 and running:
            os.kill(running[-1].pid, signal.SIGKILL)
        return Reply(status=400, body={"error": {"message": "no such model"}}, delay=0.01)

    with FakeServer(failing) as server:
        for _ in range(2):
            process = batch_process(
                tmp_path / "in", out, server.base_url, "-q", "--no-cache", "-m", "other"
            )
            running.append(process)
            process.communicate(timeout=90)
    assert running[0].returncode == -signal.SIGKILL and running[1].returncode == 30
    assert {path.name: path.read_bytes() for path in out.glob("*.json")} == briefings
    for line in by_id(out).values():
        assert line["status"] == "failed" and line["output"] in briefings
