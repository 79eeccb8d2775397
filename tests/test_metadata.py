from pathlib import Path

import pytest

from summarizer.article import load_article
from summarizer.metadata import clean_author, clean_title, same_words

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # share buttons and biographies that bylines carry along
        ("Jane Doe Link Copied", "Jane Doe"),
        ("Jane Doe is a reporter at Politico covering defense", "Jane Doe"),
        (
            "Nahal Toosi Link Copied; Nahal Toosi is a senior foreign affairs reporter",
            "Nahal Toosi",
        ),
        # job titles and agencies after a name; names in capitals
        ("ROBERT BURNS; AP National Security Writer", "Robert Burns"),
        (
            "LISA MASCARO; MARY CLARE JALONICK; ERIC TUCKER Associated Press",
            "Lisa Mascaro; Mary Clare Jalonick; Eric Tucker",
        ),
        ("Robert Burns, AP National Security Writer", "Robert Burns"),
        # a sentence split at "and" is not a list of names
        ("The Russian; Syrian defense ministries", None),
        ("By John Smith", "John Smith"),
        ("Jane Doe (Twitter) @janedoe jane@example.org", "Jane Doe"),
        ("Lia Eustachewich; Yaron Steinbuch", "Lia Eustachewich; Yaron Steinbuch"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("Bashar al-Assad", "Bashar al-Assad"),
        ("Jean-Luc Picard; Jean-Luc Picard", "Jean-Luc Picard"),
        # an agency alone is the byline; after a person it is dropped
        ("Reuters", "Reuters"),
        ("Associated Press", "Associated Press"),
        ("Jane Doe; Reuters", "Jane Doe"),
        # the site's own name is not an author
        ("Politico", None),
        ("Politico Staff", None),
        ("", None),
        (None, None),
    ],
)
def test_author_names_are_kept_and_page_furniture_dropped(raw: str | None, clean: str) -> None:
    assert clean_author(raw, site="POLITICO") == clean


@pytest.mark.parametrize(
    ("title", "site", "url", "clean"),
    [
        (
            "Settlements ruling draws anger | Al Bawaba",
            "Al Bawaba",
            None,
            "Settlements ruling draws anger",
        ),
        ("Taliban free hostages - New York Post", "New York Post", None, "Taliban free hostages"),
        (
            "NYPost | Taliban: the deal – nypost",
            None,
            "https://nypost.com/2019/x",
            "Taliban: the deal",
        ),
        (
            "Russia and Syria: U.S.-backed forces",
            "POLYGRAPH.info",
            None,
            "Russia and Syria: U.S.-backed forces",
        ),
        ("US - Japan talks", "Reuters", None, "US - Japan talks"),
        ("Al Bawaba", "Al Bawaba", None, None),
        ("  ", None, None, None),
    ],
)
def test_the_site_name_leaves_the_title(
    title: str, site: str | None, url: str | None, clean: str | None
) -> None:
    assert clean_title(title, site=site, url=url) == clean


def test_same_words_ignores_case_punctuation_and_the() -> None:
    assert same_words("The U.S.-Japan talks", "us japan Talks")
    assert not same_words("US talks", "UK talks")
    assert not same_words(None, "x") and not same_words("", "")


@pytest.mark.parametrize(
    ("page", "title", "author"),
    [
        (
            "ap-esper-vietnam.html",
            "Esper accuses China of intimidating smaller Asian nations",
            "Robert Burns",
        ),
        (
            "ap-sondland-ukraine.html",
            "Unpredictable Sondland faces questions about Trump, Ukraine",
            "Lisa Mascaro; Mary Clare Jalonick; Eric Tucker",
        ),
        (
            "polygraph-rukban.html",
            "Russia and Syria: U.S.-backed Syrian Forces Blocking Refugee Return",
            None,
        ),
        (
            "albawaba-israeli-settlements.html",
            "World Community Lashes Out at US for No Longer Considering Israeli Settlements "
            "Illegal",
            None,
        ),
    ],
)
def test_saved_pages_get_clean_metadata(page: str, title: str, author: str | None) -> None:
    article = load_article(PAGES / page)
    assert (article.title, article.author) == (title, author)
