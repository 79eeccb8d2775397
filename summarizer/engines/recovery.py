"""What a refused request lets an exchange change before it is sent again.

One rule for every path that sends an exchange's requests (the online engine, a batch
run elsewhere reading its error lines): a refusal about the output mode moves the
exchange to the next mode, and one that gives no reason does so once per exchange; a
refused token-limit parameter is sent under its other name, or a refused temperature
left out, once; a refusal the same request may get past later (a 5xx, a rate limit) is
sent again as it is. Every other refusal ends the exchange
(:func:`~summarizer.engines.failure.refusal` words it).
"""

from __future__ import annotations

from summarizer.engines.base import OutputMode
from summarizer.engines.diagnosis import Cause, Diagnosis
from summarizer.engines.exchange import Exchange
from summarizer.engines.failure import PASSING
from summarizer.engines.retry import transient_status

OTHER_NAME = {"max_tokens": "max_completion_tokens", "max_completion_tokens": "max_tokens"}
"""The two names of the reply's token limit."""
FIXABLE = frozenset({*OTHER_NAME, "temperature"})
"""Parameters a request can be sent again without, or under their other name."""


def fall_back(setting: OutputMode, diagnosis: Diagnosis, exchange: Exchange) -> bool:
    """Move ``exchange`` to the next output mode if the refusal calls for it.

    A refusal about the mode does; a 4xx that gives no reason does once per exchange.
    ``setting`` is the output-mode setting: a mode the user chose is kept. ``False``
    when the refusal is about something else or no mode is left.
    """
    if setting is not OutputMode.AUTO:
        return False
    if diagnosis.cause is Cause.UNKNOWN and 400 <= diagnosis.status < 500:
        if exchange.guessed_mode:
            return False
        exchange.guessed_mode = True
    elif diagnosis.cause is not Cause.MODE:
        return False
    return exchange.next_mode()


def fix_parameter(diagnosis: Diagnosis, exchange: Exchange) -> bool:
    """Send a refused parameter under its other name, or without it, once.

    Reasoning models refuse ``max_tokens`` for ``max_completion_tokens``, servers and
    older Azure API versions the reverse, and some models any ``temperature`` but their
    own. The change is kept in :attr:`Exchange.renamed`; ``False`` when the refusal is
    not about such a parameter, or both names were refused.
    """
    name = diagnosis.param
    if diagnosis.cause is not Cause.PARAMETER or name not in exchange.params:
        return False
    instead = OTHER_NAME.get(name)
    if name not in FIXABLE or (instead is not None and instead in exchange.renamed):
        return False
    exchange.rename(name, instead)
    return True


def passes_later(diagnosis: Diagnosis) -> bool:
    """Whether the same request may get past this refusal when sent again as it is.

    A transient status (408, 409, 429, 5xx) may, unless the server's words name a cause
    no retry changes: llama.cpp's server answers an unsupported output mode, and older
    builds a context overflow, with a 500; a spent quota comes as a 429.
    """
    return transient_status(diagnosis.status) and diagnosis.cause in PASSING
