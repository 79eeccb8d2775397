"""Counting tokens the way OpenAI models do, offline.

``bpe-openai`` ships the ``o200k_base`` vocabulary inside its wheel, so counting needs
no download (tiktoken fetches its vocabulary on first use, which fails offline). If the
tokenizer cannot be loaded, counts fall back to an estimate of four characters a token.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterator
from functools import cache

ENCODING = "o200k_base"
"""The vocabulary of current OpenAI models."""

CHARS_PER_TOKEN = 4
"""Characters per token assumed by the estimate, typical of English prose."""

PIECE_CHARS = 400_000
"""Longest text encoded at once: bpe-openai refuses 1,000,000 characters or more, so a
longer text is counted in pieces cut before a space (where its tokens split anyway)."""

log = logging.getLogger(__name__)


def count_tokens(text: str) -> int:
    """Tokens in ``text`` under :data:`ENCODING`; an estimate if the tokenizer is missing.

    Special-token markers in the text (``<|endoftext|>``) count as ordinary text.
    """
    encode = _encoder()
    if encode is None:
        return estimate_tokens(text)
    return sum(len(encode(piece)) for piece in _pieces(text))


def estimate_tokens(text: str) -> int:
    """A tokenizer-free estimate: one token per :data:`CHARS_PER_TOKEN` characters."""
    return -(-len(text) // CHARS_PER_TOKEN)


def exact() -> bool:
    """Whether counts come from the real tokenizer rather than the estimate."""
    return _encoder() is not None


def _pieces(text: str) -> Iterator[str]:
    """``text`` in pieces of at most :data:`PIECE_CHARS`, each cut before a space if any."""
    start = 0
    while len(text) - start > PIECE_CHARS:
        cut = text.rfind(" ", start + PIECE_CHARS // 2, start + PIECE_CHARS)
        cut = cut if cut > start else start + PIECE_CHARS
        yield text[start:cut]
        start = cut
    yield text[start:]


@cache
def _encoder() -> Callable[[str], list[int]] | None:
    try:
        with warnings.catch_warnings():  # its use of importlib.resources is deprecated
            warnings.simplefilter("ignore", DeprecationWarning)
            import bpe_openai

            encoding = bpe_openai.get_encoding(ENCODING)
    except Exception as exc:  # any failure to load means: estimate instead
        log.warning("token counts are estimated: %s tokenizer unavailable (%s)", ENCODING, exc)
        return None
    encode: Callable[[str], list[int]] = encoding.encode_ordinary
    return encode
