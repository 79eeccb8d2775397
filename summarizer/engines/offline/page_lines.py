"""Parts of a page that name no actor: credit lines, link lists, headings of other stories.

A web page's text carries more than the article: who reported and edited it, menus, lists
of links, "Top stories" and "Don't miss" sections, hover cards a site writes into a
sentence ("Rep. Ilhan OmarIlhan OmarHillicon Valley: ... | ... MORE (D-Minn.)"). The names
in them are no parties of the article.
"""

from __future__ import annotations

import re

from spacy.attrs import IS_ALPHA, POS
from spacy.symbols import AUX, PROPN, VERB
from spacy.tokens import Doc, Span

from summarizer.engines.offline import party_words

_VERBS: frozenset[int] = frozenset({int(VERB), int(AUX)})
_PROPN = int(PROPN)
_TAGGED_HEADLINE = re.compile(r"\[[A-Z][A-Z ]{2,}\]")
_LINK_END = "MORE"
_HEADLINE = 16
"""Most tokens a headline after "READ MORE:" takes, when no line break ends it."""
_REPEATED_NAME = re.compile(
    r"(?P<name>\b[A-Z][\w'’.-]{2,}(?: [A-Z][\w'’.-]*){0,3})(?P<gap> ?)(?P=name)"
)
"""A name written again at once, glued or after a space: "Ilhan OmarIlhan Omar"."""
_CARD = 120
"""Most tokens a hover card takes."""
_LEADING_MARKS = "|•·-–—*> \t"


def page_furniture(doc: Doc) -> frozenset[int]:
    """Indices of the tokens that are page furniture, not the article.

    - a credit line (:data:`~.party_words.CREDIT_CUES`: "contributed to this report");
    - a link list: a line without a verb made mostly of proper names;
    - a line of headlines: two " | " separators or more, or a headline tagged "[VIDEO]";
    - a line that starts with a heading of other stories
      (:data:`~.party_words.SECTION_HEADINGS`: "Top stories", "Don't miss"), to the end of
      its paragraph, or with a link's cue (:data:`~.party_words.LINK_CUES`: "READ MORE:",
      "Also on"), to the end of the headline (its sentence, at most 16 tokens);
    - a hover card: from a name written again at once ("Ilhan OmarIlhan Omar", "Marco
      Rubio Marco RubioWeek ahead: ...") to the next "MORE".
    """
    found: set[int] = set()
    found.update(_hover_cards(doc))
    parts: list[list[int]] = doc.to_array([POS, IS_ALPHA]).tolist()
    for sentence in doc.sents:
        text = sentence.text
        lowered = text.lower()
        if (
            any(cue in lowered for cue in party_words.CREDIT_CUES)
            or _is_link_list(parts[sentence.start : sentence.end])
            or _TAGGED_HEADLINE.search(text)
            or _menu_separators(sentence, found) >= 2
        ):
            found.update(range(sentence.start, sentence.end))
        else:
            heading = lowered.lstrip(_LEADING_MARKS)
            if heading.startswith(party_words.SECTION_HEADINGS):
                found.update(range(sentence.start, _paragraph_end(doc, sentence.start)))
            elif heading.startswith(party_words.LINK_CUES):
                found.update(range(sentence.start, min(sentence.end, sentence.start + _HEADLINE)))
    return frozenset(found)


def _menu_separators(sentence: Span, found: set[int]) -> int:
    """The " | " of a sentence that stand outside the hover cards already found."""
    return sum(t.text == "|" and t.i not in found for t in sentence)


def _paragraph_end(doc: Doc, start: int) -> int:
    """Index after the last token of the paragraph (the line) that ``start`` is in."""
    for token in doc[start:]:
        if "\n" in token.whitespace_ or token.is_space and "\n" in token.text:
            return token.i + 1
    return len(doc)


def _hover_cards(doc: Doc) -> set[int]:
    """Tokens of the hover cards: from a name written again at once to the next "MORE".

    The copy glued to the name ("Ilhan OmarIlhan Omar") starts a card even without a
    "MORE" in its paragraph (it then ends with the sentence); a copy after a space
    ("Marco Rubio Marco RubioWeek ahead ...") only when a "MORE" ends it.
    """
    found: set[int] = set()
    for match in _REPEATED_NAME.finditer(doc.text):
        copy = match.end("gap")
        at = doc.char_span(copy, copy + 1, alignment_mode="expand")
        if at is None:
            continue
        start = at.start
        stop = min(_paragraph_end(doc, start), start + _CARD)
        end = next((t.i + 1 for t in doc[start:stop] if t.text == _LINK_END), None)
        if end is None and not match.group("gap"):
            end = doc[start].sent.end
        if end is not None:
            found.update(range(start, end))
    return found


def _is_link_list(parts: list[list[int]]) -> bool:
    """A line of four words or more, no verb, seven in ten proper names (POS, IS_ALPHA)."""
    words = [pos for pos, alpha in parts if alpha]
    if len(words) < 4 or any(pos in _VERBS for pos, _ in parts):
        return False
    return sum(pos == _PROPN for pos in words) >= 0.7 * len(words)
