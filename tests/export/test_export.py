from __future__ import annotations

import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from summarizer.batch.parquet_results import ParquetResultWriter
from summarizer.batch.result_row import ResultRow
from summarizer.errors import InputError, SourceNotFound
from summarizer.export import ExportFormat, export_tables
from summarizer.export import run as export_run
from summarizer.export.tables import TABLES
from summarizer.schema import Briefing
from tests.conftest import ROOT
from tests.export.conftest import line_for
from tests.namespace import has_null_device, run_private


def _readme_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### Tables for analysis", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, re.S)


def test_the_readme_answers_three_questions_in_sql() -> None:
    assert len(_readme_queries()) == 3


def test_the_readme_queries_run_on_the_duckdb_file_and_give_the_right_answers(
    json_batch: Path, tmp_path: Path, briefings: dict[str, Briefing]
) -> None:
    database = tmp_path / "tables.duckdb"
    report = export_tables(json_batch, database, ExportFormat.DUCKDB)
    assert report.paths == [database]

    threats, by_month, together = (
        duckdb.connect(str(database), read_only=True).execute(query).fetchall()
        for query in _readme_queries()
    )

    dyads: Counter[tuple[str, str]] = Counter()
    statuses: Counter[tuple[str, str]] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for briefing in briefings.values():
        names = {party.id: party.name for party in briefing.parties}
        for threat in briefing.threats:
            for target in dict.fromkeys(threat.target_ids):
                if threat.source_id in names and target in names:
                    dyads[names[threat.source_id], names[target]] += 1
        month = (briefing.article.date or "")[:7]
        for agreement in briefing.agreements:
            statuses[month, agreement.status.value] += 1
        unique = sorted(set(names.values()))
        pairs.update({(a, b) for i, a in enumerate(unique) for b in unique[i + 1 :]})

    assert dyads, "the test briefings hold threats with a source and a target"
    expected_threats = sorted(dyads.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    assert [((s, t), n) for s, t, n in threats] == expected_threats
    assert {(m.strftime("%Y-%m"), s): n for m, s, n in by_month} == dict(statuses)
    expected_pairs = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    assert [((a, b), n) for a, b, n in together] == expected_pairs


def test_duckdb_tables_declare_their_keys_and_hold_every_input(
    json_batch: Path, tmp_path: Path
) -> None:
    database = tmp_path / "t.duckdb"
    export_tables(json_batch, database, ExportFormat.DUCKDB)
    db = duckdb.connect(str(database), read_only=True)
    statuses = dict(db.execute("SELECT status, count(*) FROM articles GROUP BY ALL").fetchall())
    assert statuses == {"ok": 4, "refused": 1}
    keys = db.execute(
        "SELECT table_name FROM information_schema.table_constraints "
        "WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    assert {name for (name,) in keys} == set(TABLES)
    orphans = db.execute(
        "SELECT count(*) FROM threat_targets tt ANTI JOIN parties p USING (article_id, party_id)"
    ).fetchone()
    assert orphans == (0,)


def test_parquet_and_csv_hold_the_same_rows(json_batch: Path, tmp_path: Path) -> None:
    parquet = export_tables(json_batch, tmp_path / "pq", ExportFormat.PARQUET)
    csv = export_tables(json_batch, tmp_path / "csv", ExportFormat.CSV)
    assert parquet.rows == csv.rows
    assert sorted(p.name for p in parquet.paths) == sorted(f"{t}.parquet" for t in TABLES)
    parties = pq.read_table(tmp_path / "pq" / "parties.parquet")
    assert parties.schema.field("aliases").type.value_type == "string"
    csv_parties = pacsv.read_csv(tmp_path / "csv" / "parties.csv").to_pylist()
    assert [json.loads(row["aliases"]) for row in csv_parties] == parties.column(
        "aliases"
    ).to_pylist()
    assert not [p for p in (tmp_path / "pq").iterdir() if p.name.startswith(".")]


def test_parquet_results_export_as_json_results_do(
    json_batch: Path, tmp_path: Path, briefings: dict[str, Briefing]
) -> None:
    folder = tmp_path / "parts"
    writer = ParquetResultWriter(folder, rows_per_part=2)
    for name, briefing in briefings.items():
        writer.add(ResultRow(line_for(name, output=None), briefing.model_dump_json()))
    writer.add(ResultRow(line_for("broken-0.txt", status="refused")))
    writer.close()
    from_json = export_tables(json_batch, tmp_path / "a.duckdb", ExportFormat.DUCKDB)
    from_parts = export_tables(folder, tmp_path / "b.duckdb", ExportFormat.DUCKDB)
    assert from_parts.rows == from_json.rows
    query = "SELECT * FROM evidence ORDER BY ALL"
    a = duckdb.connect(str(tmp_path / "a.duckdb"), read_only=True).execute(query).fetchall()
    b = duckdb.connect(str(tmp_path / "b.duckdb"), read_only=True).execute(query).fetchall()
    assert a == b


def test_an_existing_export_is_kept_unless_forced_and_survives_a_failed_one(
    json_batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "t.duckdb"
    export_tables(json_batch, database, ExportFormat.DUCKDB)
    before = database.read_bytes()
    with pytest.raises(InputError, match="already exists; --force"):
        export_tables(json_batch, database, ExportFormat.DUCKDB)

    def broken(*args: object) -> object:
        raise OSError("disk full")

    monkeypatch.setattr(export_run, "article_rows", broken)
    with pytest.raises(OSError):
        export_tables(json_batch, database, ExportFormat.DUCKDB, replace=True)
    assert database.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batch", "t.duckdb"]


def test_a_briefing_that_cannot_be_read_is_an_article_row_saying_why(
    json_batch: Path, tmp_path: Path
) -> None:
    (json_batch / "authored-access-pact.json").write_text('{"headline": 1}')
    (json_batch / "voa-us-japan-2plus2.json").unlink()
    report = export_tables(json_batch, tmp_path / "t.duckdb", ExportFormat.DUCKDB)
    assert len(report.problems) == 2
    db = duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True)
    errors = dict(
        db.execute("SELECT article_id, error FROM articles WHERE status = 'ok'").fetchall()
    )
    assert "not a briefing" in errors["authored-access-pact.txt"]
    assert "cannot be read" in errors["voa-us-japan-2plus2.txt"]
    assert errors["authored-us-japan-command.txt"] is None


def test_a_folder_without_results_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no batch results"):
        export_tables(tmp_path / "empty", tmp_path / "t.duckdb", ExportFormat.DUCKDB)
    with pytest.raises(SourceNotFound):
        export_tables(tmp_path / "missing", tmp_path / "t.duckdb", ExportFormat.DUCKDB)


@pytest.fixture
def umask_002() -> Iterator[None]:
    previous = os.umask(0o002)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("umask_002")
def test_new_files_follow_the_umask_and_replaced_ones_keep_their_mode(
    json_batch: Path, tmp_path: Path
) -> None:
    for fmt, target in ((ExportFormat.PARQUET, "pq"), (ExportFormat.DUCKDB, "t.duckdb")):
        report = export_tables(json_batch, tmp_path / target, fmt)
        assert {stat.S_IMODE(path.stat().st_mode) for path in report.paths} == {0o664}
        for path in report.paths:
            path.chmod(0o640)
        again = export_tables(json_batch, tmp_path / target, fmt, replace=True)
        assert {stat.S_IMODE(path.stat().st_mode) for path in again.paths} == {0o640}
    assert not [p for p in (tmp_path / "pq").iterdir() if p.name.startswith(".")]


def test_a_link_is_followed_and_left_a_link(json_batch: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (tmp_path / "latest.duckdb").symlink_to(shared / "t.duckdb")
    export_tables(json_batch, tmp_path / "latest.duckdb", ExportFormat.DUCKDB)
    assert (tmp_path / "latest.duckdb").is_symlink()
    db = duckdb.connect(str(shared / "t.duckdb"), read_only=True)
    assert db.execute("SELECT count(*) FROM articles").fetchone() == (5,)  # the batch's inputs
    (shared / "pq").mkdir()
    (shared / "pq" / "stale.parquet.tmp").write_text("someone else's")
    dead = shared / "pq" / ".parties.parquet.0123456789ab.briefing.tmp"
    dead.write_text("left by an export killed halfway")
    (shared / "pq" / "parties.parquet").write_text("old")
    (tmp_path / "pq").mkdir()
    (tmp_path / "pq" / "parties.parquet").symlink_to(shared / "pq" / "parties.parquet")
    export_tables(json_batch, shared / "pq", ExportFormat.PARQUET, replace=True)
    export_tables(json_batch, tmp_path / "pq", ExportFormat.PARQUET, replace=True)
    assert (tmp_path / "pq" / "parties.parquet").is_symlink()
    assert pq.read_table(shared / "pq" / "parties.parquet").num_rows > 0
    assert not dead.exists(), "a dead export's temporary file goes"
    assert (shared / "pq" / "stale.parquet.tmp").read_text() == "someone else's"


_DEVICES = r"""
import json, os, stat
from pathlib import Path
from summarizer.errors import InputError
from summarizer.export import ExportFormat, export_tables

os.mkfifo("fifo")
Path("batch").mkdir()
targets = ["/dev/stdout", "fifo"] + (["/dev/null"] if os.path.exists("/dev/null") else [])
results = {}
for target in targets:
    try:
        export_tables(Path("batch"), Path(target), ExportFormat.DUCKDB, replace=True)
        results[target] = "written"
    except InputError as exc:
        results[target] = str(exc)
results["kinds"] = [
    os.path.islink("/dev/stdout"),
    stat.S_ISFIFO(os.stat("fifo").st_mode),
    not os.path.exists("/dev/null") or stat.S_ISCHR(os.stat("/dev/null").st_mode),
]
print(json.dumps(results))
"""


def test_a_database_is_never_renamed_over_a_device_pipe_or_terminal(tmp_path: Path) -> None:
    done = run_private(tmp_path, _DEVICES)
    assert done.returncode == 0, done.stderr.decode()
    results = json.loads(done.stdout.decode().splitlines()[-1])
    assert results.pop("kinds") == [True, True, True], "each is what it was"
    assert len(results) == (3 if has_null_device() else 2)
    for target, said in results.items():
        assert said.startswith(f"{target}: not a regular file"), said
        assert "--format duckdb writes a database file" in said
