"""Scoring briefings against gold data: the figures ``briefing eval`` prints.

The gold format is read by :mod:`summarizer.gold`. What each figure means:

- **party recall**: gold parties found among the briefing's parties, over all gold parties.
  Only the actors of the annotated events are gold, so extra parties are not counted against.
- **party recall (names only)**: the same without the country-code rule below.
- **agreement / threat detection (strict)**: gold agreements / threats whose trigger word
  stands inside the evidence of one of the briefing's agreements / threats, over the gold
  events that give their trigger's span (a commitment counts as found by either kind).
- **agreement / threat detection (loose)**: positive records whose briefing has at least one
  agreement / threat (or, for a commitment, a threat at its trigger), over the positive
  records.
- **agreement / threat arguments**: positive records where one briefing agreement names
  every gold agreer, or one briefing threat has a gold threatener as source and (when the
  gold has targets) a gold target among its targets, over the positive records.
- **false alarms**: negative records whose briefing has an agreement or a threat, over the
  negative records.
- **evidence verified**: evidence items located in the text, over all evidence items.
- **time per document**: wall time of ``summarize()``, averaged.

:meth:`EvalReport.by_type` gives strict and loose detection per event type, and false
alarms per type of the negative records.

A gold party matches a briefing party when (1) any of their names denote the same party
by :func:`summarizer.names.same_name` (aliases, country names and demonyms, acronyms,
surnames), or (2) the party is not a state and its name of two or more words stands
inside the gold name ("Umma (Nation) party" in "fundamentalist Umma (Nation) party"), or an
organisation's name starts it ("NATO" in "NATO peacekeeping troops"), or
(3) the party is the state of the gold ``code`` and the gold name names that state
("Moroccan diplomats", code MAR, matches Morocco). A gold name that no party matches
but that lists several names ("Azerbaijan and Armenia", "Albania, Montenegro, Iceland and
Liechtenstein") is found when each of them is: a briefing names each actor as a party of
its own.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from summarizer.article import Article, article_from_text
from summarizer.errors import BriefingError
from summarizer.gold import GoldEvent, GoldParty, GoldRecord
from summarizer.names import countries_in, country_code, name_key, same_party
from summarizer.schema import Briefing, Evidence, Party, PartyKind

_BRACKETED = re.compile(r"\([^)]*\)?")
_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_ELLIPSIS = re.compile(r"\s*\.{2,}\s*")

EventKind = Literal["agreement", "threat"]


@dataclass
class EventScore:
    """Whether one gold event was found: strictly (at its trigger) and loosely."""

    kind: EventKind
    type: str
    strict: bool | None
    """``None`` when the gold gives no trigger span."""
    loose: bool


@dataclass
class RecordScore:
    """How one briefing fared against its gold record."""

    id: str
    event_type: str | None
    parties: int
    parties_found: int
    parties_found_by_name: int
    gold_agreement: bool
    gold_threat: bool
    agreements: int
    threats: int
    agreement_arguments: bool
    threat_arguments: bool
    evidence: int
    evidence_verified: int
    seconds: float
    events: list[EventScore] = field(default_factory=list)
    error: str | None = None

    @property
    def negative(self) -> bool:
        """Whether the gold record has neither an agreement nor a threat."""
        return not self.gold_agreement and not self.gold_threat


@dataclass(frozen=True)
class Figure:
    """One figure of the report: a count over a total."""

    name: str
    count: float
    total: float

    @property
    def value(self) -> float | None:
        """The ratio, or ``None`` when there is nothing to count over."""
        return self.count / self.total if self.total else None


@dataclass(frozen=True)
class TypeFigures:
    """Detection for one event type, or false alarms for one type of negative record."""

    type: str
    gold: Literal["agreement", "threat", "negative"]
    strict: Figure | None
    loose: Figure


@dataclass
class EvalReport:
    """The scores of every record, and the figures drawn from them."""

    gold: str
    engine: str
    model: str | None
    records: list[RecordScore] = field(default_factory=list)
    of: int | None = None
    """How many records the gold file holds, when only a sample was scored."""

    def figures(self) -> list[Figure]:
        """The figures in the order ``briefing eval`` prints them."""
        rows = self.records
        agree = [r for r in rows if r.gold_agreement]
        threat = [r for r in rows if r.gold_threat]
        negative = [r for r in rows if r.negative]
        events = [e for r in rows for e in r.events]
        return [
            Figure(
                "party recall", sum(r.parties_found for r in rows), sum(r.parties for r in rows)
            ),
            Figure(
                "party recall (names only)",
                sum(r.parties_found_by_name for r in rows),
                sum(r.parties for r in rows),
            ),
            _strict("agreement detection (strict)", events, "agreement"),
            Figure(
                "agreement detection (loose)",
                sum(_loose(r, "agreement") for r in agree),
                len(agree),
            ),
            Figure("agreement arguments", sum(r.agreement_arguments for r in agree), len(agree)),
            _strict("threat detection (strict)", events, "threat"),
            Figure(
                "threat detection (loose)", sum(_loose(r, "threat") for r in threat), len(threat)
            ),
            Figure("threat arguments", sum(r.threat_arguments for r in threat), len(threat)),
            Figure(
                "false alarms",
                sum(r.agreements + r.threats > 0 for r in negative),
                len(negative),
            ),
            Figure("false agreements", sum(r.agreements > 0 for r in negative), len(negative)),
            Figure("false threats", sum(r.threats > 0 for r in negative), len(negative)),
            Figure(
                "evidence verified",
                sum(r.evidence_verified for r in rows),
                sum(r.evidence for r in rows),
            ),
            Figure("seconds per document", sum(r.seconds for r in rows), len(rows)),
        ]

    def by_type(self) -> list[TypeFigures]:
        """Detection per gold event type, then false alarms per type of negative record."""
        events: dict[tuple[str, EventKind], list[EventScore]] = {}
        for record in self.records:
            for event in record.events:
                events.setdefault((event.type, event.kind), []).append(event)
        rows = [
            TypeFigures(
                name,
                kind,
                _strict(name, found, kind) if any(e.strict is not None for e in found) else None,
                Figure(name, sum(e.loose for e in found), len(found)),
            )
            for (name, kind), found in sorted(events.items())
        ]
        negatives: dict[str, list[RecordScore]] = {}
        for record in self.records:
            if record.negative:
                negatives.setdefault(record.event_type or "(no type)", []).append(record)
        rows += [
            TypeFigures(
                name,
                "negative",
                None,
                Figure(name, sum(r.agreements + r.threats > 0 for r in found), len(found)),
            )
            for name, found in sorted(negatives.items())
        ]
        return rows

    @property
    def errors(self) -> list[RecordScore]:
        """Records whose briefing could not be made."""
        return [r for r in self.records if r.error is not None]

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data, for ``--json``."""
        return {
            "gold": self.gold,
            "engine": self.engine,
            "model": self.model,
            "documents": len(self.records),
            "sampled_from": self.of,
            "errors": len(self.errors),
            "figures": {
                f.name: {"value": f.value, "count": f.count, "total": f.total}
                for f in self.figures()
            },
            "by_type": [
                {
                    "type": row.type,
                    "gold": row.gold,
                    "strict": None if row.strict is None else asdict(row.strict),
                    "loose": asdict(row.loose),
                }
                for row in self.by_type()
            ],
            "records": [asdict(r) for r in self.records],
        }


def _loose(record: RecordScore, kind: EventKind) -> bool:
    return any(e.loose for e in record.events if e.kind == kind)


def _strict(name: str, events: Sequence[EventScore], kind: EventKind) -> Figure:
    scored = [e for e in events if e.kind == kind and e.strict is not None]
    return Figure(name, sum(bool(e.strict) for e in scored), len(scored))


def party_matches(gold: GoldParty, party: Party, *, by_code: bool = True) -> bool:
    """Whether a briefing party is the gold party, by the rules of the module docstring."""
    gold_names = [n for name in gold.names for n in _gold_names(name)]
    names = [party.name, *party.aliases]
    if same_party(gold_names, names):
        return True
    if party.kind is not PartyKind.STATE and any(
        _inside(name_key(g), name_key(n), organisation=party.kind is not PartyKind.PERSON)
        for g in gold_names
        for n in names
    ):
        return True
    if by_code and gold.code and party.kind is PartyKind.STATE:
        code = country_code(party.name)
        return code == gold.code and code in countries_in(gold.name)
    return False


def listed_parties(gold: GoldParty) -> list[GoldParty]:
    """The parties a gold name lists ("Azerbaijan and Armenia"), else the gold party itself.

    A name is a list when its commas, "and" and "or" part it into capitalised names only.
    """
    parts = [p.strip() for p in _LIST_SEPARATOR.split(gold.name) if p.strip()]
    names = [_LEADING_THE.sub("", p) for p in parts]
    if len(names) < 2 or not all(n[:1].isupper() for n in names):
        return [gold]
    return [GoldParty(name) for name in names]


def _gold_names(name: str) -> list[str]:
    cleaned = _ELLIPSIS.sub(" ", _BRACKETED.sub(" ", name)).strip()
    return [n for n in dict.fromkeys([name.strip(), cleaned]) if n]


def _inside(gold: str, name: str, *, organisation: bool) -> bool:
    """Whether ``name`` stands inside ``gold`` (two or more words) or starts it (organisations)."""
    if not name:
        return False
    if organisation and f"{gold} ".startswith(f"{name} "):
        return True
    return len(name.split()) >= 2 and f" {name} " in f" {gold} "


def score(record: GoldRecord, briefing: Briefing | None, seconds: float) -> RecordScore:
    """Score one briefing (``None`` when it could not be made) against its record."""
    parties = briefing.parties if briefing else []
    agreements = briefing.agreements if briefing else []
    threats = briefing.threats if briefing else []
    evidence = briefing.evidence() if briefing else []

    def found(gold: GoldParty, candidates: Sequence[Party], by_code: bool = True) -> bool:
        if any(party_matches(gold, p, by_code=by_code) for p in candidates):
            return True
        listed = listed_parties(gold)
        return len(listed) > 1 and all(
            any(party_matches(part, p, by_code=by_code) for p in candidates) for part in listed
        )

    def named(ids: Iterable[str | None]) -> list[Party]:
        return [p for i in ids if i and (p := briefing.party(i)) is not None] if briefing else []

    agreement_arguments = any(
        all(found(agreer, named(a.party_ids)) for agreer in gold.actors)
        for gold in record.agreements
        for a in agreements
    )
    threat_arguments = any(
        found_source
        and (not gold.others or any(found(t, named(th.target_ids)) for t in gold.others))
        for gold in record.threats
        for th in threats
        if (found_source := any(found(s, named([th.source_id])) for s in gold.actors))
    )
    agreement_spans = [e for a in agreements for e in a.evidence]
    threat_spans = [e for t in threats for e in t.evidence]
    events = [
        _event_score(record, gold, "agreement", agreement_spans, threat_spans, bool(agreements))
        for gold in record.agreements
    ] + [
        _event_score(record, gold, "threat", threat_spans, [], bool(threats))
        for gold in record.threats
    ]
    return RecordScore(
        id=record.id,
        event_type=record.event_type,
        parties=len(record.parties),
        parties_found=sum(found(g, parties) for g in record.parties),
        parties_found_by_name=sum(found(g, parties, by_code=False) for g in record.parties),
        gold_agreement=bool(record.agreements),
        gold_threat=bool(record.threats),
        agreements=len(agreements),
        threats=len(threats),
        agreement_arguments=agreement_arguments,
        threat_arguments=threat_arguments,
        evidence=len(evidence),
        evidence_verified=sum(e.verified for e in evidence),
        seconds=round(seconds, 4),
        events=events,
    )


def _event_score(
    record: GoldRecord,
    gold: GoldEvent,
    kind: EventKind,
    spans: list[Evidence],
    other_spans: list[Evidence],
    loose: bool,
) -> EventScore:
    if gold.trigger is None:
        strict = None
    else:
        candidates = spans + other_spans if gold.commitment else spans
        strict = any(_holds(e, gold.trigger) for e in candidates)
        loose = loose or (gold.commitment and bool(strict))
    return EventScore(kind, gold.type or record.stratum, strict, loose)


def _holds(evidence: Evidence, span: tuple[int, int]) -> bool:
    """Whether located evidence covers the character span."""
    if evidence.start is None or evidence.end is None:
        return False
    return evidence.start <= span[0] and span[1] <= evidence.end


Summarizer = Callable[[Article], Briefing]
"""What is scored: a function from an article to its briefing (``summarize`` with an engine)."""


def evaluate(
    records: Sequence[GoldRecord],
    summarizer: Summarizer,
    *,
    gold: str,
    engine: str,
    model: str | None,
    progress: Callable[[int, int], None] | None = None,
) -> EvalReport:
    """Brief every record's text through ``summarizer`` and score the briefings.

    A record whose briefing fails with a :class:`BriefingError` is scored as an empty
    briefing and listed with its error.
    """
    report = EvalReport(gold=gold, engine=engine, model=model)
    for index, record in enumerate(records, 1):
        article = article_from_text(record.text, source=record.id)
        started = time.perf_counter()
        briefing: Briefing | None
        try:
            briefing, error = summarizer(article), None
        except BriefingError as exc:
            briefing, error = None, f"{type(exc).__name__}: {exc}"
        result = score(record, briefing, time.perf_counter() - started)
        result.error = error
        report.records.append(result)
        if progress is not None:
            progress(index, len(records))
    return report
