"""Daemon threads that run blocking calls (reads that may hang) for an event loop."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class DaemonThreads:
    """Threads that run calls for the event loop, and never hold the process at exit.

    Unlike ``asyncio.to_thread`` (whose threads the interpreter joins at exit), a call
    that never returns (a read that hangs) is abandoned by cancelling its await: the
    loop shuts down and the process exits all the same. Threads are reused; one is
    started whenever every thread is busy.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._idle = 0
        self._lock = threading.Lock()

    async def run(self, function: Callable[..., T], *args: object) -> T:
        """``function(*args)`` in one of the threads, awaited."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()

        def settle(result: T | None, error: BaseException | None) -> None:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)  # type: ignore[arg-type]

        def job() -> None:
            try:
                result, error = function(*args), None
            except BaseException as exc:  # handed to the awaiting task
                result, error = None, exc
            with contextlib.suppress(RuntimeError):  # the loop closed: no one waits any more
                loop.call_soon_threadsafe(settle, result, error)

        with self._lock:
            start = self._idle == 0
            self._idle -= 0 if start else 1
        self._jobs.put(job)
        if start:
            threading.Thread(target=self._serve, name="briefing-read", daemon=True).start()
        return await future

    def _serve(self) -> None:
        while True:
            self._jobs.get()()
            with self._lock:
                self._idle += 1
