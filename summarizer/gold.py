"""Gold data for ``briefing eval``: reading it, and drawing a stratified sample of it.

The format (one JSON object a line) is the one of ``fixtures/eval/README.md``: a sentence,
window or article ``text`` with its ``gold`` parties (``name``, optional ISO alpha-3
``code`` and ``aliases``), ``agreements`` (``agreer``, ``counterparty``) and ``threats``
(``threatener``, ``target``). An event may carry its ``type`` and the character span of
its trigger word in the text (``trigger_span``: ``[start, end]``); ``orig.event`` is the
record's event type. A record with neither agreements nor threats is a *negative*.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import EmptyArticle, SourceIsDirectory, SourceNotFound, UnreadableSource

NO_TYPE = "(no type)"
"""The stratum of records whose gold names no event type."""


@dataclass(frozen=True)
class GoldParty:
    """A party of the gold data: its name as coded, other names, and a state's code."""

    name: str
    code: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        """The name, then the aliases."""
        return [self.name, *self.aliases]


@dataclass(frozen=True)
class GoldEvent:
    """A gold agreement (agreers and counterparties) or threat (threateners and targets).

    ``trigger`` is the character span ``(start, end)`` of the word stating the event, when
    the gold has it; ``commitment`` marks a promise, found by an agreement or (a promise
    of harm) a threat.
    """

    actors: tuple[GoldParty, ...]
    others: tuple[GoldParty, ...] = ()
    type: str | None = None
    trigger: tuple[int, int] | None = None
    commitment: bool = False


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

    @property
    def stratum(self) -> str:
        """The record's event type, the stratum a sample draws from."""
        return self.event_type or NO_TYPE


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Gold records from a JSON Lines file.

    Raises:
        SourceNotFound, SourceIsDirectory, UnreadableSource: the file cannot be read, or a
            line is not a gold record (the message names the line).
        EmptyArticle: the file holds no record.
    """
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


def sample(records: Sequence[GoldRecord], size: int, seed: int = 0) -> list[GoldRecord]:
    """A seeded stratified sample of ``size`` records, in file order.

    Every event type gets at least one record when ``size`` allows (the rarest types
    first otherwise), the rest is shared in proportion to each type's count (largest
    remainders first); within a type, records are drawn at random with ``seed``.
    """
    if size >= len(records):
        return list(records)
    strata: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        strata.setdefault(record.stratum, []).append(index)
    rng = random.Random(seed)
    for members in strata.values():
        rng.shuffle(members)
    order = sorted(strata, key=lambda s: (len(strata[s]), s))
    quota = dict.fromkeys(order, 0)
    for name in order[:size]:
        quota[name] = 1
    left = size - sum(quota.values())
    if left > 0:
        room = {s: len(strata[s]) - quota[s] for s in order}
        shares = {s: left * room[s] / sum(room.values()) for s in order}
        for s in order:
            quota[s] += int(shares[s])
        rest = size - sum(quota.values())
        for s in sorted(order, key=lambda s: (int(shares[s]) - shares[s], s))[:rest]:
            quota[s] += 1
    chosen = sorted(i for s in order for i in strata[s][: quota[s]])
    return [records[i] for i in chosen]


def _record(path: Path, number: int, line: str) -> GoldRecord:
    where = f"{path}:{number}"
    try:
        data = json.loads(line)
        gold = data["gold"]
        text, ident = data["text"], str(data.get("id") or where)
        if not isinstance(text, str) or not text.strip():
            raise UnreadableSource(f"{where}: 'text' must be a non-empty string")
        parties = tuple(_party(p) for p in gold.get("parties", []))
        known = {p.name: p for p in parties}
        agreements = tuple(
            _event(a, a.get("agreer") or a.get("parties", []), a.get("counterparty", []), known)
            for a in gold.get("agreements", [])
        )
        threats = tuple(
            _event(t, t.get("threatener", []), t.get("target", []), known)
            for t in gold.get("threats", [])
        )
    except UnreadableSource:
        raise
    except json.JSONDecodeError as exc:
        raise UnreadableSource(f"{where}: not valid JSON ({exc.msg})") from None
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise UnreadableSource(
            f"{where}: not a gold record ({type(exc).__name__}: {exc})"
        ) from None
    event_type = data.get("orig", {}).get("event") if isinstance(data.get("orig"), dict) else None
    return GoldRecord(ident, text, event_type, parties, agreements, threats)


def _party(data: dict[str, Any]) -> GoldParty:
    aliases = tuple(str(a) for a in data.get("aliases") or ())
    return GoldParty(str(data["name"]), data.get("code") or None, aliases)


def _event(
    data: dict[str, Any],
    actors: Iterable[str],
    others: Iterable[str],
    known: dict[str, GoldParty],
) -> GoldEvent:
    span = data.get("trigger_span")
    trigger = (int(span[0]), int(span[1])) if span else None
    return GoldEvent(
        tuple(known.get(n) or GoldParty(n) for n in actors),
        tuple(known.get(n) or GoldParty(n) for n in others),
        type=data.get("type"),
        trigger=trigger,
        commitment=bool(data.get("commitment")),
    )
