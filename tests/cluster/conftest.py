"""A local Ray cluster (2 CPUs, small object store) shared by the tests of this folder."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
import ray


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Start the cluster once (its files in a temporary folder); every run_ray joins it."""
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "error")
    ray.init(
        num_cpus=2,
        _temp_dir=str(tmp_path_factory.mktemp("ray")),
        object_store_memory=200 * 1024 * 1024,
        include_dashboard=False,
        logging_level=logging.WARNING,
        log_to_driver=False,
    )
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    yield
    ray.shutdown()


def mapper_pids() -> list[int]:
    """Processes of this machine running a BriefingMapper actor."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"MapBatches(BriefingMapper)" in command:
            pids.append(int(entry.name))
    return pids


def kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
