"""Hangs: servers that hold a request forever without letting any one read time out.

A tarpit sends its headers a byte at a time, each well within the read timeout. Every
request, to an article's URL or to the model, ends at its total deadline all the same,
through the sync and the async clients.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from summarizer.article import article_from_text
from summarizer.batch.results import iter_results
from summarizer.errors import FetchError, TransportError
from summarizer.fetch import fetch_url
from summarizer.pipeline import summarize
from summarizer.testing import FakeServer, SchemaModel
from tests.batch.conftest import article_text, by_id
from tests.faults.conftest import engine_at, summarize_async
from tests.tarpit import tarpit

ARTICLE = article_from_text(article_text(0))
DEADLINE = 0.6


@pytest.mark.parametrize("route", ["sync", "async"])
def test_a_model_endpoint_trickling_its_headers_fails_at_the_deadline(route: str) -> None:
    with tarpit(interval=0.05, lifetime=40) as root:
        engine = engine_at(f"{root}/v1", timeout=DEADLINE, max_retries=1, max_attempts=1)
        started = time.monotonic()
        with pytest.raises(TransportError, match="a timeout"):
            if route == "sync":
                summarize(ARTICLE, engine=engine)
            else:
                summarize_async(ARTICLE, engine)
        engine.close()
        elapsed = time.monotonic() - started
    assert elapsed < 10 * DEADLINE, f"two requests took {elapsed:.1f} s"


def test_an_article_url_trickling_its_headers_fails_at_the_deadline() -> None:
    with tarpit(interval=0.05, lifetime=40) as root:
        started = time.monotonic()
        with pytest.raises(FetchError, match=f"no answer within {DEADLINE:g} s"):
            fetch_url(f"{root}/story", max_bytes=1_000_000, timeout=DEADLINE)
        elapsed = time.monotonic() - started
    assert elapsed < 5 * DEADLINE, f"the fetch took {elapsed:.1f} s"


def _records(path: Path, root: str, count: int) -> Path:
    lines = [json.dumps({"id": f"web-{n}", "url": f"{root}/story-{n}"}) for n in range(count)]
    lines += [json.dumps({"id": f"text-{n}", "text": article_text(n)}) for n in range(count)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.mark.parametrize("output_format", ["json", "parquet"])
@pytest.mark.parametrize("signals", [[signal.SIGTERM], [signal.SIGINT, signal.SIGINT]])
def test_signals_stop_a_batch_whose_reads_hang(
    tmp_path: Path, signals: list[int], output_format: str
) -> None:
    connected = threading.Semaphore(0)
    with tarpit(interval=0.5, lifetime=60, on_connect=connected.release) as root:
        records = _records(tmp_path / "records.jsonl", root, 4)
        out = tmp_path / "out"
        with FakeServer(SchemaModel()) as server:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "summarizer",
                    "batch",
                    str(records),
                    "-o",
                    str(out),
                    "--base-url",
                    server.base_url,
                    "--allow-private-urls",
                    "--no-cache",
                    "--output-format",
                    output_format,
                    "-q",
                ],
                stderr=subprocess.PIPE,
            )
            for _ in range(4):
                assert connected.acquire(timeout=30), "the batch never fetched"
            stopped = time.monotonic()
            for signum in signals:
                process.send_signal(signum)
                time.sleep(0.2)
            try:
                _, stderr = process.communicate(timeout=15)
            finally:
                process.kill()
            elapsed = time.monotonic() - stopped
    assert process.returncode == 130, stderr.decode()
    assert elapsed < 10, f"the batch took {elapsed:.1f} s to stop"
    lines = by_id(out)
    assert len(lines) == 8
    for key, line in lines.items():
        if key.startswith("web-"):
            assert (line["status"], line["error"]) == ("skipped", "not processed: interrupted")
    results = {row.line.id: row for row in iter_results(out)}
    statuses = {key: line["status"] for key, line in lines.items()}
    assert {key: row.line.status for key, row in results.items()} == statuses, output_format
    done = {key for key, status in statuses.items() if status == "ok"}
    assert {key for key, row in results.items() if row.briefing} == done, "each ok one written"
