"""Headline and summary from the article's own leading sentences: extractive, nothing added."""

from __future__ import annotations

from spacy.tokens import Doc

from summarizer.engines.offline.syntax import sentence_text

SUMMARY_CHARS = 600
"""Leading sentences are added to the summary while it stays within this many characters."""

SUMMARY_SENTENCES = 3
_TITLE_CHARS = 200


def headline_and_summary(doc: Doc, title: str | None) -> tuple[str, str]:
    """The headline and a summary of the body's leading sentences.

    The headline is the title, else the first line when it stands alone as one, else the
    first sentence.
    """
    sentences = [text for text, _ in (sentence_text(s) for s in doc.sents) if text]
    if not sentences:
        return (title or "").strip(), ""
    first_line = doc.text.strip().split("\n", 1)[0].strip()
    headline = (title or "").strip()
    body = sentences
    if _is_title_line(doc.text, first_line):
        headline = headline or first_line
        if sentences[0] == first_line:
            body = sentences[1:] or sentences
    if body and headline and body[0] == headline and len(body) > 1:
        body = body[1:]
    headline = headline or sentences[0]
    summary: list[str] = []
    for sentence in body[:SUMMARY_SENTENCES]:
        if summary and len(" ".join([*summary, sentence])) > SUMMARY_CHARS:
            break
        summary.append(sentence)
    return headline, " ".join(summary)


def _is_title_line(text: str, first_line: str) -> bool:
    """A first line set apart by a blank line, short and without a closing full stop."""
    rest = text.strip()[len(first_line) :]
    return (
        bool(first_line)
        and rest.startswith("\n")
        and len(first_line) <= _TITLE_CHARS
        and not first_line.endswith((".", ":", ";"))
    )
