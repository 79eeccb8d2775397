"""Docs built by hand for the party rules, as spaCy's own tests build them.

Each row is (word, head index, dependency, coarse part of speech, fine tag, lemma), with
the named entities as (start, end, label): the values of en_core_web_sm's parse of the
sentence, frozen so that a rule is tested on a fixed parse, not on what a new model
version makes of the words.
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.tokens import Doc

Row = tuple[str, int, str, str, str, str]
_VOCAB = spacy.blank("en").vocab
_NO_SPACE_BEFORE = frozenset({".", ",", "'s", "’s", ")", "]", ";", ":", "\n"})
_NO_SPACE_AFTER = frozenset({"(", "[", "-", "\n"})


def doc(rows: Sequence[Row], ents: Sequence[tuple[int, int, str]] = ()) -> Doc:
    """A doc with the given words, parse and entities; sentences start at each root.

    Words are spaced as in print: none before closing punctuation, none after an opening
    bracket or a line break, none around a hyphen.
    """
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(rows)
        and rows[i + 1][0] not in _NO_SPACE_BEFORE | {"-"}
        and word not in _NO_SPACE_AFTER
        for i, word in enumerate(words)
    ]
    tags = ["O"] * len(rows)
    for start, end, label in ents:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    built = Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
        ents=tags,
    )
    return built
