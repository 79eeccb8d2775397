"""From an engine's reply to the public :class:`Briefing`: ids, references, evidence.

Our code, never the engine, decides where evidence sits: every quote is located in the
article text by :mod:`summarizer.grounding`. A party the reply names without a usable
quote is grounded on its own name where the article mentions it; what cannot be located
is kept, flagged ``unverified`` and listed in the briefing's warnings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from summarizer.grounding import Grounder
from summarizer.names import name_key, same_name
from summarizer.reply import Reply, ReplyAgreement, ReplyParty, ReplyThreat
from summarizer.schema import Agreement, Evidence, Party, PartyKind, Threat

_Item = ReplyParty | ReplyAgreement | ReplyThreat


@dataclass
class _Draft:
    """A party being assembled from one or more reply entries naming it."""

    name: str
    kind: PartyKind
    names: list[str]
    role: str | None
    affiliation: str | None
    quotes: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, party: ReplyParty) -> _Draft:
        return cls(
            name=party.name,
            kind=party.kind,
            names=[party.name, *party.aliases],
            role=party.role,
            affiliation=party.affiliation,
            quotes=list(party.quotes),
        )

    def absorb(self, other: _Draft) -> None:
        self.names += [n for n in other.names if n not in self.names]
        self.quotes += [q for q in other.quotes if q not in self.quotes]
        self.role = self.role or other.role
        self.affiliation = self.affiliation or other.affiliation

    def matches(self, name: str) -> bool:
        key = name_key(name)
        return any(name_key(n) == key for n in self.names) or any(
            same_name(n, name) for n in self.names
        )


@dataclass
class Assembly:
    """The grounded sections of a briefing and the warnings met on the way."""

    parties: list[Party]
    agreements: list[Agreement]
    threats: list[Threat]
    warnings: list[str]


def reply_problems(reply: Reply, grounder: Grounder) -> list[str]:
    """What is wrong with a schema-valid reply, one line each, to send back on a re-ask.

    Quotes not in the article, agreements and threats without quotes, parties neither
    quoted nor named in the article, references to parties the reply does not list.
    """
    problems: list[str] = []
    drafts = _merge_parties(reply.parties)
    for item, label in _labelled_items(reply):
        for quote in item.quotes:
            if not grounder.locate(quote).verified:
                problems.append(f"{label}: quote not found in the article: {_clip(quote)!r}")
        if not item.quotes and not (
            isinstance(item, ReplyParty) and _mention(grounder, [item.name, *item.aliases])
        ):
            problems.append(f"{label} has no quote")
    for label, name in _references(reply):
        if not any(d.matches(name) for d in drafts):
            problems.append(f"{label} names {name!r}, which is not in 'parties'")
    return problems


def assemble(
    reply: Reply, grounder: Grounder, anchors: Mapping[str, int] | None = None
) -> Assembly:
    """Ground every item of ``reply`` in the article and resolve names to party ids."""
    builder = _Builder(grounder, anchors or {})
    drafts = _merge_parties(reply.parties)
    for label, name in _references(reply):
        if not any(d.matches(name) for d in drafts):
            builder.warn(f"{label} names {name!r}, not listed as a party; added")
            drafts.append(_Draft(name, PartyKind.OTHER, [name], None, None))
    ids = _ids(drafts)
    parties = [
        builder.party(draft, party_id, _resolve(draft.affiliation, drafts, ids))
        for draft, party_id in zip(drafts, ids, strict=True)
    ]
    agreements = [
        Agreement(
            what=a.what,
            party_ids=_unique(_resolve(n, drafts, ids) for n in a.parties),
            status=a.status,
            date=a.date,
            evidence=builder.evidence(a.quotes, f"agreement {_clip(a.what)!r}"),
        )
        for a in reply.agreements
    ]
    threats = [
        Threat(
            what=t.what,
            source_id=_resolve(t.source, drafts, ids),
            target_ids=_unique(_resolve(n, drafts, ids) for n in t.targets),
            domain=t.domain,
            severity=t.severity,
            evidence=builder.evidence(t.quotes, f"threat {_clip(t.what)!r}"),
        )
        for t in reply.threats
    ]
    return Assembly(parties, agreements, threats, builder.warnings)


@dataclass
class _Builder:
    grounder: Grounder
    anchors: Mapping[str, int]
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def evidence(
        self, quotes: Sequence[str], label: str, names: Sequence[str] = ()
    ) -> list[Evidence]:
        """Locate each quote; with none located, fall back to where a name is mentioned."""
        found = [self.grounder.locate(q, self.anchors.get(q)) for q in quotes]
        for item in found:
            if not item.verified:
                self.warn(f"{label}: quote not found in the article: {_clip(item.quote)!r}")
        if not any(e.verified for e in found):
            mention = _mention(self.grounder, names)
            if mention is not None:
                found.append(mention)
            elif not found:
                self.warn(f"{label} has no evidence in the article")
        return found

    def party(self, draft: _Draft, party_id: str, affiliation_id: str | None) -> Party:
        return Party(
            id=party_id,
            name=draft.name,
            kind=draft.kind,
            aliases=[n for n in draft.names if n != draft.name],
            role=draft.role,
            affiliation=draft.affiliation,
            affiliation_id=affiliation_id,
            evidence=self.evidence(draft.quotes, f"party {draft.name!r}", draft.names),
        )


def _mention(grounder: Grounder, names: Sequence[str]) -> Evidence | None:
    """Where the article first names the party, if it does."""
    for name in names:
        found = grounder.locate(name)
        if found.verified:
            return found
    return None


def _merge_parties(parties: Sequence[ReplyParty]) -> list[_Draft]:
    """One draft per party, entries naming the same party (US, United States) merged."""
    drafts: list[_Draft] = []
    for party in parties:
        draft = _Draft.of(party)
        twin = next((d for d in drafts if any(d.matches(n) for n in draft.names)), None)
        if twin is None:
            drafts.append(draft)
        else:
            twin.absorb(draft)
    return drafts


def _labelled_items(reply: Reply) -> list[tuple[_Item, str]]:
    items: list[tuple[_Item, str]] = [(p, f"party {p.name!r}") for p in reply.parties]
    items += [(a, f"agreement {_clip(a.what)!r}") for a in reply.agreements]
    items += [(t, f"threat {_clip(t.what)!r}") for t in reply.threats]
    return items


def _references(reply: Reply) -> list[tuple[str, str]]:
    refs = [(f"agreement {_clip(a.what)!r}", n) for a in reply.agreements for n in a.parties]
    for threat in reply.threats:
        label = f"threat {_clip(threat.what)!r}"
        refs += [(label, n) for n in ([threat.source] if threat.source else []) + threat.targets]
    return refs


def _resolve(name: str | None, drafts: Sequence[_Draft], ids: Sequence[str]) -> str | None:
    if not name:
        return None
    key = name_key(name)
    exact = [i for i, d in enumerate(drafts) if any(name_key(n) == key for n in d.names)]
    loose = [i for i, d in enumerate(drafts) if d.matches(name)]
    candidates = exact or loose
    return ids[candidates[0]] if candidates else None


def _ids(drafts: Sequence[_Draft]) -> list[str]:
    """Stable ids from names ("North Korea" → "north-korea"), suffixed when they clash."""
    seen: dict[str, int] = {}
    ids = []
    for draft in drafts:
        base = _slug(draft.name) or "party"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:48]


def _unique(values: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out


def _clip(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
