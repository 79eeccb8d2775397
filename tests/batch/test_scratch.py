from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from summarizer.batch.scratch import DiskSequence


def test_a_disk_sequence_keeps_order_or_sorts_by_key() -> None:
    words = ["pear", "apple", "\u00e9clair", "fig", "apple"]
    kept = DiskSequence(iter(words), encode=json.dumps, decode=json.loads)
    assert list(kept) == words and len(kept) == 5
    ordered = DiskSequence(iter(words), encode=json.dumps, decode=json.loads, key=str)
    assert list(ordered) == sorted(words)
    assert (
        ordered[0] == "apple"
        and ordered[-1] == "\u00e9clair"
        and ordered[1:3]
        == [
            "apple",
            "fig",
        ]
    )
    with pytest.raises(IndexError):
        ordered[5]


def test_a_disk_sequence_pages_through_many_values() -> None:
    many = DiskSequence(range(5000), encode=str, decode=int)
    assert sum(many) == sum(range(5000)) and many[4321] == 4321


def test_a_read_that_never_returns_holds_neither_the_loop_nor_the_process() -> None:
    script = (
        "import asyncio, time\n"
        "from summarizer.batch.threads import DaemonThreads\n"
        "async def main():\n"
        "    try:\n"
        "        await asyncio.wait_for(DaemonThreads().run(time.sleep, 3600), 0.2)\n"
        "    except TimeoutError:\n"
        "        print('abandoned')\n"
        "asyncio.run(main())\n"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert done.stdout.decode().strip() == "abandoned", done.stderr.decode()
    assert time.monotonic() - started < 30
