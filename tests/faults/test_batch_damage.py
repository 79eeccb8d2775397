"""Nothing a batch has done is lost or overwritten, whatever a re-run, a planted manifest
or a failure inside the run does.

- A failing re-run (another model, a server that is down) keeps every briefing an
  earlier run made, and the folder says which settings made which.
- A manifest line naming an output outside the folder (``..``, an absolute path, the
  folder's lock, a link out) is ignored with a warning: nothing outside is touched.
- When a run stops early, every skipped input says the true reason.
- A page that crashes the HTML reader fails its own input only.
"""

from __future__ import annotations

import json
import logging
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.batch.manifest import LOCK_NAME, MANIFEST_NAME, ManifestLine
from summarizer.batch.results import iter_results
from summarizer.cli.app import app
from summarizer.digest import digest_folder
from summarizer.export import ExportFormat, export_tables
from summarizer.testing import FakeServer, Reply, Request, SchemaModel
from summarizer.webpage import isolated_extraction
from tests.batch.conftest import article_number, by_id, engine_on, run_batch, write_articles
from tests.crashing_reader import CRASH, crash_on_marker


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/v1"


def test_a_failing_rerun_with_other_settings_keeps_every_briefing(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    write_articles(source, 4)
    with FakeServer(SchemaModel()) as server:
        first = invoke("batch", str(source), "-o", str(out), "--base-url", server.base_url, "-q")
    assert first.exit_code == 0  # type: ignore[attr-defined]
    made = {key: line["settings"] for key, line in by_id(out).items()}
    before = {path.name: path.read_bytes() for path in out.glob("*.json")}
    assert len(before) == 4

    down = invoke(
        "batch",
        str(source),
        "-o",
        str(out),
        "--base-url",
        _closed_port(),
        "-m",
        "other",
        "--max-retries",
        "0",
        "--no-cache",
    )
    assert down.exit_code == 30  # type: ignore[attr-defined]
    assert "4 of them keep the briefing an earlier run made" in down.stderr  # type: ignore[attr-defined]
    assert {path.name: path.read_bytes() for path in out.glob("*.json")} == before
    for key, line in by_id(out).items():
        assert line["status"] == "failed" and line["settings"] != made[key]
        assert line["output"] == key.replace(".txt", ".json")
        assert line["output_settings"] == made[key], "which settings made the kept briefing"
    assert digest_folder(out).article_count == 4, "the digest still reads them"
    kept = {row.line.id: row.briefing for row in iter_results(out)}
    assert {key.replace(".txt", ".json"): text for key, text in kept.items()} == {
        name: data.decode() for name, data in before.items()
    }, "the results readers give them"
    tables = export_tables(out, tmp_path / "tables", ExportFormat.CSV)
    assert tables.rows["articles"] == 4 and tables.rows["parties"] > 0, "and so does export"
    articles = (tmp_path / "tables" / "articles.csv").read_text("utf-8")
    assert articles.count(',"failed",') == 4, "each article row keeps its failure"

    def half(request: Request) -> Reply:  # another model answers for two articles only
        good = SchemaModel()(request)
        return good if article_number(request) < 2 else Reply(status=400, body={"error": {}})

    with FakeServer(half) as server:
        invoke(
            "batch",
            str(source),
            "-o",
            str(out),
            "--base-url",
            server.base_url,
            "-m",
            "other",
            "--no-cache",
            "-q",
        )
    status = invoke("batch", "status", str(out))
    assert "made with 2 different settings" in status.stdout  # type: ignore[attr-defined]
    assert "2 by openai other" in status.stdout and "2 by openai gpt-4o-mini" in status.stdout  # type: ignore[attr-defined]
    digest = invoke("digest", str(out), "--format", "json")
    assert "made with different settings" in digest.stderr  # type: ignore[attr-defined]
    assert len(json.loads(digest.stdout)["made_with"]) == 2  # type: ignore[attr-defined]


def _line(item_id: str, output: str) -> str:
    return ManifestLine.now(
        id=item_id,
        source=item_id,
        sha256="0" * 64,
        status="ok",
        error=None,
        attempts=1,
        tokens=1,
        duration_s=0.1,
        output=output,
        settings="planted",
    ).to_json()


def test_a_planted_manifest_cannot_make_a_batch_touch_anything_outside_its_folder(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    paths = write_articles(source, 5)
    paths[4].write_text("   ", "utf-8")  # this input fails: a failure once deleted its output
    victims = [tmp_path / "victim-0.json", tmp_path / "victim-1.json", tmp_path / "victim-4.json"]
    for victim in victims:
        victim.write_text("precious", "utf-8")
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "link").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere" / "victim-3.json").write_text("precious", "utf-8")
    planted = [
        _line("article-000.txt", "../victim-0.json"),
        _line("article-001.txt", str(victims[1])),
        _line("article-002.txt", LOCK_NAME),
        _line("article-003.txt", "link/victim-3.json"),
        _line("article-004.txt", "../victim-4.json"),
    ]
    (out / MANIFEST_NAME).write_text("".join(line + "\n" for line in planted), "utf-8")
    with caplog.at_level(logging.WARNING, logger="summarizer"):
        report = run_batch(source, out, engine_on(SchemaModel()))
    assert report.counts == {"ok": 4, "failed": 1}
    for victim in [*victims, tmp_path / "elsewhere" / "victim-3.json"]:
        assert victim.read_text("utf-8") == "precious", victim
    assert (out / LOCK_NAME).is_file()
    lines = by_id(out)
    assert {lines[f"article-00{n}.txt"]["output"] for n in range(4)} == {
        f"article-00{n}.json" for n in range(4)
    }
    assert caplog.text.count("names an output outside the folder") == 5


def test_a_run_that_stops_on_an_internal_error_says_so_for_every_skipped_input(
    tmp_path: Path,
) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    write_articles(source, 30)

    def break_third_claim(runner: object) -> None:
        names = runner._names  # type: ignore[attr-defined]
        real = names.claim
        calls = iter(range(1000))

        def claim(item_id: str, name: str) -> str:
            if next(calls) == 2:
                raise RuntimeError("a bug")
            return str(real(item_id, name))

        names.claim = claim

    with pytest.raises(RuntimeError, match="a bug"):
        run_batch(source, out, engine_on(SchemaModel()), runner_hook=break_third_claim, jobs=1)
    skipped = [line for line in by_id(out).values() if line["status"] == "skipped"]
    assert skipped, "the run stopped early"
    for line in skipped:
        assert (
            line["error"]
            == "not processed: the batch stopped (internal error: RuntimeError: a bug)"
        )
        assert "token budget" not in line["error"]


def test_a_page_that_crashes_the_html_reader_fails_its_input_alone(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    for number in range(5):
        marker = CRASH if number == 2 else ""
        (source / f"page-{number}.html").write_text(
            f"<html><body><p>Dispatch {number}: Japan and the Philippines signed a "
            f"reciprocal access agreement in Manila on day {number}.</p>{marker}</body></html>",
            "utf-8",
        )
    with isolated_extraction(2, reader=crash_on_marker):
        report = run_batch(source, out, engine_on(SchemaModel()))
    lines = by_id(out)
    assert report.counts == {"ok": 4, "failed": 1}
    assert lines["page-2.html"]["error"].endswith(
        "page-2.html: the HTML reader crashed on this page (killed by SIGSEGV)"
    )
