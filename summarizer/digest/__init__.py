"""The digest of a batch: its briefings merged, parties unified and same events grouped.

```python
from summarizer.digest import digest_folder, digest_markdown
digest = digest_folder(Path("out"))  # or build_digest(briefings)
print(digest_markdown(digest))
```
"""

from summarizer.digest.build import DigestBuilder, build_digest
from summarizer.digest.html import digest_page
from summarizer.digest.load import digest_folder
from summarizer.digest.markdown import digest_markdown
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
)

__all__ = [
    "DIGEST_SCHEMA_VERSION",
    "AgreementReport",
    "Digest",
    "DigestAgreement",
    "DigestArticle",
    "DigestBuilder",
    "DigestParty",
    "DigestThreat",
    "PartyMention",
    "SkippedInput",
    "ThreatReport",
    "build_digest",
    "digest_folder",
    "digest_markdown",
    "digest_page",
]
