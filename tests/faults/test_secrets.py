"""The API key never leaves: not in output, manifest, log, error message, cache or fixture.

The CLI runs with a recognisable fake key against a loopback server that quotes the
key back wherever it can: in a reply's content, in 401, 429, 500 and 502 errors, in a
proxy's HTML page, in a refusal, in an invalid reply, and with all but a tail of it
masked; and a Batch API run (``--via openai-batch``) whose output and error files quote
it too. Then every byte the runs wrote (stdout, stderr with ``--verbose``, manifests,
briefings, the sqlite cache and its journal, downloaded Batch API files, recorded
fixtures) is searched for the key and for every run of 12 of its characters.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli.app import app
from summarizer.config import Settings
from summarizer.engines.redact import MIN_RUN
from summarizer.testing import (
    BatchAPI,
    FakeServer,
    Reply,
    Request,
    SchemaModel,
    completion_body,
    error_body,
)
from summarizer.testing.record import record
from tests.batch.conftest import article_number, write_articles

KEY = "sk-test-LEAKCHECK-7f3a9c2e5b1d4068aa91"
RUNS = [KEY[i : i + MIN_RUN].encode() for i in range(len(KEY) - MIN_RUN + 1)]
ROOT = Path(__file__).resolve().parents[2]


def leaky(request: Request, model: SchemaModel) -> Reply:
    """A server quoting back the key it was sent, a different way for each article."""
    key = request.headers["authorization"].removeprefix("Bearer ")
    masked = "****" + key[6:]
    good = model(request)
    assert isinstance(good.body, dict)
    message = good.body["choices"][0]["message"]
    calls = message.get("tool_calls") or []
    value = json.loads(calls[0]["function"]["arguments"] if calls else message["content"])
    value["headline"] = f"Key {key} seen"
    value["parties"][0]["aliases"] = [key]
    text = json.dumps(value)
    echoed = Reply(
        body=completion_body(None, tool_arguments=text) if calls else completion_body(text)
    )
    page = f"<html><body><h1>Bad gateway</h1><p>upstream rejected {key}</p></body></html>"
    attempts = sum(1 for r in model.requests if article_number(r) == article_number(request))
    replies = {
        0: echoed,
        1: Reply(status=401, body=error_body(f"Incorrect API key provided: {key}", "auth")),
        2: Reply(status=500, body=error_body(f"internal error handling {key}", "server")),
        3: Reply(status=502, body=page, headers={"content-type": "text/html"}),
        4: Reply(body=page, headers={"content-type": "text/html"}),
        5: Reply(
            status=429,
            body=error_body(f"rate limit for {key}", "rate_limit"),
            headers={"retry-after-ms": "10"},
        )
        if attempts == 1
        else echoed,
        6: Reply(body=completion_body(None, refusal=f"I will not use the key {key}.")),
        7: Reply(body=completion_body(f"not JSON, but here is your key: {key}")),
        8: Reply(body=completion_body(json.dumps({"headline": key, "parties": key}))),
        9: Reply(status=500, body=error_body(f"key {masked} is disabled", "server")),
        10: Reply(status=400, body=error_body(f"bad request made with {key}", "invalid")),
    }
    return replies[article_number(request) % len(replies)]


@pytest.fixture
def server() -> Iterator[FakeServer]:
    model = SchemaModel()
    with FakeServer(lambda request: leaky(request, model)) as running:
        yield running


def leaks(data: bytes) -> list[bytes]:
    return [run for run in RUNS if run in data]


def every_file(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            yield path


@pytest.mark.slow
def test_the_key_leaks_nowhere(
    server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("BRIEFING_MAX_RETRIES", "1")
    monkeypatch.setenv("BRIEFING_MAX_ATTEMPTS", "2")
    write_articles(tmp_path / "in", 11)
    outputs: list[bytes] = []
    runner = CliRunner()
    base = ["--base-url", server.base_url, "--verbose"]
    for number, fmt in [(0, "json"), (0, "markdown"), (0, "html"), (0, "text")] + [
        (n, "json") for n in range(1, 11)
    ]:
        article = tmp_path / "in" / f"article-{number:03d}.txt"
        result = runner.invoke(app, ["summarize", str(article), "-f", fmt, *base])
        outputs += [result.stdout.encode(), result.stderr.encode()]
        assert "Traceback" not in result.stderr
        if number in (0, 5):  # 5 answers well after a 429
            assert result.exit_code == 0 and "redacted" in result.stdout
        else:
            assert result.exit_code != 0
            assert result.stderr.splitlines()[-1].startswith("briefing: ")
    batch = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), *base])
    assert batch.exit_code == 30
    outputs += [batch.stdout.encode(), batch.stderr.encode()]
    info = runner.invoke(app, ["cache", "info"])
    outputs.append(info.stdout.encode())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.run(
        [sys.executable, "-m", "summarizer", "batch", str(tmp_path / "in")]
        + ["-o", str(tmp_path / "again"), "--no-cache", *base],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert process.returncode == 30, process.stderr.decode()
    outputs += [process.stdout, process.stderr]
    settings = Settings(base_url=server.base_url, api_key=KEY, max_retries=1, max_attempts=2)
    for number in (0, 2, 7):
        record(
            tmp_path / "in" / f"article-{number:03d}.txt",
            name=f"leak-{number}",
            settings=settings,
            server="loopback",
            out_dir=tmp_path / "fixtures",
        )
    assert any(r.headers["authorization"] == f"Bearer {KEY}" for r in server.requests)
    written = list(every_file(tmp_path))
    names = {p.name for p in written}
    assert {"manifest.jsonl", "responses.sqlite3", "leak-0-1.json", "leak-7.outcome.json"} <= names
    assert any(b"[redacted]" in p.read_bytes() for p in written if p.suffix == ".json")
    for path in written:
        assert leaks(path.read_bytes()) == [], path
    for number, output in enumerate(outputs):
        assert leaks(output) == [], (number, output.decode()[:2000])


@pytest.mark.slow
def test_the_key_leaks_nowhere_in_a_run_through_the_batch_api(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    model = SchemaModel()

    def quoting(request: Request) -> Reply:
        """Batch lines carry no key: this server quotes the one the run authenticated with."""
        good = model(request)
        assert isinstance(good.body, dict)
        value = json.loads(good.body["choices"][0]["message"]["content"])
        value["headline"] = f"Key {KEY} seen"
        number = article_number(request)
        if number == 1:
            return Reply(status=401, body=error_body(f"Incorrect API key provided: {KEY}"))
        if number == 2:
            return Reply(status=500, body=error_body(f"upstream rejected ****{KEY[5:]}"))
        return Reply(body=completion_body(json.dumps(value)))

    write_articles(tmp_path / "in", 4)
    api = BatchAPI(quoting)
    with FakeServer(api) as server:
        run = CliRunner().invoke(
            app,
            ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--via", "openai-batch"]
            + ["--base-url", server.base_url, "--poll-interval", "0", "--verbose"],
        )
    assert run.exit_code == 30, run.stderr
    assert any(r.headers.get("authorization") == f"Bearer {KEY}" for r in server.requests)
    written = list(every_file(tmp_path / "out"))
    assert any(".openai-batch" in str(path) for path in written)
    for path in written:
        assert leaks(path.read_bytes()) == [], path
    assert leaks(run.stdout.encode() + run.stderr.encode()) == []
    lines = (tmp_path / "out" / "manifest.jsonl").read_text()
    assert "Incorrect API key provided: [redacted]" in lines
