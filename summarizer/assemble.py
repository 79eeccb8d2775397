"""From an engine's reply to the public :class:`Briefing`: ids, references, evidence.

Our code, never the engine, decides where evidence sits: every quote is located in the
article text by :mod:`summarizer.grounding`. A party the reply names without a usable
quote is grounded on its own name where the article mentions it; what cannot be located
is kept, flagged ``unverified`` and listed in the briefing's warnings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from summarizer.actors import actor_code
from summarizer.grounding import Grounder
from summarizer.names import country_code, name_key, party_ids, same_name
from summarizer.plover import threat_mode
from summarizer.reply import Reply, ReplyAgreement, ReplyParty, ReplyThreat
from summarizer.schema import Agreement, Evidence, Party, PartyKind, PloverType, Threat

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


class _Roster:
    """The parties of a reply, one draft each, and the lookup of any name among them.

    A name resolves to the draft carrying the same name key, else to the first draft
    with a name :func:`~summarizer.names.same_name` accepts ("Washington" → US).
    """

    def __init__(self, parties: Sequence[ReplyParty]) -> None:
        self.drafts: list[_Draft] = []
        self._keys: dict[str, int] = {}
        for party in parties:
            self.add(_Draft.of(party))

    def add(self, draft: _Draft) -> None:
        """Add a draft, merged into the one it names the same party as, if any."""
        twin = next((i for i in map(self.find, draft.names) if i is not None), None)
        if twin is None:
            self.drafts.append(draft)
            twin = len(self.drafts) - 1
        else:
            self.drafts[twin].absorb(draft)
        for name in draft.names:
            self._keys.setdefault(name_key(name), twin)

    def find(self, name: str) -> int | None:
        """Index of the draft ``name`` denotes, if any."""
        index = self._keys.get(name_key(name))
        if index is not None:
            return index
        for index, draft in enumerate(self.drafts):
            if any(same_name(known, name) for known in draft.names):
                return index
        return None


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
    roster = _Roster(reply.parties)
    items: list[_Item] = [*reply.parties, *reply.agreements, *reply.threats]
    for item in items:
        for quote in item.quotes:
            if not grounder.locate(quote).verified:
                problems.append(f"{_label(item)}: quote not found in the article: {_clip(quote)!r}")
        if not item.quotes and not (
            isinstance(item, ReplyParty) and _mention(grounder, [item.name, *item.aliases])
        ):
            problems.append(f"{_label(item)} has no quote")
    for item, name in _references(reply):
        if roster.find(name) is None:
            problems.append(f"{_label(item)} names {name!r}, which is not in 'parties'")
    return problems


def assemble(
    reply: Reply, grounder: Grounder, anchors: Mapping[str, int] | None = None
) -> Assembly:
    """Ground every item of ``reply`` in the article and resolve names to party ids."""
    builder = _Builder(grounder, anchors or {})
    roster = _Roster(reply.parties)
    for item, name in _references(reply):
        if roster.find(name) is None:
            builder.warn(f"{_label(item)} names {name!r}, not listed as a party; added")
            roster.add(_Draft(name, PartyKind.OTHER, [name], None, None))
    ids = party_ids([draft.name for draft in roster.drafts])

    def resolve(name: str | None) -> str | None:
        index = roster.find(name) if name else None
        return None if index is None else ids[index]

    parties = [
        builder.party(draft, party_id, resolve(draft.affiliation))
        for draft, party_id in zip(roster.drafts, ids, strict=True)
    ]
    agreements = [
        Agreement(
            what=a.what,
            party_ids=_unique(resolve(n) for n in a.parties),
            status=a.status,
            date=a.date,
            plover_type=PloverType.AGREE,
            evidence=builder.evidence(a.quotes, a),
        )
        for a in reply.agreements
    ]
    threats = [
        Threat(
            what=t.what,
            source_id=resolve(t.source),
            target_ids=_unique(resolve(n) for n in t.targets),
            domain=t.domain,
            severity=t.severity,
            plover_type=PloverType.THREATEN,
            plover_mode=threat_mode(t.what),
            evidence=builder.evidence(t.quotes, t),
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
        self, quotes: Sequence[str], item: _Item | _Draft, names: Sequence[str] = ()
    ) -> list[Evidence]:
        """Locate each quote; with none located, fall back to where a name is mentioned."""
        found = [self.grounder.locate(q, self.anchors.get(q)) for q in quotes]
        label = f"party {item.name!r}" if isinstance(item, _Draft) else _label(item)
        for evidence in found:
            if not evidence.verified:
                self.warn(f"{label}: quote not found in the article: {_clip(evidence.quote)!r}")
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
            country_code=_country_code(draft),
            cameo_code=actor_code(draft.names, draft.kind, draft.role, draft.affiliation),
            evidence=self.evidence(draft.quotes, draft, draft.names),
        )


def _country_code(draft: _Draft) -> str | None:
    """ISO 3166-1 alpha-3 of the state a party is, or that its stated affiliation names."""
    if draft.kind is PartyKind.STATE:
        return next(filter(None, map(country_code, draft.names)), None)
    return country_code(draft.affiliation) if draft.affiliation else None


def _mention(grounder: Grounder, names: Sequence[str]) -> Evidence | None:
    """Where the article first names the party, if it does."""
    for name in names:
        found = grounder.locate(name)
        if found.verified:
            return found
    return None


def _label(item: _Item) -> str:
    """How problems and warnings name an item."""
    if isinstance(item, ReplyParty):
        return f"party {item.name!r}"
    kind = "agreement" if isinstance(item, ReplyAgreement) else "threat"
    return f"{kind} {_clip(item.what)!r}"


def _references(reply: Reply) -> list[tuple[_Item, str]]:
    """Every (item, party name) pair where an agreement or threat names a party."""
    refs: list[tuple[_Item, str]] = [(a, n) for a in reply.agreements for n in a.parties]
    for threat in reply.threats:
        refs += [(threat, n) for n in ([threat.source] if threat.source else []) + threat.targets]
    return refs


def _unique(values: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out


def _clip(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
