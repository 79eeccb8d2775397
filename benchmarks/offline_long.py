"""One long article through the offline engine: time and peak RSS at 10k, 50k and 100k words.

The article is the repo's real articles and page texts, then news-style paragraphs made
from a seeded generator until the word count is reached; every generated paragraph names
new people, so the number of parties grows with the text, as in a long report (the worst
case for rules that compare every party with every other). Each size runs twice, in a
fresh child process each time: spaCy's own ``nlp(text)`` alone, and ``summarize()`` with
the offline engine (the same parse, plus the rules, grounding and assembly). Prints
seconds, microseconds per word, peak RSS, and two ratios: time per word at the largest
size over the smallest, and the engine's peak RSS over spaCy's for the same text.

    python benchmarks/offline_long.py [--words 10000,50000,100000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZES = (10_000, 50_000, 100_000)
SEED = 14

_FIRST = """Anna Boris Carlos Dmitri Elena Farid Grace Hassan Ingrid Jamal Keiko Luis Maria
Nikolai Olga Pedro Qasim Rania Sergei Tamar Umar Vera Walid Ximena Yusuf Zainab Ahmed Bruno
Chen Daniel Eva Fatima Giorgi Hana Ivan Jana Karim Lena Mehmet Nadia Omar Pavel Rosa Samir
Tomas Ursula Viktor Wei Yara Zoltan""".split()
_LAST = """Abbas Novak Okafor Petrov Quintero Rahimi Schmidt Tanaka Usmanov Varga Wojcik Yilmaz
Zhou Alvarez Baranov Castillo Demir Eriksen Ferreira Gallo Haddad Ivanova Jensen Kovacs Lindqvist
Moreau Nasser Ortega Park Rossi Sato Tiwari Ueda Volkov Weber Yamada Zielinski Mendez Horvat
Kowalski Nakamura Popescu Sokolov Bakr Dubois Fischer Greco Hakimi Ito Jovanovic""".split()
_COUNTRIES = """France Germany Japan Egypt Turkey Brazil India Kenya Mexico Poland Ukraine
Russia China Iran Israel Jordan Qatar Nigeria Ethiopia Sudan Georgia Armenia Azerbaijan
Serbia Kosovo Colombia Venezuela Pakistan Afghanistan Indonesia""".split()
_BODIES = [
    "the Foreign Ministry",
    "the Defence Ministry",
    "the United Nations",
    "the African Union",
    "the European Union",
    "the Red Cross",
    "the Interior Ministry",
    "the election commission",
]
_TEMPLATES = [
    "{p1}, the foreign minister of {c1}, met {p2} of {b1} in {c2} on Monday. "
    "{s1} said the two sides agreed to resume talks on the border dispute.",
    "{p1}, a spokesman for {b1}, warned that {c1} would impose sanctions on {c2} "
    "unless its troops withdrew. {s1} did not give a date.",
    "Police arrested {p1} after protesters gathered outside the embassy of {c1}. "
    "{p2}, a lawyer for the family, said {s1} was innocent.",
    "{c1} and {c2} signed a trade agreement on Tuesday, {p1} of {b1} told reporters. "
    "{p2}, an analyst, said the deal would ease tensions.",
    "Rebels threatened to attack the capital of {c1}, according to {p1}, "
    "a commander of the army. {s1} said reinforcements had been sent.",
]


def article_text(words: int, seed: int = SEED) -> str:
    """The repo's articles and page texts, then generated paragraphs, up to ``words`` words."""
    from summarizer.article import load_article

    fixtures = ROOT / "fixtures"
    paragraphs = [load_article(p).text for p in sorted((fixtures / "articles").glob("*.txt"))]
    paragraphs += [p.read_text("utf-8") for p in sorted((fixtures / "pages").glob("*.txt"))]
    count = sum(len(p.split()) for p in paragraphs)
    rng = random.Random(seed)
    while count < words:
        p1, p2 = (f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(2))
        c1, c2 = rng.sample(_COUNTRIES, 2)
        paragraph = rng.choice(_TEMPLATES).format(
            p1=p1, p2=p2, s1=p1.split()[-1], c1=c1, c2=c2, b1=rng.choice(_BODIES)
        )
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def child(mode: str, words: int) -> None:
    """Run one measurement in this process and print it as JSON."""
    from summarizer.article import article_from_text
    from summarizer.config import EngineName, Settings
    from summarizer.engines.offline import OfflineEngine
    from summarizer.engines.offline.nlp import pipeline
    from summarizer.pipeline import summarize

    text = article_text(words)
    nlp = pipeline()
    nlp("Warm up the pipeline.")
    engine = OfflineEngine()
    settings = Settings(engine=EngineName.OFFLINE)
    article = article_from_text(text, source="long.txt")
    started = time.perf_counter()
    parties = None
    if mode == "spacy":
        nlp(text)
    else:
        parties = len(summarize(article, settings=settings, engine=engine).parties)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "words": len(text.split()),
                "seconds": seconds,
                "peak_mb": peak_kb / 1024,
                "parties": parties,
            }
        )
    )


def measure(mode: str, words: int) -> dict[str, float]:
    """One measurement in a fresh child process."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--words", str(words)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", default=",".join(map(str, SIZES)), help="Sizes in words.")
    parser.add_argument("--child", choices=("spacy", "engine"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(w) for w in args.words.split(",")]
    if args.child:
        child(args.child, sizes[0])
        return
    print("words      spaCy s  engine s  engine us/word  parties  spaCy MB  engine MB  RSS ratio")
    per_word = []
    for size in sizes:
        spacy_run, engine_run = measure("spacy", size), measure("engine", size)
        micros = engine_run["seconds"] / engine_run["words"] * 1e6
        per_word.append(micros)
        print(
            f"{engine_run['words']:>7,.0f}  {spacy_run['seconds']:8.1f}"
            f"  {engine_run['seconds']:8.1f}"
            f"  {micros:14.0f}  {engine_run['parties']:7.0f}  {spacy_run['peak_mb']:8.0f}"
            f"  {engine_run['peak_mb']:9.0f}  {engine_run['peak_mb'] / spacy_run['peak_mb']:9.2f}",
            flush=True,
        )
    print(f"time per word, largest over smallest: {per_word[-1] / per_word[0]:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
