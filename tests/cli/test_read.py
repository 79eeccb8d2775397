from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.article import load_article
from summarizer.cli.app import app

PAGE = Path(__file__).resolve().parents[2] / "fixtures" / "pages" / "ap-esper-vietnam.html"
runner = CliRunner()


def test_prints_the_text_offsets_refer_to(example_path: Path) -> None:
    result = runner.invoke(app, ["read", str(example_path)])
    assert result.exit_code == 0
    assert result.stdout == load_article(example_path).text + "\n"


def test_prints_the_main_text_of_a_page() -> None:
    result = runner.invoke(app, ["read", str(PAGE)])
    assert result.exit_code == 0
    assert result.stdout.startswith("Esper accuses China of intimidating smaller Asian nations\n\n")
    assert "<" not in result.stdout


def test_json_adds_the_metadata() -> None:
    result = runner.invoke(app, ["read", str(PAGE), "--json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    article = load_article(PAGE)
    assert document["text"] == article.text
    assert document["chars"] == len(article.text)
    assert document["sha256"] == article.sha256
    assert document["title"] == "Esper accuses China of intimidating smaller Asian nations"
    assert document["date"] == "2019-11-20"
    assert document["site"] == "Houston Chronicle"
    assert document["media_type"] == "text/html"
    assert document["encoding"] == "utf-8"
    assert 0 < document["tokens"] < document["chars"]


def test_reads_standard_input() -> None:
    result = runner.invoke(app, ["read", "-"], input="Ministers\u00a0met.\r\n\r\n\r\nThey agreed.")
    assert result.exit_code == 0
    assert result.stdout == "Ministers met.\n\nThey agreed.\n"


@pytest.mark.parametrize(
    ("make", "code", "message"),
    [
        (lambda d: d / "missing.txt", 11, "no such file"),
        (lambda d: d, 12, "is a directory"),
        (lambda d: write(d / "blank.txt", b" \n "), 13, "the article is empty"),
        (lambda d: write(d / "image.png", b"\x89PNG\r\n\x1a\n\x00"), 14, "looks like a PNG image"),
        (
            lambda d: write(d / "menu.html", b"<html><body><nav>Home</nav></body></html>"),
            15,
            "no article text found",
        ),
        (lambda d: "ftp://example.org/a.txt", 17, "only http and https URLs are read"),
    ],
    ids=["missing", "directory", "blank", "binary", "no-article", "scheme"],
)
def test_bad_input_gives_one_line_and_its_exit_code(
    tmp_path: Path, make: object, code: int, message: str
) -> None:
    source = make(tmp_path)  # type: ignore[operator]
    result = runner.invoke(app, ["read", str(source)])
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_size_cap_from_the_option_and_the_environment(example_path: Path) -> None:
    result = runner.invoke(app, ["read", str(example_path), "--max-bytes", "100"])
    assert result.exit_code == 16
    assert "over the 100-byte limit" in result.stderr
    result = runner.invoke(app, ["read", str(example_path)], env={"BRIEFING_MAX_BYTES": "200"})
    assert result.exit_code == 16
    assert "over the 200-byte limit" in result.stderr


def test_help_ends_with_examples() -> None:
    result = runner.invoke(app, ["read", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "briefing read https://" in result.stdout


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
