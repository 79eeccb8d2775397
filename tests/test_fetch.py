from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer import httpclient
from summarizer.errors import FetchError, InputTooLarge, UnsupportedSource
from summarizer.fetch import fetch_url
from summarizer.testing import Reply, Request
from tests.pageserver import html, serve_pages
from tests.tarpit import tarpit

STORY = (
    Path(__file__).resolve().parent.parent / "fixtures/pages/polygraph-rukban.html"
).read_bytes()
CAP = 1_000_000


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    routes = {
        "/story": html(STORY),
        "/plain": html("Ministers met in Tokyo.", "text/plain; charset=iso-8859-1"),
        "/untyped": Reply(body=b"Ministers met in Tokyo.", headers={"content-type": ""}),
        "/moved": Reply(status=301, headers={"location": "/story"}),
        "/hop1": Reply(status=302, headers={"location": "/moved"}),
        "/loop": Reply(status=302, headers={"location": "/loop"}),
        "/to-ftp": Reply(status=302, headers={"location": "ftp://127.0.0.1/story"}),
        "/gone": Reply(status=410, body="gone"),
        "/broken": Reply(status=500, body="oops"),
        "/report.pdf": Reply(body=b"%PDF-1.7", headers={"content-type": "application/pdf"}),
        "/huge": html(b"<p>" + b"a" * (CAP + 10) + b"</p>"),
        "/bomb": Reply(
            body=gzip.compress(b"<p>" + b"a" * (CAP * 3)),
            headers={"content-type": "text/html", "content-encoding": "gzip"},
        ),
        "/slow": Reply(body=b"late", headers={"content-type": "text/html"}, delay=3.0),
        "/cut": Reply(body=STORY, headers={"content-type": "text/html"}, drop_after=1000),
    }
    with serve_pages(routes) as root:
        yield root


def test_fetches_a_page(site: str) -> None:
    fetched = fetch_url(f"{site}/story", max_bytes=CAP)
    assert fetched.content == STORY
    assert fetched.media_type == "text/html"
    assert fetched.charset == "utf-8"
    assert fetched.url == f"{site}/story"


def test_text_and_its_charset(site: str) -> None:
    fetched = fetch_url(f"{site}/plain", max_bytes=CAP)
    assert (fetched.media_type, fetched.charset) == ("text/plain", "iso-8859-1")


def test_a_page_without_a_type_is_left_to_sniffing(site: str) -> None:
    assert fetch_url(f"{site}/untyped", max_bytes=CAP).media_type is None


def test_follows_redirects_and_reports_where_it_landed(site: str) -> None:
    fetched = fetch_url(f"{site}/hop1", max_bytes=CAP)
    assert fetched.url == f"{site}/story"
    assert fetched.content == STORY


def test_too_many_redirects(site: str) -> None:
    with pytest.raises(FetchError, match="more than 1 redirects"):
        fetch_url(f"{site}/hop1", max_bytes=CAP, max_redirects=1)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_url(f"{site}/loop", max_bytes=CAP)


def test_a_redirect_to_another_scheme_is_refused(site: str) -> None:
    with pytest.raises(FetchError, match="unsupported URL"):
        fetch_url(f"{site}/to-ftp", max_bytes=CAP)


@pytest.mark.parametrize(
    ("path", "status"), [("/gone", "410 Gone"), ("/broken", "500"), ("/nope", "404")]
)
def test_http_errors(site: str, path: str, status: str) -> None:
    with pytest.raises(FetchError, match=f"answered HTTP {status}"):
        fetch_url(f"{site}{path}", max_bytes=CAP)


def test_other_content_types_are_refused(site: str) -> None:
    with pytest.raises(UnsupportedSource, match="sent application/pdf, not an HTML page or text"):
        fetch_url(f"{site}/report.pdf", max_bytes=CAP)


def test_a_declared_length_over_the_cap_is_refused_before_reading(site: str) -> None:
    with pytest.raises(InputTooLarge, match=r"1,000,017 bytes, over the 1,000,000-byte limit"):
        fetch_url(f"{site}/huge", max_bytes=CAP)


def test_the_cap_holds_while_streaming_a_body_that_grows_when_decompressed(site: str) -> None:
    with pytest.raises(InputTooLarge, match="over the 1,000,000-byte limit"):
        fetch_url(f"{site}/bomb", max_bytes=CAP)


def test_timeout(site: str) -> None:
    with pytest.raises(FetchError, match="no answer within 0.3 s"):
        fetch_url(f"{site}/slow", max_bytes=CAP, timeout=0.3)


def test_a_connection_dropped_mid_body(site: str) -> None:
    with pytest.raises(FetchError, match="/cut: "):
        fetch_url(f"{site}/cut", max_bytes=CAP)


def test_nothing_listening() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="cannot connect"):
        fetch_url(f"http://127.0.0.1:{port}/story", max_bytes=CAP)


def test_sends_a_user_agent_and_asks_for_html(site: str) -> None:
    routes_seen: list[dict[str, str]] = []
    from summarizer.testing import FakeServer

    def handler(request: Request) -> Reply:
        routes_seen.append(dict(request.headers))
        return html(STORY)

    with FakeServer(handler, lifetime=60) as server:
        fetch_url(server.base_url, max_bytes=CAP)
    assert routes_seen[0]["user-agent"].startswith("briefing/")
    assert routes_seen[0]["accept"].startswith("text/html")


def test_headers_trickled_a_byte_at_a_time_end_the_fetch_at_its_deadline() -> None:
    with tarpit(interval=0.05, lifetime=20) as root:
        started = time.monotonic()
        with pytest.raises(FetchError, match="no answer within 0.5 s"):
            fetch_url(f"{root}/story", max_bytes=CAP, timeout=0.5)
        assert time.monotonic() - started < 5, "held past its deadline"


def test_a_body_trickled_a_byte_at_a_time_ends_at_the_deadline() -> None:
    from summarizer.testing import FakeServer

    body = b"<p>" + b"a" * 10_000 + b"</p>"
    with FakeServer(lambda _request: _trickled(body), lifetime=30) as server:
        started = time.monotonic()
        with pytest.raises(FetchError, match="no answer within 0.5 s"):
            fetch_url(server.base_url, max_bytes=CAP, timeout=0.5)
        assert time.monotonic() - started < 5


def _trickled(body: bytes) -> Reply:
    return Reply(body=body, headers={"content-type": "text/html"}, trickle=0.01)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "127.8.9.10"])
def test_non_public_addresses_are_refused_when_asked(host: str) -> None:
    with pytest.raises(FetchError, match="non-public address.*--allow-private-urls"):
        fetch_url(f"http://{host}:9/story", max_bytes=CAP, allow_private=False)


def test_a_redirect_to_a_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.testing import FakeServer

    monkeypatch.setattr(httpclient, "is_public", lambda address: address == "127.0.0.1")
    seen: list[str] = []

    def handler(request: Request) -> Reply:
        seen.append(request.path)
        return Reply(status=302, headers={"location": f"http://127.0.0.2:{port}/inside"})

    with FakeServer(handler, lifetime=30) as server:
        port = server.base_url.split(":")[2].split("/")[0]
        with pytest.raises(FetchError, match=r"127\.0\.0\.2 is at a non-public address"):
            fetch_url(f"http://127.0.0.1:{port}/start", max_bytes=CAP, allow_private=False)
    assert seen == ["/start"]


def test_the_address_connected_to_is_checked_too(
    monkeypatch: pytest.MonkeyPatch, site: str
) -> None:
    # a name that resolves to a public address when checked, a private one when connecting
    monkeypatch.setattr(httpclient, "_refuse_private_host", lambda _request: None)
    with pytest.raises(FetchError, match=r"reached a non-public address \(127\.0\.0\.1\)"):
        fetch_url(f"{site}/story", max_bytes=CAP, allow_private=False)


def test_public_and_private_addresses() -> None:
    public = ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"]
    private = [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "224.0.0.1",
        "fe80::1%eth0",
    ]
    assert all(httpclient.is_public(address) for address in public)
    assert not any(httpclient.is_public(address) for address in private)
