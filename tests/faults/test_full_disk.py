"""A disk that fills up under a batch: it stops cleanly, its manifest whole, and goes on
once there is room. Run in a private mount namespace, on a tmpfs the test mounts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.namespace import run_private

_SCRIPT = r"""
import json, os, subprocess, sys
from pathlib import Path
from summarizer.batch.manifest import ManifestLine
from summarizer.testing import FakeServer, SchemaModel
from tests.batch.conftest import write_articles

write_articles(Path("in"), 40)
os.mkdir("out")
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "briefing-out", "out"], check=True)

def batch(url):
    command = [sys.executable, "-m", "summarizer", "batch", "in", "-o", "out",
               "--base-url", url, "--no-cache", *EXTRA]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)

def manifest():
    data = Path("out/manifest.jsonl").read_bytes() if Path("out/manifest.jsonl").exists() else b""
    assert not data or data.endswith(b"\n"), "a torn last line"
    return [ManifestLine.from_json(line) for line in data.splitlines()]

with FakeServer(SchemaModel()) as server:
    full = batch(server.base_url)
    after_full = manifest()
    leftovers = [p.name for p in Path("out").iterdir() if p.name.endswith(".tmp")]
    subprocess.run(["mount", "-o", "remount,size=4m", "out"], check=True)
    again = batch(server.base_url)
    final = manifest()
from summarizer.batch.results import iter_results
rows = {row.line.id: row for row in iter_results(Path("out"))}
print(json.dumps({
    "results": sorted([key, row.line.status, bool(row.briefing)] for key, row in rows.items()),
    "full": [full.returncode, full.stderr],
    "lines after full": [[line.id, line.status, line.output] for line in after_full],
    "leftovers": leftovers,
    "again": [again.returncode, again.stderr],
    "final": [[line.id, line.status] for line in final],
    "briefings": sorted(p.name for p in Path("out").glob("*.json")),
}))
"""


@pytest.mark.parametrize("output_format", ["json", "parquet"])
def test_a_full_disk_stops_the_batch_cleanly_and_a_rerun_goes_on(
    tmp_path: Path, output_format: str
) -> None:
    extra = ["--output-format", output_format]
    size = {"json": "48k", "parquet": "24k"}[output_format]  # room for part of the run
    script = f"EXTRA = {extra!r}\nSIZE = {size!r}\n{_SCRIPT}"
    done = run_private(tmp_path, script, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout)
    code, stderr = result["full"]
    assert code == 1, stderr
    assert "No space left on device" in stderr and "run the same command again" in stderr
    assert "internal error" not in stderr and "Traceback" not in stderr
    written = result["lines after full"]
    assert all(status in ("ok", "skipped") for _, status, _ in written)
    if output_format == "json":  # each briefing written as it comes; a part at the end
        assert 0 < sum(status == "ok" for _, status, _ in written) < 40
        assert all(status != "ok" or output in result["briefings"] for _, status, output in written)
    assert result["leftovers"] == []
    code, stderr = result["again"]
    assert code == 0, stderr
    everything = [[f"article-{n:03d}.txt", "ok"] for n in range(40)]
    assert sorted(result["final"]) == everything
    assert result["results"] == [[key, status, True] for key, status in everything]
    assert len(result["briefings"]) == (40 if output_format == "json" else 0)
