"""lead: headline and summary from the article's own leading sentences (hand-built docs)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from summarizer.engines.offline.lead import SUMMARY_SENTENCES, headline_and_summary

_VOCAB = spacy.blank("en").vocab


def sentences(*texts: str, title: str | None = None) -> Doc:
    """A doc of the given sentences (a title line first, then a blank line, if given)."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | int | None] = []
    lines = ([title, "\n\n"] if title else []) + [t for text in texts for t in (text, " ")]
    for piece in lines:
        if piece.strip() == "":
            if spaces:
                spaces[-1] = False
            words.append(piece)
            spaces.append(False)
            starts.append(False)
            continue
        for i, word in enumerate(piece.split(" ")):
            words.append(word)
            spaces.append(True)
            starts.append(i == 0)
    spaces[-1] = False
    return Doc(_VOCAB, words=words, spaces=spaces, sent_starts=starts)


def test_a_title_line_is_the_headline_and_the_body_the_summary() -> None:
    doc = sentences("Talks resumed on Monday.", "Both sides met.", title="Talks resume")
    assert headline_and_summary(doc, None) == (
        "Talks resume",
        "Talks resumed on Monday. Both sides met.",
    )


def test_the_given_title_wins_and_the_summary_keeps_its_first_sentences() -> None:
    body = [f"Sentence number {n} is here." for n in range(SUMMARY_SENTENCES + 2)]
    headline, summary = headline_and_summary(sentences(*body), "A title")
    assert headline == "A title"
    assert summary == " ".join(body[:SUMMARY_SENTENCES])


def test_without_a_title_the_first_sentence_is_the_headline_and_leads_the_summary() -> None:
    doc = sentences("Iran warned Israel.", "Oil rose.")
    assert headline_and_summary(doc, None) == (
        "Iran warned Israel.",
        "Iran warned Israel. Oil rose.",
    )


def test_an_empty_doc_gives_the_title_and_no_summary() -> None:
    assert headline_and_summary(Doc(_VOCAB, words=[]), " T ") == ("T", "")
