"""A web page's metadata cleaned for people: author names and the article's title.

trafilatura reads the byline and ``<title>`` as the page has them, which often carries
page furniture: share buttons ("Jane Doe Link Copied"), biographies ("Jane Doe is a
reporter at …"), job titles and agencies ("ROBERT BURNS; AP National Security Writer"),
fragments of a sentence split at "and" ("The Russian; Syrian defense ministries"), and
the site's name after the title ("Talks resume | Al Bawaba"). These functions keep the
names and the title and drop the rest.
"""

from __future__ import annotations

import re

AUTHOR_SEPARATOR = "; "
"""Between the names of several authors (as trafilatura writes them)."""

_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&|\|)\s*")
_LEADING_BY = re.compile(r"^(?:written\s+|reported\s+)?by[:\s]+", re.I)
_NOISE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|(?<!\w)@\w+|\([^)]*\)")
_AGENCIES = (
    "Agence France-Presse",
    "Associated Press",
    "The Associated Press",
    "AFP",
    "AP",
    "Reuters",
    "Bloomberg",
    "dpa",
    "Xinhua",
)
_AGENCY = re.compile(r"^(?:" + "|".join(re.escape(a) for a in _AGENCIES) + r")$", re.I)
_STOP_WORDS = frozenset(
    """
    a an the is was has writes wrote covers contributed reporting additional
    writer reporter correspondent editor contributor columnist journalist producer
    analyst staff bureau chief senior deputy managing national security foreign
    international political diplomatic defense defence white house capitol desk team
    news media press newsroom associated reuters ap afp bloomberg cnn bbc
    link copied copy share follow email twitter facebook linkedin instagram bio
    updated published posted photo photos video read more view profile
    """.split()
)
_PARTICLES = frozenset(
    "al bin ibn da das de del della der di do dos du el la le ter van von y".split()
)
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:·•-]\s+|\s+-{2}\s+")
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)

MAX_NAME_TOKENS = 5
"""Most words a person's name is taken to have (particles included)."""


def clean_author(raw: str | None, *, site: str | None = None) -> str | None:
    """The names in a page's author field, joined by ``"; "``; None if none is left.

    Each name is cut at the first word that is not part of a name (a job title, an
    agency after a name, "Link Copied", "is a reporter …"); parts that do not begin
    with a name ("The Russian") are dropped, capitals-only names are title-cased, and
    duplicates and the site's own name go. An agency standing alone ("Reuters") is kept
    unless it is the site.
    """
    if not raw:
        return None
    names: list[str] = []
    for part in _SPLIT.split(_NOISE.sub(" ", raw)):
        name = _name(_LEADING_BY.sub("", part.strip()))
        if name is None or same_words(name, site):
            continue
        if not any(same_words(name, kept) for kept in names):
            names.append(name)
    people = [name for name in names if not _AGENCY.match(name)]
    kept = people or names
    return AUTHOR_SEPARATOR.join(kept) if kept else None


def _name(part: str) -> str | None:
    if _AGENCY.match(part):
        return part
    tokens = part.split()
    taken: list[str] = []
    for token in tokens:
        word = token.strip(",.;:!?\"'“”")
        if word.lower() in _STOP_WORDS or not _NAME_TOKEN.fullmatch(word):
            break
        if word.lower() in _PARTICLES or re.match(r"(?:al|el|bin|ibn)-", word, re.I):
            taken.append(word if taken else word.capitalize())
            continue
        if not word[0].isupper():
            break
        taken.append(word)
    if taken and taken[-1].lower() in _PARTICLES:
        taken.pop()
    rest = tokens[len(taken) :]
    if not taken or len(taken) > MAX_NAME_TOKENS:
        return None
    if len(taken) == 1 and rest:
        return None  # one capitalised word before a sentence: "Syrian defense ministries"
    return " ".join(_capitalise(word) for word in taken)


def _capitalise(word: str) -> str:
    """``ROBERT`` → ``Robert``; names already in mixed case and initials stay as they are."""
    if len(word) > 2 and word.isupper():
        return word.title()
    return word


def clean_title(
    title: str | None, *, site: str | None = None, url: str | None = None
) -> str | None:
    """The page's title without the site's name before or after it.

    ``"Talks resume | Al Bawaba"`` with site ``Al Bawaba`` (or a URL on
    ``albawaba.com``) becomes ``"Talks resume"``; a title that is only the site's name
    becomes None.
    """
    if not title or not title.strip():
        return None
    title = title.strip()
    names = [name for name in (site, _host_label(url)) if name]
    cuts = [(m.start(), m.end()) for m in _TITLE_SEPARATORS.finditer(title)]
    bounds = [0, *(edge for cut in cuts for edge in cut), len(title)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    first, last = 0, len(parts) - 1

    def is_site(index: int) -> bool:
        start, end = parts[index]
        return any(same_words(title[start:end], name) for name in names)

    while last > first and is_site(last):
        last -= 1
    while first < last and is_site(first):
        first += 1
    if first == last and is_site(first):
        return None
    return title[parts[first][0] : parts[last][1]]


def _host_label(url: str | None) -> str | None:
    """The site part of a URL's host: ``https://www.nypost.com/x`` → ``nypost``."""
    match = re.match(r"https?://([^/:?#]+)", url or "", re.I)
    if match is None:
        return None
    labels = [label for label in match.group(1).lower().split(".") if label != "www"]
    return labels[-2] if len(labels) >= 2 else None


def same_words(a: str | None, b: str | None) -> bool:
    """Whether two titles or names read the same, ignoring case, punctuation and "the"."""
    if a is None or b is None:
        return False
    key_a, key_b = _key(a), _key(b)
    return bool(key_a) and key_a == key_b


def _key(text: str) -> str:
    return "".join(word for word in _WORDS.findall(text.casefold()) if word != "the")
