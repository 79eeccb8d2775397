"""plover: the PLOVER THREATEN mode of a threat's description."""

from __future__ import annotations

import pytest

from summarizer.plover import threat_mode
from summarizer.schema import ThreatMode


@pytest.mark.parametrize(
    ("description", "mode"),
    [
        ("Trump threatened to pull out of NATO", ThreatMode.RELATIONS),
        ("threatening to kill Mayor Jane Roe", ThreatMode.VIOLENCE),
        ("threatened to close the Strait of Hormuz", ThreatMode.RESTRICT),
        ("unions threatened a general strike", ThreatMode.RESTRICT),
        ("warned of air strikes on the port", ThreatMode.VIOLENCE),
        ("threatened to expel the diplomats", ThreatMode.EXPEL),
        ("threatened to arrest opposition leaders", ThreatMode.ARREST),
        ("vowed to annex the region", ThreatMode.TERRITORY),
        ("posed a threat to regional stability", None),
        ("North Korea's nuclear program and growing military cooperation with Russia", None),
    ],
)
def test_threat_mode(description: str, mode: ThreatMode | None) -> None:
    assert threat_mode(description) is mode
