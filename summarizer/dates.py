"""Relative dates ("Monday", "last week", "yesterday") resolved against an article's date.

News writes dates relative to the day of publication. Given that day, :func:`resolve`
turns the words into the day, week, month or year they stand for, and :func:`dated`
shows both: ``"on Monday (2024-07-29)"``. A bare weekday is the latest such day on or
before publication (news reports what happened), unless "next" or "coming" points
ahead; "this Friday" is the Friday of the week of publication. Words that are already a
full date, or that name no time this module knows, are left as they are.
"""

from __future__ import annotations

import re
from calendar import month_name
from dataclasses import dataclass
from datetime import date, timedelta

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {name.lower(): n for n, name in enumerate(month_name) if name}
_MONTHS.update({name[:3]: n for name, n in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

_WEEKDAY = re.compile(
    r"\b(?:(?P<which>last|next|this|this\s+coming|coming|past|previous)\s+)?"
    r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b" + _PART_OF_DAY,
    re.I,
)
_NAMED_DAY = re.compile(
    r"\b(?P<day>yesterday|today|tonight|tomorrow|the\s+day\s+before\s+yesterday"
    r"|the\s+day\s+after\s+tomorrow)\b",
    re.I,
)
_PERIOD = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?P<which>last|next|this|past|previous|coming)\s+"
    r"(?P<unit>week|month|year)\b",
    re.I,
)
_WEEKEND = re.compile(r"\b(?P<which>the|this|last|past|next|coming)\s+weekend\b", re.I)
_AGO = re.compile(
    r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|later|from\s+now)\b",
    re.I,
)
_DAY_MONTH = re.compile(
    r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[a-z]{3,9})\.?"
    r"|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)\b(?!,?\s*\d{4})",
    re.I,
)
_YEAR = re.compile(r"\b(?:1[89]|2\d)\d{2}\b")


@dataclass(frozen=True)
class Resolved:
    """What relative words stand for: a day, or a week, month or year."""

    start: date
    unit: str
    """``day``, ``week`` (``start`` is its Monday), ``weekend`` (its Saturday), ``month``
    or ``year``."""

    def __str__(self) -> str:
        match self.unit:
            case "day":
                return self.start.isoformat()
            case "week" | "weekend":
                return f"{self.unit} of {self.start.isoformat()}"
            case "month":
                return f"{month_name[self.start.month]} {self.start.year}"
            case _:
                return str(self.start.year)


def published_day(value: str | None) -> date | None:
    """The day an article was published, from its ``date`` metadata (ISO 8601), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def resolve(words: str, published: date) -> Resolved | None:
    """The time ``words`` name, relative to ``published``; None if they are not relative."""
    if match := _NAMED_DAY.search(words):
        offsets = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
        name = " ".join(match["day"].lower().split())
        offset = offsets.get(name, -2 if "before" in name else 2)
        return Resolved(published + timedelta(days=offset), "day")
    if match := _AGO.search(words):
        return _shifted(published, match)
    if match := _WEEKDAY.search(words):
        return Resolved(_weekday(published, match), "day")
    if match := _WEEKEND.search(words):
        return Resolved(_weekend(published, match["which"].lower()), "weekend")
    if match := _PERIOD.search(words):
        return _period(published, match)
    if (match := _DAY_MONTH.search(words)) and not _YEAR.search(words):
        return _day_of_month(published, match)
    return None


def dated(words: str, published: str | None) -> str:
    """``words`` followed by the time they stand for, when relative and ``published`` known.

    ``dated("Monday", "2024-07-31")`` is ``"Monday (2024-07-29)"``; words that are not
    relative, or an unknown or unreadable publication date, give ``words`` unchanged.
    """
    day = published_day(published)
    found = resolve(words, day) if day is not None else None
    return f"{words} ({found})" if found is not None else words


def _weekday(published: date, match: re.Match[str]) -> date:
    which = " ".join((match["which"] or "").lower().split())
    target = _WEEKDAYS.index(match["day"].lower())
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if which in {"next", "coming", "this coming"}:
        return published + timedelta(days=ahead or 7)
    if which in {"last", "past", "previous"}:
        return published - timedelta(days=back or 7)
    if which == "this":
        return published + timedelta(days=target - published.weekday())
    return published - timedelta(days=back)


def _weekend(published: date, which: str) -> date:
    """The Saturday of the weekend meant: the latest one begun by publication, or the next."""
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    if which in {"next", "coming"} or (which == "this" and published.weekday() < 5):
        return saturday + timedelta(weeks=1)
    if which in {"last", "past"} and published.weekday() >= 5:
        return saturday - timedelta(weeks=1)
    return saturday


def _period(published: date, match: re.Match[str]) -> Resolved:
    which = match["which"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    unit = match["unit"].lower()
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        return Resolved(monday + timedelta(weeks=step), "week")
    if unit == "month":
        return Resolved(_add_months(published.replace(day=1), step), "month")
    return Resolved(date(published.year + step, 1, 1), "year")


def _shifted(published: date, match: re.Match[str]) -> Resolved:
    raw = match["n"].lower()
    count = int(raw) if raw.isdigit() else _NUMBERS[raw]
    sign = -1 if match["dir"].lower() in {"ago", "earlier"} else 1
    unit = match["unit"].lower()
    if unit == "day":
        return Resolved(published + timedelta(days=sign * count), "day")
    if unit == "week":
        day = published + timedelta(weeks=sign * count)
        return Resolved(day - timedelta(days=day.weekday()), "week")
    if unit == "month":
        return Resolved(_add_months(published.replace(day=1), sign * count), "month")
    return Resolved(date(published.year + sign * count, 1, 1), "year")


def _day_of_month(published: date, match: re.Match[str]) -> Resolved | None:
    """A day and month without a year: the year that puts it nearest to publication."""
    month = _MONTHS.get((match["m1"] or match["m2"]).lower().rstrip("."))
    day = int(match["d1"] or match["d2"])
    if month is None:
        return None
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return Resolved(min(candidates, key=lambda d: abs((d - published).days)), "day")


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
