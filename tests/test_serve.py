"""The server podcast apps and browsers talk to: types, HEAD, ranges, validators, gzip,
confinement, load, and slow or odd clients, over real sockets."""

from __future__ import annotations

import concurrent.futures as cf
import email.utils
import gzip
import http.client
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audio_edition import __version__
from audio_edition.serve import (HEADER_TIMEOUT, PodcastServer, RangeNotSatisfiable, parse_range,
                                 resolve)

SECRET = b"TOP-SECRET-OUTSIDE-THE-ROOT"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A served output folder, with a secret file beside it that must never be served."""
    base = tmp_path_factory.mktemp("site")
    root = base / "out"
    for folder in ("audio", "feed", "episodes", "embed", "assets"):
        (root / folder).mkdir(parents=True)
    (base / "secret.mp3").write_bytes(SECRET)
    (base / "secret.xml").write_bytes(SECRET)
    files = {
        "audio/ep.mp3": bytes(range(256)) * 400,
        "audio/ep.vtt": b"WEBVTT\n",
        "audio/ep.srt": b"1\n",
        "audio/ep.chapters.json": b"{}",
        "feed/feed.xml": b"<?xml version='1.0'?><rss>" + b"<item><title>t</title></item>" * 200
                         + b"</rss>",
        "audio/hundred.mp3": bytes(range(100)),
        "index.html": b"<!DOCTYPE html><title>All episodes</title>",
        "episodes/ep.html": b"<!DOCTYPE html><title>Episode</title>",
        "embed/ep.html": b"<!DOCTYPE html><title>Player</title>",
        "assets/audio-edition.css": b"body { margin: 0 }" * 20,
        "assets/audio-edition.js": b"document.title;" * 20,
        "feed/cover.png": b"\x89PNG",
        "feed/cover.jpg": b"\xff\xd8",
        "audio/Größe Fähre.mp3": b"umlauts",
        "audio/.hidden.mp3": SECRET,
        "edition.toml": SECRET,
        "empty.mp3": b"",
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    (root / "audio" / "outside.mp3").symlink_to(base / "secret.mp3")
    (root / "feed" / "up").symlink_to(base)
    (root / "audio" / "inside.mp3").symlink_to(root / "audio" / "ep.mp3")
    server = PodcastServer(root, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, files, server.server_address[1]
    server.shutdown()
    server.server_close()


def _request(port, method, target, headers=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, target, skip_host=False, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        conn.endheaders()
        res = conn.getresponse()
        return res.status, dict(res.getheaders()), res.read()
    finally:
        conn.close()


@pytest.mark.parametrize("path, media_type", [
    ("/audio/ep.mp3", "audio/mpeg"),
    ("/feed/feed.xml", "application/rss+xml"),
    ("/audio/ep.vtt", "text/vtt"),
    ("/audio/ep.srt", "application/x-subrip"),
    ("/audio/ep.chapters.json", "application/json"),
    ("/feed/cover.png", "image/png"),
    ("/feed/cover.jpg", "image/jpeg"),
    ("/index.html", "text/html; charset=utf-8"),
    ("/episodes/ep.html", "text/html; charset=utf-8"),
    ("/embed/ep.html", "text/html; charset=utf-8"),
    ("/assets/audio-edition.css", "text/css; charset=utf-8"),
    ("/assets/audio-edition.js", "text/javascript; charset=utf-8"),
])
def test_types_and_validators(site, path, media_type):
    root, files, port = site
    status, headers, body = _request(port, "GET", path)
    assert status == 200
    assert headers["Content-Type"] == media_type
    assert body == files[path[1:]]
    assert int(headers["Content-Length"]) == len(body)
    assert re.fullmatch(r'"[0-9a-f]+"', headers["ETag"])
    assert headers["Last-Modified"].endswith(" GMT")
    assert headers["Accept-Ranges"] == "bytes"


def test_head_has_the_headers_and_no_body(site):
    _, files, port = site
    status, headers, body = _request(port, "HEAD", "/audio/ep.mp3")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) == len(files["audio/ep.mp3"])


def test_percent_encoded_names(site):
    _, _, port = site
    status, _, body = _request(port, "GET", "/audio/Gr%C3%B6%C3%9Fe%20F%C3%A4hre.mp3")
    assert status == 200 and body == b"umlauts"


@pytest.mark.parametrize("header, first, last", [
    ("bytes=0-99", 0, 99),
    ("bytes=100-", 100, 102399),
    ("bytes=-500", 101900, 102399),
    ("bytes=102000-999999", 102000, 102399),
    ("bytes=0-0", 0, 0),
])
def test_ranges(site, header, first, last):
    _, files, port = site
    data = files["audio/ep.mp3"]
    status, headers, body = _request(port, "GET", "/audio/ep.mp3", {"Range": header})
    assert status == 206
    assert headers["Content-Range"] == f"bytes {first}-{last}/{len(data)}"
    assert body == data[first:last + 1]
    assert int(headers["Content-Length"]) == last - first + 1


@pytest.mark.parametrize("header", [
    "bytes=102400-", "bytes=999999-1000000", "bytes=-0", "bytes=5-2", "bytes=abc",
    "bytes=", "bytes=--5", "bytes=1-2-3", "nonsense", "bytes=" + "9" * 5000, "bytes=-",
])
def test_bad_ranges_are_416(site, header):
    _, files, port = site
    status, headers, body = _request(port, "GET", "/audio/ep.mp3", {"Range": header})
    assert status == 416, header
    assert headers["Content-Range"] == f"bytes */{len(files['audio/ep.mp3'])}"
    assert body == b""


def test_ranges_the_server_may_ignore(site):
    _, files, port = site
    for header in ("items=0-5", "bytes=0-1,5-6"):
        status, _, body = _request(port, "GET", "/audio/ep.mp3", {"Range": header})
        assert status == 200 and body == files["audio/ep.mp3"]
    status, _, _ = _request(port, "GET", "/empty.mp3", {"Range": "bytes=0-"})
    assert status == 416


def test_conditional_requests(site):
    _, files, port = site
    _, headers, _ = _request(port, "GET", "/feed/feed.xml")
    status, h304, body = _request(port, "GET", "/feed/feed.xml", {"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b"" and h304["ETag"] == headers["ETag"]
    status, _, _ = _request(port, "GET", "/feed/feed.xml",
                            {"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304
    status, _, _ = _request(port, "GET", "/feed/feed.xml", {"If-None-Match": '"other"'})
    assert status == 200
    # If-Range with a stale validator: the whole file, not a range of a changed one
    status, _, body = _request(port, "GET", "/audio/ep.mp3",
                               {"Range": "bytes=0-9", "If-Range": '"stale"'})
    assert status == 200 and len(body) == len(files["audio/ep.mp3"])
    _, h, _ = _request(port, "HEAD", "/audio/ep.mp3")
    status, _, body = _request(port, "GET", "/audio/ep.mp3",
                               {"Range": "bytes=0-9", "If-Range": h["ETag"]})
    assert status == 206 and len(body) == 10


@pytest.mark.parametrize("target", [
    "/../secret.mp3",
    "/audio/../../secret.mp3",
    "/%2e%2e/secret.mp3",
    "/%2E%2E/secret.xml",
    "/audio/%2e%2e%2f%2e%2e%2fsecret.mp3",
    "/audio%2f..%2f..%2fsecret.mp3",
    "/audio/..%5c..%5csecret.mp3",
    "/audio/..\\..\\secret.mp3",
    "/%252e%252e/secret.mp3",
    "/audio/outside.mp3",
    "/feed/up/secret.mp3",
    "/audio/.hidden.mp3",
    "/edition.toml",
    "/audio/ep.mp3%00.png",
    "/audio/%ff.mp3",
    "/audio/",
    "//secret.mp3",
    "http://127.0.0.1/../secret.mp3",
    "secret.mp3",
])
def test_nothing_outside_the_root_is_served(site, target):
    _, _, port = site
    status, _, body = _request(port, "GET", target)
    assert status in (400, 404), target
    assert SECRET not in body


def test_symlink_inside_the_root_is_served(site):
    _, files, port = site
    status, _, body = _request(port, "GET", "/audio/inside.mp3")
    assert status == 200 and body == files["audio/ep.mp3"]


def test_resolve_never_leaves_the_root(site):
    root, _, _ = site
    root = root.resolve()
    assert resolve(root, "/audio/ep.mp3") == root / "audio" / "ep.mp3"
    assert resolve(root, "/feed/feed.xml?x=1") == root / "feed" / "feed.xml"
    for bad in ("/../secret.mp3", "/audio/outside.mp3", "/feed/up/secret.mp3"):
        assert resolve(root, bad) is None


def test_other_methods_are_refused(site):
    _, _, port = site
    status, headers, _ = _request(port, "POST", "/feed/feed.xml")
    assert status == 405 and headers["Allow"] == "GET, HEAD"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.text(alphabet="bytes=0123456789-, \t", max_size=30))
def test_any_range_header_gets_an_answer(site, header):
    _, files, port = site
    size = len(files["audio/ep.mp3"])
    status, headers, body = _request(port, "GET", "/audio/ep.mp3", {"Range": header})
    assert status in (200, 206, 416)
    if status == 206:
        first, last = map(int, re.fullmatch(r"bytes (\d+)-(\d+)/\d+",
                                            headers["Content-Range"]).groups())
        assert body == files["audio/ep.mp3"][first:last + 1] and last < size


def test_parse_range():
    assert parse_range(None, 10) is None
    assert parse_range("bytes=2-4", 10) == (2, 4)
    assert parse_range("Bytes = -3", 10) == (7, 9)
    assert parse_range("bytes=-30", 10) == (0, 9)
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=10-", 10)


def test_two_thousand_concurrent_requests(site):
    _, files, port = site
    _raise_fd_limit(8192)
    want = files["audio/ep.mp3"]
    start = threading.Barrier(200)

    def fetch(i):
        if i < 200:
            start.wait(timeout=30)  # the first 200 all connect at the same moment
        kind = i % 3
        if kind == 0:
            return _request(port, "GET", "/audio/ep.mp3", timeout=60)[2] == want
        if kind == 1:
            status, _, body = _request(port, "GET", "/audio/ep.mp3", {"Range": "bytes=10-19"},
                                       timeout=60)
            return status == 206 and body == want[10:20]
        return _request(port, "HEAD", "/feed/feed.xml", timeout=60)[0] == 200

    began = time.monotonic()
    with cf.ThreadPoolExecutor(max_workers=2000) as pool:
        results = list(pool.map(fetch, range(2000)))
    elapsed = time.monotonic() - began
    assert all(results), results.count(False)
    assert elapsed < 60, elapsed
    # and it still answers afterwards
    assert _request(port, "GET", "/feed/feed.xml")[0] == 200


def _feed_folder(root):
    (root / "feed").mkdir()
    (root / "feed" / "feed.xml").write_bytes(b"<rss/>")
    return root


def _start_cli(folder):
    """``audio-edition serve folder --port 0`` in a process of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "audio_edition", "serve", str(folder), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_cli_serve_binds_loopback_and_prints_the_feed_url(tmp_path):
    proc = _start_cli(_feed_folder(tmp_path))
    try:
        line = proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/feed/feed\.xml", line)
        assert m, line + proc.stderr.read() if proc.poll() is not None else line
        status, headers, body = _request(int(m.group(1)), "GET", "/feed/feed.xml")
        assert status == 200 and body == b"<rss/>"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_cli_serve_missing_folder(tmp_path):
    res = subprocess.run([sys.executable, "-m", "audio_edition", "serve", str(tmp_path / "nope")],
                         capture_output=True, text=True, timeout=30)
    assert res.returncode != 0 and "nope" in res.stderr and "Traceback" not in res.stderr


# --- the site's pages --------------------------------------------------------------------------

def test_the_root_is_the_sites_index_page(site):
    _, files, port = site
    for target in ("/", "/?utm=x"):
        status, headers, body = _request(port, "GET", target)
        assert status == 200 and body == files["index.html"], target
        assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_without_an_index_page_the_root_says_where_to_subscribe(tmp_path):
    with _server(tmp_path) as port:
        status, headers, body = _request(port, "GET", "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert f"http://127.0.0.1:{port}/feed/feed.xml".encode() in body


# --- slow and odd clients ----------------------------------------------------------------------

class _server:
    """A PodcastServer for ``root`` in a thread, as a context manager giving its port."""

    def __init__(self, root, **kwargs):
        self.server = PodcastServer(root, "127.0.0.1", 0, **kwargs)

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self.server.server_address[1]

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _raise_fd_limit(need):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, need), hard))


def _tricklers(port, count):
    """``count`` connections that have sent a request line and nothing more."""
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(b"GET /audio/ep.mp3 HTTP/1.1\r\n")
        socks.append(s)
    return socks


def _closed_by_server(sock):
    """Whether the server has closed ``sock`` (read end of file or reset) without answering."""
    sock.settimeout(0.05)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except OSError:
        return True


def _timed_get(port, target="/feed/feed.xml"):
    began = time.monotonic()
    status, _, body = _request(port, "GET", target, timeout=30)
    return status, time.monotonic() - began


def test_three_hundred_trickling_clients_delay_no_request(site):
    """The issue's attack on the default server: 300 connections that send one header line
    every 5 s. A normal GET is answered within 2 s all along, and the header timeout closes
    every trickler."""
    _, _, port = site
    _raise_fd_limit(4096)
    socks = _tricklers(port, 300)
    stop = threading.Event()

    def drip():
        n = 0
        while not stop.wait(5.0):
            n += 1
            for s in socks:
                try:
                    s.sendall(b"X-Slow-%d: y\r\n" % n)
                except OSError:
                    pass

    dripper = threading.Thread(target=drip, daemon=True)
    dripper.start()
    began = time.monotonic()
    try:
        latencies = []
        for at in (0.2, 1.0, 5.5, 9.0):
            time.sleep(max(0.0, began + at - time.monotonic()))
            status, took = _timed_get(port)
            assert status == 200
            latencies.append(round(took, 3))
        assert max(latencies) < 2.0, latencies
        time.sleep(max(0.0, began + HEADER_TIMEOUT + 1.5 - time.monotonic()))
        still_open = [s for s in socks if not _closed_by_server(s)]
        assert not still_open, f"{len(still_open)} of 300 tricklers still open"
    finally:
        stop.set()
        for s in socks:
            s.close()


def test_more_slow_clients_than_slots_delay_no_request(tmp_path):
    """Ten times as many silent connections as the server has slots: the ones waiting longest
    for a request are closed to make room, and a normal GET is answered within 2 s."""
    _raise_fd_limit(4096)
    with _server(_feed_folder(tmp_path), max_connections=20) as port:
        socks = _tricklers(port, 200)
        try:
            time.sleep(0.3)
            for _ in range(3):
                status, took = _timed_get(port)
                assert status == 200 and took < 2.0, took
            assert sum(map(_closed_by_server, socks)) >= 180
        finally:
            for s in socks:
                s.close()


def test_a_silent_or_idle_connection_is_closed_after_the_idle_timeout(tmp_path):
    with _server(_feed_folder(tmp_path), idle_timeout=0.5, header_timeout=1.0) as port:
        silent = socket.create_connection(("127.0.0.1", port), timeout=5)
        kept = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        kept.request("GET", "/feed/feed.xml")
        assert kept.getresponse().read() == b"<rss/>"
        time.sleep(1.0)
        assert silent.recv(1) == b""
        assert kept.sock.recv(1) == b""
        # a request that keeps coming within the idle timeout is still cut at the header one
        slow = socket.create_connection(("127.0.0.1", port), timeout=5)
        began = time.monotonic()
        closed = False
        for line in (b"GET /feed/feed.xml HTTP/1.1\r\n", *[b"X-A: b\r\n"] * 8):
            try:
                slow.sendall(line)
            except OSError:
                closed = True
                break
            if _closed_by_server(slow):
                closed = True
                break
            time.sleep(0.3)
        assert closed and time.monotonic() - began < 1.8
        for s in (silent, slow):
            s.close()
        kept.close()


def _responses(sock, wait=3.0):
    """Everything the server sends on ``sock`` until it closes it or ``wait`` s pass."""
    sock.settimeout(0.3)
    data, end = b"", time.monotonic() + wait
    while time.monotonic() < end:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        if not chunk:
            return data, True
        data += chunk
    return data, False


SMUGGLED = b"GET /feed/cover.png HTTP/1.1\r\nHost: x\r\n\r\n"


def test_a_body_sent_with_get_is_dropped_not_read_as_a_request(site):
    _, files, port = site
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/audio/ep.vtt", body=SMUGGLED)  # http.client sends Content-Length
        res = conn.getresponse()
        assert res.status == 200 and res.read() == files["audio/ep.vtt"]
        conn.request("GET", "/audio/ep.srt")  # the same connection, kept alive
        res = conn.getresponse()
        assert res.getheader("Content-Type") == "application/x-subrip"
        assert res.read() == files["audio/ep.srt"]
        conn.request("POST", "/feed/feed.xml", body=SMUGGLED)
        res = conn.getresponse()
        assert res.status == 405 and res.read() == b""
        conn.request("HEAD", "/audio/ep.srt")
        assert conn.getresponse().getheader("Content-Type") == "application/x-subrip"
    finally:
        conn.close()


def test_a_chunked_or_long_body_ends_the_connection_after_the_answer(site):
    _, _, port = site
    chunked = (b"GET /audio/ep.vtt HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
               + b"%x\r\n%s\r\n0\r\n\r\n" % (len(SMUGGLED), SMUGGLED) + SMUGGLED)
    long_body = (b"GET /audio/ep.vtt HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n"
                 + SMUGGLED)
    for request in (chunked, long_body):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(request)
            data, closed = _responses(s)
        assert closed
        assert re.findall(rb"HTTP/1\.1 \d+", data) == [b"HTTP/1.1 200"], data
        assert b"Connection: close" in data and b"image/png" not in data


@pytest.mark.parametrize("framing", [
    b"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n",
    b"Transfer-Encoding: gzip\r\n",
    b"Content-Length: 5, 6\r\n",
    b"Content-Length: -1\r\n",
    b"Content-Length: \xb2\r\n",  # "²" in Latin-1, which str.isdigit() accepts
    b"Content-Length: 5\r\nContent-Length: 6\r\n",
])
def test_a_body_of_unclear_length_is_a_400_and_ends_the_connection(site, framing):
    _, _, port = site
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"GET /audio/ep.vtt HTTP/1.1\r\nHost: x\r\n" + framing + b"\r\n12345"
                  + SMUGGLED)
        data, closed = _responses(s)
    assert closed and re.findall(rb"HTTP/1\.1 \d+", data) == [b"HTTP/1.1 400"], data


def test_the_server_header_names_no_python(site):
    _, _, port = site
    for method, target in (("GET", "/feed/feed.xml"), ("GET", "/missing.mp3"),
                           ("POST", "/feed/feed.xml")):
        _, headers, _ = _request(port, method, target)
        assert headers["Server"] == f"audio-edition/{__version__}"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"GET /feed/feed.xml HTTP/1.1\r\nHost: x\r\n" + b"X-Many: y\r\n" * 101
                  + b"\r\n")
        data, _ = _responses(s)
    assert b" 431 " in data and b"Server: audio-edition/" in data and b"Python" not in data


def test_ctrl_c_stops_serve_at_once_with_clients_connected(tmp_path):
    proc = _start_cli(_feed_folder(tmp_path))
    try:
        port = int(re.search(r":(\d+)/feed", proc.stdout.readline()).group(1))
        socks = _tricklers(port, 5)
        idle = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        idle.request("GET", "/feed/feed.xml")
        idle.getresponse().read()
        time.sleep(0.2)
        began = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=5)
        assert time.monotonic() - began < 2.0
        stderr = proc.stderr.read()
        assert proc.returncode == 0 and "Stopped." in stderr and "Traceback" not in stderr
        for s in socks:
            s.close()
        idle.close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# --- ranges and validators (RFC 9110 sections 13 and 14) ---------------------------------------

def test_a_range_end_beyond_the_file_is_clamped(site):
    _, files, port = site
    status, headers, body = _request(port, "GET", "/audio/hundred.mp3", {"Range": "bytes=0-999999"})
    assert status == 206 and headers["Content-Range"] == "bytes 0-99/100"
    assert body == files["audio/hundred.mp3"]


def test_head_ignores_range(site):
    # RFC 9110 14.2: range handling is defined for GET only
    _, _, port = site
    status, headers, body = _request(port, "HEAD", "/audio/hundred.mp3", {"Range": "bytes=0-9"})
    assert status == 200 and headers["Content-Length"] == "100" and "Content-Range" not in headers


@pytest.mark.parametrize("header, status, content_range, part", [
    ("bytes=200-300, 50-59", 206, "bytes 50-59/100", (50, 60)),
    ("bytes=-10, 500-", 206, "bytes 90-99/100", (90, 100)),
    ("bytes=200-300, 400-", 416, "bytes */100", None),
    ("bytes=-0, 100-", 416, "bytes */100", None),
    ("bytes=0-9, 20-29", 200, None, (0, 100)),
])
def test_several_ranges(site, header, status, content_range, part):
    _, files, port = site
    got, headers, body = _request(port, "GET", "/audio/hundred.mp3", {"Range": header})
    assert got == status and headers.get("Content-Range") == content_range
    assert body == (files["audio/hundred.mp3"][slice(*part)] if part else b"")


def test_if_range_takes_only_strong_validators(site):
    root, files, port = site
    _, h, _ = _request(port, "HEAD", "/audio/hundred.mp3")
    older = email.utils.formatdate(
        email.utils.parsedate_to_datetime(h["Last-Modified"]).timestamp() - 60, usegmt=True)
    for if_range, status in ((h["ETag"], 206), (h["Last-Modified"], 206), ("W/" + h["ETag"], 200),
                             (older, 200), ("not a date", 200)):
        got, _, body = _request(port, "GET", "/audio/hundred.mp3",
                                {"Range": "bytes=0-9", "If-Range": if_range})
        assert got == status, if_range
        assert len(body) == (10 if status == 206 else 100)
    # a file changed within the last second has only a weak date: the whole file
    fresh = root / "audio" / "fresh.mp3"
    fresh.write_bytes(bytes(50))
    _, h, _ = _request(port, "HEAD", "/audio/fresh.mp3")
    got, _, body = _request(port, "GET", "/audio/fresh.mp3",
                            {"Range": "bytes=0-9", "If-Range": h["Last-Modified"]})
    assert got == 200 and len(body) == 50


def test_an_empty_file_asked_for_its_last_bytes_is_sent_whole(site):
    _, _, port = site
    status, headers, body = _request(port, "GET", "/empty.mp3", {"Range": "bytes=-10"})
    assert status == 200 and body == b"" and headers["Content-Length"] == "0"


def test_parse_range_rfc_9110_cases():
    assert parse_range("bytes=0-999999", 100) == (0, 99)
    assert parse_range("bytes=99-", 100) == (99, 99)
    assert parse_range("bytes=200-, 10-20", 100) == (10, 20)
    assert parse_range("bytes=0-1, 3-4", 100) is None
    assert parse_range("bytes=-5", 0) is None
    assert parse_range("octets=0-5", 100) is None
    for unsatisfiable in ("bytes=100-", "bytes=-0", "bytes=100-200, 300-", "bytes=0-", ):
        with pytest.raises(RangeNotSatisfiable):
            parse_range(unsatisfiable, 100 if unsatisfiable != "bytes=0-" else 0)


# --- gzip for text -----------------------------------------------------------------------------

def _gzip_request(port, method, target, headers=None):
    return _request(port, method, target, {"Accept-Encoding": "gzip", **(headers or {})})


@pytest.mark.parametrize("path", ["/feed/feed.xml", "/index.html", "/assets/audio-edition.css",
                                  "/assets/audio-edition.js", "/audio/ep.vtt"])
def test_text_is_gzipped_for_clients_that_accept_it(site, path):
    _, files, port = site
    status, headers, body = _gzip_request(port, "GET", path)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == files[path[1:]]
    assert int(headers["Content-Length"]) == len(body)
    _, plain, _ = _request(port, "GET", path)
    assert "Content-Encoding" not in plain and plain["ETag"] != headers["ETag"]
    _, head, head_body = _gzip_request(port, "HEAD", path)
    assert head_body == b"" and head["Content-Length"] == headers["Content-Length"]
    status, _, _ = _gzip_request(port, "GET", path, {"If-None-Match": headers["ETag"]})
    assert status == 304


def test_gzip_is_never_used_for_audio_ranges_or_refusals(site):
    _, files, port = site
    _, headers, body = _gzip_request(port, "GET", "/audio/ep.mp3")
    assert "Content-Encoding" not in headers and body == files["audio/ep.mp3"]
    status, headers, body = _gzip_request(port, "GET", "/feed/feed.xml", {"Range": "bytes=0-9"})
    assert status == 206 and "Content-Encoding" not in headers
    assert body == files["feed/feed.xml"][:10]
    _, headers, _ = _request(port, "GET", "/feed/feed.xml", {"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in headers


def test_a_huge_request_head_is_refused_without_reading_it_all(site):
    # http.server alone reads up to 100 header lines of 64 KiB each: 6.4 MB a connection
    _, _, port = site
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"GET /feed/feed.xml HTTP/1.1\r\nHost: x\r\n")
        try:
            for _ in range(90):
                s.sendall(b"X-Big: " + b"y" * 60000 + b"\r\n")
        except OSError:
            pass  # the server closed the connection while we were still sending
        data, closed = _responses(s)
    assert closed and (data == b"" or b" 431 " in data), data[:200]
