"""What a server offers: its list of models (``GET /models``), as any server sends it.

Every OpenAI-compatible server lists ``{"object": "list", "data": [{"id", "owned_by"},
…]}``; some say more about each model, and the context window when they do: vLLM's
``max_model_len``, OpenRouter's ``context_length`` (and ``top_provider``'s), Groq's
``context_window``, LM Studio's ``max_context_length``. llama.cpp's server gives the
context the model was trained for (``meta.n_ctx_train``), not the one it was started
with, so that one is named as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summarizer.engines.openai import OpenAIEngine

CONTEXT_FIELDS = ("max_model_len", "context_length", "context_window", "max_context_length")
"""Fields that give a model's context window, in tokens, as servers name them."""


@dataclass(frozen=True)
class ListedModel:
    """One model a server lists."""

    id: str
    owned_by: str | None
    context_size: int | None
    """Its context window in tokens, when the server says."""
    context_field: str | None
    """The field that said it, e.g. ``max_model_len``."""


def list_models(engine: OpenAIEngine) -> list[ListedModel]:
    """The models the engine's server lists, in its order.

    Raises:
        TransportError: the server refused or could not be reached, explained.
    """
    return read_models(engine.get("/models"))


def read_models(body: dict[str, Any]) -> list[ListedModel]:
    """The models of a ``/models`` body; entries without an ``id`` are skipped."""
    data = next(
        (found for key in ("data", "models") if isinstance(found := body.get(key), list)), []
    )
    models = []
    for entry in data:
        if not isinstance(entry, dict):
            continue
        name = entry.get("id") or entry.get("name") or entry.get("model")
        if not isinstance(name, str) or not name:
            continue
        owner = entry.get("owned_by")
        size, field = _context(entry)
        models.append(ListedModel(name, owner if isinstance(owner, str) else None, size, field))
    return models


def _context(entry: dict[str, Any]) -> tuple[int | None, str | None]:
    for field in CONTEXT_FIELDS:
        if _tokens(entry.get(field)):
            return _tokens(entry[field]), field
    provider = entry.get("top_provider")
    if isinstance(provider, dict) and _tokens(provider.get("context_length")):
        return _tokens(provider["context_length"]), "top_provider.context_length"
    meta = entry.get("meta")
    if isinstance(meta, dict) and _tokens(meta.get("n_ctx_train")):
        return _tokens(meta["n_ctx_train"]), "meta.n_ctx_train (trained, not served)"
    return None, None


def _tokens(value: object) -> int | None:
    return value if isinstance(value, int) and value > 0 else None
