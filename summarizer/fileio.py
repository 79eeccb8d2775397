"""Writing files so that a reader sees the whole file or none of it, and nothing else is hurt.

A regular file (or a path where nothing is yet) is written to a temporary file beside it,
flushed to disk and renamed into place: a crash leaves the old file or the new one, never
half of it. Anything else at the path (a device such as ``/dev/null``, a named pipe) is
opened and written in place, as a shell's ``>`` would, and ``/dev/stdout``,
``/dev/stderr`` or ``/dev/fd/N`` is written through the descriptor itself (a pipe, a
terminal, or a file opened for appending stays appended to). A symbolic link is
followed and its target written, the link left as it is.

New files get the permissions the umask allows (``0666 & ~umask``), as ``cp`` gives
them; a file replaced keeps its mode, and its owner where the system lets us.

Temporary files are named ``.NAME.<12 hex digits>.briefing.tmp`` and locked while they
are written; :func:`remove_leftovers` deletes, in one folder, those whose writer died
(their lock went with it) and nothing else.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

if sys.platform != "win32":
    import fcntl

TEMPORARY_SUFFIX = ".briefing.tmp"
_LEFTOVER = re.compile(r"^\..+\.[0-9a-f]{12}\.briefing\.tmp$")
_IN_PLACE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
_MAX_LINKS = 40
"""Symbolic links followed before a path counts as a loop, as the system counts them."""


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path``: whole or not at all; see the module."""
    with atomic_writer(path) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A binary file that appears at ``path``, complete, only when the block ends well.

    For files written piece by piece (thousands of JSONL lines), as :func:`write_atomic`.
    A device, pipe or terminal at ``path`` is written in place, as it comes.

    Raises:
        OSError: the folder cannot be made or written, the path is a folder, a loop of
            links, or the disk is full.
    """
    landing = _landing(path)
    if not isinstance(landing, Path):
        with os.fdopen(
            os.dup(landing) if landing is not None else os.open(path, _IN_PLACE, 0o666), "wb"
        ) as handle:
            yield handle
        return
    landing.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = _create_temporary(landing)
    try:
        with os.fdopen(fd, "wb") as handle:
            _take_over(handle.fileno(), landing)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            os.replace(temp, landing)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def file_landing(path: Path) -> Path:
    """Where a file written to ``path`` lands: ``path``, its symbolic links followed.

    For files another library writes itself (a database), then put in place with
    :func:`move_into_place`.

    Raises:
        OSError: ``path`` is a device, a pipe or a terminal (nothing a file could
            replace), or a loop of links.
    """
    landing = _landing(path)
    if not isinstance(landing, Path):
        raise OSError(errno.EINVAL, "not a regular file (a device or a pipe)", str(path))
    return landing


def move_into_place(finished: Path, landing: Path) -> None:
    """Rename the complete file ``finished`` onto ``landing`` (from :func:`file_landing`).

    ``finished`` lies in ``landing``'s folder; it takes the mode (and owner, where the
    system lets us) of the file it replaces, as :func:`atomic_writer` does.
    """
    fd = os.open(finished, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        _take_over(fd, landing)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(finished, landing)


def remove_leftovers(folder: Path) -> int:
    """Delete the temporary files of writers that died in ``folder`` (not below it).

    A temporary file still being written (locked by its writer) and any file this module
    did not name are left alone. Returns how many were deleted.
    """
    try:
        names = [entry.name for entry in os.scandir(folder) if _LEFTOVER.match(entry.name)]
    except (FileNotFoundError, NotADirectoryError):
        return 0
    return sum(_remove_if_abandoned(folder / name) for name in names)


def _landing(path: Path) -> Path | int | None:
    """Where the renamed file lands, following links; else how to write ``path`` in place.

    A path that exists but is not a regular file is written in place (``None``); so is
    one whose links lead through ``/proc`` (a file some process has open, perhaps for
    appending, which a rename would not reach). One of our own descriptors
    (``/dev/stdout``, ``/dev/fd/3``) is written through a copy of it, as a shell does:
    its number is returned.
    """
    current = Path(os.path.abspath(path))
    for _ in range(_MAX_LINKS):
        folder = Path(os.path.realpath(current.parent))
        if folder == Path(f"/proc/{os.getpid()}/fd") and current.name.isdigit():
            return int(current.name)
        if folder.parts[1:2] == ("proc",):
            return None
        current = folder / current.name
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return current
        if stat.S_ISLNK(mode):
            current = folder / os.readlink(current)
            continue
        return current if stat.S_ISREG(mode) else None
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))


def _create_temporary(landing: Path) -> tuple[int, Path]:
    """A new, locked temporary file beside ``landing``, with the umask's permissions."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        temp = landing.with_name(f".{landing.name}.{secrets.token_hex(6)}{TEMPORARY_SUFFIX}")
        fd = os.open(temp, flags, 0o666)
        if sys.platform == "win32":
            return fd, temp
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:  # not taken for a leftover between its creation and lock
            return fd, temp
        os.close(fd)


def _take_over(fd: int, landing: Path) -> None:
    """Give the new file the mode (and owner, if allowed) of the file it replaces."""
    try:
        old = os.stat(landing)
    except FileNotFoundError:
        return
    if sys.platform == "win32":
        return
    if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):
            os.fchown(fd, old.st_uid, old.st_gid)
    os.fchmod(fd, stat.S_IMODE(old.st_mode))


def _remove_if_abandoned(path: Path) -> bool:
    """Delete the temporary file at ``path`` unless a live writer holds its lock.

    It is deleted under the lock, so a writer that created it but had not locked it yet
    finds it gone and starts another.
    """
    if sys.platform == "win32":
        path.unlink(missing_ok=True)
        return True
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        path.unlink()
    except (BlockingIOError, FileNotFoundError):
        return False
    finally:
        os.close(fd)
    return True
