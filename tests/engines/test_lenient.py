from __future__ import annotations

from summarizer.engines.lenient import normalise
from summarizer.reply import Reply


def reply(**changes: object) -> dict[str, object]:
    party = {
        "name": "Japan",
        "kind": "state",
        "aliases": [],
        "role": None,
        "affiliation": None,
        "quotes": ["Japan signed"],
    }
    value: dict[str, object] = {
        "headline": "h",
        "summary": "s",
        "parties": [party],
        "agreements": [],
        "threats": [],
    }
    value.update(changes)
    return value


def test_a_reply_to_the_letter_is_left_alone() -> None:
    value = reply()
    assert normalise(value, Reply) == (value, [])


def test_enum_values_in_another_case_or_spacing_are_read_as_meant() -> None:
    parties = [
        {**reply()["parties"][0], "kind": "State"},  # type: ignore[index]
        {**reply()["parties"][0], "name": "Hamas", "kind": "Armed Group"},  # type: ignore[index]
        {**reply()["parties"][0], "name": "ACME", "kind": "armed-group"},  # type: ignore[index]
    ]
    value, notes = normalise(reply(parties=parties), Reply)
    assert [p["kind"] for p in value["parties"]] == ["state", "armed_group", "armed_group"]
    assert notes == [
        "parties[].kind: 'State' read as 'state'",
        "parties[].kind: 'Armed Group' read as 'armed_group'",
        "parties[].kind: 'armed-group' read as 'armed_group'",
    ]
    Reply.model_validate(value)


def test_an_unknown_value_is_left_for_validation() -> None:
    party = {**reply()["parties"][0], "kind": "country"}  # type: ignore[index]
    value, notes = normalise(reply(parties=[party]), Reply)
    assert value["parties"][0]["kind"] == "country" and notes == []


def test_unknown_top_level_keys_are_dropped_those_of_items_left_for_validation() -> None:
    party = {**reply()["parties"][0], "evidence": [{"start": 0}]}  # type: ignore[index]
    value, notes = normalise(reply(parties=[party], source="model", notes=None), Reply)
    assert "source" not in value and "notes" not in value
    assert value["parties"][0]["evidence"] == [{"start": 0}]
    assert notes == ["reply: unknown key 'source' ignored", "reply: unknown key 'notes' ignored"]


def test_lists_sent_as_json_strings_single_strings_or_null_are_lists() -> None:
    party = {
        **reply()["parties"][0],  # type: ignore[index]
        "aliases": '["Nippon", "Tokyo"]',
        "quotes": "Japan signed",
    }
    value, notes = normalise(reply(parties=[party], agreements=None, threats="[]"), Reply)
    assert value["parties"][0]["aliases"] == ["Nippon", "Tokyo"]
    assert value["parties"][0]["quotes"] == ["Japan signed"]
    assert value["agreements"] == [] and value["threats"] == []
    assert notes == [
        "parties[].aliases: a list sent as a JSON string, read as a list",
        "parties[].quotes: a single string read as a list of one",
        "agreements: null read as an empty list",
        "threats: a list sent as a JSON string, read as a list",
    ]
    Reply.model_validate(value)


def test_a_list_of_objects_sent_as_prose_is_left_for_validation() -> None:
    value, notes = normalise(reply(parties="none"), Reply)
    assert value["parties"] == "none" and notes == []


def test_nullable_fields_keep_their_null_and_the_input_is_not_changed() -> None:
    original = reply()
    normalise(original, Reply)
    assert original == reply()
    assert normalise(reply(), Reply)[0]["parties"][0]["role"] is None
