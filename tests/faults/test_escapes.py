"""Terminal escapes and bidirectional controls from file names, servers and models.

Whatever reaches the terminal (errors, logs, the summary table, a briefing) or a page
(HTML, Markdown) shows them as ``\ufffd``: an escape sequence cannot retitle the
window, clear the screen or fake output, an override cannot reorder a party's name, and
brackets in a file name are not read as Rich markup.
"""

from __future__ import annotations

import asyncio
import io
import logging
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from summarizer.article import article_from_text
from summarizer.cli import common
from summarizer.cli.app import app
from summarizer.engines.offline import OfflineEngine
from summarizer.pipeline import asummarize
from summarizer.render import Format, render
from summarizer.render.terminal import print_terminal
from summarizer.schema import Briefing
from summarizer.testing import FakeServer, SchemaModel
from tests.batch.conftest import article_text, write_articles

ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[31m"
RLO = "\u202e"
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


def _clean(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text, repr(text)
    assert not any(mark in text for mark in BIDI), repr(text)


def test_an_error_naming_a_hostile_file_is_printed_as_written(tmp_path: Path) -> None:
    name = tmp_path / f"[/x]{ESCAPES}[bold]story.txt"
    result = CliRunner().invoke(app, ["summarize", str(name), "--engine", "offline"])
    assert result.exit_code == 11, result.output
    _clean(result.stderr)
    assert "[/x]" in result.stderr and "[bold]story.txt: no such file" in result.stderr


def test_the_batch_summary_shows_a_hostile_output_folder_as_written(tmp_path: Path) -> None:
    source = tmp_path / "in"
    write_articles(source, 2)
    out = tmp_path / f"out{ESCAPES}[/]"
    with FakeServer(SchemaModel()) as server:
        result = CliRunner().invoke(
            app,
            ["batch", str(source), "-o", str(out), "--base-url", server.base_url],
            env={"COLUMNS": "500"},
        )
    assert result.exit_code == 0, result.stderr
    _clean(result.stderr)
    assert "[/]" in result.stderr.replace("\n", "")


def test_log_lines_quoting_a_server_are_printable(capsys: object) -> None:
    buffer = io.StringIO()
    console = common.TextConsole(file=buffer, width=200)
    original = common.err_console
    common.err_console = console
    try:
        common.configure_logging(verbose=True)
        logging.getLogger("summarizer").warning("the server said %s", f"{ESCAPES}{RLO}[/]")
    finally:
        common.err_console = original
        common.configure_logging(verbose=False)
    _clean(buffer.getvalue())
    assert "the server said" in buffer.getvalue() and "[/]" in buffer.getvalue()


def _briefing_with_hostile_names() -> tuple[Briefing, str]:
    article = article_from_text(article_text(3))
    briefing = asyncio.run(asummarize(article, engine=OfflineEngine()))
    party = briefing.parties[0]
    hostile = party.model_copy(update={"name": f"Manila{RLO}gnp{ESCAPES}\u2066x\u2069"})
    return (
        briefing.model_copy(
            update={"parties": [hostile, *briefing.parties[1:]], "headline": f"Pact{RLO}cap"}
        ),
        article.text,
    )


def test_a_party_name_with_bidi_controls_or_escapes_renders_neutralised() -> None:
    briefing, text = _briefing_with_hostile_names()
    buffer = io.StringIO()
    print_terminal(briefing, text, Console(file=buffer, width=120, force_terminal=False))
    for rendered in (
        buffer.getvalue(),
        render(briefing, text, Format.MARKDOWN),
        render(briefing, text, Format.HTML),
    ):
        _clean(rendered)
        assert "Manila\ufffdgnp" in rendered
