"""Untrusted inputs through ``briefing batch``: records reaching out, names that are not
UTF-8, earlier output folders inside the input folder. Each bad input fails (or is left
out) on its own; the rest of the batch goes on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli.app import app
from summarizer.testing import BatchAPI, FakeServer, SchemaModel, run_batch_file
from tests.batch.conftest import article_text, by_id, write_articles
from tests.pageserver import html, serve_pages


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, ["batch", *args], catch_exceptions=False)


def _records(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def test_records_cannot_read_files_outside_their_folder_or_fetch_private_urls(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(article_text(7), "utf-8")
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "a.txt").write_text(article_text(1), "utf-8")
    with serve_pages({"/story": html(f"<p>{article_text(2)}</p>")}) as site:
        records = _records(
            feed / "records.jsonl",
            [
                {"id": "inside", "path": "a.txt"},
                {"id": "absolute", "path": str(secret)},
                {"id": "up", "path": "../secret.txt"},
                {"id": "file-url", "url": f"file://{secret}"},
                {"id": "path-url", "url": str(secret)},
                {"id": "loopback", "url": f"{site}/story"},
            ],
        )
        with FakeServer(SchemaModel()) as server:
            out = tmp_path / "out"
            refused = invoke(str(records), "-o", str(out), "--base-url", server.base_url)
            assert server.count == 1, "only the record inside the folder reached the model"
            trusted = invoke(
                str(records),
                "-o",
                str(tmp_path / "trusted"),
                "--base-url",
                server.base_url,
                "--allow-paths",
                "--allow-private-urls",
            )
    assert refused.exit_code == 30  # type: ignore[attr-defined]
    lines = by_id(out)
    assert lines["inside"]["status"] == "ok"
    errors = {key: line["error"] for key, line in lines.items() if line["status"] != "ok"}
    assert "--allow-paths" in errors["absolute"] and "--allow-paths" in errors["up"]
    assert errors["file-url"].endswith("url must be an http or https URL")
    assert errors["path-url"].endswith("url must be an http or https URL")
    assert "non-public address" in errors["loopback"]
    assert "--allow-private-urls" in errors["loopback"]
    for line in lines.values():
        assert "Talks" not in json.dumps(line)
    assert not any(article_text(7)[:40] in p.read_text() for p in out.glob("*.json"))
    assert trusted.exit_code == 30  # type: ignore[attr-defined]
    statuses = {key: line["status"] for key, line in by_id(tmp_path / "trusted").items()}
    assert statuses == {
        "inside": "ok",
        "absolute": "ok",
        "up": "ok",
        "file-url": "failed",
        "path-url": "failed",
        "loopback": "ok",
    }


def test_an_earlier_output_folder_inside_the_input_is_not_read_back(tmp_path: Path) -> None:
    source = tmp_path / "in"
    write_articles(source, 3)
    with FakeServer(SchemaModel()) as server:
        first = invoke(
            str(source), "-o", str(source / "briefings"), "--html", "--base-url", server.base_url
        )
        assert first.exit_code == 0  # type: ignore[attr-defined]
        second = invoke(str(source), "-o", str(tmp_path / "again"), "--base-url", server.base_url)
    assert second.exit_code == 0  # type: ignore[attr-defined]
    assert sorted(by_id(tmp_path / "again")) == sorted(by_id(source / "briefings"))
    assert all(not key.startswith("briefings/") for key in by_id(tmp_path / "again"))


def test_a_file_name_that_is_not_utf8_is_one_input_among_others(tmp_path: Path) -> None:
    source = tmp_path / "in"
    write_articles(source, 2)
    raw = os.fsencode(source) + b"/r\xe9sum\xe9.txt"
    with open(raw, "w", encoding="utf-8") as stream:
        stream.write(article_text(5))
    out = tmp_path / "out"
    with FakeServer(SchemaModel()) as server:
        for _ in range(2):  # and again: the re-run reads the manifest it wrote
            result = invoke(str(source), "-o", str(out), "--base-url", server.base_url)
            assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    lines = by_id(out)
    assert lines["r\\xe9sum\\xe9.txt"]["status"] == "ok"
    assert (out / lines["r\\xe9sum\\xe9.txt"]["output"]).is_file()
    assert server.count == 3


def test_a_record_id_with_a_lone_surrogate_is_one_input_among_others(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text(
        '{"id": "x\\ud800", "text": '
        + json.dumps(article_text(0))
        + "}\n"
        + json.dumps({"id": "y", "text": article_text(1)})
        + "\n",
        "utf-8",
    )
    out = tmp_path / "out"
    with FakeServer(SchemaModel()) as server:
        result = invoke(str(records), "-o", str(out), "--base-url", server.base_url)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert {key: line["status"] for key, line in by_id(out).items()} == {
        "x\\ud800": "ok",
        "y": "ok",
    }


def test_a_name_not_utf8_and_a_lone_surrogate_id_go_through_the_batch_api_routes(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in"
    write_articles(source, 2)
    with open(os.fsencode(source) + b"/r\xe9sum\xe9.txt", "w", encoding="utf-8") as stream:
        stream.write(article_text(5))
    out = tmp_path / "out"
    with FakeServer(BatchAPI(SchemaModel())) as server:
        for _ in range(2):  # and again: the re-run reads the run state and manifest it wrote
            run = invoke(
                *(str(source), "-o", str(out), "--via", "openai-batch"),
                *("--base-url", server.base_url, "--poll-interval", "0"),
            )
            assert run.exit_code == 0, run.stderr  # type: ignore[attr-defined]
    assert by_id(out)["r\\xe9sum\\xe9.txt"]["status"] == "ok"

    records = tmp_path / "records.jsonl"
    records.write_text(
        '{"id": "x\\ud800", "text": ' + json.dumps(article_text(0)) + "}\n"
        '{"id": "y", "text": ' + json.dumps(article_text(1)) + "}\n",
        "utf-8",
    )
    requests = tmp_path / "requests.jsonl"
    exported = invoke("export", str(records), str(requests), "-m", "Qwen/Qwen2.5-7B-Instruct")
    assert exported.exit_code == 0, exported.stderr  # type: ignore[attr-defined]
    results = tmp_path / "results.jsonl"
    results.write_bytes(run_batch_file(requests.read_bytes(), SchemaModel()))
    imported = invoke("import", str(requests), str(results), "-o", str(tmp_path / "imported"))
    assert imported.exit_code == 0, imported.stderr  # type: ignore[attr-defined]
    statuses = {key: line["status"] for key, line in by_id(tmp_path / "imported").items()}
    assert statuses == {"x\\ud800": "ok", "y": "ok"}
