"""Scoring briefings against gold data: the figures ``briefing eval`` prints.

The gold format (one JSON object a line) is the one of ``fixtures/eval/README.md``: a
sentence or article ``text`` with its ``gold`` parties (``name``, ISO alpha-3 ``code``),
``agreements`` (``agreer``, ``counterparty``) and ``threats`` (``threatener``, ``target``).
A record with neither agreements nor threats is a *negative*.

What each figure means:

- **party recall**: gold parties found among the briefing's parties, over all gold parties.
  Only the actors of the coded event are gold, so extra parties are not counted against.
- **party recall (names only)**: the same without the country-code rule below.
- **agreement / threat detection**: positive records whose briefing has at least one
  agreement / threat, over the positive records.
- **agreement / threat arguments**: positive records where one briefing agreement names
  every gold agreer, or one briefing threat has a gold threatener as source and (when the
  gold has targets) a gold target among its targets, over the positive records.
- **false alarms**: negative records whose briefing has an agreement or a threat, over the
  negative records.
- **evidence verified**: evidence items located in the text, over all evidence items.
- **time per document**: wall time of ``summarize()``, averaged.

A gold party matches a briefing party when (1) any of their names denote the same party
by :func:`summarizer.names.same_name` (aliases, country names and demonyms, acronyms,
surnames), or (2) the party is not a state and its name of two or more words stands
inside the gold name ("Umma (Nation) party" in "fundamentalist Umma (Nation) party"), or an
organisation's name starts it ("NATO" in "NATO peacekeeping troops"), or
(3) the party is the state of the gold ``code`` and the gold name names that state
("Moroccan diplomats", code MAR, matches Morocco).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarizer.article import Article, article_from_text
from summarizer.errors import (
    BriefingError,
    EmptyArticle,
    SourceIsDirectory,
    SourceNotFound,
    UnreadableSource,
)
from summarizer.names import countries_in, country_code, name_key, same_party
from summarizer.schema import Briefing, Party, PartyKind

_BRACKETED = re.compile(r"\([^)]*\)?")
_ELLIPSIS = re.compile(r"\s*\.{2,}\s*")


@dataclass(frozen=True)
class GoldParty:
    """A party of the gold data: its name as coded and, for states, its country code."""

    name: str
    code: str | None = None


@dataclass(frozen=True)
class GoldEvent:
    """A gold agreement (agreers and counterparties) or threat (threateners and targets)."""

    actors: tuple[GoldParty, ...]
    others: tuple[GoldParty, ...] = ()


@dataclass(frozen=True)
class GoldRecord:
    """One scored text and what it should yield."""

    id: str
    text: str
    event_type: str | None
    parties: tuple[GoldParty, ...]
    agreements: tuple[GoldEvent, ...]
    threats: tuple[GoldEvent, ...]

    @property
    def negative(self) -> bool:
        """Whether the record has neither an agreement nor a threat."""
        return not self.agreements and not self.threats


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
    error: str | None = None


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


@dataclass
class EvalReport:
    """The scores of every record, and the figures drawn from them."""

    gold: str
    engine: str
    model: str | None
    records: list[RecordScore] = field(default_factory=list)

    def figures(self) -> list[Figure]:
        """The figures in the order ``briefing eval`` prints them."""
        rows = self.records
        agree = [r for r in rows if r.gold_agreement]
        threat = [r for r in rows if r.gold_threat]
        negative = [r for r in rows if not r.gold_agreement and not r.gold_threat]
        return [
            Figure(
                "party recall", sum(r.parties_found for r in rows), sum(r.parties for r in rows)
            ),
            Figure(
                "party recall (names only)",
                sum(r.parties_found_by_name for r in rows),
                sum(r.parties for r in rows),
            ),
            Figure("agreement detection", sum(r.agreements > 0 for r in agree), len(agree)),
            Figure("agreement arguments", sum(r.agreement_arguments for r in agree), len(agree)),
            Figure("threat detection", sum(r.threats > 0 for r in threat), len(threat)),
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
            "errors": len(self.errors),
            "figures": {
                f.name: {"value": f.value, "count": f.count, "total": f.total}
                for f in self.figures()
            },
            "records": [asdict(r) for r in self.records],
        }


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Gold records from a JSON Lines file; a malformed line is a one-line error."""
    path = Path(path)
    if path.is_dir():
        raise SourceIsDirectory(f"{path}: is a directory, not a gold file")
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise SourceNotFound(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableSource(f"{path}: cannot be read ({exc})") from None
    records = [_record(path, n, line) for n, line in enumerate(lines, 1) if line.strip()]
    if not records:
        raise EmptyArticle(f"{path}: no gold records")
    return records


def _record(path: Path, number: int, line: str) -> GoldRecord:
    where = f"{path}:{number}"
    try:
        data = json.loads(line)
        gold = data["gold"]
        text, ident = data["text"], str(data.get("id") or where)
        if not isinstance(text, str) or not text.strip():
            raise UnreadableSource(f"{where}: 'text' must be a non-empty string")
        parties = tuple(_party(p) for p in gold.get("parties", []))
        codes = {p.name: p.code for p in parties}
        agreements = tuple(
            _event(a.get("agreer") or a.get("parties", []), a.get("counterparty", []), codes)
            for a in gold.get("agreements", [])
        )
        threats = tuple(
            _event(t.get("threatener", []), t.get("target", []), codes)
            for t in gold.get("threats", [])
        )
    except UnreadableSource:
        raise
    except json.JSONDecodeError as exc:
        raise UnreadableSource(f"{where}: not valid JSON ({exc.msg})") from None
    except (KeyError, TypeError, AttributeError) as exc:
        raise UnreadableSource(
            f"{where}: not a gold record ({type(exc).__name__}: {exc})"
        ) from None
    event_type = data.get("orig", {}).get("event") if isinstance(data.get("orig"), dict) else None
    return GoldRecord(ident, text, event_type, parties, agreements, threats)


def _party(data: dict[str, Any]) -> GoldParty:
    return GoldParty(str(data["name"]), data.get("code") or None)


def _event(actors: Iterable[str], others: Iterable[str], codes: dict[str, str | None]) -> GoldEvent:
    return GoldEvent(
        tuple(GoldParty(n, codes.get(n)) for n in actors),
        tuple(GoldParty(n, codes.get(n)) for n in others),
    )


def party_matches(gold: GoldParty, party: Party, *, by_code: bool = True) -> bool:
    """Whether a briefing party is the gold party, by the rules of the module docstring."""
    gold_names = _gold_names(gold.name)
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
        return any(party_matches(gold, p, by_code=by_code) for p in candidates)

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
    )


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
