"""Benchmark of ``briefing batch --via openai-batch`` against the loopback Batch API.

Runs N distinct articles (the example article under a numbered dateline) through the
real run, in process, against a FakeServer serving :class:`summarizer.testing.BatchAPI`
(every batch answered at once by SchemaModel, one article in a hundred failing
grounding on its first reply so that a second round re-asks it), and prints:

- wall time of the run and its share per article (what briefing's own work costs: plan,
  request files, upload, download, judging and grounding, writing; the API's own time
  is zero here);
- the size of the request files and the rounds and batches it took;
- a re-run of the finished folder (every article done: nothing is sent);
- a catch-up: the state's journal removed and the last round marked not applied, so the
  run replays the downloaded results (what a run killed after downloading does).

    PYTHONPATH=. python benchmarks/batch_api.py                  # 2,000 articles
    PYTHONPATH=. python benchmarks/batch_api.py --articles 10000 --batch-size 5000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer.batch import discover_inputs  # noqa: E402
from summarizer.batch.remote.openai_batch import OpenAIBatchRun, RemoteOptions  # noqa: E402
from summarizer.batch.remote.state import JOURNAL_FILE, STATE_DIR  # noqa: E402
from summarizer.config import Settings  # noqa: E402
from summarizer.engines.openai import OpenAIEngine  # noqa: E402
from summarizer.testing import (  # noqa: E402
    BatchAPI,
    FakeServer,
    Reply,
    Request,
    SchemaModel,
    completion_body,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "articles" / "voa-us-japan-2plus2.txt"


def write_articles(folder: Path, count: int) -> None:
    text = EXAMPLE.read_text("utf-8")
    for number in range(count):
        sub = folder / f"day-{number // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        dateline = f"Dispatch {number} from the wire desk, filed on day {number}."
        (sub / f"story-{number:05d}.txt").write_text(f"{dateline}\n\n{text}", "utf-8")


class OneInAHundredUngrounded:
    """SchemaModel, with the first reply of every hundredth article quoting nothing real."""

    def __init__(self) -> None:
        self.model = SchemaModel()
        self.count = 0

    def __call__(self, request: Request) -> Reply:
        reply = self.model(request)
        first = len(request.json["messages"]) == 2
        self.count += 1
        if first and self.count % 100 == 0:
            body: Any = reply.body
            content = json.loads(body["choices"][0]["message"]["content"])
            content["parties"][0]["quotes"] = ["Words the article never had."]
            return Reply(body=completion_body(json.dumps(content)))
        return reply


def run(source: Path, out: Path, server: FakeServer, batch_size: int) -> tuple[float, Any]:
    engine = OpenAIEngine(Settings(base_url=server.base_url, api_key="sk-bench"))
    options = RemoteOptions(poll_interval=0, batch_size=batch_size)
    started = time.perf_counter()
    outcome = OpenAIBatchRun(discover_inputs(source), out, engine, options=options).run()
    engine.close()
    return time.perf_counter() - started, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        source, out = Path(scratch) / "in", Path(scratch) / "out"
        write_articles(source, args.articles)
        api = BatchAPI(OneInAHundredUngrounded())
        with FakeServer(api) as server:
            wall, outcome = run(source, out, server, args.batch_size)
            state = json.loads((out / STATE_DIR / "state.json").read_text())
            uploaded = sum(len(f.content) for f in api.files.values() if f.purpose == "batch")
            print(f"articles: {args.articles:,}, batch size {args.batch_size:,}")
            print(f"statuses: {dict(outcome.report.counts)}, exit code {outcome.exit_code}")
            rounds = [len(r["batches"]) for r in state["rounds"]]
            print(f"rounds: {len(rounds)}, batches per round: {rounds}")
            print(f"request files: {uploaded / 1e6:.1f} MB uploaded")
            print(f"run: {wall:.2f} s, {wall / args.articles * 1000:.2f} ms per article")

            again, _ = run(source, out, server, args.batch_size)
            print(f"re-run of the finished folder: {again:.2f} s, {api.created} batches in all")

            state["finished"] = False
            state["rounds"][-1]["batches"][-1]["collected"] = False
            (out / STATE_DIR / "state.json").write_text(json.dumps(state))
            (out / STATE_DIR / JOURNAL_FILE).unlink()
            catch_up, caught = run(source, out, server, args.batch_size)
            print(
                f"catch-up without the journal: {catch_up:.2f} s "
                f"({caught.report.counts['ok']:,} ok, {api.created} batches in all)"
            )


if __name__ == "__main__":
    main()
