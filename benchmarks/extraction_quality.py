"""Score briefing's text extraction against hand-checked text of real news pages.

For each page in fixtures/pages/ (NAME.html with NAME.expected.txt), load it as
``briefing`` does and print word-level precision, recall and F1 of the extracted text
against the expected text, with the time each page took, then the means. For
comparison, ``all-text F1`` scores every visible string of the page (no extraction).

    python benchmarks/extraction_quality.py
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lxml.html  # noqa: E402

from summarizer.article import load_article  # noqa: E402

PAGES = ROOT / "fixtures" / "pages"


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def scores(got: str, expected: str) -> tuple[float, float, float]:
    """Word-level (precision, recall, F1), words counted with their multiplicity."""
    found, wanted = words(got), words(expected)
    common = sum((found & wanted).values())
    precision = common / max(1, sum(found.values()))
    recall = common / max(1, sum(wanted.values()))
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def all_text(page: Path) -> str:
    """Every string of the page outside scripts and styles: extraction's baseline."""
    tree = lxml.html.document_fromstring(page.read_bytes())
    for element in tree.xpath("//script|//style|//noscript"):
        element.drop_tree()
    return str(tree.text_content())


def main() -> None:
    load_article(sorted(PAGES.glob("*.html"))[0])  # warm up: imports, lxml, trafilatura
    rows = []
    print(f"{'page':<36} {'precision':>9} {'recall':>7} {'F1':>6} {'ms':>6} {'all-text F1':>12}")
    for page in sorted(PAGES.glob("*.html")):
        expected = page.with_suffix(".expected.txt").read_text("utf-8")
        started = time.perf_counter()
        article = load_article(page)
        elapsed = (time.perf_counter() - started) * 1000
        precision, recall, f1 = scores(article.text, expected)
        baseline = scores(all_text(page), expected)[2]
        rows.append((precision, recall, f1, elapsed, baseline))
        print(
            f"{page.stem:<36} {precision:9.3f} {recall:7.3f} {f1:6.3f} {elapsed:6.0f} "
            f"{baseline:12.3f}"
        )
    means = [sum(column) / len(rows) for column in zip(*rows, strict=True)]
    label = f"mean of {len(rows)} pages"
    print(
        f"{label:<36} {means[0]:9.3f} {means[1]:7.3f} {means[2]:6.3f} {means[3]:6.0f} "
        f"{means[4]:12.3f}"
    )


if __name__ == "__main__":
    main()
