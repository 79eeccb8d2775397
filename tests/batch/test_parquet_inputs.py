from __future__ import annotations

import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from summarizer.batch.parquet_inputs import ParquetColumns
from summarizer.batch.sources import discover_sources as discover_inputs
from summarizer.errors import EmptyArticle, InputError, InputTooLarge, UnsupportedSource
from tests.batch.conftest import article_text


def _file(path: Path, rows: int = 10, row_group_size: int = 3, **columns: list[object]) -> Path:
    data: dict[str, list[object]] = {
        "id": [f"doc-{n}" for n in range(rows)],
        "text": [article_text(n) for n in range(rows)],
    }
    data.update(columns)
    pq.write_table(pa.table(data), path, row_group_size=row_group_size)
    return path


def test_each_row_is_an_input_read_in_any_order(tmp_path: Path) -> None:
    items = discover_inputs(_file(tmp_path / "a.parquet", rows=40))
    assert [item.id for item in items] == [f"doc-{n}" for n in range(40)]
    order = list(range(40))
    random.Random(7).shuffle(order)
    for number in [*range(40), *order]:
        article = items[number].load()
        assert article.text.startswith(f"Dispatch {number}:")
        assert article.source == f"{tmp_path / 'a.parquet'} row {number + 1}"


def test_named_columns_give_the_text_and_metadata(tmp_path: Path) -> None:
    path = _file(
        tmp_path / "a.parquet",
        rows=2,
        body=["First text.", "Second text."],
        link=["https://example.org/1", None],
        headline=["One", "Two"],
        published=["2024-05-01", "2024-05-02"],
        doc=[11, 12],
    )
    columns = ParquetColumns(text="body", id="doc", url="link", title="headline", date="published")
    items = discover_inputs(path, columns=columns)
    assert [item.id for item in items] == ["11", "12"]
    first, second = (item.load() for item in items)
    assert (first.text, first.url, first.title, first.date) == (
        "First text.",
        "https://example.org/1",
        "One",
        "2024-05-01",
    )
    assert second.url is None


def test_missing_blank_and_repeated_ids(tmp_path: Path) -> None:
    path = _file(tmp_path / "a.parquet", rows=4, id=["a", None, " ", "a"])
    items = discover_inputs(path)
    assert [item.id for item in items] == ["a", "row-2", "row-3", "a#4"]
    with pytest.raises(InputError, match="row 4: duplicate id 'a' \\(first on row 1\\)"):
        items[3].load()
    no_ids = _file(tmp_path / "b.parquet", rows=2)
    pq.write_table(pq.read_table(no_ids).drop(["id"]), no_ids)
    assert [item.id for item in discover_inputs(no_ids)] == ["row-1", "row-2"]


def test_bad_rows_fail_alone(tmp_path: Path) -> None:
    path = _file(tmp_path / "a.parquet", rows=3, text=["fine text", None, "   "])
    items = discover_inputs(path)
    assert items[0].load().text == "fine text"
    with pytest.raises(InputError, match="row 2: the 'text' column is empty"):
        items[1].load()
    with pytest.raises(EmptyArticle):
        items[2].load()
    with pytest.raises(InputTooLarge):
        items[0].load(max_bytes=4)


def test_bad_files_and_columns_are_one_line_errors(tmp_path: Path) -> None:
    path = _file(tmp_path / "a.parquet", rows=2, number=[1, 2])
    with pytest.raises(InputError, match="no column 'body' \\(--text-column\\); it has: id, text"):
        discover_inputs(path, columns=ParquetColumns(text="body"))
    with pytest.raises(InputError, match="holds int64, not text"):
        discover_inputs(path, columns=ParquetColumns(text="number"))
    (tmp_path / "fake.parquet").write_text("id,text\n")
    with pytest.raises(UnsupportedSource, match="not a Parquet file"):
        discover_inputs(tmp_path / "fake.parquet")
    (tmp_path / "folder").mkdir()
    with pytest.raises(UnsupportedSource, match="column options go with a .parquet file"):
        discover_inputs(tmp_path / "folder", columns=ParquetColumns())
