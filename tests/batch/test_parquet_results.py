from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from summarizer.batch.parquet_results import (
    ParquetResultWriter,
    iter_result_rows,
    read_result_lines,
)
from summarizer.batch.result_row import ResultRow, part_files
from summarizer.batch.results import iter_results, result_lines
from summarizer.errors import InputError
from tests.export.conftest import line_for


def _write(folder: Path, rows: list[ResultRow], per_part: int = 2) -> None:
    writer = ParquetResultWriter(folder, rows_per_part=per_part)
    for row in rows:
        writer.add(row)
    writer.close()


def test_rows_go_into_whole_parts_that_sql_reads_as_one_table(tmp_path: Path) -> None:
    rows = [ResultRow(line_for(f"a{n}"), f'{{"n": {n}}}') for n in range(5)]
    _write(tmp_path, rows)
    assert len(part_files(tmp_path)) == 3
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    found = duckdb.execute(
        f"SELECT id, briefing FROM '{tmp_path}/*.parquet' ORDER BY id"
    ).fetchall()
    assert found == [(f"a{n}", f'{{"n": {n}}}') for n in range(5)]


def test_the_last_row_of_an_id_wins_across_runs(tmp_path: Path) -> None:
    _write(tmp_path, [ResultRow(line_for("a", "refused")), ResultRow(line_for("b"), "{}")])
    _write(tmp_path, [ResultRow(line_for("a"), '{"again": 1}')])
    lines = read_result_lines(tmp_path)
    assert {key: line.status for key, line in lines.items()} == {"a": "ok", "b": "ok"}
    found = {row.line.id: row.briefing for row in iter_result_rows(tmp_path)}
    assert found == {"a": '{"again": 1}', "b": "{}"}
    assert result_lines(tmp_path).keys() == lines.keys()


def test_a_row_waits_no_longer_than_the_part_interval(tmp_path: Path) -> None:
    writer = ParquetResultWriter(tmp_path, rows_per_part=1000, seconds_per_part=0.0)
    writer.add(ResultRow(line_for("a"), "{}"))
    assert len(part_files(tmp_path)) == 1


def test_a_damaged_part_is_named_in_a_one_line_error(tmp_path: Path) -> None:
    _write(tmp_path, [ResultRow(line_for("a"), "{}")])
    (tmp_path / "part-zzz.parquet").write_bytes(b"not parquet")
    with pytest.raises(InputError, match="part-zzz.parquet: not a part of batch results"):
        list(iter_results(tmp_path))


def test_json_folders_read_through_the_same_rows(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.json").write_text("{}")
    lines = [line_for("a.txt", output="a.json"), line_for("b.txt", "failed")]
    (folder / "manifest.jsonl").write_text("".join(line.to_json() + "\n" for line in lines))
    rows = {row.line.id: row for row in iter_results(folder)}
    assert rows["a.txt"].briefing == "{}"
    assert rows["b.txt"].briefing is None and rows["b.txt"].line.status == "failed"
    (folder / "manifest.jsonl").unlink()
    assert [row.line.id for row in iter_results(folder)] == ["a.json"]


def test_digest_and_status_read_parquet_results(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summarizer.cli.app import app
    from tests.digest.conftest import made_briefings

    rows = [
        ResultRow(line_for(name, output=None), briefing.model_dump_json())
        for name, briefing in made_briefings().items()
    ]
    _write(tmp_path, [*rows, ResultRow(line_for("x.txt", "refused"))])
    runner = CliRunner()
    status = runner.invoke(app, ["batch", "status", str(tmp_path), "--json"])
    assert status.exit_code == 0, status.stderr
    assert '"ok": 4' in status.stdout and '"refused": 1' in status.stdout
    digest = runner.invoke(app, ["digest", str(tmp_path), "--format", "json"])
    assert digest.exit_code == 0, digest.stderr
    assert "skipped x.txt: refused in the results" in digest.stderr
    assert digest.stdout.count('"article_count"') >= 4


def test_diff_reads_parquet_results_as_it_reads_json_folders(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from summarizer.cli.app import app
    from summarizer.schema import Severity
    from tests.digest.conftest import made_briefings, ok_line, write_batch

    def parquet_batch(folder: Path, escalate: bool = False) -> Path:
        rows = []
        for name, briefing in made_briefings().items():
            for threat in briefing.threats:
                threat.severity = Severity.CRITICAL if escalate else threat.severity
            rows.append(ResultRow(line_for(name, output=None), briefing.model_dump_json()))
        _write(folder, rows)
        return folder

    made = made_briefings()
    json_folder = write_batch(tmp_path / "json", made, [ok_line(n, b) for n, b in made.items()])
    old, new = parquet_batch(tmp_path / "old"), parquet_batch(tmp_path / "new", escalate=True)
    runner = CliRunner()
    same = runner.invoke(app, ["diff", str(json_folder), str(old)])
    assert same.exit_code == 0, same.output
    changed = runner.invoke(app, ["diff", str(old), str(new)])
    assert changed.exit_code == 1, changed.output
    assert {c["change"] for c in json.loads(changed.stdout)["events"]} == {"escalated"}
