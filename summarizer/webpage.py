"""Web pages: the main text of an article and its metadata, extracted by trafilatura.

Menus, comments, captions and footers are left out; what remains, one paragraph per
block of the page separated by blank lines, is the text evidence offsets refer to.

Malformed pages are read as far as they can be: a page nested deeper than the 256 levels
libxml2 parses by default is parsed again without that limit (up to 2,048 levels), and
a page on which trafilatura's metadata extraction trips is read for its text alone.

trafilatura and lxml keep state that is not safe to share between threads (pages read at
once in several threads have crashed the process), so a process reads one page at a
time. Inside :func:`isolated_extraction`, pages are read in worker processes instead,
several at once: a worker that crashes, or takes over ``timeout`` seconds, fails the one
page it was reading, and another takes its place.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection

import lxml.html
import trafilatura

from summarizer.errors import BriefingError, NoArticleText, UnreadableSource

MIN_PARAGRAPH_WORDS = 8
"""A page counts as an article only if some paragraph has at least this many words;
otherwise what was extracted is a menu or a list of links."""

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(
    r"<(?:p|div|article|section|span|a|br|h[1-6]|meta|title|script)\b[^>]*>", re.I
)
_WORD = re.compile(r"\w+")
_SNIFF_CHARS = 2048
MAX_DEPTH = 2048
"""Deepest nesting of elements libxml2 parses, even without its default limit of 256."""

PAGE_TIMEOUT = 120.0
"""Seconds a worker process may spend on one page before it is stopped."""
START_TIMEOUT = 120.0
"""Seconds a worker process may take to start (its libraries imported), apart from the
page's own :data:`PAGE_TIMEOUT`: a loaded machine is slow to start one."""

log = logging.getLogger("summarizer")
_one_at_a_time = threading.Lock()

for _name in ("trafilatura", "htmldate", "courlan"):
    # their complaints about a page surface as NoArticleText; keep them off stderr
    # unless the application configures logging
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Page:
    """The article found in a web page, and what the page says of it."""

    text: str
    title: str | None
    date: str | None
    author: str | None
    site: str | None
    url: str | None


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document or fragment rather than plain text."""
    head = text[:_SNIFF_CHARS]
    return bool(_HTML_START.match(head)) or len(_HTML_TAGS.findall(head)) >= 3


def extract_page(html: str, *, source: str, url: str | None = None) -> Page:
    """The main article of ``html``; ``url`` is where it was fetched from, if known.

    Read in this process, one page at a time, or in a worker process inside
    :func:`isolated_extraction`.

    Raises:
        NoArticleText: the page holds no article text.
        UnreadableSource: the worker reading it crashed or ran out of time.
    """
    workers = _workers
    if workers is not None:
        return workers.extract(html, source, url)
    with _one_at_a_time:
        return read_page(html, source=source, url=url)


def read_page(html: str, *, source: str, url: str | None = None) -> Page:
    """What :func:`extract_page` does, here and now: not safe in two threads at once."""
    document = _extract(html, url, deep=False)
    paragraphs = _paragraphs(document)
    if not _is_article(paragraphs):
        document = _extract(html, url, deep=True)
        paragraphs = _paragraphs(document)
    if not _is_article(paragraphs):
        reason = f" (it nests elements over {MAX_DEPTH:,} deep)" if _too_deep(html) else ""
        raise NoArticleText(f"{source}: no article text found in the page{reason}")
    return Page(
        text="\n\n".join(paragraphs),
        title=_field(document, "title"),
        date=_field(document, "date"),
        author=_field(document, "author"),
        site=_field(document, "sitename"),
        url=url or _field(document, "url"),
    )


def _extract(html: str, url: str | None, *, deep: bool) -> object:
    """The page as trafilatura reads it, or ``None``; ``deep`` lifts the depth limit."""
    for with_metadata in (True, False):
        try:
            return trafilatura.bare_extraction(
                _deep_tree(html) if deep else html,
                url=url,
                with_metadata=with_metadata,
                include_comments=False,
                include_images=False,
                include_links=False,
                include_formatting=False,
                include_tables=True,
            )
        except Exception as exc:  # the libraries tripping on malformed markup
            log.debug("reading the page failed (%s: %s)", type(exc).__name__, exc)
    return None


def _deep_tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_deep_parser())


def _deep_parser() -> lxml.html.HTMLParser:
    """A parser as trafilatura configures it, without the 256-level depth limit."""
    return lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )


def _too_deep(html: str) -> bool:
    parser = _deep_parser()
    try:
        lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:  # an empty or unparsable document: not a matter of depth
        return False
    return any("Excessive depth" in error.message for error in parser.error_log)


def _paragraphs(document: object) -> list[str]:
    text = getattr(document, "text", None) or ""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _is_article(paragraphs: list[str]) -> bool:
    return any(len(_WORD.findall(p)) >= MIN_PARAGRAPH_WORDS for p in paragraphs)


def _field(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    return value.strip() or None if isinstance(value, str) else None


PageReader = Callable[..., Page]
"""What a worker runs on each page: :func:`read_page`, or a stand-in with its signature."""


@contextmanager
def isolated_extraction(
    processes: int, *, timeout: float = PAGE_TIMEOUT, reader: PageReader = read_page
) -> Iterator[None]:
    """Read pages in up to ``processes`` worker processes while the block runs.

    Workers start when the first page comes and stop when the block ends. Every thread's
    :func:`extract_page` uses them (the setting is the process's, as the libraries'
    state is); ``reader`` must be importable by the workers (a module-level function).
    """
    global _workers
    if _workers is not None:
        yield  # already isolated by an enclosing block
        return
    workers = _Workers(max(1, processes), timeout, reader)
    _workers = workers
    try:
        yield
    finally:
        _workers = None
        workers.close()


class _Workers:
    """Worker processes, each reading one page at a time; a crash costs its page only."""

    def __init__(self, processes: int, timeout: float, reader: PageReader) -> None:
        self._slots = threading.BoundedSemaphore(processes)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._timeout = timeout
        self._reader = reader

    def extract(self, html: str, source: str, url: str | None) -> Page:
        with self._slots:
            with self._lock:
                worker = self._idle.pop() if self._idle else None
            if worker is None:
                worker = _Worker(self._reader)
            try:
                page = worker.read(html, source, url, self._timeout)
            except BaseException:
                worker.stop()
                raise
            with self._lock:
                self._idle.append(worker)
            return page

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


class _Worker:
    def __init__(self, reader: PageReader) -> None:
        context = multiprocessing.get_context("spawn")  # forking a threaded process is unsafe
        self._connection, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child, reader), name="briefing-page-reader", daemon=True
        )
        self._process.start()
        child.close()
        self._started = False

    def read(self, html: str, source: str, url: str | None, timeout: float) -> Page:
        if not self._started:
            self._wait_for_start(source)
        self._connection.send((html, source, url))
        if not self._connection.poll(timeout):
            raise UnreadableSource(f"{source}: reading the page took over {timeout:g} s")
        try:
            kind, value = self._connection.recv()
        except (EOFError, OSError):
            self._process.join(1)
            raise UnreadableSource(
                f"{source}: the HTML reader crashed on this page ({_death(self._process)})"
            ) from None
        if kind == "error":
            raise value
        page: Page = value
        return page

    def _wait_for_start(self, source: str) -> None:
        """Wait until the worker says it is ready, so its start costs no page its time."""
        if not self._connection.poll(START_TIMEOUT):
            raise UnreadableSource(
                f"{source}: the HTML reader did not start within {START_TIMEOUT:g} s"
            )
        try:
            self._connection.recv()
        except (EOFError, OSError):
            self._process.join(1)
            raise UnreadableSource(
                f"{source}: the HTML reader crashed as it started ({_death(self._process)})"
            ) from None
        self._started = True

    def stop(self) -> None:
        self._connection.close()
        self._process.join(0.5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


def _serve(connection: Connection, reader: PageReader) -> None:
    """A worker's loop: read pages until the parent closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the batch decides what to stop
    connection.send(("ready", None))
    while True:
        try:
            html, source, url = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, object] = ("page", reader(html, source=source, url=url))
        except BriefingError as exc:
            reply = ("error", exc)
        except Exception as exc:  # the libraries failing otherwise: this page fails alone
            reply = ("error", UnreadableSource(f"{source}: cannot read the page ({exc})"))
        connection.send(reply)


def _death(process: multiprocessing.process.BaseProcess) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}" if code is not None else "it stopped answering"


_workers: _Workers | None = None
