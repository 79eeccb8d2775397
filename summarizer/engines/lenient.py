"""Lenient reading of a reply, where its meaning is clear: normalise, note, never re-ask.

Models that follow the schema only from the prompt (or servers that enforce it loosely)
write ``"State"`` for ``"state"``, add a key of their own, or send a list as a JSON
string. Re-asking for that costs a request and often fails the same way; the meaning is
not in doubt, so :func:`normalise` repairs it and says what it did, one note per kind
of repair and field. It walks any pydantic model by its field types (enums, lists,
nested models), so the reply schema can change without touching this module.

Repairs: an enum value in another case, or with spaces or hyphens for underscores; an
unknown top-level key (dropped: the reply's sections are what briefing reads); a list
sent as a JSON string, as one bare string (a list of strings only) or as ``null``.
Anything else is left for validation to report, unknown keys inside an item included:
those may be an article's attempt to smuggle evidence offsets or statuses.
"""

from __future__ import annotations

import json
import re
import types
from collections import Counter
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

_SEPARATORS = re.compile(r"[\s\-]+")


def normalise(value: Any, model: type[BaseModel]) -> tuple[Any, list[str]]:
    """``value`` (parsed JSON meant for ``model``) repaired where its meaning is clear.

    Returns the repaired value and one note per kind of repair and field, e.g.
    ``"parties[].kind: 'State' read as 'state' (3 times)"``. ``value`` is not changed in
    place; what cannot be repaired is left as it is.
    """
    notes: Counter[str] = Counter()
    if isinstance(value, dict):
        unknown = [key for key in value if key not in model.model_fields]
        for key in unknown:
            notes[f"reply: unknown key {key!r} ignored"] += 1
        value = {key: item for key, item in value.items() if key not in unknown}
    repaired = _model(value, model, "", notes)
    return repaired, [note if n == 1 else f"{note} ({n} times)" for note, n in notes.items()]


def _model(value: Any, model: type[BaseModel], where: str, notes: Counter[str]) -> Any:
    if not isinstance(value, dict):
        return value
    fields = model.model_fields
    return {
        key: _value(item, fields[key].annotation, f"{where}.{key}" if where else key, notes)
        if key in fields
        else item
        for key, item in value.items()
    }


def _value(value: Any, annotation: Any, where: str, notes: Counter[str]) -> Any:
    nullable, kind, inner = _shape(annotation)
    if value is None and nullable:
        return None
    if kind == "list":
        return _list(value, inner, where, notes)
    if kind == "enum":
        return _enum(value, inner, where, notes)
    if kind == "model":
        return _model(value, inner, where, notes)
    return value


@cache
def _shape(annotation: Any) -> tuple[bool, str, Any]:
    """What a field type is, read once per type: ``(nullable, kind, inner)``.

    ``kind`` is ``list``, ``enum``, ``model`` or ``plain``; ``inner`` the item type of
    a list, the enum, or the model.
    """
    nullable = get_origin(annotation) in (Union, types.UnionType) and type(None) in get_args(
        annotation
    )
    kind = _without_none(annotation)
    if get_origin(kind) is list:
        return nullable, "list", get_args(kind)[0] if get_args(kind) else Any
    if isinstance(kind, type) and issubclass(kind, Enum):
        return nullable, "enum", kind
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return nullable, "model", kind
    return nullable, "plain", None


def _list(value: Any, item: Any, where: str, notes: Counter[str]) -> Any:
    if value is None:
        notes[f"{where}: null read as an empty list"] += 1
        value = []
    elif isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            decoded = None
        if isinstance(decoded, list):
            notes[f"{where}: a list sent as a JSON string, read as a list"] += 1
            value = decoded
        elif _shape(item)[1] == "plain" and _without_none(item) is str:
            notes[f"{where}: a single string read as a list of one"] += 1
            value = [value] if value.strip() else []
    if not isinstance(value, list):
        return value
    return [_value(element, item, f"{where}[]", notes) for element in value]


def _enum(value: Any, kind: type[Enum], where: str, notes: Counter[str]) -> Any:
    if not isinstance(value, str):
        return value
    values = _enum_values(kind)
    if value in values:
        return value
    folded = _SEPARATORS.sub("_", value.strip().lower())
    if folded in values:
        notes[f"{where}: {value!r} read as {folded!r}"] += 1
        return folded
    return value


@cache
def _enum_values(kind: type[Enum]) -> frozenset[Any]:
    return frozenset(member.value for member in kind)


def _without_none(annotation: Any) -> Any:
    """``X`` for ``X | None`` (or ``Optional[X]``); ``annotation`` otherwise."""
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation
