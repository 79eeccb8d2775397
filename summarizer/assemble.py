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
from summarizer.names import (
    countries_in,
    country_code,
    full_person_names,
    index_entries,
    name_key,
    party_ids,
    same_name,
    same_party,
)
from summarizer.plover import threat_mode
from summarizer.reply import Reply, ReplyAgreement, ReplyParty, ReplyThreat
from summarizer.schema import Agreement, Evidence, Party, PartyKind, PloverType, Threat
from summarizer.text import one_line, unique

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

    A name resolves to the draft carrying the same name key, else to the one draft with a
    name :func:`~summarizer.names.same_name` accepts ("Washington" → US); a bare surname
    that two drafts could carry ("Smith": "Tom Smith", "Jack Smith") resolves to neither.
    Drafts are found through :func:`~summarizer.names.index_entries`, so each lookup
    compares a handful of drafts, not all of them.
    """

    def __init__(self, parties: Sequence[ReplyParty]) -> None:
        self.drafts: list[_Draft] = []
        self._keys: dict[str, int] = {}
        self._index: dict[tuple[str, str], list[int]] = {}
        for party in parties:
            self.add(_Draft.of(party))

    def add(self, draft: _Draft) -> None:
        """Add a draft, merged into the first it names the same party as, if any.

        Two drafts with different full names of people stay apart whatever their other
        names (see :func:`~summarizer.names.same_party`); a draft with only a bare name
        that several drafts could carry stays apart too.
        """
        twins = [
            i
            for i in self._candidates(draft.names)
            if same_party(self.drafts[i].names, draft.names)
        ]
        ambiguous = len(twins) > 1 and not full_person_names(draft.names)
        twin = None if ambiguous or not twins else twins[0]
        if twin is None:
            self.drafts.append(draft)
            twin = len(self.drafts) - 1
        else:
            self.drafts[twin].absorb(draft)
        for name in draft.names:
            self._keys.setdefault(name_key(name), twin)
            for entry in index_entries(name).filed:
                filed = self._index.setdefault(entry, [])
                if twin not in filed:
                    filed.append(twin)

    def find(self, name: str) -> int | None:
        """Index of the draft ``name`` denotes, if exactly one."""
        index = self._keys.get(name_key(name))
        if index is not None:
            return index
        matches = [
            i
            for i in self._candidates([name])
            if any(same_name(known, name) for known in self.drafts[i].names)
        ]
        return matches[0] if len(matches) == 1 else None

    def _candidates(self, names: Iterable[str]) -> list[int]:
        found = {
            i
            for name in names
            for entry in index_entries(name).sought
            for i in self._index.get(entry, [])
        }
        return sorted(found)


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
                problems.append(
                    f"{_label(item)}: quote not found in the article: {one_line(quote, 80)!r}"
                )
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

    affiliations = [resolve(draft.affiliation) for draft in roster.drafts]
    codes = _country_codes(roster.drafts, [roster.find(d.affiliation or "") for d in roster.drafts])
    parties = [
        builder.party(draft, party_id, affiliation_id, code)
        for draft, party_id, affiliation_id, code in zip(
            roster.drafts, ids, affiliations, codes, strict=True
        )
    ]
    agreements = [
        Agreement(
            what=a.what,
            party_ids=unique(resolve(n) for n in a.parties),
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
            target_ids=unique(resolve(n) for n in t.targets),
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
                self.warn(
                    f"{label}: quote not found in the article: {one_line(evidence.quote, 80)!r}"
                )
        if not any(e.verified for e in found):
            mention = _mention(self.grounder, names)
            if mention is not None:
                found.append(mention)
            elif not found:
                self.warn(f"{label} has no evidence in the article")
        return found

    def party(
        self, draft: _Draft, party_id: str, affiliation_id: str | None, code: str | None
    ) -> Party:
        return Party(
            id=party_id,
            name=draft.name,
            kind=draft.kind,
            aliases=[n for n in draft.names if n != draft.name],
            role=draft.role,
            affiliation=draft.affiliation,
            affiliation_id=affiliation_id,
            country_code=code,
            cameo_code=actor_code(draft.names, draft.kind, draft.role, draft.affiliation),
            evidence=self.evidence(draft.quotes, draft, draft.names),
        )


def _country_codes(drafts: Sequence[_Draft], affiliated: Sequence[int | None]) -> list[str | None]:
    """ISO 3166-1 alpha-3 of the state each party is or belongs to, where the text says it.

    A state's own; else the one its affiliation names, or the code of the affiliated
    party ("Taliban spokesman" → the Taliban's, if known); for a group or organisation,
    the one country its name names ("Fijian rebels" → FJI, "Russian Defense Ministry" →
    RUS).
    """
    own: list[str | None] = []
    for draft in drafts:
        if draft.kind is PartyKind.STATE:
            own.append(next(filter(None, map(country_code, draft.names)), None))
        elif draft.affiliation and country_code(draft.affiliation):
            own.append(country_code(draft.affiliation))
        elif draft.kind is not PartyKind.PERSON and len(named := countries_in(draft.name)) == 1:
            own.append(next(iter(named)))
        else:
            own.append(None)
    return [
        code or (own[index] if index is not None and index != i else None)
        for i, (code, index) in enumerate(zip(own, affiliated, strict=True))
    ]


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
    return f"{kind} {one_line(item.what, 80)!r}"


def _references(reply: Reply) -> list[tuple[_Item, str]]:
    """Every (item, party name) pair where an agreement or threat names a party."""
    refs: list[tuple[_Item, str]] = [(a, n) for a in reply.agreements for n in a.parties]
    for threat in reply.threats:
        refs += [(threat, n) for n in ([threat.source] if threat.source else []) + threat.targets]
    return refs
