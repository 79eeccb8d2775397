"""The Engine protocol: text in, a validated :class:`~summarizer.reply.Reply` out.

Also the values every engine and its callers share: the :class:`Passage` given, the
:class:`Extraction` returned, the :class:`EngineInfo` that describes an engine, and the
:class:`OutputMode` in which a chat model is asked for JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, runtime_checkable

if TYPE_CHECKING:  # only named here; importing the protocol needs no pydantic model
    from summarizer.reply import Reply
    from summarizer.schema import Usage

Verifier: TypeAlias = "Callable[[Reply], list[str]]"
"""Checks a schema-valid reply against the article; returns problems, one line each.

Engines that can re-ask send these problems back to the model."""


class OutputMode(StrEnum):
    """How the model is asked for JSON; ``auto`` falls back in this order."""

    AUTO = "auto"
    JSON_SCHEMA = "json_schema"
    JSON_OBJECT = "json_object"
    TOOLS = "tools"


@dataclass(frozen=True)
class Passage:
    """The text an engine works on: a whole article or one chunk of it."""

    text: str
    title: str | None = None
    offset: int = 0
    """Where ``text`` starts in the whole article."""


@dataclass
class Extraction:
    """What an engine produced for one passage."""

    reply: Reply
    attempts: int
    usage: Usage
    model: str | None
    output_mode: str | None
    raw: str | None
    anchors: Mapping[str, int] = field(default_factory=dict)
    """Where in the passage the engine saw a quote, when it knows: a grounding hint."""
    problems: list[str] = field(default_factory=list)
    """What the verifier still found wrong after the last attempt."""
    notes: list[str] = field(default_factory=list)
    """How the reply was repaired to be read (an enum in another case, an unknown key
    dropped…): recorded as warnings, never a reason to ask again."""
    served_model: str | None = None
    """The model the server said answered, when it said (``model`` is the one asked for)."""


@dataclass(frozen=True)
class EngineInfo:
    """What describes an engine: its names, its chunk size and what shapes its output.

    Recorded in each briefing's provenance; wrappers (the response cache, worker
    processes) hand on the info of the engine they wrap.
    """

    name: str
    """Short engine name recorded in provenance, e.g. ``openai`` or ``offline``."""
    model: str | None
    prompt_version: str | None
    token_budget: int | None
    """Most article tokens one request may carry; ``None`` means no chunking is needed."""
    fingerprint: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """Settings that change the output; equal fingerprints give equal briefings."""


@runtime_checkable
class Engine(Protocol):
    """Anything that turns a passage into a reply, and releases what it holds when closed."""

    @property
    def info(self) -> EngineInfo:
        """What describes this engine."""
        ...

    def extract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Extract a reply for one passage, re-asking while ``verify`` finds problems."""
        ...

    async def aextract(self, passage: Passage, verify: Verifier) -> Extraction:
        """Asynchronous :meth:`extract`."""
        ...

    def close(self) -> None:
        """Release what :meth:`extract` holds (connections, worker processes)."""
        ...

    async def aclose(self) -> None:
        """Release what :meth:`aextract` holds (asynchronous connections)."""
        ...
