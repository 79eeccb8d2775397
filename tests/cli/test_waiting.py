"""While a retry waits, the terminal says what for and how long."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from rich.console import Console

from summarizer.cli import summarize_cmd
from summarizer.cli.waiting import Countdown, showing_retry_waits
from summarizer.testing import FakeServer, Reply, Script, error_body, fixture_reply
from tests.cli.conftest import Invoke

ROOT = Path(__file__).resolve().parents[2]
AUTHORED = ROOT / "fixtures/responses/authored/voa-2plus2-json-schema.json"


def _terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=100, color_system=None)


def test_the_countdown_says_what_for_and_how_long() -> None:
    wait = Countdown("HTTP 429", 12.0, 2, clock=100.0)
    assert wait.text(100.0) == "waiting for the server: HTTP 429; trying again in 12 s (retry 2)"
    assert wait.text(107.6) == "waiting for the server: HTTP 429; trying again in 4 s (retry 2)"
    assert wait.text(111.9) == "trying again after HTTP 429 (retry 2)…"


def test_a_summary_waiting_on_a_503_shows_it_on_the_terminal(
    invoke: Invoke, example_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _terminal()
    monkeypatch.setattr(summarize_cmd, "err_console", terminal)
    unavailable = Reply(503, error_body("overloaded", "server_error"), {"retry-after": "1"})
    with FakeServer(Script([unavailable, fixture_reply(AUTHORED)])) as server:
        result = invoke("summarize", str(example_path), "--base-url", server.base_url)
    assert result.exit_code == 0, result.output
    frames = terminal.file.getvalue()  # type: ignore[attr-defined]  # every redraw
    assert "waiting for the server: " in frames and "trying again in 1 s (retry 1)" in frames
    assert "503" in frames
    assert "retrying after" not in result.stderr, "the log line itself stays quiet"


def test_nothing_is_added_off_a_terminal(caplog: pytest.LogCaptureFixture) -> None:
    piped = Console(file=io.StringIO(), force_terminal=False)
    with showing_retry_waits(piped):
        logging.getLogger("summarizer").warning(
            "x", extra={"retry_wait": 3.0, "retry_reason": "HTTP 503", "retry_attempt": 1}
        )
    assert piped.file.getvalue() == ""  # type: ignore[attr-defined]


def test_the_status_goes_when_the_work_is_done() -> None:
    terminal = _terminal()
    logger = logging.getLogger("summarizer")
    level, handlers = logger.level, list(logger.handlers)
    logger.setLevel(logging.INFO)
    try:
        with showing_retry_waits(terminal):
            logger.info(
                "retrying",
                extra={"retry_wait": 5.0, "retry_reason": "a timeout", "retry_attempt": 3},
            )
            logger.info("an unrelated record")
        assert logger.handlers == handlers
    finally:
        logger.setLevel(level)
    frames = terminal.file.getvalue()  # type: ignore[attr-defined]
    assert "waiting for the server: a timeout; trying again in 5 s (retry 3)" in frames
