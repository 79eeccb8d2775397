"""A page reader that crashes its process on a marked page, as lxml has in threads.

Worker processes import it by name (it must live in a module, not a test).
"""

from __future__ import annotations

import ctypes
import time

from summarizer.webpage import Page, read_page

CRASH = "<!-- crash the reader -->"
STALL = "<!-- stall the reader -->"


def crash_on_marker(html: str, *, source: str, url: str | None = None) -> Page:
    """:func:`read_page`, except that a page holding :data:`CRASH` segfaults the process
    and one holding :data:`STALL` never ends."""
    if CRASH in html:
        ctypes.string_at(0)  # a read of address 0: SIGSEGV
    if STALL in html:
        time.sleep(3600)
    return read_page(html, source=source, url=url)
