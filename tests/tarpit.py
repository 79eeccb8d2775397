"""A server that answers a byte at a time, each byte well within any read timeout.

It stands for the hostile or broken servers (tarpits, stalled proxies) that hold a client
forever while never letting a read time out. It binds 127.0.0.1, answers each connection
in a thread, and stops by itself after ``lifetime`` seconds.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

HEADERS = b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n" + b"x-padding: " + b"a" * 100_000


@contextmanager
def tarpit(
    *,
    interval: float = 0.05,
    lifetime: float = 30.0,
    on_connect: Callable[[], None] | None = None,
) -> Iterator[str]:
    """Serve on 127.0.0.1; yields the base URL. Headers come one byte per ``interval``.

    ``on_connect`` is called as each connection is accepted.
    """
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()
    ends = time.monotonic() + lifetime

    def trickle(connection: socket.socket) -> None:
        with connection:
            connection.settimeout(1.0)
            try:
                connection.recv(65536)
                for index in range(len(HEADERS)):
                    if stop.is_set() or time.monotonic() > ends:
                        return
                    connection.sendall(HEADERS[index : index + 1])
                    time.sleep(interval)
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set() and time.monotonic() < ends:
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if on_connect is not None:
                on_connect()
            threading.Thread(target=trickle, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()
