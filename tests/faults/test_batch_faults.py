"""Faults during a batch: each alone, then mixed at random (seeded), up to 500 articles.

Whatever the server does, every input ends with exactly one manifest line, ``ok`` or a
typed failure naming its cause, the counts add up, and every ``ok`` line has a valid
briefing on disk. Faults are chosen per article and per request rank (not by arrival
order), so a seed gives the same faults to the same articles on every run, and the last
reply an article got decides how it ended.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.batch import BatchReport
from summarizer.cli.app import app
from summarizer.schema import Briefing
from summarizer.testing import FakeServer
from tests.batch.conftest import by_id, run_batch, write_articles
from tests.faults.conftest import (
    FAULTS,
    TIMEOUT,
    Fault,
    FaultyModel,
    engine_at,
    fault,
)

FAILURE_RATE = 0.2
QUICK = [
    f for f in FAULTS if f.name not in {"429 Retry-After seconds", "429 Retry-After HTTP date"}
]
"""Faults that cost no wait of whole seconds: a 429 asks for 80 ms (``retry-after-ms``)."""
CURABLE = [f for f in QUICK if f.layer not in ("outcome", "refusal")]
"""Faults a retry or a re-ask can get past."""


def name_of(number: int) -> str:
    return f"article-{number:03d}.txt"


def check_every_input_settled(out: Path, count: int, report: BatchReport) -> dict[str, Any]:
    """One line per input, counts that add up, a valid briefing behind every ``ok``."""
    lines = by_id(out)
    assert sorted(lines) == [name_of(n) for n in range(count)], "no input lost or doubled"
    statuses = Counter(line["status"] for line in lines.values())
    assert statuses == report.counts and sum(statuses.values()) == report.total == count
    assert sum(line["tokens"] for line in lines.values()) == report.usage.total_tokens
    for line in lines.values():
        if line["status"] == "ok":
            assert line["error"] is None
            briefing = Briefing.model_validate_json((out / line["output"]).read_text("utf-8"))
            assert briefing.provenance.source_sha256 == line["sha256"]
        else:
            assert line["output"] is None and not (out / f"{Path(line['id']).stem}.json").exists()
            assert line["error"] and "\n" not in line["error"]
            assert "internal error" not in line["error"] and "Traceback" not in line["error"]
    assert not list(out.glob(".*.tmp")), "no half-written file"
    return lines


def expected(served: list[str]) -> tuple[str, set[str]]:
    """How an article ends, from the replies it got, and what its error may say.

    The last reply decides; but a reply that stays invalid still ends ``ok`` (flagged)
    if an earlier attempt was schema-valid with ungrounded quotes, and the error of one
    that ends invalid names the problem of its best attempt, whichever that was.
    """
    last = served[-1]
    if last == "good":
        return "ok", set()
    chosen = fault(last)
    if chosen.layer != "reply" or chosen.status == "ok":
        return chosen.status, {chosen.says}
    if "quotes not in the article" in served:
        return "ok", {fault("quotes not in the article").says}
    return "invalid", {fault(kind).says for kind in served if kind != "good"}


@pytest.mark.slow
@pytest.mark.usefixtures("quick_waits")
def test_each_fault_alone_on_every_request_of_its_article(tmp_path: Path) -> None:
    count = len(FAULTS) + 1
    write_articles(tmp_path / "in", count)
    model = FaultyModel(lambda article, _rank: FAULTS[article] if article < len(FAULTS) else None)
    with FakeServer(model) as server:
        engine = engine_at(server.base_url, max_retries=1, max_attempts=2)
        report = run_batch(tmp_path / "in", tmp_path / "out", engine, jobs=count)
    lines = check_every_input_settled(tmp_path / "out", count, report)
    assert report.exit_code == 30
    for number, chosen in enumerate(FAULTS):
        line = lines[name_of(number)]
        assert line["status"] == chosen.status, chosen.name
        if chosen.status == "ok":
            briefing = Briefing.model_validate_json((tmp_path / "out" / line["output"]).read_text())
            assert chosen.says in briefing.warnings[0]
        else:
            assert chosen.says in line["error"], chosen.name
        tries = {"transport": 2, "reply": 2, "outcome": 1, "refusal": 1}[chosen.layer]
        if chosen.paced:  # waited out up to the patience
            assert len(model.served[number]) >= tries, chosen.name
        else:
            assert len(model.served[number]) == tries, chosen.name
    assert lines[name_of(len(FAULTS))]["status"] == "ok"


@pytest.mark.usefixtures("quick_waits")
def test_each_fault_once_costs_a_retry_or_a_reask_not_the_article(tmp_path: Path) -> None:
    count = len(FAULTS)
    write_articles(tmp_path / "in", count)
    model = FaultyModel(lambda article, rank: FAULTS[article] if rank == 0 else None)
    with FakeServer(model) as server:
        report = run_batch(tmp_path / "in", tmp_path / "out", engine_at(server.base_url))
    lines = check_every_input_settled(tmp_path / "out", count, report)
    for number, chosen in enumerate(FAULTS):
        status = chosen.status if chosen.layer in ("outcome", "refusal") else "ok"
        assert lines[name_of(number)]["status"] == status, chosen.name
        assert model.served[number] == [chosen.name] + ["good"] * (status == "ok")


def random_faults(seed: int, rate: float, faults: list[Fault]) -> FaultyModel:
    """A model failing ``rate`` of requests with a random fault, the same for a seed."""

    def choose(article: int, rank: int) -> Fault | None:
        draw = random.Random(f"{seed}/{article}/{rank}")
        return draw.choice(faults) if draw.random() < rate else None

    return FaultyModel(choose)


@pytest.mark.slow
@pytest.mark.usefixtures("quick_waits")
@pytest.mark.parametrize(
    ("seed", "faults"),
    [(1, FAULTS), (2, QUICK), (3, QUICK)],
    ids=["seed 1, every fault", "seed 2, quick faults", "seed 3, quick faults"],
)
def test_mixed_faults_at_random_each_article_ends_as_its_last_reply_says(
    tmp_path: Path, seed: int, faults: Sequence[Fault]
) -> None:
    count = 60
    write_articles(tmp_path / "in", count)
    model = random_faults(seed, 0.5, list(faults))
    with FakeServer(model) as server:
        engine = engine_at(server.base_url, max_retries=2, max_attempts=2)
        report = run_batch(tmp_path / "in", tmp_path / "out", engine, jobs=12)
    lines = check_every_input_settled(tmp_path / "out", count, report)
    for number in range(count):
        line, served = lines[name_of(number)], model.served[number]
        status, says = expected(served)
        assert line["status"] == status, served
        if line["status"] != "ok":
            assert any(said in line["error"] for said in says), served
        elif says:
            briefing = Briefing.model_validate_json((tmp_path / "out" / line["output"]).read_text())
            (said,) = says
            assert any(said in warning for warning in briefing.warnings), served
        sent = [kind for kind in served if kind == "good" or not fault(kind).paced]
        assert len(sent) <= 2 * 3, "no more than max_attempts x (max_retries + 1) requests"
    print(f"seed {seed}: {dict(report.counts)} after {model.requests} requests")


@pytest.mark.slow
@pytest.mark.usefixtures("quick_waits")
def test_500_articles_a_fifth_of_requests_failing_every_article_ends_ok_or_recorded(
    tmp_path: Path,
) -> None:
    count = 500
    write_articles(tmp_path / "in", count)
    model = random_faults(500, FAILURE_RATE, QUICK)
    with FakeServer(model) as server:
        engine = engine_at(server.base_url, max_retries=1, max_attempts=2)
        report = run_batch(tmp_path / "in", tmp_path / "out", engine, jobs=16)
    lines = check_every_input_settled(tmp_path / "out", count, report)
    assert report.exit_code == 30
    for number in range(count):
        assert lines[name_of(number)]["status"] == expected(model.served[number])[0]
    failed = sum(1 for kinds in model.served.values() for kind in kinds if kind != "good")
    print(f"500 articles: {dict(report.counts)}; {model.requests} requests, {failed} failed")
    assert 0.15 < failed / model.requests < 0.25


@pytest.mark.slow
@pytest.mark.usefixtures("quick_waits")
def test_500_articles_a_fifth_of_requests_failing_all_end_ok_with_enough_retries(
    tmp_path: Path,
) -> None:
    count = 500
    write_articles(tmp_path / "in", count)
    model = random_faults(20, FAILURE_RATE, CURABLE)
    with FakeServer(model) as server:
        engine = engine_at(server.base_url, max_retries=6, max_attempts=6)
        report = run_batch(tmp_path / "in", tmp_path / "out", engine, jobs=16)
    check_every_input_settled(tmp_path / "out", count, report)
    assert report.exit_code == 0 and report.counts == {"ok": count}
    assert all(kinds[-1] == "good" for kinds in model.served.values())
    for path in (tmp_path / "out").glob("*.json"):
        briefing = Briefing.model_validate_json(path.read_text())
        assert briefing.warnings == [] and all(e.verified for e in briefing.evidence())
    faults = Counter(kind for kinds in model.served.values() for kind in kinds)
    print(f"500 articles all ok after {model.requests} requests; faults met: {dict(faults)}")


def test_the_command_line_reports_a_mixed_batch_and_resumes_only_what_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 40
    write_articles(tmp_path / "in", count)
    monkeypatch.setenv("BRIEFING_TIMEOUT", str(TIMEOUT))
    model = random_faults(7, 0.4, [f for f in FAULTS if "429" not in f.name])
    with FakeServer(model) as server:
        command = ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out")]
        command += ["--base-url", server.base_url, "--max-retries", "0"]
        first = CliRunner().invoke(app, command)
        lines = by_id(tmp_path / "out")
        sent = model.requests
        second = CliRunner().invoke(app, command)
        again = model.requests - sent
        retried = CliRunner().invoke(app, [*command, "--retry-failed", "--max-attempts", "6"])
    assert first.exit_code == 30 and "Traceback" not in first.output + first.stderr
    table = dict(re.findall(r"│ (\w+(?: \w+)?) +│ +([\d,.]+(?: s)?) *│", first.stderr))
    statuses = Counter(line["status"] for line in lines.values())
    assert {k: int(v) for k, v in table.items() if k in statuses} == statuses
    assert table["total"] == str(count)
    not_ok = [line for line in lines.values() if line["status"] != "ok"]
    assert f"{len(not_ok)} input(s) did not succeed" in first.stderr
    assert second.exit_code == 30 and again == 0, "a rerun requests nothing already settled"
    assert retried.exit_code in (0, 30) and "Traceback" not in retried.stderr
    after = by_id(tmp_path / "out")
    assert all(after[key] == line for key, line in lines.items() if line["status"] == "ok")
    assert Counter(line["status"] for line in after.values())["ok"] > statuses["ok"]
