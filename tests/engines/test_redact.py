from __future__ import annotations

import re
import string

from hypothesis import given
from hypothesis import strategies as st

from summarizer.engines.redact import MASK, MIN_RUN, Redactor

KEY = "sk-test-LEAKCHECK-0123456789abcdef"


def test_the_whole_key_is_hidden_wherever_it_is_quoted() -> None:
    text = f"Incorrect API key provided: {KEY}. You passed {KEY}!"
    assert Redactor(KEY).text(text) == f"Incorrect API key provided: {MASK}. You passed {MASK}!"


def test_a_long_run_of_the_key_is_hidden_when_the_rest_is_masked() -> None:
    redactor = Redactor(KEY)
    assert redactor.text(f"key ****{KEY[6:]} refused") == f"key ****{MASK} refused"
    assert redactor.text(f"key {KEY[:20]}**** refused") == f"key {MASK}**** refused"


def test_short_runs_and_short_keys_are_left_alone() -> None:
    assert Redactor(KEY).text(f"a {KEY[: MIN_RUN - 1]} b") == f"a {KEY[: MIN_RUN - 1]} b"
    assert Redactor("ollama").text("ollama is a server") == "ollama is a server"
    assert Redactor(None).text(KEY) == KEY


def test_bytes_too() -> None:
    body = f'{{"error": {{"message": "bad key {KEY}"}}}}'.encode()
    assert Redactor(KEY).data(body) == f'{{"error": {{"message": "bad key {MASK}"}}}}'.encode()


_KEY_CHARS = string.ascii_letters + string.digits + "-_"


@given(
    st.text(_KEY_CHARS, min_size=8, max_size=60),
    st.lists(st.one_of(st.text(max_size=30), st.tuples(st.integers(0, 59), st.integers(1, 60)))),
)
def test_no_run_of_the_key_survives(key: str, pieces: list[str | tuple[int, int]]) -> None:
    text = "".join(p if isinstance(p, str) else key[p[0] : p[0] + p[1]] for p in pieces)
    hidden = Redactor(key).text(text)
    run = min(MIN_RUN, len(key))
    assert not any(key[i : i + run] in hidden for i in range(len(key) - run + 1))
    assert Redactor(key).data(text.encode()) == hidden.encode()


@given(
    st.text(_KEY_CHARS, min_size=8, max_size=40),
    st.lists(st.one_of(st.binary(max_size=20), st.tuples(st.integers(0, 39), st.integers(1, 40)))),
    st.lists(st.integers(0, 200), max_size=8),
)
def test_a_stream_is_redacted_as_a_whole_wherever_it_is_cut(
    key: str, pieces: list[bytes | tuple[int, int]], cuts: list[int]
) -> None:
    secret = key.encode()
    data = b"".join(p if isinstance(p, bytes) else secret[p[0] : p[0] + p[1]] for p in pieces)
    bounds = sorted({0, len(data), *(c for c in cuts if c < len(data))})
    chunks = [data[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    redactor = Redactor(key)
    streamed = b"".join(redactor.stream(chunks))
    run = min(MIN_RUN, len(key))
    assert not any(secret[i : i + run] in streamed for i in range(len(secret) - run + 1))
    masks = re.compile(b"(?:" + re.escape(MASK.encode()) + b")+")
    whole = redactor.data(data)
    assert masks.sub(b"*", streamed) == masks.sub(b"*", whole), (
        "the same, but that a run cut where a chunk ends may be masked in two"
    )
