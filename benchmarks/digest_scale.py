"""Time ``briefing digest`` on many synthetic briefings and print time and peak RSS.

The four fixture articles are summarised once through the loopback test server; each
synthetic article is one of their briefings with another SHA-256 and source. Two kinds
of batch:

- ``same``: every article reports the same story (the worst case for grouping: a week's
  coverage of one crisis). Each keeps its base's parties and events, its wording changed
  a little (two words of each ``what`` and quote swapped for others), and three people
  from a pool of 8,000.
- ``different``: every article reports a story of its own: its agreements and threats
  moved between a pair of 400 made-up states, with wording drawn at random.
- ``pair``: every article reports a story of its own between the same two states (a
  year of one dyad's news: the worst case for a party key), its wording drawn from 500
  made-up words, so that few reports are of one event.

Each size runs in a process of its own, so that its peak RSS is its own. Prints, per
run, the seconds to merge and to write the digest as JSON (streamed to /dev/null), the
time per article, the number of parties and events, and the peak RSS.

    python benchmarks/digest_scale.py   # same story 1,000, 10,000, 100,000; different 10,000
    python benchmarks/digest_scale.py same:1000 different:1000
"""

from __future__ import annotations

import hashlib
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.article import article_from_text  # noqa: E402
from summarizer.config import Settings  # noqa: E402
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
STATES = [
    f"Republic of {a}{b}{c}" for a in "Al Bo Ca Do Er".split() for b in LAST[:80] for c in "a"
]
WORDS = """pact accord ceasefire sanctions exercise drills missile troops border talks treaty
    base navy patrol supply grain energy cyber nuclear summit aid loan port corridor deal
    pipeline fishing airspace satellite refinery customs tariff visa embassy hostage""".split()
DEFAULT_RUNS = ["same:1000", "same:10000", "same:100000", "different:10000"]


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


def _person(name: str) -> Party:
    return Party(
        id=name.lower().replace(" ", "-"),
        name=name,
        kind=PartyKind.PERSON,
        aliases=[],
        role=None,
        affiliation=None,
        affiliation_id=None,
        evidence=[],
    )


def _state(name: str) -> Party:
    party = _person(name)
    party.kind = PartyKind.STATE
    return party


def _reword(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(2):
        if words:
            words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words)


def synthetic(bases: list[Briefing], kind: str, count: int, seed: int = 7) -> Iterator[Briefing]:
    """``count`` briefings of one story (``same``) or each of its own (``different``,
    ``pair``)."""
    rng = random.Random(seed)
    people = [f"{first} {last}" for first in FIRST for last in LAST]
    for n in range(count):
        briefing = bases[n % len(bases)].model_copy(deep=True)
        briefing.article.sha256 = hashlib.sha256(str(n).encode()).hexdigest()
        briefing.article.source = f"article-{n:06}.txt"
        briefing.parties += [_person(name) for name in rng.sample(people, 3)]
        items: list[Agreement | Threat] = [*briefing.agreements, *briefing.threats]
        if kind == "same":
            for item in items:
                item.what = _reword(item.what, rng)
                for evidence in item.evidence:
                    evidence.text = _reword(evidence.text or "", rng)
            yield briefing
            continue
        pair = STATES[:2] if kind == "pair" else rng.sample(STATES, 2)
        vocabulary = LAST if kind == "pair" else WORDS
        ids = [p.lower().replace(" ", "-") for p in pair]
        briefing.parties += [_state(p) for p in pair]
        for item in items:
            item.what = " ".join(rng.sample(vocabulary, 6))
            for evidence in item.evidence:
                evidence.text = " ".join(rng.sample(vocabulary, 9))
            if isinstance(item, Agreement):
                item.party_ids = ids
            else:
                item.source_id, item.target_ids = ids[0], ids[1:]
        yield briefing


def measure(kind: str, size: int) -> str:
    """One run, in this process: the line of figures it prints."""
    from summarizer.digest import build_digest

    bases = base_briefings()
    started = time.perf_counter()
    digest = build_digest(synthetic(bases, kind, size))
    merged = time.perf_counter() - started
    started = time.perf_counter()
    with open("/dev/null", "w", encoding="utf-8") as sink:
        sink.write(digest.model_dump_json())
    written = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (
        f"{kind:>9} {size:>7,}: merge {merged:7.2f} s ({merged / size * 1000:5.2f} ms/article), "
        f"JSON {written:6.2f} s; {len(digest.parties):,} parties, "
        f"{len(digest.agreements):,} agreements, {len(digest.threats):,} threats; "
        f"peak RSS {rss:,.0f} MB"
    )


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        kind, size = sys.argv[2].split(":")
        print(measure(kind, int(size)), flush=True)
        return
    runs = sys.argv[1:] or DEFAULT_RUNS
    for run in runs:
        subprocess.run([sys.executable, __file__, "--child", run], check=True)


if __name__ == "__main__":
    main()
