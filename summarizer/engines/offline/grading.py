"""Domain and severity of a threat, graded from the words of the clauses that state it.

**Domain**: the first of nuclear, cyber, military, territorial, economic, political whose
keywords occur in the threat's clauses (see :data:`~.lexicon.DOMAIN_WORDS`), else other.

**Severity**: nuclear and military threats that name force (attack, strike, missiles,
war, blockade …) start *high*, other military, cyber, economic and territorial threats
*medium*, political and other *low*; a threat to kill is *high* at least; one step up for
weapons of mass destruction or destruction itself, or for the article's own intensifiers
(greatest, grave, serious, imminent …); one step down when hedged (may, might, could,
possible). Clamped to low … critical.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.engines.offline import lexicon
from summarizer.schema import Severity, ThreatDomain

_SEVERITIES = (Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)
DOMAIN_ORDER = tuple(domain for domain, _ in lexicon.DOMAIN_WORDS) + (ThreatDomain.OTHER,)
"""Domains in the order they are tried: the first is the most specific."""


def threat_domain(context: Sequence[str]) -> ThreatDomain:
    """The first domain (in :data:`DOMAIN_ORDER`) whose keywords the lower-case words use."""
    words = set(context)
    phrases = " ".join(context)
    for domain, keywords in lexicon.DOMAIN_WORDS:
        if words & keywords or (domain is ThreatDomain.TERRITORIAL and "status quo" in phrases):
            return domain
    return ThreatDomain.OTHER


def threat_severity(context: Sequence[str], *, hedged: bool) -> Severity:
    """The severity the module's rule gives the lower-case words of a threat's clauses."""
    words = set(context)
    domain = threat_domain(context)
    if domain is ThreatDomain.NUCLEAR or (
        domain is ThreatDomain.MILITARY and words & (lexicon.FORCE_WORDS | lexicon.WEAPON_NOUNS)
    ):
        level = 2
    elif domain in {ThreatDomain.POLITICAL, ThreatDomain.OTHER}:
        level = 0
    else:
        level = 1
    if words & lexicon.LETHAL_WORDS:
        level = max(level, 2)
    if words & (lexicon.CATASTROPHIC_WORDS | lexicon.INTENSIFIERS) or (
        words & lexicon.WEAPON_NOUNS and words & lexicon.MASS_DESTRUCTION_WORDS
    ):
        level += 1
    if hedged:
        level -= 1
    return _SEVERITIES[max(0, min(level, len(_SEVERITIES) - 1))]
