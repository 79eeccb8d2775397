from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.article import Article, article_from_text
from summarizer.chunking import split_passages
from summarizer.engines.base import Passage
from summarizer.tokens import count_tokens

WORDS = [
    "Japan",
    "agreed",
    "the",
    "ministers",
    "missile",
    "Tokyo",
    "talks",
    "coöperation",
    "Россия",
    "東京",
    "2+2",
    "US-Japan",
    "“greatest",
    "challenge”",
    "said",
    "on",
]


def numbered_paragraphs(count: int, sentences: int = 4) -> str:
    return "\n\n".join(
        " ".join(
            f"In round {p}.{s} the ministers of Japan and the United States discussed item {s}."
            for s in range(sentences)
        )
        for p in range(count)
    )


def check_cover(article: Article, passages: list[Passage], max_tokens: int) -> None:
    text = article.text
    assert passages[0].offset == 0
    assert passages[-1].offset + len(passages[-1].text) == len(text)
    for passage in passages:
        assert text[passage.offset : passage.offset + len(passage.text)] == passage.text
        assert count_tokens(passage.text) <= max_tokens
        assert passage.title == article.title
    for before, after in zip(passages, passages[1:], strict=False):
        assert before.offset < after.offset
        assert after.offset <= before.offset + len(before.text)  # no gap: every char covered
        assert after.offset + len(after.text) > before.offset + len(before.text)


def test_an_article_that_fits_is_one_passage(example_text: str) -> None:
    article = article_from_text(example_text, title="Talks")
    assert split_passages(article, 24_000) == [Passage(text=article.text, title="Talks", offset=0)]


def test_splits_between_paragraphs_with_overlap() -> None:
    article = article_from_text(numbered_paragraphs(40), title="Rounds")
    passages = split_passages(article, 300, overlap_tokens=80)
    assert len(passages) > 5
    check_cover(article, passages, 300)
    text = article.text
    for passage in passages:
        assert passage.offset == 0 or text[passage.offset - 2 : passage.offset] == "\n\n"
        end = passage.offset + len(passage.text)
        assert end == len(text) or passage.text.endswith("\n\n")
    for before, after in zip(passages, passages[1:], strict=False):
        shared = before.offset + len(before.text) - after.offset
        assert shared > 0
        assert count_tokens(text[after.offset : after.offset + shared]) <= 80


def test_no_overlap_when_asked_for_none() -> None:
    article = article_from_text(numbered_paragraphs(20))
    passages = split_passages(article, 250, overlap_tokens=0)
    check_cover(article, passages, 250)
    for before, after in zip(passages, passages[1:], strict=False):
        assert after.offset == before.offset + len(before.text)


def test_a_paragraph_over_the_budget_is_split_between_sentences() -> None:
    article = article_from_text(numbered_paragraphs(1, sentences=60))
    passages = split_passages(article, 200, overlap_tokens=30)
    assert len(passages) > 3
    check_cover(article, passages, 200)
    for passage in passages[1:]:
        assert article.text[passage.offset - 2 : passage.offset] == ". "
        assert passage.text.startswith("In round 0.")


def test_text_without_spaces_is_cut_within_the_budget() -> None:
    article = article_from_text("東京" * 3000 + "\n\n" + "x" * 5000)
    passages = split_passages(article, 100, overlap_tokens=10)
    check_cover(article, passages, 100)


def test_the_overlap_is_capped_at_half_the_budget() -> None:
    article = article_from_text(numbered_paragraphs(30))
    passages = split_passages(article, 300, overlap_tokens=10_000)
    check_cover(article, passages, 300)
    assert len(passages) < 30


def test_the_budget_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_tokens"):
        split_passages(article_from_text("text"), 0)


def test_a_20000_word_article_with_the_default_budget() -> None:
    article = article_from_text(numbered_paragraphs(400, sentences=4))
    assert len(article.text.split()) > 20_000
    passages = split_passages(article, 24_000)
    check_cover(article, passages, 24_000)
    assert len(passages) == 2


paragraph = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join).map(lambda s: s + "."),
    min_size=1,
    max_size=8,
).map(" ".join)
articles = st.lists(
    st.one_of(paragraph, st.text(alphabet="ab東 ", min_size=1, max_size=400)),
    min_size=1,
    max_size=25,
).flatmap(
    lambda paras: st.lists(
        st.sampled_from(["\n\n", "\n", "\n\n\n", " \n \n"]),
        min_size=len(paras),
        max_size=len(paras),
    ).map(lambda seps: "".join(p + s for p, s in zip(paras, seps, strict=True)))
)


@settings(max_examples=80, deadline=None)
@given(
    text=articles.filter(lambda t: t.strip()),
    max_tokens=st.sampled_from([8, 30, 64, 200]),
    overlap=st.sampled_from([0, 5, 20, 100]),
)
def test_passages_cover_the_article_within_the_budget(
    text: str, max_tokens: int, overlap: int
) -> None:
    article = article_from_text(text)
    passages = split_passages(article, max_tokens, overlap_tokens=overlap)
    check_cover(article, passages, max_tokens)
    if count_tokens(article.text) <= max_tokens:
        assert len(passages) == 1
