"""Calls timed in instructor's own virtual environment, on the orders of overhead.py.

instructor 1.17 pins ``jiter<0.15`` and our ``openai`` (3.50 or later) needs
``jiter>=0.16``, so instructor lives in a virtual environment of its own, where pip
resolves it with an older ``openai`` 3.x (also on ``httpx2``). This worker runs there,
with ``summarizer`` on its path for the :class:`~summarizer.reply.Reply` model only, and
times, against the same benchmark server as the other contenders:

- ``instructor-tools``: ``instructor.from_openai(client)`` (its default mode, tool calling);
- ``instructor-json_schema``: ``mode=Mode.JSON_SCHEMA`` (a ``json_schema`` response
  format, as briefing sends);
- ``instructor-json``: ``mode=Mode.JSON`` (the schema in the system prompt);
- ``raw``: this environment's ``openai`` SDK sending briefing's own request, then
  ``Reply.model_validate_json`` of the content (the floor, with this SDK version).

Each extracts :class:`Reply` from the example article with briefing's own messages
(system prompt and delimited article), so only the library differs. Protocol: one
order a line on standard input, ``CONTENDER COUNT``; the answer is one line of JSON, the
seconds each call took. ``versions`` answers the versions in use.

    $BENCH_PEER_PYTHON benchmarks/peer_instructor.py --base-url URL --request FILE
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import instructor  # noqa: E402
import openai  # noqa: E402

from summarizer.reply import Reply  # noqa: E402

MODES = {
    "instructor-tools": instructor.Mode.TOOLS,
    "instructor-json_schema": instructor.Mode.JSON_SCHEMA,
    "instructor-json": instructor.Mode.JSON,
}


def contenders(base_url: str, request: dict[str, Any]) -> dict[str, Callable[[], object]]:
    """One call of each contender, ready to time."""
    client = openai.OpenAI(base_url=base_url, api_key="bench", max_retries=0)
    calls: dict[str, Callable[[], object]] = {}
    for name, mode in MODES.items():
        patched = instructor.from_openai(client, mode=mode)

        def call(patched: Any = patched) -> object:
            return patched.chat.completions.create(
                model=request["model"], messages=request["messages"], response_model=Reply
            )

        calls[name] = call

    def raw() -> object:
        completion = client.chat.completions.create(**request)
        return Reply.model_validate_json(completion.choices[0].message.content or "")

    calls["raw"] = raw
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--request", type=Path, required=True, help="briefing's request, JSON")
    args = parser.parse_args()
    request = json.loads(args.request.read_text("utf-8"))
    calls = contenders(args.base_url, request)
    for line in sys.stdin:
        order = line.split()
        if order == ["versions"]:
            versions = {"instructor": instructor.__version__, "openai": openai.__version__}
            print(json.dumps(versions), flush=True)
            continue
        name, count = order[0], int(order[1])
        call = calls[name]
        times = []
        for _ in range(count):
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
        print(json.dumps(times), flush=True)


if __name__ == "__main__":
    main()
