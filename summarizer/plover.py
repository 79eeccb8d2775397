"""PLOVER codes read from what a briefing item says: the mode of a threat.

PLOVER (openeventdata/PLOVER, CC BY-SA 4.0) splits its THREATEN type by what is threatened;
:func:`threat_mode` gives the mode whose words the threat's description uses, checked in
this order (the first that matches wins, ``None`` when none does):

=========  ===============================================================
mode       words (lower case, any inflection listed)
=========  ===============================================================
expel      expel, deport, kick out, throw out
arrest     arrest, detain, imprison, jail, prosecute, lock up
territory  annex, seize, occupy, take over, invade + territory words
relations  relations, ties, talks, negotiations, ambassador, pull out, withdraw
restrict   boycott, blockade, embargo, sanctions, tariffs, ban, close, curfew, strike
violence   kill, attack, strike, bomb, shoot, fire, war, fight, invade, destroy, retaliate
=========  ===============================================================
"""

from __future__ import annotations

import re

from summarizer.schema import ThreatMode

_WORD = re.compile(r"[a-z]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MODE_WORDS: tuple[tuple[ThreatMode, frozenset[str]], ...] = (
    (ThreatMode.EXPEL, _words("expel expels expelled expelling deport deported deportation")),
    (
        ThreatMode.ARREST,
        _words(
            """
            arrest arrests arrested detain detained detention imprison imprisoned jail
            jailed prosecute prosecuted prosecution prison
            """
        ),
    ),
    (
        ThreatMode.TERRITORY,
        _words("annex annexation annexed seize seized occupy occupation occupied territory"),
    ),
    (
        ThreatMode.RELATIONS,
        _words(
            """
            relations ties talks negotiations dialogue ambassador ambassadors embassy
            withdraw withdrawal pull quit membership diplomatic
            """
        ),
    ),
    (
        ThreatMode.RESTRICT,
        _words(
            """
            boycott blockade embargo sanction sanctions tariff tariffs ban bans close
            closure shut curfew strike strikes restrict restrictions cut halt block
            """
        ),
    ),
    (
        ThreatMode.VIOLENCE,
        _words(
            """
            kill killing murder attack attacks bomb bombing shoot shooting fire war fight
            invade invasion destroy strike strikes retaliate retaliation offensive execute
            assassinate violence
            """
        ),
    ),
)
"""Words of each PLOVER THREATEN mode, in the order they are checked."""

_STRIKE_OF_FORCE = _words("air missile military drone")


def threat_mode(description: str) -> ThreatMode | None:
    """The PLOVER THREATEN mode a threat's description names, or ``None`` when unclear.

    Only an act names a mode: "North Korea's nuclear program" or "military drills" say
    what threatens, not what is threatened, and give none.

    "threatened to pull out of NATO" → relations; "to kill Mayor Jane Roe" → violence;
    "to close the Strait of Hormuz" → restrict. A strike is a work stoppage (restrict)
    unless it is an air, missile, military or drone strike (violence).
    """
    words = set(_WORD.findall(description.lower()))
    if words & {"strike", "strikes"} and words & _STRIKE_OF_FORCE:
        return ThreatMode.VIOLENCE
    for mode, keywords in MODE_WORDS:
        if words & keywords:
            return mode
    return None
