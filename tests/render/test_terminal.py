import io

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from summarizer.article import Article
from summarizer.grounding import Grounder
from summarizer.render.terminal import WIDTH, plain_text, print_terminal
from summarizer.schema import Briefing, Usage


def _styled(briefing: Briefing, text: str | None, width: int = 80) -> str:
    console = Console(
        file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor"
    )
    print_terminal(briefing, text, console)
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


def _visible(styled: str) -> list[str]:
    return Text.from_ansi(styled).plain.splitlines()


def _unwrapped(briefing: Briefing, text: str | None = None) -> str:
    """Everything shown, one space between words, on a console too wide to wrap."""
    return " ".join(plain_text(briefing, text, width=400).split())


@pytest.mark.parametrize("case", ["example", "hostile"])
def test_every_line_fits_80_columns(
    case: str, briefing: Briefing, article: Article, hostile: tuple[Article, Briefing]
) -> None:
    shown, text = (briefing, article.text) if case == "example" else (hostile[1], hostile[0].text)
    for output in (_visible(_styled(shown, text)), plain_text(shown, text).splitlines()):
        widths = [cell_len(line) for line in output]
        assert max(widths) <= WIDTH == 80, output[widths.index(max(widths))]


def test_styled_output_uses_colour_and_plain_output_none(briefing: Briefing) -> None:
    assert "\x1b[" in _styled(briefing, None)
    assert "\x1b" not in plain_text(briefing, None)


def test_shows_headline_summary_sections_and_every_item(briefing: Briefing) -> None:
    flat = _unwrapped(briefing)
    assert "US and Japan deepen military ties" in flat
    assert "co-produce US-licensed missiles in Japan" in flat
    assert "PARTIES 9" in flat and "AGREEMENTS 2" in flat and "THREATS 3" in flat
    for party in briefing.parties:
        assert party.name in flat
    whats = [a.what for a in briefing.agreements] + [t.what for t in briefing.threats]
    for what in whats:
        assert " ".join(what.split()[:3]) in flat
    assert "China → Japan, United States" in flat
    assert "qwen2.5-7b-instruct" in flat and "3,485 tokens" in flat


def test_evidence_excerpts_carry_their_status(briefing: Briefing) -> None:
    flat = _unwrapped(briefing)
    assert "✓ “There are 50,000 US troops in Japan”" in flat
    assert "~ “Defense chiefs and top US and Japanese diplomats” fuzzy 98%" in flat
    assert "≈ “North Korea’s nuclear program” normalised" in flat
    assert (
        "⚠ “North Korea fired ballistic missiles over Japan days before the talks” "
        "unverified: not in the article"
    ) in flat


def test_warnings_are_shown(briefing: Briefing) -> None:
    flat = _unwrapped(briefing)
    assert "Warnings ⚠ threat 3: quote not found in the article" in flat


def test_a_different_article_text_is_flagged(briefing: Briefing, article: Article) -> None:
    assert "not the one this briefing" not in plain_text(briefing, article.text)
    flat = _unwrapped(briefing, "Another article.")
    assert "is not the one this briefing was made from" in flat


def test_model_and_article_text_is_never_markup_or_terminal_control(
    hostile: tuple[Article, Briefing],
) -> None:
    article, briefing = hostile
    styled = _styled(briefing, article.text, width=200)
    assert "\x1b[31mminister" not in styled
    assert "\x1b]8;" not in styled  # no hyperlink from "[link=...]"
    plain = " ".join(Text.from_ansi(styled).plain.split())
    assert "[bold red]Tokyo[/]" in plain
    assert "\ufffd[31mminister\ufffd[0m [link=https://example.com]x[/link]" in plain
    assert "<script>window.pwned = 11</script>Talks" in plain


def test_no_items_say_so(briefing: Briefing) -> None:
    empty = briefing.model_copy(update={"parties": [], "agreements": [], "threats": []})
    flat = _unwrapped(empty)
    assert "No parties found." in flat and "No threats found." in flat


def test_agreements_and_threats_come_before_the_parties(briefing: Briefing) -> None:
    flat = _unwrapped(briefing)
    assert flat.index("AGREEMENTS 2") < flat.index("THREATS 3") < flat.index("PARTIES 9")


def _with_long_threat_quote(briefing: Briefing, article: Article) -> Briefing:
    """The North Korea threat with the whole sentence as evidence: China's half comes first."""
    sentence = Grounder(article.text).locate(
        "Secretary Austin, in his opening remarks, said that China “is pursuing a coercive "
        "approach, trying to change the status quo in the East and South China Seas, as well "
        "as around Taiwan and throughout the region,” adding that North Korea’s nuclear "
        "program and its deepening cooperation with Russia “threaten regional and global "
        "security.”"
    )
    threat = briefing.threats[2].model_copy(update={"evidence": [sentence]})
    return briefing.model_copy(update={"threats": [*briefing.threats[:2], threat]})


def test_long_evidence_shows_the_part_naming_the_items_parties(
    briefing: Briefing, article: Article
) -> None:
    flat = _unwrapped(_with_long_threat_quote(briefing, article), article.text)
    assert "“…adding that North Korea’s nuclear program and its deepening cooperation" in flat
    assert "said that China “is pursuing" not in flat


def test_relative_dates_and_authors(briefing: Briefing) -> None:
    agreement = briefing.agreements[0].model_copy(update={"date": "yesterday"})
    info = briefing.article.model_copy(
        update={"date": "2024-07-29", "author": "Jane Doe; John Roe", "title": briefing.headline}
    )
    flat = _unwrapped(briefing.model_copy(update={"agreements": [agreement], "article": info}))
    assert "yesterday (2024-07-28)" in flat
    assert "2024-07-29 · Jane Doe, John Roe" in flat
    assert flat.count("US and Japan deepen military ties") == 1


def test_no_token_figures_without_tokens(briefing: Briefing) -> None:
    offline = briefing.provenance.model_copy(update={"engine": "offline", "usage": Usage()})
    flat = _unwrapped(briefing.model_copy(update={"provenance": offline}))
    assert "tokens" not in flat and "offline · qwen2.5-7b-instruct" in flat
