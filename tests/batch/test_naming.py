from __future__ import annotations

from summarizer.batch.naming import OutputNames, safe_component


def test_names_mirror_the_input_path() -> None:
    names = OutputNames()
    assert names.claim("2024/05/Talks in Manila.txt", "2024/05/Talks in Manila") == (
        "2024/05/Talks in Manila.json"
    )
    assert names.claim("a.txt", "a") == "a.json"


def test_clashes_get_a_stable_hash_of_the_id() -> None:
    names = OutputNames()
    first = names.claim("a.md", "a")
    second = names.claim("a.txt", "a")
    third = names.claim("A.txt", "A")
    assert first == "a.json"
    assert second.startswith("a-") and second.endswith(".json") and len(second) == len("a-") + 13
    assert third.startswith("A-") and third != second
    again = OutputNames()
    again.claim("a.md", "a")
    assert again.claim("a.txt", "a") == second, "the same inputs get the same names"


def test_names_from_an_earlier_run_are_kept() -> None:
    names = OutputNames()
    names.keep("a.txt", "a.json")
    assert names.claim("a.md", "a") != "a.json"
    assert names.claim("a.txt", "a") == "a.json"


def test_reserved_top_level_names_are_never_given() -> None:
    names = OutputNames()
    assert names.claim("manifest.txt", "manifest").startswith("manifest-")
    assert names.claim("Digest.md", "Digest").startswith("Digest-")
    assert names.claim("sub/manifest.txt", "sub/manifest") == "sub/manifest.json"
    assert names.claim("index/a.txt", "index/a") == "index/a.json"
    assert names.claim("manifest.jsonl/a.txt", "manifest.jsonl/a") == "manifest.jsonl_/a.json"
    assert names.claim("x.json/a.txt", "x.json/a") == "x.json_/a.json"


def test_unsafe_names_are_made_safe() -> None:
    names = OutputNames()
    assert names.claim("r1", 'a:b*c?"d<e>|f') == "a_b_c__d_e__f.json"
    assert names.claim("r2", "../../etc/passwd") == "etc/passwd.json"
    assert names.claim("r3", "..hidden") == "hidden.json"
    assert names.claim("r4", "CON") == "_CON.json"
    assert names.claim("r5", "") == "_.json"
    assert names.claim("r6", "tab\there") == "tab_here.json"
    long = names.claim("r7", "é" * 200)
    assert len(long.encode()) <= 150 + len(".json") and long.endswith(".json")


def test_safe_component_keeps_unicode_words() -> None:
    assert safe_component("Déclaration de Séoul (2024)") == "Déclaration de Séoul (2024)"
    assert safe_component("北京 会谈") == "北京 会谈"
