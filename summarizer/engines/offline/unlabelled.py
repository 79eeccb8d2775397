"""Names of organisations the actor dictionary knows that spaCy left without a label.

"mortar fire from the Islamic State": en_core_web_sm labels no entity there, but the
PETRARCH actor dictionary (see :mod:`summarizer.actors`) knows "Islamic State" as one
named organisation. Only runs of two to four capitalised proper nouns are looked up, and
only organisations the dictionary names one by one (a nine-letter CAMEO code such as
``IMGMUSISI``), not sectors or people.
"""

from __future__ import annotations

from collections.abc import Container, Iterator

from spacy.tokens import Doc, Span, Token

from summarizer.actors import dictionary_actor
from summarizer.engines.offline.mentions import Mention, organisation_kind
from summarizer.engines.offline.non_actors import not_an_actor
from summarizer.engines.offline.places import is_setting
from summarizer.names import country_code
from summarizer.schema import PartyKind

NAMED_ORGANISATION_CODE = 9
"""Length of a CAMEO code that names one organisation: type or country, sector, name."""
_ARMED_TYPE = "IMG"
"""CAMEO type of an international militarised group."""
_ARMED_SECTORS = frozenset({"REB", "INS", "MIL"})
_RUN = range(2, 5)
"""Lengths, in words, of the runs of proper nouns looked up."""


def unlabelled_mentions(doc: Doc, taken: Container[int]) -> Iterator[Mention]:
    """Mentions of known organisations among proper nouns outside ``taken`` token indices.

    ``taken`` holds the tokens of page furniture and of spaCy's entities but adjectives of
    nationality or religion ("Islamic" NORP of "the Islamic State"), which a name may hold.
    """
    run: list[Token] = []
    for token in doc:
        if token.i not in taken and token.pos_ == "PROPN" and token.text[:1].isupper():
            run.append(token)
            continue
        yield from _known(doc, run)
        run = []
    yield from _known(doc, run)


def _known(doc: Doc, run: list[Token]) -> Iterator[Mention]:
    if len(run) not in _RUN:
        return
    span = doc[run[0].i : run[-1].i + 1]
    actor = dictionary_actor(span.text)
    code = actor.code_on() if actor is not None else None
    if code is None or len(code) != NAMED_ORGANISATION_CODE:
        return
    if country_code(span.text) is not None or not_an_actor(span):
        return
    yield _mention(span, code)


def _mention(span: Span, code: str) -> Mention:
    armed = code.startswith(_ARMED_TYPE) or code[3:6] in _ARMED_SECTORS
    kind = PartyKind.ARMED_GROUP if armed else organisation_kind(span.text)
    return Mention(span, kind, span.text, setting=is_setting(span), label="ORG")
