from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import CliRunner, Result

from summarizer.cli.app import app

Invoke = Callable[..., Result]


@pytest.fixture
def invoke() -> Invoke:
    """Run ``briefing ARGS`` in-process; stdout and stderr are kept apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, prog_name="briefing")

    return run
