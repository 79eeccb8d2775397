"""The digest of a batch: its briefings merged, parties unified and same events grouped.

```python
from summarizer.digest import digest_folder, digest_markdown
digest = digest_folder(Path("out"))  # or build_digest(briefings)
print(digest_markdown(digest))
```
"""

from summarizer.digest.build import DigestBuilder, build_digest
from summarizer.digest.diff import DigestDiff, EventChange, PartyChange, diff_digests
from summarizer.digest.diff_views import diff_markdown, diff_page
from summarizer.digest.dyads import EventRow, event_rows
from summarizer.digest.html import digest_page
from summarizer.digest.load import digest_folder, digest_path, read_batch
from summarizer.digest.markdown import details_markdown, digest_markdown, summary_markdown
from summarizer.digest.model import (
    DIGEST_SCHEMA_VERSION,
    AgreementReport,
    Digest,
    DigestAgreement,
    DigestArticle,
    DigestParty,
    DigestThreat,
    PartyMention,
    SkippedInput,
    ThreatReport,
    TimelineStep,
)

__all__ = [
    "DIGEST_SCHEMA_VERSION",
    "AgreementReport",
    "Digest",
    "DigestAgreement",
    "DigestArticle",
    "DigestDiff",
    "DigestBuilder",
    "DigestParty",
    "DigestThreat",
    "EventChange",
    "EventRow",
    "PartyChange",
    "PartyMention",
    "SkippedInput",
    "ThreatReport",
    "TimelineStep",
    "build_digest",
    "details_markdown",
    "diff_digests",
    "diff_markdown",
    "diff_page",
    "digest_folder",
    "digest_markdown",
    "digest_page",
    "digest_path",
    "event_rows",
    "read_batch",
    "summary_markdown",
]
