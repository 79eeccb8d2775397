"""The offline engine: a grounded briefing from spaCy's parse and our rules, no model."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from spacy.tokens import Doc, Span

from summarizer.engines.base import EngineInfo, Extraction, Passage, Verifier
from summarizer.engines.offline.agreements import FoundAgreement, find_agreements
from summarizer.engines.offline.lead import headline_and_summary
from summarizer.engines.offline.model import model_name
from summarizer.engines.offline.nlp import pipeline
from summarizer.engines.offline.parties import Actor, find_parties
from summarizer.engines.offline.syntax import sentence_text
from summarizer.engines.offline.threats import FoundThreat, find_threats
from summarizer.reply import Reply, ReplyAgreement, ReplyParty, ReplyThreat
from summarizer.schema import Usage

_RULE_FOLDERS = ("engines/offline", "data")
RULE_MODULES = ("names.py", "actors.py", "membership.py")
"""Modules outside this package whose rules or word lists the offline rules read."""
_RULE_SUFFIXES = (".py", ".tsv", ".gz", ".txt")


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A digest of the rules: the source of this package, :data:`RULE_MODULES`, their data.

    12 hexadecimal digits of sha256 over the files' names and bytes, read from the installed
    package. Any change to a rule or a word list gives another digest, so a response cache
    or a batch manifest never takes a briefing made by other rules for one of these.
    """
    root = resources.files("summarizer")
    files = [root.joinpath(name) for name in RULE_MODULES]
    for folder in _RULE_FOLDERS:
        files += [f for f in root.joinpath(folder).iterdir() if f.name.endswith(_RULE_SUFFIXES)]
    return source_digest(files)


def source_digest(files: Iterable[Traversable]) -> str:
    """12 hexadecimal digits of sha256 over the files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for file in sorted(files, key=lambda f: f.name):
        content = file.read_bytes()
        digest.update(f"{file.name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()[:12]


BATCH_SIZE = 64
"""Texts parsed together by :meth:`OfflineEngine.extract_many`."""

PASSAGE_TOKENS = 100_000
"""Most tokens of one passage (about 75,000 words): a longer article is read in overlapping
passages, so that what the parse holds in memory stays bounded however long it is."""


class OfflineEngine:
    """Reads parties, agreements and threats from the dependency parse; no model, no network.

    Every quote is a verbatim slice of the passage and ``anchors`` says where it was taken,
    so grounding is exact by construction. The spaCy pipeline loads on first use.
    """

    def __init__(self) -> None:
        model = model_name()
        self.info = EngineInfo(
            name="offline",
            model=model,
            prompt_version=None,
            token_budget=PASSAGE_TOKENS,
            fingerprint={"engine": "offline", "model": model, "rules": rules_version()},
        )
        """The engine, its pipeline and the version of its rules."""

    def extract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Read one passage; ``verify`` is called once (there is nothing to re-ask)."""
        return self._extraction(pipeline()(passage.text), passage, verify)

    async def aextract(self, passage: Passage, verify: Verifier) -> Extraction:
        """:meth:`extract` in a worker thread."""
        return await asyncio.to_thread(self.extract, passage, verify)

    def close(self) -> None:
        """Nothing to release: the spaCy pipeline is shared by the whole process."""

    async def aclose(self) -> None:
        """Nothing to release."""

    def extract_many(
        self, passages: Sequence[Passage], verifiers: Sequence[Verifier] | None = None
    ) -> list[Extraction]:
        """Read many passages, parsed in batches by ``nlp.pipe``; one verifier per passage."""
        if verifiers is not None and len(verifiers) != len(passages):
            raise ValueError("extract_many needs one verifier per passage")
        docs = pipeline().pipe((p.text for p in passages), batch_size=BATCH_SIZE)
        checks: Iterable[Verifier | None] = (
            verifiers if verifiers is not None else [None] * len(passages)
        )
        return [
            self._extraction(doc, passage, verify)
            for doc, passage, verify in zip(docs, passages, checks, strict=True)
        ]

    def _extraction(self, doc: Doc, passage: Passage, verify: Verifier | None) -> Extraction:
        reply, anchors = read_reply(doc, passage.title)
        return Extraction(
            reply=reply,
            attempts=1,
            usage=Usage(),
            model=self.info.model,
            output_mode=None,
            raw=None,
            anchors=anchors,
            problems=verify(reply) if verify is not None else [],
        )


def read_reply(doc: Doc, title: str | None = None) -> tuple[Reply, dict[str, int]]:
    """The reply for a parsed passage, and where in it each quote was taken."""
    cast = find_parties(doc)
    agreements = find_agreements(cast)
    threats = find_threats(cast)
    anchors: dict[str, int] = {}
    headline, summary = headline_and_summary(doc, title)
    reply = Reply(
        headline=headline,
        summary=summary,
        parties=[_party(actor, anchors) for actor in cast.actors],
        agreements=[_agreement(found, anchors) for found in agreements],
        threats=[_threat(found, anchors) for found in threats],
    )
    return reply, anchors


def _party(actor: Actor, anchors: dict[str, int]) -> ReplyParty:
    anchors.setdefault(actor.quote, actor.offset)
    return ReplyParty(
        name=actor.name,
        kind=actor.kind,
        aliases=list(actor.aliases),
        role=actor.role,
        affiliation=actor.affiliation,
        quotes=[actor.quote],
    )


def _agreement(found: FoundAgreement, anchors: dict[str, int]) -> ReplyAgreement:
    return ReplyAgreement(
        what=found.what,
        parties=[actor.name for actor in found.parties],
        status=found.status,
        date=found.date,
        quotes=[_quote(sentence, anchors) for sentence in found.sentences],
    )


def _threat(found: FoundThreat, anchors: dict[str, int]) -> ReplyThreat:
    return ReplyThreat(
        what=found.what,
        source=found.source.name if found.source else None,
        targets=[actor.name for actor in found.targets],
        domain=found.domain,
        severity=found.severity,
        quotes=[_quote(sentence, anchors) for sentence in found.sentences],
    )


def _quote(sentence: Span, anchors: dict[str, int]) -> str:
    text, offset = sentence_text(sentence)
    anchors.setdefault(text, offset)
    return text


__all__ = ["OfflineEngine", "read_reply"]
