"""briefing: structured, evidence-backed briefings of security and diplomacy news.

```python
from summarizer import summarize
briefing = summarize("article.txt")
```
The schema (:mod:`summarizer.schema`) imports nothing heavy; every name here loads on
first use, ``summarize`` and the rest behind it included.
"""

import importlib as _importlib
import typing as _typing

from summarizer._version import __version__

if _typing.TYPE_CHECKING:
    from summarizer.article import Article, load_article
    from summarizer.config import Settings
    from summarizer.errors import BriefingError
    from summarizer.pipeline import asummarize, summarize
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

_SCHEMA_NAMES = (
    "SCHEMA_VERSION",
    "Agreement",
    "AgreementStatus",
    "ArticleInfo",
    "Briefing",
    "Evidence",
    "EvidenceStatus",
    "Party",
    "PartyKind",
    "PloverType",
    "Provenance",
    "Severity",
    "Threat",
    "ThreatDomain",
    "ThreatMode",
    "Usage",
)
_LAZY = {
    **dict.fromkeys(_SCHEMA_NAMES, "summarizer.schema"),
    "BriefingError": "summarizer.errors",
    "Article": "summarizer.article",
    "load_article": "summarizer.article",
    "Settings": "summarizer.config",
    "asummarize": "summarizer.pipeline",
    "summarize": "summarizer.pipeline",
}
"""Where each public name lives. Every one loads on first use (even the schema, whose
pydantic models take a moment to build), so that importing any module of the package,
the command line's included, costs only what that module needs."""

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


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(_importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
