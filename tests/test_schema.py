from __future__ import annotations

import json
import subprocess
import sys

from summarizer.schema import SCHEMA_VERSION, Briefing, Evidence, EvidenceStatus, Usage


def test_schema_imports_without_the_sdk_or_spacy() -> None:
    code = (
        "import sys; import summarizer.schema; "
        "bad = [m for m in ('openai', 'httpx2', 'spacy', 'trafilatura') if m in sys.modules]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_briefing_json_schema_is_versioned_and_closed() -> None:
    schema = Briefing.model_json_schema()
    assert schema["properties"]["schema_version"]["default"] == SCHEMA_VERSION
    assert schema["additionalProperties"] is False
    for name in ("Party", "Agreement", "Threat", "Evidence", "Provenance"):
        assert schema["$defs"][name]["additionalProperties"] is False
    assert set(schema["$defs"]["Evidence"]["properties"]) == {
        "quote",
        "start",
        "end",
        "text",
        "status",
        "score",
    }


def test_a_briefing_of_an_earlier_minor_version_reads() -> None:
    schema = Briefing.model_json_schema()
    provenance = schema["$defs"]["Provenance"]
    assert "served_model" in provenance["properties"]
    assert "served_model" not in provenance.get("required", []), "1.1 briefings lack it"


def test_usage_adds_up() -> None:
    total = Usage(prompt_tokens=1, completion_tokens=2, total_tokens=3) + Usage(
        prompt_tokens=10, completion_tokens=20, total_tokens=30
    )
    assert total == Usage(prompt_tokens=11, completion_tokens=22, total_tokens=33)


def test_evidence_round_trips_through_json() -> None:
    evidence = Evidence(
        quote="q", start=0, end=1, text="q", status=EvidenceStatus.EXACT, score=100.0
    )
    assert Evidence.model_validate(json.loads(evidence.model_dump_json())) == evidence
    assert evidence.verified
