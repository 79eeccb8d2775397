import io

import pytest
from rich.console import Console

from summarizer.article import Article
from summarizer.render import Format, print_terminal, render
from summarizer.render.html import briefing_page
from summarizer.render.markdown import markdown
from summarizer.schema import Briefing


def test_formats_are_named_as_on_the_command_line() -> None:
    assert [f.value for f in Format] == ["json", "markdown", "text", "html"]
    assert Format("html") is Format.HTML


def test_json_is_the_briefing_itself(briefing: Briefing, article: Article) -> None:
    output = render(briefing, article.text, Format.JSON)
    assert output.endswith("}\n")
    assert Briefing.model_validate_json(output) == briefing


def test_text_is_the_terminal_rendering_without_style(briefing: Briefing, article: Article) -> None:
    console = Console(file=io.StringIO(), width=80, color_system=None, force_terminal=False)
    print_terminal(briefing, article.text, console)
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    assert render(briefing, article.text, Format.TEXT) == "".join(
        line.rstrip() + "\n" for line in printed.splitlines()
    )


@pytest.mark.parametrize(
    ("fmt", "renderer"), [(Format.MARKDOWN, markdown), (Format.HTML, briefing_page)]
)
def test_markdown_and_html_come_from_their_modules(
    fmt: Format, renderer: object, briefing: Briefing, article: Article
) -> None:
    assert callable(renderer)
    assert render(briefing, article.text, fmt) == renderer(briefing, article.text)
    assert render(briefing, None, fmt) == renderer(briefing, None)
