"""Running a script in a private mount namespace, for tests about devices, pipes and mounts.

The script runs as a subprocess of ``unshare --mount`` (as root) or ``unshare -r --mount``
(as anyone else, in a user namespace), with a fresh tmpfs over the test's own folder and
another over ``/dev``: in it, ``/dev/stdout``, ``/dev/stderr`` and ``/dev/fd`` lead
to the process's descriptors as usual, and ``/dev/null`` is a null device node made there
(only as root; elsewhere it is missing). Whatever the script does to them, the machine's
own ``/dev`` and files are never touched: the mounts vanish with the namespace.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

_SETUP = """
set -e
mount -t tmpfs briefing-test "$1"
mount -t tmpfs briefing-dev /dev
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
if [ "$2" = root ]; then mknod -m 666 /dev/null c 1 3; fi
cd "$1"
shift 2
exec "$@"
"""


@functools.cache
def _unshare() -> list[str] | None:
    """The ``unshare`` command that works here, or ``None``."""
    if shutil.which("unshare") is None or sys.platform != "linux":
        return None
    command = ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "-r", "--mount"]
    probe = subprocess.run([*command, "true"], capture_output=True, check=False)
    return command if probe.returncode == 0 else None


def has_null_device() -> bool:
    """Whether scripts get a ``/dev/null`` (root only: a user namespace cannot make nodes)."""
    return os.geteuid() == 0


def run_private(
    folder: Path, script: str, *, timeout: float = 60, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the Python ``script`` in a private mount namespace, in ``folder`` (emptied).

    ``folder`` is the script's working folder, on a tmpfs of its own: what the script
    writes there is gone when it ends. Skips the test where namespaces are not allowed.
    """
    command = _unshare()
    if command is None:
        pytest.skip("private mount namespaces are not available here (unshare)")
    role = "root" if has_null_device() else "user"
    return subprocess.run(
        [*command, "sh", "-c", _SETUP, "sh", str(folder), role, sys.executable, "-c", script],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
