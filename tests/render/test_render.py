import html as html_lib
import io
from pathlib import Path

import httpx2
import pytest
from rich.cells import cell_len
from rich.console import Console

from summarizer.article import Article, load_article
from summarizer.config import Settings
from summarizer.engines.openai import OpenAIEngine
from summarizer.pipeline import summarize
from summarizer.render import Format, print_terminal, render
from summarizer.render.html import briefing_page
from summarizer.render.markdown import markdown
from summarizer.schema import Briefing
from summarizer.testing import Script, fixture_reply, transport

RESPONSES = Path(__file__).resolve().parents[2] / "fixtures" / "responses" / "authored"


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


def test_renders_a_briefing_the_pipeline_made(example_path: Path) -> None:
    """The recorded-style reply of fixtures/responses, through the real pipeline."""
    reply = fixture_reply(RESPONSES / "voa-2plus2-json-schema.json")
    engine = OpenAIEngine(
        Settings(api_key="k", model="gpt-4o-mini"),
        http_client=httpx2.Client(transport=transport(Script([reply]))),
    )
    briefing = summarize(example_path, engine=engine)
    text = load_article(example_path).text
    assert briefing.parties and briefing.agreements and briefing.threats
    plain = render(briefing, text, Format.TEXT)
    assert max(cell_len(line) for line in plain.splitlines()) <= 80
    assert all(party.name in " ".join(plain.split()) for party in briefing.parties)
    html = render(briefing, text, Format.HTML)
    located = [e for e in briefing.evidence() if e.verified]
    assert located and all(html_lib.escape(e.text or "", quote=True) in html for e in located)
    assert html.count("<mark ") >= len({(e.start, e.end) for e in located})
    served = briefing.provenance.served_model
    assert served and served != "gpt-4o-mini", "the reply names the model that answered"
    assert f"<dd>gpt-4o-mini (served: {served})</dd>" in html
    assert f"| Model | gpt-4o-mini (served: {served}) |" in render(briefing, text, Format.MARKDOWN)
    assert f"gpt-4o-mini (served: {served})" in " ".join(plain.split())
    assert "— *exact, chars" in render(briefing, text, Format.MARKDOWN)
