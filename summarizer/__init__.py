"""briefing: structured, evidence-backed briefings of security and diplomacy news."""

from summarizer.schema import (
    SCHEMA_VERSION,
    Agreement,
    AgreementStatus,
    ArticleInfo,
    Briefing,
    Evidence,
    EvidenceStatus,
    Party,
    PartyKind,
    Provenance,
    Severity,
    Threat,
    ThreatDomain,
    Usage,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Agreement",
    "AgreementStatus",
    "ArticleInfo",
    "Briefing",
    "Evidence",
    "EvidenceStatus",
    "Party",
    "PartyKind",
    "Provenance",
    "Severity",
    "Threat",
    "ThreatDomain",
    "Usage",
    "__version__",
]
