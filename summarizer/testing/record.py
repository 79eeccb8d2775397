"""Re-record response fixtures against a live OpenAI-compatible endpoint.

```
python -m summarizer.testing.record ARTICLE --name NAME --model MODEL --base-url URL
```
Every response of one ``summarize()`` run is saved, in order, as
``fixtures/responses/recorded/NAME-N.json`` with the server, model and date. Request and
response headers are not kept (so neither is ``authorization``), and the API key (or any
long run of it) is scrubbed from every body. The outcome of the run is saved as
``NAME.outcome.json``.
"""

from __future__ import annotations

import argparse
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2

from summarizer.config import Settings
from summarizer.engines.base import OutputMode
from summarizer.engines.openai import OpenAIEngine
from summarizer.engines.redact import Redactor
from summarizer.errors import BriefingError
from summarizer.pipeline import summarize

DEFAULT_DIR = Path("fixtures/responses/recorded")


class RecordingTransport(httpx2.BaseTransport):
    """Forwards requests to the real server and keeps each exchange, scrubbed."""

    def __init__(self, secret: str | None) -> None:
        self._inner = httpx2.HTTPTransport()
        self._redactor = Redactor(secret)
        self.exchanges: list[dict[str, Any]] = []

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self._inner.handle_request(request)
        body = response.read()
        self.exchanges.append(
            {
                "request": json.loads(self._scrub(request.read().decode("utf-8"))),
                "status": response.status_code,
                "content_type": response.headers.get("content-type", ""),
                "body": self._scrub(body.decode("utf-8", "replace")),
            }
        )
        return httpx2.Response(response.status_code, headers=response.headers, content=body)

    def close(self) -> None:
        self._inner.close()

    def _scrub(self, text: str) -> str:
        return self._redactor.text(text)


def record(
    article: Path,
    *,
    name: str,
    settings: Settings,
    server: str,
    out_dir: Path = DEFAULT_DIR,
) -> list[Path]:
    """Run one summary through a recording transport and write its fixtures."""
    recorder = RecordingTransport(settings.api_key)
    engine = OpenAIEngine(settings, http_client=httpx2.Client(transport=recorder))
    try:
        briefing = summarize(article, engine=engine)
        outcome: dict[str, Any] = {
            "outcome": "ok",
            "output_mode": briefing.provenance.output_mode,
            "attempts": briefing.provenance.attempts,
            "warnings": briefing.warnings,
        }
    except BriefingError as exc:
        outcome = {"outcome": type(exc).__name__, "message": str(exc)}
    finally:
        engine.close()
    stamp = {
        "provenance": "recorded",
        "server": server,
        "model": settings.model,
        "prompt_version": engine.info.prompt_version,
        "date": datetime.now(UTC).date().isoformat(),
        "article": str(article),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for number, exchange in enumerate(recorder.exchanges, start=1):
        body: Any = exchange["body"]
        if "json" in exchange["content_type"]:
            body = json.loads(body)
        fixture = {
            **stamp,
            "request": exchange["request"],
            "status": exchange["status"],
            "headers": {},
            "body": body,
        }
        path = out_dir / f"{name}-{number}.json"
        path.write_text(json.dumps(fixture, indent=2, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)
    summary = out_dir / f"{name}.outcome.json"
    summary.write_text(
        json.dumps({**stamp, "responses": len(written), **outcome}, indent=2) + "\n", "utf-8"
    )
    return [*written, summary]


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("article", type=Path)
    parser.add_argument("--name", required=True, help="fixture file prefix")
    parser.add_argument("--base-url", default=os.environ.get("OPENAI_BASE_URL"))
    parser.add_argument("--model", required=True)
    parser.add_argument("--server", default="", help="server software and version, for the record")
    parser.add_argument("--mode", default="auto", choices=[m.value for m in OutputMode])
    parser.add_argument("--max-output-tokens", type=int, default=None)
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args()
    settings = Settings.from_env(
        base_url=args.base_url,
        model=args.model,
        mode=args.mode,
        max_output_tokens=args.max_output_tokens,
        temperature=0.0,
        max_retries=0,
    )
    for path in record(
        args.article,
        name=args.name,
        settings=settings,
        server=args.server or settings.base_url or "api.openai.com",
        out_dir=args.out_dir,
    ):
        print(path)


if __name__ == "__main__":
    main()
