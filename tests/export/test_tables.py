from __future__ import annotations

from collections import Counter

from summarizer.export.tables import KEYS, TABLES, article_rows
from summarizer.schema import Briefing, PloverType, ThreatMode
from tests.export.conftest import line_for


def _rows(briefing: Briefing | None, status: str = "ok") -> dict[str, list[dict[str, object]]]:
    tables: dict[str, list[dict[str, object]]] = {name: [] for name in TABLES}
    for table, row in article_rows(line_for("voa.txt", status), briefing, None):
        assert set(row) <= set(TABLES[table].names), f"{table} has columns outside its schema"
        tables[table].append(row)
    return tables


def test_every_item_and_piece_of_evidence_becomes_a_row(briefings: dict[str, Briefing]) -> None:
    briefing = briefings["voa-us-japan-2plus2.txt"]
    tables = _rows(briefing)

    assert len(tables["articles"]) == 1
    article = tables["articles"][0]
    assert article["article_id"] == "voa.txt"
    assert article["sha256"] == briefing.article.sha256
    assert article["date"] == "2024-08-02"
    assert [p["party_id"] for p in tables["parties"]] == [p.id for p in briefing.parties]
    assert len(tables["agreements"]) == len(briefing.agreements)
    assert len(tables["threats"]) == len(briefing.threats)
    assert len(tables["agreement_parties"]) == sum(
        len(set(a.party_ids)) for a in briefing.agreements
    )
    assert len(tables["threat_targets"]) == sum(len(set(t.target_ids)) for t in briefing.threats)
    assert len(tables["evidence"]) == len(briefing.evidence())


def test_keys_are_unique_and_stable(briefings: dict[str, Briefing]) -> None:
    briefing = briefings["voa-us-japan-2plus2.txt"]
    first, again = _rows(briefing), _rows(briefing.model_copy(deep=True))
    for table, key in KEYS.items():
        keys = [tuple(row[column] for column in key) for row in first[table]]
        assert len(keys) == len(set(keys)), f"{table}: repeated key"
        assert keys == [tuple(row[column] for column in key) for row in again[table]]
    assert [a["agreement_id"] for a in first["agreements"]] == [
        f"agreement-{n}" for n in range(1, len(briefing.agreements) + 1)
    ]


def test_evidence_rows_carry_offsets_that_cut_the_quote_from_the_article(
    briefings: dict[str, Briefing],
) -> None:
    from tests.digest.conftest import article_text

    text = article_text("voa-us-japan-2plus2.txt")
    evidence = _rows(briefings["voa-us-japan-2plus2.txt"])["evidence"]
    verified = [row for row in evidence if row["status"] != "unverified"]
    assert verified
    for row in verified:
        start, end = row["start_char"], row["end_char"]
        assert isinstance(start, int) and isinstance(end, int)
        assert text[start:end] == row["text"]
    assert Counter(row["item_type"] for row in evidence).keys() <= {"party", "agreement", "threat"}


def test_schema_1_1_fields_are_columns(briefings: dict[str, Briefing]) -> None:
    briefing = briefings["voa-us-japan-2plus2.txt"]
    party = briefing.parties[0].model_copy(update={"country_code": "USA", "cameo_code": "USAGOV"})
    threat = briefing.threats[0].model_copy(
        update={"plover_type": PloverType.THREATEN, "plover_mode": ThreatMode.VIOLENCE}
    )
    changed = briefing.model_copy(update={"parties": [party], "threats": [threat]})
    tables = _rows(changed)
    assert tables["parties"][0]["country_code"] == "USA"
    assert tables["parties"][0]["cameo_code"] == "USAGOV"
    assert tables["threats"][0]["plover_type"] == "THREATEN"
    assert tables["threats"][0]["plover_mode"] == "violence"


def test_an_input_without_briefing_is_an_article_row_with_its_status() -> None:
    tables = _rows(None, status="refused")
    assert tables["articles"] == [
        {
            "article_id": "voa.txt",
            "source": "voa.txt",
            "sha256": None,
            "status": "refused",
            "error": "the server refused",
        }
    ]
    assert not any(tables[name] for name in TABLES if name != "articles")
