"""The HTTP client every fetch goes through, against a local server."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from audio_edition import __version__, http


@pytest.fixture(scope="module")
def server():
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            seen.append(dict(self.headers.items()))
            if self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == "/moved":
                self.send_response(301)
                self.send_header("Location", "/small")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path in ("/small", "/big", "/undeclared"):
                body = b"x" * (100 if self.path == "/small" else 5000)
                self.send_response(200)
                if self.path == "/undeclared":
                    self.send_header("Connection", "close")
                    self.close_connection = True
                else:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_error(404)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()


def test_requests_name_the_tool_and_follow_a_redirect(server):
    url, seen = server
    with http.client() as session:
        assert http.get_bytes(session, url + "/moved") == b"x" * 100
    assert seen[-1]["User-Agent"] == f"audio-edition/{__version__} (+https://pypi.org/project/audio-edition/)"


def test_a_body_over_the_limit_is_an_error_whether_declared_or_not(server):
    url, _ = server
    with http.client() as session:
        assert len(http.get_bytes(session, url + "/big", max_bytes=5000)) == 5000
        for path in ("/big", "/undeclared"):
            with pytest.raises(http.NetworkError, match="larger than 4000 bytes") as err:
                http.get_bytes(session, url + path, max_bytes=4000)
            assert err.value.path == url + path


def test_errors_are_one_line_naming_the_url(server):
    url, _ = server
    with http.client() as session:
        with pytest.raises(http.NetworkError) as err:
            http.get_bytes(session, url + "/missing")
        assert err.value.format_message() == f"{url}/missing: HTTP 404 Not Found"
        with pytest.raises(http.NetworkError, match=f"more than {http.MAX_REDIRECTS} redirects"):
            http.get_bytes(session, url + "/loop")
        with pytest.raises(http.NetworkError, match="not an http:// or https:// URL"):
            http.get_bytes(session, "ftp://127.0.0.1/x")


def test_an_error_status_is_kept_and_a_timeout_is_described_with_the_clients_own(server):
    import httpx

    url, _ = server
    with http.client() as session:
        with pytest.raises(http.NetworkError) as err:
            http.get_bytes(session, url + "/missing")
    assert err.value.status == 404
    request = httpx.Request("GET", url, extensions={"timeout": {"read": 2.5, "connect": 1.0}})
    assert http.describe(httpx.ReadTimeout("x", request=request)) == \
        "the server stopped sending for 2.5 s"
    assert http.describe(httpx.ConnectTimeout("x", request=request)).startswith(
        "no connection within 1 s")
    assert http.describe(httpx.ReadTimeout("x")) == \
        f"the server stopped sending for {http.READ_TIMEOUT:g} s"


def test_a_source_is_a_url_when_it_has_a_scheme_and_a_path_otherwise():
    from audio_edition.http import is_url

    for url in ("https://example.org/feed.xml", " http://127.0.0.1:8000/a ", "feed+https://x"):
        assert is_url(url), url
    for path in ("articles/a.md", "./http:/x", "C:\\articles\\a.md", "mailto:x@example.org",
                 "", None, 3):
        assert not is_url(path), path
