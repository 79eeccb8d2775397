from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.fileio import atomic_writer, write_atomic


def test_a_file_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "lines.jsonl"
    with atomic_writer(path) as out:
        out.write(b"one\n")
        assert not path.exists(), "nothing at the path until the block ends"
        out.write(b"two\n")
    assert path.read_bytes() == b"one\ntwo\n"
    with pytest.raises(RuntimeError), atomic_writer(path) as out:
        out.write(b"half")
        raise RuntimeError("killed halfway")
    assert path.read_bytes() == b"one\ntwo\n"
    write_atomic(path, "three\n")
    assert path.read_text() == "three\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["lines.jsonl"]
