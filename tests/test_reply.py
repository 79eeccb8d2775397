from __future__ import annotations

from typing import Any

from summarizer.reply import Reply, reply_json_schema, reply_json_schema_text


def _objects(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _objects(value)
    return found


def test_reply_schema_is_strict_mode_compatible() -> None:
    schema = reply_json_schema()
    objects = _objects(schema)
    assert len(objects) == 4
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert set(obj["required"]) == set(obj["properties"]), "every field required"
        for prop in obj["properties"].values():
            assert "default" not in prop
    assert '"title":' not in reply_json_schema_text(), "no generated titles"


def test_fields_are_described_for_the_model() -> None:
    schema = reply_json_schema()
    party = schema["$defs"]["ReplyParty"]["properties"]
    assert all(
        "description" in party[k] for k in ("name", "aliases", "role", "affiliation", "quotes")
    )


def test_quotes_lists_every_quote_in_section_order() -> None:
    reply = Reply.model_validate(
        {
            "headline": "h",
            "summary": "s",
            "parties": [
                {
                    "name": "A",
                    "kind": "state",
                    "aliases": [],
                    "role": None,
                    "affiliation": None,
                    "quotes": ["a"],
                }
            ],
            "agreements": [
                {"what": "w", "parties": ["A"], "status": "agreed", "date": None, "quotes": ["b"]}
            ],
            "threats": [
                {
                    "what": "t",
                    "source": None,
                    "targets": [],
                    "domain": "cyber",
                    "severity": "low",
                    "quotes": ["c", "d"],
                }
            ],
        }
    )
    assert reply.quotes() == ["a", "b", "c", "d"]
