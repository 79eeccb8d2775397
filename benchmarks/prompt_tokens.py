"""Prompt tokens per article: briefing's requests against instructor's, same schema and article.

Both libraries extract :class:`summarizer.reply.Reply` from the example article with
briefing's messages (system prompt and delimited article), in each output mode they
share; the benchmark server keeps every request as sent, and each is counted the same
way with the ``o200k_base`` vocabulary (``bpe-openai``, which works offline):

- every message's text, plus 3 tokens a message and 3 to prime the reply (OpenAI's
  published rule for chat models);
- the schema the request carries outside the messages (``response_format.json_schema``
  or ``tools``) as compact JSON. Servers render it their own way before the model sees
  it; compact JSON is the same yardstick for both. In JSON mode the schema is in the
  system message; the copy briefing also puts in ``response_format.schema`` is a
  decoding constraint for servers that take one (llama.cpp), not prompt, and is not
  counted.

    python benchmarks/prompt_tokens.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loopback import EXAMPLE_ARTICLE, FixedReply  # noqa: E402
from overhead import engine_request  # noqa: E402
from peers import PeerWorker  # noqa: E402

from summarizer.article import load_article  # noqa: E402
from summarizer.config import Settings  # noqa: E402
from summarizer.engines.base import OutputMode  # noqa: E402
from summarizer.engines.openai import OpenAIEngine  # noqa: E402
from summarizer.pipeline import summarize  # noqa: E402
from summarizer.testing import FakeServer  # noqa: E402
from summarizer.tokens import count_tokens, exact  # noqa: E402

PER_MESSAGE = 3
REPLY_PRIMING = 3
PAIRS = {  # our mode: instructor's mode asking the same way
    OutputMode.JSON_SCHEMA: "instructor-json_schema",
    OutputMode.TOOLS: "instructor-tools",
    OutputMode.JSON_OBJECT: "instructor-json",
}


@dataclass(frozen=True)
class Count:
    """Prompt tokens of one request: in its messages and in its out-of-message schema."""

    messages: int
    schema: int

    @property
    def total(self) -> int:
        return self.messages + self.schema


def count_request(body: dict[str, Any]) -> Count:
    """The prompt tokens of one chat request body."""
    messages = REPLY_PRIMING
    for message in body["messages"]:
        messages += PER_MESSAGE + count_tokens(message.get("content") or "")
    outside: list[Any] = []
    format_ = body.get("response_format") or {}
    if "json_schema" in format_:
        outside.append(format_["json_schema"])
    if body.get("tools"):
        outside.append(body["tools"])
    schema = sum(count_tokens(json.dumps(part, separators=(",", ":"))) for part in outside)
    return Count(messages, schema)


def measure(*, peers: bool = True) -> dict[str, Count]:
    """Token counts of our request in each output mode, and of instructor's."""
    article = load_article(EXAMPLE_ARTICLE)
    counts: dict[str, Count] = {}
    with FakeServer(FixedReply()) as server, tempfile.TemporaryDirectory() as scratch:
        for mode in PAIRS:
            settings = Settings(base_url=server.base_url, model="bench-model", mode=mode)
            before = server.count
            summarize(article, engine=OpenAIEngine(settings))
            (request,) = server.requests[before:]
            counts[f"ours-{mode.value}"] = count_request(request.json)
        if peers:
            request_file = Path(scratch) / "request.json"
            engine = OpenAIEngine(Settings(base_url=server.base_url, model="bench-model"))
            request_file.write_text(json.dumps(engine_request(engine, article)), "utf-8")
            worker = PeerWorker(server.base_url, request_file)
            try:
                for name in PAIRS.values():
                    before = server.count
                    worker.time(name, 1)
                    (request,) = server.requests[before:]
                    counts[name] = count_request(request.json)
            finally:
                worker.close()
    return counts


def report(counts: dict[str, Count]) -> list[str]:
    """The figures, one line each."""
    how = "o200k_base" if exact() else "ESTIMATED (tokenizer missing)"
    lines = [f"Prompt tokens per article ({how}; messages + schema outside them):"]
    verdicts = []
    for mode, theirs in PAIRS.items():
        ours = counts[f"ours-{mode.value}"]
        line = f"  {mode.value:<12} briefing {ours.total:5,} ({ours.messages:,} + {ours.schema:,})"
        if theirs in counts:
            peer = counts[theirs]
            line += (
                f"   instructor {peer.total:5,} ({peer.messages:,} + {peer.schema:,})"
                f"   ratio {ours.total / peer.total:.2f}"
            )
            verdicts.append(ours.total <= peer.total)
        lines.append(line)
    if verdicts:
        lines.append(
            "  target briefing <= instructor in every mode: "
            + ("met" if all(verdicts) else "MISSED")
        )
    return lines


def main() -> None:
    print("\n".join(report(measure(peers="--no-peers" not in sys.argv))))


if __name__ == "__main__":
    main()
