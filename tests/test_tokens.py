from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from summarizer import tokens


@pytest.fixture
def no_tokenizer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The bpe-openai package cannot be imported."""
    tokens._encoder.cache_clear()
    monkeypatch.setitem(sys.modules, "bpe_openai", None)
    yield
    tokens._encoder.cache_clear()


def test_counts_with_the_o200k_vocabulary() -> None:
    assert tokens.exact()
    assert tokens.count_tokens("hello world") == 2
    assert tokens.count_tokens("") == 0


def test_counts_are_those_of_the_bundled_vocabulary(example_text: str) -> None:
    import bpe_openai

    expected = len(bpe_openai.get_encoding("o200k_base").encode_ordinary(example_text))
    assert tokens.count_tokens(example_text) == expected
    assert tokens.count_tokens(example_text) < tokens.estimate_tokens(example_text)


def test_special_token_markers_count_as_text() -> None:
    assert tokens.count_tokens("<|endoftext|>") > 1


def test_estimate_is_four_characters_a_token() -> None:
    assert tokens.estimate_tokens("") == 0
    assert tokens.estimate_tokens("abcd") == 1
    assert tokens.estimate_tokens("abcde") == 2


def test_falls_back_to_the_estimate_without_the_tokenizer(
    no_tokenizer: None, caplog: pytest.LogCaptureFixture
) -> None:
    text = "The ministers agreed to strengthen military cooperation."
    assert tokens.count_tokens(text) == tokens.estimate_tokens(text)
    assert not tokens.exact()
    assert "token counts are estimated" in caplog.text


def test_a_text_of_a_million_characters_or_more_is_counted_in_pieces() -> None:
    sentence = "Ministers from Japan and the Philippines met in Manila on Monday for talks. "
    text = sentence * (1_100_000 // len(sentence) + 1)
    assert len(text) >= 1_000_000
    copies = len(text) // len(sentence)
    first = tokens.count_tokens(sentence)
    each_next = tokens.count_tokens(sentence * 2) - first
    expected = first + each_next * (copies - 1)
    assert abs(tokens.count_tokens(text) - expected) <= 5, "cut where tokens split anyway"
    unbroken = "a" * 1_200_000  # no space to cut before: cut anywhere
    assert tokens.count_tokens(unbroken) > 0
