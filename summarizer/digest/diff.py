"""What changed between two digests (or two briefings, each a digest of one article).

Parties of the two sides are the same party when they share an id, a name or alias
(by :func:`~summarizer.names.name_key`), a state's country code or a CAMEO code naming
one actor. Agreements and threats are the same event when their parties match (a
threat's source and targets apart) and their wording is as alike as
:mod:`summarizer.digest.events` asks of two reports of one event. Then:

- parties that appear, or drop out;
- agreements new, gone, or whose status changed;
- threats new, gone, escalated or eased (severity);

each with the evidence of the newer side (the older for what is gone).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from summarizer.digest.events import WHAT_SIMILARITY, words
from summarizer.digest.model import Digest, DigestAgreement, DigestParty, DigestThreat
from summarizer.digest.parties import identifying_code
from summarizer.names import name_key
from summarizer.schema import AgreementStatus, Evidence, PartyKind, Severity

_SEVERITY_ORDER = list(Severity)
_Event = TypeVar("_Event", DigestAgreement, DigestThreat)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PartyChange(_Model):
    """A party on one side only."""

    name: str
    kind: PartyKind
    article_count: int


class EventChange(_Model):
    """An agreement or threat that is new, gone or changed."""

    kind: Literal["agreement", "threat"]
    change: Literal["new", "gone", "status", "escalated", "eased"]
    what: str
    parties: list[str] = Field(description="Names of its parties (a threat: source first).")
    old: AgreementStatus | Severity | None = Field(description="Status or severity before.")
    new: AgreementStatus | Severity | None = Field(description="Status or severity now.")
    evidence: list[Evidence] = Field(description="Evidence of the newer side's latest report.")


class DigestDiff(_Model):
    """The differences between two digests, older first."""

    old: str = Field(description="What the older side is: a file or folder.")
    new: str
    parties_added: list[PartyChange]
    parties_removed: list[PartyChange]
    events: list[EventChange]

    @property
    def same(self) -> bool:
        """Whether nothing changed."""
        return not (self.parties_added or self.parties_removed or self.events)


def diff_digests(
    old: Digest, new: Digest, old_label: str = "old", new_label: str = "new"
) -> DigestDiff:
    """What changed from ``old`` to ``new``."""
    matched = _match_parties(old.parties, new.parties)
    added = [_party(p) for p in new.parties if p.id not in matched.values()]
    kept = set(matched)
    removed = [_party(p) for p in old.parties if p.id not in kept]
    events = _agreements(old, new, matched) + _threats(old, new, matched)
    return DigestDiff(
        old=old_label,
        new=new_label,
        parties_added=added,
        parties_removed=removed,
        events=events,
    )


def _party(party: DigestParty) -> PartyChange:
    return PartyChange(name=party.name, kind=party.kind, article_count=party.article_count)


def _keys(party: DigestParty) -> set[str]:
    keys = {f"id:{party.id}"} | {f"name:{name_key(n)}" for n in [party.name, *party.aliases]}
    if party.kind is PartyKind.STATE and party.country:
        keys.add(f"state:{party.country}")
    code = identifying_code(party.cameo_code)
    if code:
        keys.add(f"code:{code}")
    return keys


def _match_parties(old: Sequence[DigestParty], new: Sequence[DigestParty]) -> dict[str, str]:
    """Old party id → new party id, for the parties on both sides."""
    index: dict[tuple[bool, str], str] = {}
    for party in new:
        for key in _keys(party):
            index.setdefault((party.kind is PartyKind.PERSON, key), party.id)
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for party in old:
        person = party.kind is PartyKind.PERSON
        found = [index[(person, k)] for k in sorted(_keys(party)) if (person, k) in index]
        free = [f for f in found if f not in taken]
        if free:
            matched[party.id] = free[0]
            taken.add(free[0])
    return matched


def _agreements(old: Digest, new: Digest, matched: dict[str, str]) -> list[EventChange]:
    names = {p.id: p.name for p in [*old.parties, *new.parties]}
    pairs, gone, fresh = _pair(old.agreements, new.agreements, matched)
    changes = []
    for before, after in pairs:
        if before.status != after.status:
            changes.append(_change("status", after, names, before.status, after.status))
    changes += [_change("new", a, names, None, a.status) for a in fresh]
    changes += [_change("gone", a, names, a.status, None) for a in gone]
    return changes


def _threats(old: Digest, new: Digest, matched: dict[str, str]) -> list[EventChange]:
    names = {p.id: p.name for p in [*old.parties, *new.parties]}
    pairs, gone, fresh = _pair(old.threats, new.threats, matched)
    changes = []
    for before, after in pairs:
        rise = _SEVERITY_ORDER.index(after.severity) - _SEVERITY_ORDER.index(before.severity)
        if rise:
            change: Literal["escalated", "eased"] = "escalated" if rise > 0 else "eased"
            changes.append(_change(change, after, names, before.severity, after.severity))
    changes += [_change("new", t, names, None, t.severity) for t in fresh]
    changes += [_change("gone", t, names, t.severity, None) for t in gone]
    return changes


def _pair(
    old: Sequence[_Event], new: Sequence[_Event], matched: dict[str, str]
) -> tuple[list[tuple[_Event, _Event]], list[_Event], list[_Event]]:
    """(old, new) pairs of the same event, the old ones gone, the new ones new."""
    by_key: dict[frozenset[str], list[_Event]] = {}
    for event in new:
        by_key.setdefault(_parties_of(event, {}), []).append(event)
    pairs: list[tuple[_Event, _Event]] = []
    gone: list[_Event] = []
    taken: set[str] = set()
    for event in old:
        candidates = by_key.get(_parties_of(event, matched), [])
        twin = next(
            (c for c in candidates if c.id not in taken and _similar(c.what, event.what)), None
        )
        if twin is None:
            gone.append(event)
        else:
            taken.add(twin.id)
            pairs.append((event, twin))
    return pairs, gone, [e for e in new if e.id not in taken]


def _parties_of(event: DigestAgreement | DigestThreat, matched: dict[str, str]) -> frozenset[str]:
    """The event's parties as new-side ids (an old party with no match keeps a mark)."""

    def new_id(party_id: str) -> str:
        return matched.get(party_id, f"old:{party_id}") if matched else party_id

    if isinstance(event, DigestThreat):
        source = new_id(event.source_id) if event.source_id else "-"
        return frozenset([f"from:{source}", *map(new_id, event.target_ids)])
    return frozenset(map(new_id, event.party_ids))


def _change(
    change: Literal["new", "gone", "status", "escalated", "eased"],
    event: DigestAgreement | DigestThreat,
    names: dict[str, str],
    old: AgreementStatus | Severity | None,
    new: AgreementStatus | Severity | None,
) -> EventChange:
    latest = event.reports[-1] if event.reports else None
    return EventChange(
        kind=event.kind,
        change=change,
        what=event.what,
        parties=[names.get(p, p) for p in event.party_ids],
        old=old,
        new=new,
        evidence=list(latest.evidence) if latest else [],
    )


def _similar(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(" ".join(words(a)), " ".join(words(b))) >= WHAT_SIMILARITY
