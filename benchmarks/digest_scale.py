"""Time ``briefing digest`` on many synthetic briefings and print the figures.

The four fixture articles are summarised once through the loopback test server; each
synthetic article is one of their briefings with another SHA-256, three more people
(from a pool of 8,000 names, 500 surnames), and its agreements and threats moved between
random pairs of 60 countries with random wording, one in three kept as reported (so
that it groups).
Prints, for each size, the seconds to merge, to write JSON and Markdown, the number of
parties and events, and the peak RSS of the process.

    python benchmarks/digest_scale.py 1000 10000
"""

from __future__ import annotations

import hashlib
import json
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pycountry  # noqa: E402

from summarizer.article import article_from_text  # noqa: E402
from summarizer.config import Settings  # noqa: E402
from summarizer.digest import build_digest, digest_markdown  # noqa: E402
from summarizer.pipeline import summarize  # noqa: E402
from summarizer.schema import Agreement, Briefing, Party, PartyKind, Threat  # noqa: E402
from summarizer.testing import FakeServer, Reply, Request, fixture_reply  # noqa: E402

ARTICLES = {
    "authored-access-pact.txt": "access-pact",
    "authored-blinken-north-korea.txt": "blinken-north-korea",
    "authored-us-japan-command.txt": "us-japan-command",
    "voa-us-japan-2plus2.txt": "voa-2plus2",
}
FIRST = "Ana Ben Chen Dara Eli Farah Goran Hana Ivan Jun Kofi Lena Mika Nour Omar Pia".split()
LAST = [
    f"{a}{b}{c}"
    for a in "Sa Ko Ma Ri Ta No Ve Lu Di Ze".split()
    for b in "ro vi ndo lli mu".split()
    for c in "ra sen ta vic ez ko lo ri ni da".split()
]
WORDS = """pact accord ceasefire sanctions exercise drills missile troops border talks treaty
    base navy patrol supply grain energy cyber nuclear summit aid loan port corridor deal""".split()


def base_briefings() -> list[Briefing]:
    fixtures = ROOT / "fixtures"
    texts = {n: (fixtures / "articles" / n).read_text("utf-8") for n in ARTICLES}
    replies = {
        n: fixture_reply(fixtures / "responses" / "authored" / f"{r}-json-schema.json")
        for n, r in ARTICLES.items()
    }

    def answer(request: Request) -> Reply:
        prompt = json.dumps(request.json["messages"], ensure_ascii=False)
        return replies[next(n for n, t in texts.items() if t.splitlines()[0] in prompt)]

    with FakeServer(answer) as server:
        settings = Settings(base_url=server.base_url, model="bench")
        return [
            summarize(article_from_text(t, source=n), settings=settings) for n, t in texts.items()
        ]


def synthetic(bases: list[Briefing], count: int, seed: int = 7) -> Iterator[Briefing]:
    rng = random.Random(seed)
    people = [f"{first} {last}" for first in FIRST for last in LAST]
    countries = [c.name for c in list(pycountry.countries)[:60]]
    for n in range(count):
        briefing = bases[n % len(bases)].model_copy(deep=True)
        briefing.article.sha256 = hashlib.sha256(str(n).encode()).hexdigest()
        briefing.article.source = f"article-{n:06}.txt"
        for name in rng.sample(people, 3):
            briefing.parties.append(
                Party(
                    id=name.lower().replace(" ", "-"),
                    name=name,
                    kind=PartyKind.PERSON,
                    aliases=[],
                    role=None,
                    affiliation=None,
                    affiliation_id=None,
                    evidence=[],
                )
            )
        pair = rng.sample(countries, 2)
        ids = [p.lower().replace(" ", "-") for p in pair]
        briefing.parties += [
            Party(
                id=i,
                name=p,
                kind=PartyKind.STATE,
                aliases=[],
                role=None,
                affiliation=None,
                affiliation_id=None,
                evidence=[],
            )
            for i, p in zip(ids, pair, strict=True)
        ]
        for agreement in briefing.agreements:
            if rng.random() < 2 / 3:
                scramble(agreement, rng)
                agreement.party_ids = ids
        for threat in briefing.threats:
            if rng.random() < 2 / 3:
                scramble(threat, rng)
                threat.source_id, threat.target_ids = ids[0], ids[1:]
        yield briefing


def scramble(item: Agreement | Threat, rng: random.Random) -> None:
    """New words for an item and its evidence, as another article would have them."""
    item.what = " ".join(rng.sample(WORDS, 5))
    for evidence in item.evidence:
        evidence.text = " ".join(rng.sample(WORDS, 8))


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    bases = base_briefings()
    for size in sizes:
        started = time.perf_counter()
        digest = build_digest(synthetic(bases, size))
        merged = time.perf_counter() - started
        started = time.perf_counter()
        document = digest.model_dump_json()
        as_json = time.perf_counter() - started
        started = time.perf_counter()
        markdown = digest_markdown(digest)
        as_markdown = time.perf_counter() - started
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{size:>7,} articles: merge {merged:6.2f} s ({merged / size * 1000:.2f} ms each), "
            f"JSON {as_json:5.2f} s ({len(document) / 1e6:.0f} MB), "
            f"Markdown {as_markdown:5.2f} s ({len(markdown) / 1e6:.0f} MB); "
            f"{len(digest.parties):,} parties, "
            f"{len(digest.agreements):,} agreements, {len(digest.threats):,} threats; "
            f"peak RSS {rss:,.0f} MB"
        )


if __name__ == "__main__":
    main()
