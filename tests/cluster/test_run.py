"""``briefing batch --via ray`` on a local 2-CPU cluster, on real inputs.

The offline engine (spaCy in each actor) and the loopback OpenAI server; a worker killed
mid-run; a run interrupted and resumed. Each test checks that every input has exactly
one final result and that nothing done is done again.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch import discover_inputs
from summarizer.batch.parquet_results import read_result_lines
from summarizer.batch.progress import SilentProgress
from summarizer.batch.result_row import part_files
from summarizer.batch.results import iter_results
from summarizer.config import EngineName, Settings
from summarizer.pipeline import summarize
from summarizer.ray import RayOptions, run_ray
from summarizer.schema import Briefing
from summarizer.testing import FakeServer, Reply, Request, SchemaModel
from tests.batch.conftest import article_number, write_articles
from tests.cluster.conftest import kill, mapper_pids

pytestmark = pytest.mark.usefixtures("cluster")


def _answer(delay: float = 0.0) -> Any:
    model = SchemaModel()

    def answer(request: Request) -> Reply:
        reply = model(request)
        return Reply(body=reply.body, delay=delay)

    return answer


def _online(server: FakeServer) -> Settings:
    return Settings(base_url=server.base_url, model="schema-model", max_retries=0)


def _rows(out: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return [row for part in part_files(out) for row in pq.read_table(part).to_pylist()]


def test_offline_through_ray_equals_the_local_briefings(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 6)
    (tmp_path / "in" / "empty.txt").write_text("   ")
    items = discover_inputs(tmp_path / "in")
    settings = Settings(engine=EngineName.OFFLINE)

    report = run_ray(items, tmp_path / "out", settings, RayOptions())

    assert report.counts == Counter({"ok": 6, "failed": 1})
    lines = read_result_lines(tmp_path / "out")
    assert lines["empty.txt"].error is not None and "empty" in lines["empty.txt"].error
    for row in iter_results(tmp_path / "out"):
        if row.line.status != "ok":
            continue
        assert row.briefing is not None
        made = Briefing.model_validate_json(row.briefing)
        local = summarize(tmp_path / "in" / row.line.id, settings=settings)
        assert made.model_dump(include={"parties", "agreements", "threats", "article"}) == (
            local.model_dump(include={"parties", "agreements", "threats", "article"})
        )

    again = run_ray(items, tmp_path / "out", settings, RayOptions())
    assert again.earlier == 6 and again.counts == report.counts
    rows = Counter(row["id"] for row in _rows(tmp_path / "out"))
    assert rows["empty.txt"] == 2, "an unreadable input is read again, as on one machine"
    assert sum(rows.values()) == 8, "no briefing is made again"


@pytest.mark.slow
def test_online_through_the_loopback_server_once_per_article(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 24)
    items = discover_inputs(tmp_path / "in")
    with FakeServer(_answer(0.05)) as server:
        report = run_ray(items, tmp_path / "out", _online(server), RayOptions(jobs=4))
        assert report.counts == Counter({"ok": 24})
        assert sorted(Counter(article_number(r) for r in server.requests).values()) == [1] * 24
        again = run_ray(items, tmp_path / "out", _online(server), RayOptions(jobs=4))
        assert again.earlier == 24 and server.count == 24
    assert report.usage.total_tokens > 0


@pytest.mark.slow
def test_a_killed_worker_restarts_and_nothing_is_lost_or_repeated(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 48)
    items = discover_inputs(tmp_path / "in")
    killed: list[int] = []

    class KillOnce(SilentProgress):
        def advance(self, status: str, tokens: int) -> None:
            if not killed and (pids := mapper_pids()):
                killed.append(pids[0])
                kill(pids[0])

    with FakeServer(_answer(0.2)) as server:
        report = run_ray(
            items, tmp_path / "out", _online(server), RayOptions(jobs=4, actors=2), KillOnce()
        )
    assert killed, "an actor was killed mid-run"
    assert report.counts == Counter({"ok": 48})
    ids = [row["id"] for row in _rows(tmp_path / "out")]
    assert sorted(ids) == sorted(item.id for item in items), "each input exactly one row"


@pytest.mark.slow
def test_an_interrupted_run_resumes_without_redoing_what_it_wrote(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 40)
    items = discover_inputs(tmp_path / "in")

    class Interrupt(SilentProgress):
        seen = 0

        def advance(self, status: str, tokens: int) -> None:
            self.seen += 1
            if self.seen == 10:
                raise KeyboardInterrupt

    with FakeServer(_answer(0.05)) as server:
        options = RayOptions(jobs=2, actors=1)
        first = run_ray(items, tmp_path / "out", _online(server), options, Interrupt())
        assert first.interrupted and first.exit_code == 130
        written = set(read_result_lines(tmp_path / "out"))
        assert len(written) >= 10 and first.counts["ok"] == len(written)
        asked = server.count

        second = run_ray(items, tmp_path / "out", _online(server), options)
        assert second.counts == Counter({"ok": 40})
        assert second.earlier == len(written)
        again = {
            f"article-{int(found.group(1)):03d}.txt"
            for request in server.requests[asked:]
            if (found := re.search(r"Dispatch (\d+):", request.body.decode()))
        }
        assert not again & written, "no article written is asked again"
    assert set(read_result_lines(tmp_path / "out")) == {item.id for item in items}


def test_json_output_is_the_local_runners_folder(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    items = discover_inputs(tmp_path / "in")
    options = RayOptions(output_format="json")
    report = run_ray(items, tmp_path / "out", Settings(engine=EngineName.OFFLINE), options)
    assert report.all_ok
    lines = [json.loads(x) for x in (tmp_path / "out" / "manifest.jsonl").read_text().splitlines()]
    assert [line["output"] for line in lines] == [f"article-00{n}.json" for n in range(3)]
    for line in lines:
        Briefing.model_validate_json((tmp_path / "out" / line["output"]).read_text())
    assert not part_files(tmp_path / "out")
    with pytest.raises(Exception, match="holds JSON results"):
        run_ray(items, tmp_path / "out", Settings(engine=EngineName.OFFLINE), RayOptions())


def test_the_mapper_composes_into_a_users_pipeline(tmp_path: Path) -> None:
    import ray.data

    from summarizer.ray import BriefingMapper
    from tests.batch.conftest import article_text

    rows: list[dict[str, str | None]] = [
        {"id": f"a{n}", "text": article_text(n), "url": f"https://x/{n}"} for n in range(4)
    ]
    rows.append({"id": "blank", "text": "  ", "url": None})
    results = ray.data.from_items(rows).map_batches(
        BriefingMapper,
        fn_constructor_kwargs={"settings": Settings(engine=EngineName.OFFLINE)},
        compute=ray.data.ActorPoolStrategy(size=1),
        num_cpus=1,
        batch_size=4,
        batch_format="pyarrow",
    )
    results.write_parquet(str(tmp_path / "written"))
    found = {row.line.id: row for row in iter_results(tmp_path / "written")}
    assert {key: row.line.status for key, row in found.items()} == {
        "a0": "ok",
        "a1": "ok",
        "a2": "ok",
        "a3": "ok",
        "blank": "failed",
    }
    briefing = found["a2"].briefing
    assert briefing is not None
    assert Briefing.model_validate_json(briefing).article.url == "https://x/2"


def test_the_command_line_route(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summarizer.cli.app import app

    write_articles(tmp_path / "in", 3)
    runner = CliRunner()

    def briefing(*args: str) -> Any:
        return runner.invoke(app, list(args), prog_name="briefing")

    out = str(tmp_path / "out")
    ran = briefing("batch", str(tmp_path / "in"), "-o", out, "--via", "ray", "--engine", "offline")
    assert ran.exit_code == 0, ran.stderr
    assert "ok" in ran.stderr and part_files(tmp_path / "out")
    status = briefing("batch", "status", out, "--json")
    assert json.loads(status.stdout)["inputs"] == {"ok": 3}
    exported = briefing("export", out, "-o", str(tmp_path / "t.duckdb"))
    assert exported.exit_code == 0 and "3 articles" in exported.stderr
    wrong = briefing("batch", str(tmp_path / "in"), "-o", out, "--ray-address", "auto")
    assert wrong.exit_code == 2 and "goes with --via ray" in wrong.stderr


@pytest.mark.slow
def test_the_rate_limit_holds_for_the_cluster_not_each_actor(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 12)
    items = discover_inputs(tmp_path / "in")
    arrivals: list[float] = []
    answer = _answer()

    def timed(request: Request) -> Reply:
        arrivals.append(time.monotonic())
        return answer(request)

    with FakeServer(timed) as server:
        settings = replace(_online(server), rpm=120)
        report = run_ray(items, tmp_path / "out", settings, RayOptions(jobs=4, actors=2))
    assert report.counts == Counter({"ok": 12})
    # 2 requests a second for the whole cluster, a bucket of one second's worth: the 12
    # reservations span 5 s (each actor on its own would take 2.5 s); the first request
    # may reach the server late (a new connection), so allow for it
    assert arrivals[-1] - arrivals[0] >= 3.75
