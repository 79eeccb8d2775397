"""Engines: what turns article text into a reply (OpenAI-compatible or offline).

```
base.py      the Engine protocol and the values engines share (Passage, Extraction,
             EngineInfo, OutputMode)
select.py    engines by name: the registry, engine_for(settings), worker processes
request.py   RequestSpec: what every chat request of a run is made with
exchange.py  one conversation with a chat model, free of I/O; it reads each reply
             wherever the server put it (message.py), finds its JSON (jsonscan.py),
             repairs what is clear (lenient.py) and validates it (parse.py)
openai.py    the OpenAI-compatible engine: sends what the exchange asks, with retries
             (retry.py), rate limits (limits.py), bodies read in time and streams
             assembled (body.py, stream.py), the API key redacted (redact.py), refusals
             read for their cause (diagnosis.py) and told (explain.py, failure.py);
             Azure's client (azure.py); a server's model list (listing.py)
offline/     the embedded engine: spaCy's parse and documented rules, no model
```
The engines themselves load on first use, by name (see :mod:`.select`).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.engines.base import (
        Engine,
        EngineInfo,
        Extraction,
        OutputMode,
        Passage,
        Verifier,
    )
    from summarizer.engines.select import (
        ProcessPoolEngine,
        build_engine,
        close_engines,
        engine_for,
        engine_for_batch,
        engine_names,
        register_engine,
    )

_BASE = ("Engine", "EngineInfo", "Extraction", "OutputMode", "Passage", "Verifier")

__all__ = [
    "Engine",
    "EngineInfo",
    "Extraction",
    "OutputMode",
    "Passage",
    "ProcessPoolEngine",
    "Verifier",
    "build_engine",
    "close_engines",
    "engine_for",
    "engine_for_batch",
    "engine_names",
    "register_engine",
]


def __getattr__(name: str) -> Any:
    # loaded on first use: importing engines.base (for OutputMode, say) does not start
    # the registry, asyncio and worker processes of engines.select
    if name in __all__:
        module = "summarizer.engines.base" if name in _BASE else "summarizer.engines.select"
        return getattr(import_module(module), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
