"""Bad inputs, through ``briefing summarize`` and ``briefing batch``: a clear error each.

Every one ends with a one-line error and its exit code (``summarize``) or its own
failed manifest line (``batch``), or with a briefing when the input is good text in an
unusual shape; none stops a batch or shows a traceback. Unit tests of the same readers
are in ``tests/test_article.py``, ``tests/test_decoding.py``, ``tests/test_webpage.py``
and ``tests/batch/test_inputs.py``; a briefing that cannot be written is in
``tests/batch/test_runner.py``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.article import load_article
from summarizer.batch.inputs import discover_inputs
from summarizer.cli.app import app
from summarizer.errors import InputError
from summarizer.schema import Briefing
from summarizer.testing import FakeServer, Reply, Request, SchemaModel
from tests.batch.conftest import by_id, run_batch, write_articles
from tests.faults.conftest import engine_at

ROOT = Path(__file__).resolve().parents[2]
FIFTY_MB = 50 * 1024 * 1024
FRENCH = "Le ministre français a signé à Genève un accord de coopération avec l'Allemagne."
PARAGRAPH = "Japan and the Philippines signed a reciprocal access agreement in Manila on Monday."
NAVIGATION = (
    "<html><head><title>World News</title></head><body><nav><ul>"
    + "".join(f"<li><a href=/s/{n}>Section {n}</a></li>" for n in range(30))
    + "</ul></nav><footer><a href=/about>About</a> © Example News</footer></body></html>"
)


def nested(depth: int) -> str:
    return f"<html><body>{'<div>' * depth}<p>{PARAGRAPH}</p>{'</div>' * depth}</body></html>"


@dataclass(frozen=True)
class BadInput:
    """A file to write, and what ``summarize`` must make of it."""

    name: str
    content: bytes
    exit_code: int
    says: str
    """Part of the error; for inputs that succeed, text the article must contain."""


def random_bytes() -> bytes:
    """Noise with no NUL byte and no known signature: only the decoder can tell."""
    return bytes(b for b in random.Random(8).randbytes(3000) if b)


INPUTS = [
    BadInput("empty.txt", b"", 13, "empty.txt: the article is empty"),
    BadInput("whitespace.txt", " \n\t \r\n\u00a0\u200b \n".encode(), 13, "the article is empty"),
    BadInput("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), 14, "looks like a PNG image"),
    BadInput("noise.txt", random_bytes(), 14, "noise.txt: binary data, not text or HTML"),
    BadInput("nul.txt", b"text\x00with\x00NUL bytes in it", 14, "contains NUL bytes"),
    BadInput("program", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, 14, "looks like an executable"),
    BadInput("latin1.txt", FRENCH.encode("latin-1"), 0, FRENCH),
    BadInput("utf16.txt", FRENCH.encode("utf-16"), 0, FRENCH),
    BadInput("utf16be.txt", FRENCH.encode("utf-16-be"), 0, FRENCH),
    BadInput("nested.html", nested(600).encode(), 0, PARAGRAPH),
    BadInput("too-nested.html", nested(3000).encode(), 15, "nests elements over 2,048 deep"),
    BadInput("navigation.html", NAVIGATION.encode(), 15, "no article text found in the page"),
    BadInput("scripts.html", b"<html><body><script>x()</script></body></html>", 15, "no article"),
]


def write_inputs(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for bad in INPUTS:
        (folder / bad.name).write_bytes(bad.content)
    with (folder / "huge.txt").open("wb") as huge:
        chunk = (PARAGRAPH + "\n").encode() * 10_000
        while huge.tell() < FIFTY_MB:
            huge.write(chunk)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "missing.txt").symlink_to(folder / "nowhere.txt")
    (folder / "folder.txt").mkdir()
    (folder / "folder.txt" / "inside.txt").write_text(PARAGRAPH, "utf-8")
    os.mkfifo(folder / "pipe.txt")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad") / "in"
    write_inputs(folder)
    return folder


@pytest.fixture(scope="module")
def server() -> Iterator[FakeServer]:
    with FakeServer(SchemaModel()) as running:
        yield running


def summarize(path: Path, server: FakeServer) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["summarize", str(path), "--base-url", server.base_url, "-f", "json"]
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("bad", INPUTS, ids=lambda bad: bad.name)
def test_summarize_each_input(bad: BadInput, inputs: Path, server: FakeServer) -> None:
    code, stdout, stderr = summarize(inputs / bad.name, server)
    assert code == bad.exit_code, stderr
    assert "Traceback" not in stdout + stderr
    if code:
        assert stderr.count("\n") == 1 and bad.says in stderr and stdout == ""
        return
    briefing = Briefing.model_validate_json(stdout)
    assert briefing.warnings == []
    for evidence in briefing.evidence():
        assert evidence.verified and evidence.text
    assert any(bad.says.startswith(e.text or "-") for e in briefing.evidence())


@pytest.mark.parametrize(
    ("name", "code", "says"),
    [
        ("huge.txt", 16, "over the 5,000,000-byte limit (52,"),
        ("loop.txt", 19, "cannot be read (Too many levels of symbolic links)"),
        ("missing.txt", 11, "no such file"),
        ("folder.txt", 12, "is a directory, not an article"),
    ],
)
def test_summarize_inputs_that_are_not_readable_files(
    name: str, code: int, says: str, inputs: Path, server: FakeServer
) -> None:
    exit_code, stdout, stderr = summarize(inputs / name, server)
    assert exit_code == code and stdout == ""
    assert stderr.startswith(f"briefing: {inputs / name}: {says}") and stderr.count("\n") == 1


def test_a_batch_of_every_bad_input_fails_each_alone(inputs: Path, tmp_path: Path) -> None:
    model = SchemaModel()
    with FakeServer(model) as server:
        result = CliRunner().invoke(
            app, ["batch", str(inputs), "-o", str(tmp_path / "out"), "--base-url", server.base_url]
        )
    assert result.exit_code == 30 and "Traceback" not in result.stderr
    lines = by_id(tmp_path / "out")
    expected = {bad.name: bad for bad in INPUTS if bad.name != "program"}  # no suffix: not read
    for name, bad in expected.items():
        line = lines[name]
        if bad.exit_code:
            assert line["status"] == "failed" and bad.says in line["error"], name
        else:
            assert line["status"] == "ok", line["error"]
    special = {
        "huge.txt": "over the 5,000,000-byte limit",
        "loop.txt": "Too many levels of symbolic links",
        "missing.txt": "missing.txt: no such file",
        "pipe.txt": "pipe.txt: is a named pipe, not a file",
    }
    for name, says in special.items():
        assert lines[name]["status"] == "failed" and says in lines[name]["error"], name
    assert lines["folder.txt/inside.txt"]["status"] == "ok"
    assert sum(1 for line in lines.values() if line["status"] == "ok") == 5
    asked = {FRENCH if FRENCH in r.body.decode() else PARAGRAPH for r in model.requests}
    assert len(model.requests) == len(asked) == 2, "one request per distinct good text, no more"
    assert all(
        PARAGRAPH in r.body.decode() for r in model.requests if FRENCH not in r.body.decode()
    )


def test_a_50_mb_input_is_refused_without_being_read(inputs: Path, tmp_path: Path) -> None:
    record = {"id": "huge", "text": (inputs / "huge.txt").read_text("utf-8")}
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text(json.dumps({"id": "small", "text": PARAGRAPH}) + "\n" + json.dumps(record))
    del record
    for read in (
        lambda: load_article(inputs / "huge.txt"),
        lambda: [item.load() for item in discover_inputs(jsonl)],
    ):
        tracemalloc.start()
        try:
            with pytest.raises(InputError, match="over the 5,000,000-byte limit"):
                read()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        print(f"a 50 MB input refused with {peak / 1e6:.1f} MB allocated at the peak")
        assert peak < FIFTY_MB / 4


def test_files_that_vanish_or_change_during_a_batch_fail_alone(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "in", 12)
    model = SchemaModel()

    def becomes_a_folder(path: Path) -> None:
        path.unlink()
        path.mkdir()

    changes: dict[str, Callable[[Path], object]] = {
        "article-009.txt": lambda p: p.unlink(),
        "article-010.txt": becomes_a_folder,
        "article-011.txt": lambda p: p.write_bytes(b""),
    }

    def handler(request: Request) -> Reply:
        if len(model.requests) == 0:
            for path in paths:
                if path.name in changes:
                    changes[path.name](path)
        return model(request)

    with FakeServer(handler) as server:
        report = run_batch(tmp_path / "in", tmp_path / "out", engine_at(server.base_url), jobs=1)
    lines = by_id(tmp_path / "out")
    assert report.counts == {"ok": 9, "failed": 3} and len(lines) == 12
    assert lines["article-009.txt"]["error"].endswith("article-009.txt: no such file")
    assert lines["article-010.txt"]["error"].endswith("is a directory, not an article")
    assert lines["article-011.txt"]["error"].endswith("article-011.txt: the article is empty")


def without_file_permissions() -> list[str]:
    """A command prefix under which file permissions apply, even to root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    drop = [setpriv or "setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    if setpriv is None or subprocess.run([*drop, "true"], check=False).returncode != 0:
        pytest.skip(
            "running as root, for whom chmod 000 stops no read, and no setpriv to drop "
            "the capability that lets root read anything"
        )
    return drop


def test_an_unreadable_file_fails_clearly(tmp_path: Path) -> None:
    prefix = without_file_permissions()
    folder = tmp_path / "in"
    write_articles(folder, 2)
    locked = folder / "article-001.txt"
    locked.chmod(0)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    briefing = [*prefix, sys.executable, "-m", "summarizer"]
    try:
        alone = subprocess.run(
            [*briefing, "summarize", str(locked), "--engine", "offline"],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        with FakeServer(SchemaModel()) as server:
            batch = subprocess.run(
                [*briefing, "batch", str(folder), "-o", str(tmp_path / "out")]
                + ["--base-url", server.base_url, "-q"],
                capture_output=True,
                env=env,
                timeout=120,
                check=False,
            )
    finally:
        locked.chmod(0o644)
    assert alone.returncode == 19
    assert alone.stderr.decode() == f"briefing: {locked}: cannot be read (Permission denied)\n"
    assert batch.returncode == 30, batch.stderr.decode()
    lines = by_id(tmp_path / "out")
    assert lines["article-000.txt"]["status"] == "ok"
    assert lines["article-001.txt"]["error"] == f"{locked}: cannot be read (Permission denied)"
