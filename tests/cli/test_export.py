from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from tests.cli.conftest import Invoke
from tests.conftest import FIXTURES


def test_a_parquet_batch_offline_then_exported_to_duckdb(invoke: Invoke, tmp_path: Path) -> None:
    names = sorted((FIXTURES / "articles").glob("*.txt"))
    pq.write_table(
        pa.table(
            {
                "doc": [path.stem for path in names],
                "body": [path.read_text("utf-8") for path in names],
                "published": ["2024-07-08", "2024-07-29", "2024-07-28", "2024-08-02"],
            }
        ),
        tmp_path / "articles.parquet",
    )
    ran = invoke(
        "batch",
        str(tmp_path / "articles.parquet"),
        "-o",
        str(tmp_path / "out"),
        "--text-column",
        "body",
        "--id-column",
        "doc",
        "--date-column",
        "published",
        "--engine",
        "offline",
        "--quiet",
    )
    assert ran.exit_code == 0, ran.stderr

    exported = invoke("export", str(tmp_path / "out"), "-o", str(tmp_path / "t.duckdb"))
    assert exported.exit_code == 0, exported.stderr
    assert "wrote" in exported.stderr and "4 articles" in exported.stderr
    db = duckdb.connect(str(tmp_path / "t.duckdb"), read_only=True)
    rows = db.execute("SELECT article_id, date, engine FROM articles ORDER BY 1").fetchall()
    assert rows == [
        ("authored-access-pact", "2024-07-08", "offline"),
        ("authored-blinken-north-korea", "2024-07-29", "offline"),
        ("authored-us-japan-command", "2024-07-28", "offline"),
        ("voa-us-japan-2plus2", "2024-08-02", "offline"),
    ]

    again = invoke("export", str(tmp_path / "out"), "-o", str(tmp_path / "t.duckdb"))
    assert again.exit_code == 10
    assert "already exists; --force replaces it" in again.stderr
    assert "Traceback" not in again.stderr


def test_export_formats_and_usage_errors(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text("{}")
    csv = invoke("export", str(out), "-o", str(tmp_path / "csv"), "--format", "csv")
    assert csv.exit_code == 0, csv.stderr
    assert "skipped a.json: not a briefing" in csv.stderr
    assert (tmp_path / "csv" / "evidence.csv").is_file()
    bad = invoke("export", str(out), "-o", str(tmp_path / "x"), "--format", "xlsx")
    assert bad.exit_code == 2
    missing = invoke("export", str(tmp_path / "nope"), "-o", str(tmp_path / "x"))
    assert missing.exit_code == 11
