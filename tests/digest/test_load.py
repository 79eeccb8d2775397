from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.digest import build_digest, digest_folder, load
from summarizer.errors import InputError, SourceNotFound
from summarizer.schema import SCHEMA_VERSION, Briefing
from tests.digest.conftest import ARTICLES, ok_line, write_batch
from tests.namespace import has_null_device, run_private

NAMES = list(ARTICLES)


def _skips(folder: Path) -> list[tuple[str, str]]:
    return [(s.path, s.reason) for s in digest_folder(folder).skipped]


def test_a_batch_folder_gives_the_digest_of_its_briefings(
    batch: Path, briefings: dict[str, Briefing]
) -> None:
    digest = digest_folder(batch)
    assert [a.file for a in digest.articles] == [f"{Path(n).stem}.json" for n in NAMES]
    expected = build_digest(briefings[name] for name in NAMES)
    for article in expected.articles:
        article.file = f"{Path(article.info.source).stem}.json"
    assert digest == expected
    assert digest.skipped == []


def test_the_manifest_decides_which_briefings_are_read(
    tmp_path: Path, briefings: dict[str, Briefing]
) -> None:
    access, blinken, command, voa = (briefings[n] for n in NAMES)
    lines = [
        ok_line(NAMES[3], voa),
        {"id": "missing", "source": "gone.txt", "status": "failed", "error": "no such file"},
        {**ok_line(NAMES[2], command), "status": "failed", "error": "HTTP 500"},
        ok_line(NAMES[2], command),
        {**ok_line(NAMES[1], blinken), "status": "skipped", "output": None},
        {**ok_line(NAMES[0], access), "output": str(tmp_path / "out" / "access.json")},
        {"id": "late", "source": "late.txt", "status": "ok", "output": "late.json"},
        {"id": "odd", "source": "odd.txt", "status": "ok", "output": None},
    ]
    folder = write_batch(tmp_path / "out", {NAMES[3]: voa, NAMES[2]: command}, lines)
    (folder / "access.json").write_text(access.model_dump_json())
    (folder / "authored-blinken-north-korea.json").write_text(blinken.model_dump_json())
    with (folder / "manifest.jsonl").open("a") as manifest:
        manifest.write("{not json\n\n[1, 2]\n")
    digest = digest_folder(folder)
    assert [(a.id, a.file) for a in digest.articles] == [
        ("A1", "access.json"),
        ("A2", "authored-us-japan-command.json"),
        ("A3", "voa-us-japan-2plus2.json"),
    ]
    assert [(s.path, s.reason) for s in digest.skipped] == [
        ("manifest.jsonl line 9", "not a JSON object"),
        ("manifest.jsonl line 11", "not a JSON object"),
        ("gone.txt", "failed in the manifest: no such file"),
        (NAMES[1], "skipped in the manifest"),
        ("odd.txt", "ok in the manifest, but no output file is named"),
        ("late.json", "listed in the manifest, but missing"),
    ]


def test_without_a_manifest_every_json_file_is_read(
    tmp_path: Path, briefings: dict[str, Briefing]
) -> None:
    folder = write_batch(tmp_path / "out", {NAMES[3]: briefings[NAMES[3]]})
    nested = folder / "2024" / "07"
    nested.mkdir(parents=True)
    (nested / "command.json").write_text(briefings[NAMES[2]].model_dump_json())
    (folder / ".hidden.json").write_text("{}")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "x.json").write_text("{}")
    (folder / "notes.txt").write_text("not json")
    digest = digest_folder(folder)
    assert [a.file for a in digest.articles] == ["2024/07/command.json", "voa-us-japan-2plus2.json"]
    assert digest.skipped == []


def test_files_that_are_not_briefings_are_noted_and_skipped(
    tmp_path: Path, briefings: dict[str, Briefing]
) -> None:
    folder = write_batch(tmp_path / "out", {NAMES[3]: briefings[NAMES[3]]})
    (folder / "broken.json").write_text('{"headline": ')
    (folder / "latin1.json").write_bytes(b'{"headline": "caf\xe9"}')
    (folder / "other.json").write_text('{"hello": "world"}')
    (folder / "list.json").write_text("[1, 2, 3]")
    future = json.loads(briefings[NAMES[2]].model_dump_json())
    (folder / "future.json").write_text(json.dumps({**future, "schema_version": "2.0"}))
    half = {**future}
    del half["provenance"]
    (folder / "half.json").write_text(json.dumps(half))
    (folder / "digest.json").write_text(digest_folder(folder).model_dump_json())
    assert _skips(folder) == [
        ("broken.json", "not JSON (Expecting value, line 1)"),
        ("digest.json", "a digest, not a briefing"),
        ("future.json", f"briefing schema 2.0; this version reads {SCHEMA_VERSION}"),
        ("half.json", "not a briefing (provenance: Field required)"),
        ("latin1.json", "not UTF-8 text"),
        (
            "list.json",
            "not a briefing (document: Input should be a valid dictionary or instance of Briefing)",
        ),
        ("other.json", "not a briefing (headline: Field required, and 7 more problems)"),
    ]


def test_a_folder_without_briefings_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"empty: no briefings found$"):
        digest_folder(tmp_path / "empty")
    bad = tmp_path / "bad"
    bad.mkdir()
    for n in range(5):
        (bad / f"{n}.json").write_text("{}")
    with pytest.raises(InputError) as caught:
        digest_folder(bad)
    message = str(caught.value)
    assert message.startswith(f"{bad}: no briefings found (0.json: not a briefing (")
    assert message.count("not a briefing") == 3 and message.endswith("; …)")


def test_a_missing_folder_or_a_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFound, match="no such folder"):
        digest_folder(tmp_path / "nowhere")
    (tmp_path / "file.json").write_text("{}")
    with pytest.raises(InputError, match="is not a folder"):
        digest_folder(tmp_path / "file.json")


def test_a_newer_briefing_says_so_rather_than_not_a_briefing(
    tmp_path: Path, briefings: dict[str, Briefing]
) -> None:
    folder = write_batch(tmp_path / "out", {NAMES[3]: briefings[NAMES[3]]})
    newer = json.loads(briefings[NAMES[2]].model_dump_json())
    newer["schema_version"] = "1.9"
    newer["parties"][0]["stance"] = "hawkish"
    (folder / "newer.json").write_text(json.dumps(newer))
    assert _skips(folder) == [
        (
            "newer.json",
            f"briefing schema 1.9, newer than this version reads ({SCHEMA_VERSION}): "
            "upgrade briefing (parties.0.stance: Extra inputs are not permitted)",
        )
    ]


def test_a_briefing_too_large_to_be_one_is_skipped_unread(
    tmp_path: Path, briefings: dict[str, Briefing], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "MAX_BRIEFING_BYTES", 20_000)
    folder = write_batch(tmp_path / "out", {NAMES[0]: briefings[NAMES[0]]})
    huge = briefings[NAMES[3]].model_copy(update={"headline": "x" * 30_000})
    (folder / "huge.json").write_text(huge.model_dump_json())
    assert _skips(folder) == [("huge.json", "over 20,000 bytes, more than a briefing holds")]


def test_a_manifest_reads_nothing_outside_its_folder(
    tmp_path: Path, briefings: dict[str, Briefing]
) -> None:
    voa = briefings[NAMES[3]]
    (tmp_path / "elsewhere.json").write_text(briefings[NAMES[2]].model_dump_json())
    lines = [
        ok_line(NAMES[3], voa),
        {"id": "up", "source": "up.txt", "status": "ok", "output": "../elsewhere.json"},
        {"id": "abs", "source": "abs.txt", "status": "ok", "output": str(tmp_path / "e.json")},
    ]
    folder = write_batch(tmp_path / "out", {NAMES[3]: voa}, lines)
    digest = digest_folder(folder)
    assert digest.article_count == 1
    assert [(s.path, s.reason) for s in digest.skipped] == [
        ("up.txt", "its output lies outside the batch folder"),
        ("abs.txt", "its output lies outside the batch folder"),
    ]


_SPECIAL_FILES = r"""
import json, os, resource, stat, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000))
from summarizer.digest import digest_folder
from tests.digest.conftest import made_briefings, ok_line, write_batch

briefings = made_briefings()
name = sorted(briefings)[0]
lines = [ok_line(name, briefings[name])]
folder = write_batch(Path("out"), {name: briefings[name]})
os.mkfifo("out/pipe.json")
lines.append({"id": "pipe", "source": "pipe.txt", "status": "ok", "output": "pipe.json"})
if os.geteuid() == 0:
    os.mknod("out/zero.json", stat.S_IFCHR | 0o600, os.makedev(1, 5))
    lines.append({"id": "zero", "source": "zero.txt", "status": "ok", "output": "zero.json"})
(folder / "manifest.jsonl").write_text("\n".join(map(json.dumps, lines)) + "\n")
with_manifest = digest_folder(folder)
(folder / "manifest.jsonl").unlink()
without = digest_folder(folder)
print(json.dumps([[[s.path, s.reason] for s in d.skipped] for d in (with_manifest, without)]))
"""


def test_pipes_and_devices_are_skipped_never_read(tmp_path: Path) -> None:
    # An endless device or a pipe no one writes to would hang the digest or fill memory.
    done = run_private(tmp_path, _SPECIAL_FILES, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    with_manifest, without = json.loads(done.stdout)
    expected = [["pipe.json", "not a regular file"]]
    if has_null_device():
        expected.append(["zero.json", "not a regular file"])
    assert with_manifest == expected
    assert without == []
