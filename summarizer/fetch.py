"""Fetching an article page over HTTP(S), within a time limit, a size cap and few redirects.

The time limit bounds the whole fetch, however slowly the server sends its headers or
body (see :mod:`summarizer.httpclient`). With ``allow_private=False`` the page may not
be on a loopback, link-local or private address, nor redirect to one.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx2

from summarizer._version import __version__
from summarizer.errors import FetchError, InputTooLarge, UnsupportedSource
from summarizer.httpclient import Client, PrivateAddress

DEFAULT_TIMEOUT = 30.0
"""Seconds a whole fetch may take, connection and every read included."""

MAX_REDIRECTS = 5
"""Redirects followed before a fetch fails."""

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
_UNTYPED = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"


@dataclass(frozen=True)
class Fetched:
    """A page as the server sent it."""

    url: str
    """Where the page was found, after redirects."""
    content: bytes
    media_type: str | None
    """``text/html``, ``text/plain`` and the like; ``None`` when the server did not say."""
    charset: str | None
    """The charset the server declared, if any."""


def fetch_url(
    url: str,
    *,
    max_bytes: int,
    timeout: float = DEFAULT_TIMEOUT,
    max_redirects: int = MAX_REDIRECTS,
    allow_private: bool = True,
) -> Fetched:
    """GET ``url``, following at most ``max_redirects`` redirects, within ``timeout`` seconds.

    Reads at most ``max_bytes + 1`` bytes. Raises :class:`FetchError` when the page cannot
    be fetched in time (or is on a non-public address and ``allow_private`` is false),
    :class:`UnsupportedSource` when it is not HTML or text and :class:`InputTooLarge`
    when it is over ``max_bytes``.
    """
    headers = {"User-Agent": f"briefing/{__version__}", "Accept": _ACCEPT}
    try:
        with (
            Client(
                deadline=timeout,
                allow_private=allow_private,
                follow_redirects=True,
                max_redirects=max_redirects,
                timeout=timeout,
                headers=headers,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = f" {response.reason_phrase}" if response.reason_phrase else ""
                raise FetchError(f"{url}: the server answered HTTP {response.status_code}{reason}")
            media_type, charset = _content_type(response.headers.get("content-type", ""))
            if media_type not in HTML_TYPES | TEXT_TYPES | _UNTYPED:
                raise UnsupportedSource(
                    f"{url}: the server sent {media_type}, not an HTML page or text"
                )
            _check_length(url, response.headers.get("content-length"), max_bytes)
            content = _read_capped(response, url, max_bytes)
            final = str(response.url)
    except PrivateAddress as exc:
        raise FetchError(f"{url}: not fetched: {exc}; see --allow-private-urls") from None
    except httpx2.TooManyRedirects:
        raise FetchError(f"{url}: more than {max_redirects} redirects") from None
    except httpx2.TimeoutException:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from None
    except httpx2.UnsupportedProtocol as exc:
        raise FetchError(f"{url}: cannot follow the server to an unsupported URL ({exc})") from None
    except (httpx2.HTTPError, httpx2.InvalidURL) as exc:
        raise FetchError(f"{url}: {_describe(exc)}") from None
    return Fetched(
        url=final,
        content=content,
        media_type=None if media_type in _UNTYPED else media_type,
        charset=charset,
    )


def _content_type(header: str) -> tuple[str, str | None]:
    """``(media type, charset)`` of a Content-Type header, the type lower-cased."""
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _check_length(url: str, header: str | None, max_bytes: int) -> None:
    if header and header.strip().isdigit() and int(header) > max_bytes:
        raise InputTooLarge(
            f"{url}: the page is {int(header):,} bytes, over the {max_bytes:,}-byte limit"
        )


def _read_capped(response: httpx2.Response, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputTooLarge(f"{url}: the page is over the {max_bytes:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(exc: Exception) -> str:
    if isinstance(exc, httpx2.ConnectError):
        return f"cannot connect ({exc})" if str(exc) else "cannot connect"
    if isinstance(exc, httpx2.DecodingError):
        return "the server sent a body that cannot be decompressed"
    return f"the fetch failed ({type(exc).__name__}: {exc})" if str(exc) else type(exc).__name__
