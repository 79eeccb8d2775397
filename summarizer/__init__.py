"""briefing: structured, evidence-backed briefings of security and diplomacy news.

```python
from summarizer import summarize
briefing = summarize("article.txt")
```
The schema (:mod:`summarizer.schema`) imports nothing heavy; ``summarize``, ``asummarize``,
``load_article``, ``Article`` and ``Settings`` load the rest on first use.
"""

import importlib as _importlib
import typing as _typing

from summarizer._version import __version__
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

if _typing.TYPE_CHECKING:
    from summarizer.article import Article, load_article
    from summarizer.config import Settings
    from summarizer.pipeline import asummarize, summarize

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


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(_importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'summarizer' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
