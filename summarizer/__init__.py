"""briefing: structured, evidence-backed briefings of security and diplomacy news.

```python
from summarizer import summarize
briefing = summarize("article.txt")
```
The schema (:mod:`summarizer.schema`) imports nothing heavy; ``summarize``, ``asummarize``,
``load_article``, ``Article`` and ``Settings`` load the rest on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from summarizer.errors import BriefingError
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
    PloverType,
    Provenance,
    Severity,
    Threat,
    ThreatDomain,
    ThreatMode,
    Usage,
)

if TYPE_CHECKING:
    from summarizer.article import Article, load_article
    from summarizer.config import Settings
    from summarizer.pipeline import asummarize, summarize

__version__ = "0.1.0"

_LAZY = {
    "Article": "summarizer.article",
    "load_article": "summarizer.article",
    "Settings": "summarizer.config",
    "asummarize": "summarizer.pipeline",
    "summarize": "summarizer.pipeline",
}

__all__ = [
    "SCHEMA_VERSION",
    "Agreement",
    "AgreementStatus",
    "Article",
    "ArticleInfo",
    "Briefing",
    "BriefingError",
    "Evidence",
    "EvidenceStatus",
    "Party",
    "PartyKind",
    "PloverType",
    "Provenance",
    "Settings",
    "Severity",
    "Threat",
    "ThreatDomain",
    "ThreatMode",
    "Usage",
    "__version__",
    "asummarize",
    "load_article",
    "summarize",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
