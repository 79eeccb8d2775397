"""An authored briefing of the example article, its evidence located by our grounding.

Authored, not recorded: written by hand to read like a model's reply to
``fixtures/articles/voa-us-japan-2plus2.txt``. Only quotes are typed here; every offset
comes from :class:`summarizer.grounding.Grounder`. One quote is not in the article, so
the briefing exercises unverified evidence, and several spans overlap.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from summarizer.article import Article, article_from_text
from summarizer.grounding import Grounder
from summarizer.schema import (
    Agreement,
    AgreementStatus,
    Briefing,
    Evidence,
    Party,
    PartyKind,
    Provenance,
    Severity,
    Threat,
    ThreatDomain,
    Usage,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "voa-us-japan-2plus2.txt"

UNVERIFIED_QUOTE = "North Korea fired ballistic missiles over Japan days before the talks"
"""The one quote of the example briefing that the article does not contain."""


def example_article() -> Article:
    """The example article, loaded the way the pipeline loads text."""
    return article_from_text(EXAMPLE.read_text("utf-8"), source=str(EXAMPLE.name))


def build_briefing(article: Article) -> Briefing:
    """The authored briefing of the example article, grounded in ``article``."""
    grounder = Grounder(article.text)

    def evidence(*quotes: str) -> list[Evidence]:
        return [grounder.locate(quote) for quote in quotes]

    def party(
        name: str,
        kind: PartyKind,
        quotes: list[str],
        role: str | None = None,
        of: str | None = None,
    ) -> Party:
        return Party(
            id=name.lower().replace(" ", "-"),
            name=name,
            kind=kind,
            aliases=[],
            role=role,
            affiliation=of and of.replace("-", " ").title(),
            affiliation_id=of,
            evidence=evidence(*quotes),
        )

    parties = [
        party("United States", PartyKind.STATE, ["There are 50,000 US troops in Japan"]),
        party(
            "Japan",
            PartyKind.STATE,
            [
                "the Japan-US Security Consultative Committee in Tokyo",
                "Defence chiefs and top US and Japanese diplomats",
            ],
        ),
        party(
            "China",
            PartyKind.STATE,
            ['They described the growing threat from China as the "greatest strategic challenge"'],
        ),
        party("North Korea", PartyKind.STATE, ["North Korea's nuclear program"]),
        party("Russia", PartyKind.STATE, ["its deepening cooperation with Russia"]),
        party(
            "Antony Blinken",
            PartyKind.PERSON,
            ["US Secretary of State Antony Blinken"],
            role="US Secretary of State",
            of="united-states",
        ),
        party(
            "Lloyd Austin",
            PartyKind.PERSON,
            ["US Defense Secretary Lloyd Austin", "Secretary Austin, in his opening remarks"],
            role="US Defense Secretary",
            of="united-states",
        ),
        party(
            "Yoko Kamikawa",
            PartyKind.PERSON,
            ["their Japanese counterparts, Yoko Kamikawa and Minoru Kihara"],
            role="Foreign Minister",
            of="japan",
        ),
        party(
            "Minoru Kihara",
            PartyKind.PERSON,
            ["their Japanese counterparts, Yoko Kamikawa and Minoru Kihara"],
            role="Defense Minister",
            of="japan",
        ),
    ]
    parties[0].aliases.append("US")
    parties[1].aliases.append("Japanese")
    agreements = [
        Agreement(
            what="Strengthen military cooperation: command and control of US forces in Japan "
            "and co-production of US-licensed missiles",
            party_ids=["united-states", "japan"],
            status=AgreementStatus.AGREED,
            date=None,
            evidence=evidence(
                "agreed to further strengthen military cooperation by improving command and "
                "control of US forces in the East Asian country and boosting production there "
                "of US-licensed missiles",
                "The latest plans will give the commander more powers while reporting to the "
                "command in Hawaii.",
            ),
        ),
        Agreement(
            what="Reaffirm the bipartisan US-Japan alliance",
            party_ids=["united-states", "japan"],
            status=AgreementStatus.REAFFIRMED,
            date=None,
            evidence=evidence("where they reaffirmed their bipartisan alliance"),
        ),
    ]
    threats = [
        Threat(
            what="Coercion to change the status quo in the East and South China Seas and "
            "around Taiwan",
            source_id="china",
            target_ids=["japan", "united-states"],
            domain=ThreatDomain.TERRITORIAL,
            severity=Severity.HIGH,
            evidence=evidence(
                "China “is pursuing a coercive approach, trying to change the status quo in "
                "the East and South China Seas, as well as around Taiwan and throughout the "
                "region,”",
                "represents the greatest strategic challenge in the Indo-Pacific region",
            ),
        ),
        Threat(
            what="Reshaping the international order at the expense of others",
            source_id="china",
            target_ids=["united-states", "japan"],
            domain=ThreatDomain.POLITICAL,
            severity=Severity.MEDIUM,
            evidence=evidence(
                "China’s foreign policy “seeks to reshape the international order to benefit "
                "at the expense of others”"
            ),
        ),
        Threat(
            what="North Korea's nuclear programme and its deepening cooperation with Russia",
            source_id="north-korea",
            target_ids=["japan", "united-states"],
            domain=ThreatDomain.NUCLEAR,
            severity=Severity.CRITICAL,
            evidence=evidence(
                "North Korea’s nuclear program and its deepening cooperation with Russia "
                "“threaten regional and global security”",
                UNVERIFIED_QUOTE,
            ),
        ),
    ]
    return Briefing(
        headline="US and Japan deepen military ties, call China their greatest strategic challenge",
        summary="At “2+2” talks in Tokyo, Blinken, Austin, Kamikawa and Kihara agreed to "
        "give the commander of US Forces Japan more powers and to co-produce US-licensed "
        "missiles in Japan. They named China's coercion the alliance's greatest strategic "
        "challenge and warned that North Korea's nuclear programme and its cooperation with "
        "Russia threaten regional and global security.",
        parties=parties,
        agreements=agreements,
        threats=threats,
        article=article.info(),
        provenance=Provenance(
            engine="openai",
            model="qwen2.5-7b-instruct",
            output_mode="json_schema",
            prompt_version="extract-1",
            tool_version="0.1.0",
            source_sha256=article.sha256,
            attempts=2,
            chunks=1,
            usage=Usage(prompt_tokens=2614, completion_tokens=871, total_tokens=3485),
            duration_s=6.4,
            created_at=datetime(2024, 7, 28, 9, 30, tzinfo=UTC),
        ),
        warnings=[f"threat 3: quote not found in the article: {UNVERIFIED_QUOTE!r}"],
    )


@pytest.fixture
def article() -> Article:
    return example_article()


@pytest.fixture
def briefing(article: Article) -> Briefing:
    return build_briefing(article)


HOSTILE_TEXT = """Officials met in <b>Tokyo</b> on Monday.

<script>window.pwned = 1; document.title = "pwned";</script>
An image <img src=x onerror="window.pwned = 2"> and a link
<a href="javascript:window.pwned = 3">here</a>.

The minister said the </mark></div><script>window.pwned = 4</script> deal
[was](javascript:x) *done* & "final"."""
"""An article written to break out of its page: markup, script and event handlers."""


def build_hostile() -> tuple[Article, Briefing]:
    """A briefing whose article and model output both carry markup and script."""
    article = article_from_text(HOSTILE_TEXT, source="<script>window.pwned = 5</script>.txt")
    article = Article(
        text=article.text,
        source=article.source,
        title='<img src=x onerror="window.pwned = 6">',
        url="javascript:window.pwned = 7",
    )
    base = build_briefing(example_article())
    grounder = Grounder(article.text)
    party = Party(
        id="tokyo",
        name='<img src=x onerror="window.pwned = 8">[bold red]Tokyo[/]',
        kind=PartyKind.OTHER,
        aliases=["<svg onload=alert(1)>"],
        role="\x1b[31mminister\x1b[0m [link=https://example.com]x[/link]",
        affiliation="</style><script>window.pwned = 9</script>",
        affiliation_id=None,
        evidence=[grounder.locate("Officials met in <b>Tokyo</b>")],
    )
    agreement = Agreement(
        what="# Heading [link](javascript:alert(1)) <b>bold</b>",
        party_ids=["tokyo", "<i>ghost</i>"],
        status=AgreementStatus.AGREED,
        date="<time>",
        evidence=[
            grounder.locate('<script>window.pwned = 1; document.title = "pwned";</script>'),
            grounder.locate("the </mark></div><script>window.pwned = 4</script> deal"),
        ],
    )
    threat = Threat(
        what='<a href="javascript:window.pwned = 10">threat</a>',
        source_id="tokyo",
        target_ids=[],
        domain=ThreatDomain.OTHER,
        severity=Severity.LOW,
        evidence=[
            grounder.locate('<img src=x onerror="window.pwned = 2">'),
            grounder.locate("<iframe src=javascript:alert(1)> is nowhere in the text"),
        ],
    )
    briefing = base.model_copy(
        update={
            "headline": "<script>window.pwned = 11</script>Talks",
            "summary": "</p></main><style>body{display:none}</style> summary",
            "parties": [party],
            "agreements": [agreement],
            "threats": [threat],
            "article": article.info(),
            "provenance": base.provenance.model_copy(
                update={"model": "<b>model</b>", "source_sha256": article.sha256}
            ),
            "warnings": ["<script>window.pwned = 12</script>"],
        }
    )
    return article, briefing


@pytest.fixture
def hostile() -> tuple[Article, Briefing]:
    return build_hostile()
