"""One extraction for a whole article, from the extractions of its passages.

- Parties are unified by name and alias (:func:`summarizer.names.same_party`); a party
  keeps the name it had where it first appeared (news introduces people and bodies by
  their full names first) and every other name becomes an alias. Two parties of the same
  passage are never unified: the engine saw both and kept them apart.
- Agreements and threats name parties by their unified names. Two items from different
  passages collapse into one when they name the same parties and describe the same thing
  (similar ``what``) or share a quote, as items read twice in the overlap between
  passages do.
- Anchors move to whole-article offsets; a quote the engine gave no anchor for is
  located in its own passage, so that its evidence is looked for where it was read.
- The headline and summary are the first passage's: news leads with the main event.
  Attempts and usage are summed, problems kept with the passage they came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from summarizer.engines.base import Extraction, Passage
from summarizer.grounding import Grounder, fold
from summarizer.names import name_key, same_name, same_party
from summarizer.reply import Reply, ReplyAgreement, ReplyParty, ReplyThreat
from summarizer.schema import Usage

SIMILAR_WHAT = 85.0
"""Lowest rapidfuzz token-sort similarity (0-100) at which two ``what`` phrases of items
with the same parties describe the same agreement or threat (their numbers must agree
too: "phase 2" is not "phase 3")."""

MIN_SHARED_QUOTE = 20
"""Shortest quote (after folding) whose containment in another quote counts as shared."""

_NUMBER = re.compile(r"\d+")
_fold = lru_cache(maxsize=4096)(fold)


@dataclass
class _Group:
    """Parties of several passages unified into one."""

    first: ReplyParty
    names: list[str]
    parts: set[int]
    quotes: list[str] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    affiliation_part: int = 0


@dataclass
class _Item:
    """An agreement or threat, with the passages it was read in."""

    value: ReplyAgreement | ReplyThreat
    parts: set[int]


def merge_extractions(parts: Sequence[tuple[Passage, Extraction]]) -> Extraction:
    """Merge the extractions of an article's passages into one (see the module docstring).

    Anchors of the result are offsets in the whole article.
    """
    if not parts:
        raise ValueError("merge_extractions needs at least one passage")
    groups, renames = _unify_parties(parts)

    def resolve(name: str, part: int) -> str:
        key = name_key(name)
        if key in renames[part]:
            return renames[part][key]
        match = next((g for g in groups if same_party([name], g.names)), None)
        return match.first.name if match else name

    parties = [
        ReplyParty(
            name=g.first.name,
            kind=g.first.kind,
            aliases=_aliases(g),
            role=g.role,
            affiliation=g.affiliation and resolve(g.affiliation, g.affiliation_part),
            quotes=g.quotes,
        )
        for g in groups
    ]
    agreements: list[_Item] = []
    threats: list[_Item] = []
    for index, (_, extraction) in enumerate(parts):
        for agreement in extraction.reply.agreements:
            renamed = agreement.model_copy(
                update={"parties": _unique(resolve(n, index) for n in agreement.parties)}
            )
            _collect(agreements, renamed, index)
        for threat in extraction.reply.threats:
            source = threat.source and resolve(threat.source, index)
            targets = _unique(resolve(n, index) for n in threat.targets)
            _collect(
                threats, threat.model_copy(update={"source": source, "targets": targets}), index
            )
    extractions = [extraction for _, extraction in parts]
    lead = next((e.reply for e in extractions if e.reply.headline.strip()), extractions[0].reply)
    reply = Reply(
        headline=lead.headline,
        summary=lead.summary,
        parties=parties,
        agreements=[item.value for item in agreements if isinstance(item.value, ReplyAgreement)],
        threats=[item.value for item in threats if isinstance(item.value, ReplyThreat)],
    )
    return Extraction(
        reply=reply,
        attempts=sum(e.attempts for e in extractions),
        usage=sum((e.usage for e in extractions), Usage()),
        model=next((e.model for e in extractions if e.model), None),
        output_mode=next((e.output_mode for e in extractions if e.output_mode), None),
        raw="\n".join(e.raw for e in extractions if e.raw) or None,
        anchors=_anchors(parts),
        problems=_problems(extractions),
        notes=list(dict.fromkeys(note for e in extractions for note in e.notes)),
        served_model=", ".join(dict.fromkeys(e.served_model for e in extractions if e.served_model))
        or None,
    )


def _unify_parties(
    parts: Sequence[tuple[Passage, Extraction]],
) -> tuple[list[_Group], list[dict[str, str]]]:
    """Party groups in order of first appearance, and per passage: name key → unified name."""
    groups: list[_Group] = []
    renames: list[dict[str, str]] = []
    for index, (_, extraction) in enumerate(parts):
        rename: dict[str, str] = {}
        for party in extraction.reply.parties:
            names = [party.name, *party.aliases]
            group = next(
                (g for g in groups if index not in g.parts and same_party(names, g.names)), None
            )
            if group is None:
                group = _Group(first=party, names=[], parts=set())
                groups.append(group)
            group.parts.add(index)
            group.names.extend(names)
            group.quotes.extend(q for q in party.quotes if q not in group.quotes)
            group.role = group.role or party.role
            if group.affiliation is None and party.affiliation:
                group.affiliation, group.affiliation_part = party.affiliation, index
            for name in names:
                rename.setdefault(name_key(name), group.first.name)
        renames.append(rename)
    return groups, renames


def _aliases(group: _Group) -> list[str]:
    seen = {name_key(group.first.name)}
    aliases: list[str] = []
    for name in group.names:
        if name.strip() and name_key(name) not in seen:
            seen.add(name_key(name))
            aliases.append(name)
    return aliases


def _unique(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if not any(same_name(name, kept) or name == kept for kept in out):
            out.append(name)
    return out


def _collect(items: list[_Item], value: ReplyAgreement | ReplyThreat, part: int) -> None:
    """Add ``value`` to ``items``, or fold it into an item of another passage it repeats."""
    for item in items:
        if part not in item.parts and _same_item(item.value, value):
            quotes = [*item.value.quotes, *(q for q in value.quotes if q not in item.value.quotes)]
            update: dict[str, object] = {"quotes": quotes}
            if isinstance(item.value, ReplyAgreement) and isinstance(value, ReplyAgreement):
                update["date"] = item.value.date or value.date
            item.value = item.value.model_copy(update=update)
            item.parts.add(part)
            return
    items.append(_Item(value=value, parts={part}))


def _same_item(a: ReplyAgreement | ReplyThreat, b: ReplyAgreement | ReplyThreat) -> bool:
    if not (_similar_what(a.what, b.what) or _share_quote(a.quotes, b.quotes)):
        return False
    if isinstance(a, ReplyAgreement) and isinstance(b, ReplyAgreement):
        same_parties = _same_names(a.parties, b.parties)
    elif isinstance(a, ReplyThreat) and isinstance(b, ReplyThreat):
        same_parties = _same_names([a.source or ""], [b.source or ""]) and _same_names(
            a.targets, b.targets
        )
    else:
        return False
    return same_parties


def _similar_what(a: str, b: str) -> bool:
    if _NUMBER.findall(a) != _NUMBER.findall(b):
        return False
    return fuzz.token_sort_ratio(a, b, processor=default_process) >= SIMILAR_WHAT


def _same_names(a: list[str], b: list[str]) -> bool:
    """Whether each name of one list denotes a party the other list names too."""

    def covered(names: list[str], by: list[str]) -> bool:
        return all(any(n == m or same_name(n, m) for m in by) for n in names)

    return covered(a, b) and covered(b, a)


def _share_quote(a: list[str], b: list[str]) -> bool:
    folded_b = [_fold(q) for q in b]
    for quote in a:
        folded = _fold(quote)
        for other in folded_b:
            shorter, longer = sorted((folded, other), key=len)
            if shorter == longer or (len(shorter) >= MIN_SHARED_QUOTE and shorter in longer):
                return True
    return False


def _anchors(parts: Sequence[tuple[Passage, Extraction]]) -> dict[str, int]:
    """Whole-article offsets of quotes: the engine's anchors shifted, the rest located."""
    anchors: dict[str, int] = {}
    for passage, extraction in parts:
        for quote, offset in extraction.anchors.items():
            anchors.setdefault(quote, passage.offset + offset)
    for passage, extraction in parts:
        grounder = Grounder(passage.text)
        for quote in extraction.reply.quotes():
            if quote in anchors:
                continue
            evidence = grounder.locate(quote)
            if evidence.start is not None:
                anchors[quote] = passage.offset + evidence.start
    return anchors


def _problems(extractions: list[Extraction]) -> list[str]:
    if len(extractions) == 1:
        return list(extractions[0].problems)
    count = len(extractions)
    return [
        f"passage {index}/{count}: {problem}"
        for index, extraction in enumerate(extractions, start=1)
        for problem in extraction.problems
    ]
