"""The exchange settled early: the best reply so far, as after the last attempt."""

from __future__ import annotations

import json

import pytest

from summarizer.config import Settings
from summarizer.engines.base import Passage
from summarizer.engines.request import RequestSpec
from summarizer.errors import InvalidReply
from summarizer.testing import completion_body
from tests.engines.test_openai import ARTICLE, reply_json


def body(content: str) -> bytes:
    return json.dumps(completion_body(content)).encode()


def test_finish_keeps_the_best_reply_with_its_problems() -> None:
    talk = RequestSpec.of(Settings(max_attempts=3)).exchange(
        Passage(ARTICLE.text), lambda reply: ["a quote is not in the article"]
    )
    assert talk.accept(body("{broken")) is None
    assert talk.accept(body(reply_json())) is None
    settled = talk.finish()
    assert settled.attempts == 2 and settled.problems == ["a quote is not in the article"]
    assert settled.reply.headline.startswith("Japan and the Philippines")
    assert settled.usage.total_tokens == 400


def test_finish_without_a_valid_reply_is_invalid() -> None:
    talk = RequestSpec.of(Settings(max_attempts=3)).exchange(
        Passage(ARTICLE.text), lambda reply: []
    )
    assert talk.accept(body("not json")) is None
    with pytest.raises(InvalidReply, match="invalid after 1 attempt"):
        talk.finish()
