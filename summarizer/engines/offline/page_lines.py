"""Lines of a page that name no actor: credit lines and link lists.

A credit line says who reported, wrote, edited or photographed ("Associated Press writers
... contributed to this report"); a link list is a line without a verb made mostly of
proper names.
"""

from __future__ import annotations

from spacy.attrs import IS_ALPHA, POS
from spacy.symbols import AUX, PROPN, VERB
from spacy.tokens import Doc

from summarizer.engines.offline import party_words

_VERBS: frozenset[int] = frozenset({int(VERB), int(AUX)})
_PROPN = int(PROPN)


def lines_without_actors(doc: Doc) -> frozenset[int]:
    """Starts of the sentences that name no actor: credit lines and a page's link lists.

    A credit line says who reported, wrote, edited or photographed ("Associated Press
    writers ... contributed to this report"); a link list is a line without a verb made
    mostly of proper names.
    """
    found: set[int] = set()
    parts: list[list[int]] = doc.to_array([POS, IS_ALPHA]).tolist()
    for sentence in doc.sents:
        text = sentence.text.lower()
        if any(cue in text for cue in party_words.CREDIT_CUES) or _is_link_list(
            parts[sentence.start : sentence.end]
        ):
            found.add(sentence.start)
    return frozenset(found)


def _is_link_list(parts: list[list[int]]) -> bool:
    """A line of four words or more, no verb, seven in ten proper names (POS, IS_ALPHA)."""
    words = [pos for pos, alpha in parts if alpha]
    if len(words) < 4 or any(pos in _VERBS for pos, _ in parts):
        return False
    return sum(pos == _PROPN for pos in words) >= 0.7 * len(words)
