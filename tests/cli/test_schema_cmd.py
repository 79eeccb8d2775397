from __future__ import annotations

import json

from summarizer.reply import reply_json_schema
from summarizer.schema import Briefing
from tests.cli.conftest import Invoke


def test_prints_the_briefing_schema(invoke: Invoke) -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == Briefing.model_json_schema()


def test_reply_prints_what_the_model_fills(invoke: Invoke) -> None:
    result = invoke("schema", "--reply")
    assert json.loads(result.stdout) == reply_json_schema()


def test_version(invoke: Invoke) -> None:
    assert invoke("--version").stdout.startswith("briefing ")
