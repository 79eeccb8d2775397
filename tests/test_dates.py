from datetime import date

import pytest

from summarizer.dates import Resolved, dated, published_day, resolve

WEDNESDAY = date(2019, 11, 20)


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        # a bare weekday is the latest one on or before publication
        ("Monday", "2019-11-18"),
        ("on Wednesday", "2019-11-20"),
        ("Thursday", "2019-11-14"),
        ("Sunday night", "2019-11-17"),
        ("last Monday", "2019-11-18"),
        ("last Wednesday", "2019-11-13"),
        ("next Monday", "2019-11-25"),
        ("this Friday", "2019-11-22"),
        ("this coming Tuesday", "2019-11-26"),
        ("yesterday", "2019-11-19"),
        ("today", "2019-11-20"),
        ("tomorrow", "2019-11-21"),
        ("the day before yesterday", "2019-11-18"),
        ("two days ago", "2019-11-18"),
        ("10 days earlier", "2019-11-10"),
        ("last week", "week of 2019-11-11"),
        ("this week", "week of 2019-11-18"),
        ("3 weeks ago", "week of 2019-10-28"),
        ("the weekend", "weekend of 2019-11-16"),
        ("next weekend", "weekend of 2019-11-23"),
        ("earlier this month", "November 2019"),
        ("last month", "October 2019"),
        ("next month", "December 2019"),
        ("next year", "2020"),
        ("last year", "2018"),
        # a day and month without a year: the nearest such day
        ("Nov. 18", "2019-11-18"),
        ("18th November", "2019-11-18"),
        ("Jan 2", "2020-01-02"),
    ],
)
def test_relative_words_resolve_against_the_day_of_publication(words: str, shown: str) -> None:
    found = resolve(words, WEDNESDAY)
    assert found is not None and str(found) == shown


@pytest.mark.parametrize(
    "words", ["November 18, 2019", "2019", "in the coming months", "recently", "Feb 30"]
)
def test_absolute_or_vague_words_are_left_alone(words: str) -> None:
    assert resolve(words, WEDNESDAY) is None
    assert dated(words, "2019-11-20") == words


def test_dated_keeps_the_words_and_adds_the_day() -> None:
    assert dated("on Monday", "2019-11-20") == "on Monday (2019-11-18)"
    assert dated("on Monday", "2019-11-20T08:15:00+00:00") == "on Monday (2019-11-18)"
    assert dated("on Monday", None) == "on Monday"
    assert dated("on Monday", "last spring") == "on Monday"


def test_month_arithmetic_crosses_years() -> None:
    assert resolve("last month", date(2020, 1, 5)) == Resolved(date(2019, 12, 1), "month")
    assert resolve("next month", date(2019, 12, 31)) == Resolved(date(2020, 1, 1), "month")


def test_published_day_reads_iso_dates_only() -> None:
    assert published_day("2024-07-29") == date(2024, 7, 29)
    assert published_day("29 July 2024") is None and published_day(None) is None
