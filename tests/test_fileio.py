from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.fileio import atomic_writer, remove_leftovers, write_atomic
from tests.namespace import has_null_device, run_private

ARTICLE = (
    "GENEVA - Iran and the IAEA agreed on Monday to restore monitoring cameras at "
    "three nuclear sites, the agency's director said after talks in Tehran."
)


def test_a_file_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "lines.jsonl"
    with atomic_writer(path) as out:
        out.write(b"one\n")
        assert not path.exists(), "nothing at the path until the block ends"
        out.write(b"two\n")
    assert path.read_bytes() == b"one\ntwo\n"
    with pytest.raises(RuntimeError), atomic_writer(path) as out:
        out.write(b"half")
        raise RuntimeError("killed halfway")
    assert path.read_bytes() == b"one\ntwo\n"
    write_atomic(path, "three\n")
    assert path.read_text() == "three\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["lines.jsonl"]


@pytest.fixture
def umask_002() -> Iterator[None]:
    previous = os.umask(0o002)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("umask_002")
def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path: Path) -> None:
    write_atomic(tmp_path / "briefing.json", "{}\n")
    with atomic_writer(tmp_path / "lines.jsonl") as out:
        out.write(b"{}\n")
    for name in ("briefing.json", "lines.jsonl"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o664, name


@pytest.mark.usefixtures("umask_002")
def test_a_file_replaced_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "briefing.json"
    path.write_text("old\n")
    path.chmod(0o640)
    write_atomic(path, "new\n")
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_symbolic_link_is_followed_and_left_a_link(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    target = tmp_path / "shared" / "briefing.json"
    target.write_text("old\n")
    link = tmp_path / "latest.json"
    link.symlink_to(Path("shared") / "briefing.json")
    hop = tmp_path / "hop.json"
    hop.symlink_to(link)
    write_atomic(hop, "new\n")
    assert hop.is_symlink() and link.is_symlink()
    assert target.read_text() == "new\n"
    dangling = tmp_path / "next.json"
    dangling.symlink_to(tmp_path / "shared" / "next.json")
    write_atomic(dangling, "first\n")
    assert dangling.is_symlink()
    assert (tmp_path / "shared" / "next.json").read_text() == "first\n"
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == [
        "briefing.json",
        "next.json",
    ]


def test_a_loop_of_links_fails_with_an_os_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OSError, match="symbolic links"):
        write_atomic(tmp_path / "a", "x")


def test_leftovers_go_only_when_theirs_and_their_writer_is_gone(tmp_path: Path) -> None:
    dead = tmp_path / ".a.json.0123456789ab.briefing.tmp"
    dead.write_text("half")
    foreign = [tmp_path / ".notes.txt.tmp", tmp_path / ".a.json.x1.tmp", tmp_path / "b.tmp"]
    for path in foreign:
        path.write_text("theirs")
    with atomic_writer(tmp_path / "c.json") as out:
        out.write(b"being written")
        live = [p for p in tmp_path.iterdir() if p.name.startswith(".c.json.")]
        assert len(live) == 1
        assert remove_leftovers(tmp_path) == 1, "only the dead writer's file"
        assert live[0].exists()
    assert not dead.exists()
    assert all(path.read_text() == "theirs" for path in foreign)
    assert (tmp_path / "c.json").read_bytes() == b"being written"


_SPECIAL_FILES = r"""
import json, os, stat, sys, threading
from pathlib import Path
from summarizer.fileio import write_atomic

results = {}

def check(name, path, read, kind):
    got = []
    reader = threading.Thread(target=lambda: got.append(read()), daemon=True)
    reader.start()
    try:
        write_atomic(Path(path), "briefing\n")
    except OSError as exc:
        results[name] = f"error: {exc}"
        return
    reader.join(5)
    still = kind(os.stat(path).st_mode)
    results[name] = {"read": got[0].decode() if got else None, "same kind": still}

os.mkfifo("fifo")
check("fifo", "fifo", lambda: open("fifo", "rb").read(), stat.S_ISFIFO)
inside, outside = os.pipe()
check(
    "pipe", f"/dev/fd/{outside}",
    lambda: os.read(inside, 100),
    stat.S_ISFIFO,
)
if os.path.exists("/dev/null"):
    check("device", "/dev/null", lambda: b"", stat.S_ISCHR)
    results["device still null"] = stat.S_ISCHR(os.stat("/dev/null").st_mode)
print(json.dumps(results))
"""


def test_devices_pipes_and_fifos_are_written_in_place(tmp_path: Path) -> None:
    done = run_private(tmp_path, _SPECIAL_FILES)
    assert done.returncode == 0, done.stderr.decode()
    results = json.loads(done.stdout)
    assert results["fifo"] == {"read": "briefing\n", "same kind": True}
    assert results["pipe"] == {"read": "briefing\n", "same kind": True}
    if has_null_device():
        assert results["device"] == {"read": "", "same kind": True}
        assert results["device still null"]


_STDOUT = r"""
import json, subprocess, sys
from pathlib import Path

def summarize(output, stdout):
    command = [sys.executable, "-m", "summarizer", "summarize", "a.txt", "--engine",
               "offline", "-o", output, "--format", "json"]
    subprocess.run(command, check=True, stdout=stdout)

Path("log").write_text("earlier line\n")
with open("log", "ab") as log:
    summarize("/dev/stdout", log)
summarize("/dev/stdout", None)
print(json.dumps(Path("log").read_text()))
"""


def test_output_to_dev_stdout_goes_down_the_pipe_or_is_appended(tmp_path: Path) -> None:
    script = f"from pathlib import Path\nPath('a.txt').write_text({ARTICLE!r})\n" + _STDOUT
    done = run_private(tmp_path, script, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    piped, _, logged = done.stdout.decode().rpartition("\n}\n")
    assert json.loads(piped + "\n}")["schema_version"]
    log = json.loads(logged)
    assert log.startswith("earlier line\n{"), "appended to, not replaced or truncated"
    assert json.loads(log.removeprefix("earlier line\n"))["schema_version"]
