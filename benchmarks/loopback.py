"""The benchmark server: an OpenAI-compatible loopback server with a fixed reply.

Built on :class:`summarizer.testing.FakeServer` (replies go out with TCP_NODELAY, so
small bodies are not held back by delayed ACKs). Every chat request gets the same
schema-valid reply for the example article (the authored fixture
``voa-2plus2-json-schema.json``): as message content, or as the arguments of a tool call
when the request offers tools. Options:

- ``latency``: seconds each reply waits before it is sent;
- ``rate``: at most that many requests accepted in any one-second window; the others
  get a 429 with ``Retry-After`` (whole seconds, rounded up) and, unless
  ``whole_seconds``, ``retry-after-ms`` (as OpenAI sends), saying when the window next
  has room.

Run it alone (it prints its base URL, then serves until its standard input closes):

    python benchmarks/loopback.py --latency 0.2 --rate 20 [--whole-seconds]
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer.testing import FakeServer, Reply, Request, completion_body, error_body  # noqa: E402

EXAMPLE_ARTICLE = ROOT / "fixtures" / "articles" / "voa-us-japan-2plus2.txt"
EXAMPLE_REPLY = ROOT / "fixtures" / "responses" / "authored" / "voa-2plus2-json-schema.json"


def example_content() -> str:
    """The JSON text of the fixed reply: a realistic answer for the example article."""
    fixture = json.loads(EXAMPLE_REPLY.read_text("utf-8"))
    content: str = fixture["body"]["choices"][0]["message"]["content"]
    return content


class FixedReply:
    """A handler answering every request with the example reply, slowly or capped if asked.

    ``accepted`` and ``refused`` count the requests answered 200 and 429; ``first`` and
    ``last`` are when the first and the last accepted request came (``time.monotonic``).
    """

    def __init__(
        self,
        content: str | None = None,
        *,
        latency: float = 0.0,
        rate: int | None = None,
        whole_seconds: bool = False,
    ) -> None:
        content = content if content is not None else example_content()
        usage: dict[str, Any] = {"prompt_tokens": 1412, "completion_tokens": 836}
        self._as_content = json.dumps(completion_body(content, **usage)).encode()
        self._as_tool = json.dumps(completion_body(tool_arguments=content, **usage)).encode()
        self.latency = latency
        self.rate = rate
        self.whole_seconds = whole_seconds
        self.accepted = 0
        self.refused = 0
        self.first = self.last = 0.0
        self._window: collections.deque[float] = collections.deque()
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Reply:
        wait = self._admit()
        if wait is not None:
            headers = {"retry-after": str(max(1, math.ceil(wait)))}
            if not self.whole_seconds:
                headers["retry-after-ms"] = str(max(1, math.ceil(wait * 1000)))
            return Reply(
                status=429,
                body=error_body("Rate limit reached; try again later.", "rate_limit_error"),
                headers=headers,
            )
        body = self._as_tool if b'"tools"' in request.body else self._as_content
        return Reply(body=body, delay=self.latency)

    def _admit(self) -> float | None:
        """``None`` if the request is accepted, else the seconds until the window has room."""
        with self._lock:
            now = time.monotonic()
            if self.rate is not None:
                while self._window and self._window[0] <= now - 1.0:
                    self._window.popleft()
                if len(self._window) >= self.rate:
                    self.refused += 1
                    return self._window[0] + 1.0 - now
                self._window.append(now)
            self.accepted += 1
            self.first = self.first or now
            self.last = now
            return None


class ServerProcess:
    """A benchmark server in a child process, so that it takes no time from the client's."""

    def __init__(self, process: subprocess.Popen[str], base_url: str) -> None:
        self.process = process
        self.base_url = base_url

    def counts(self) -> tuple[int, int]:
        """Requests answered so far: (accepted, refused with 429)."""
        accepted, refused, _ = self.stats()
        return int(accepted), int(refused)

    def stats(self) -> tuple[int, int, float]:
        """Accepted and refused requests, and seconds from the first accepted to the last."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("counts\n")
        self.process.stdin.flush()
        accepted, refused, span = self.process.stdout.readline().split()
        return int(accepted), int(refused), float(span)


@contextmanager
def serve_in_child(
    *, latency: float = 0.0, rate: int | None = None, whole_seconds: bool = False
) -> Iterator[ServerProcess]:
    """Start the benchmark server in a child process; stopped on exit."""
    command = [sys.executable, str(Path(__file__).resolve()), "--latency", str(latency)]
    if rate is not None:
        command += ["--rate", str(rate)]
    if whole_seconds:
        command.append("--whole-seconds")
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        if not base_url.startswith("http"):
            raise RuntimeError("the benchmark server did not start")
        yield ServerProcess(process, base_url)
    finally:
        if process.stdin is not None:
            process.stdin.close()
        process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per reply")
    parser.add_argument("--rate", type=int, default=None, help="requests accepted per second")
    parser.add_argument(
        "--whole-seconds", action="store_true", help="Retry-After only, no retry-after-ms"
    )
    args = parser.parse_args()
    handler = FixedReply(latency=args.latency, rate=args.rate, whole_seconds=args.whole_seconds)
    with FakeServer(handler) as server:
        print(server.base_url, flush=True)
        for line in sys.stdin:
            if line.strip() == "counts":
                span = handler.last - handler.first
                print(handler.accepted, handler.refused, span, flush=True)


if __name__ == "__main__":
    main()
