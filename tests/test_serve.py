"""The server podcast apps talk to: types, HEAD, ranges, validators, confinement, load."""

from __future__ import annotations

import concurrent.futures as cf
import http.client
import os
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audio_edition.serve import PodcastServer, RangeNotSatisfiable, parse_range, resolve

SECRET = b"TOP-SECRET-OUTSIDE-THE-ROOT"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A served output folder, with a secret file beside it that must never be served."""
    base = tmp_path_factory.mktemp("site")
    root = base / "out"
    (root / "audio").mkdir(parents=True)
    (root / "feed").mkdir()
    (base / "secret.mp3").write_bytes(SECRET)
    (base / "secret.xml").write_bytes(SECRET)
    files = {
        "audio/ep.mp3": bytes(range(256)) * 400,
        "audio/ep.vtt": b"WEBVTT\n",
        "audio/ep.srt": b"1\n",
        "audio/ep.chapters.json": b"{}",
        "feed/feed.xml": b"<?xml version='1.0'?><rss/>",
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


def test_a_thousand_concurrent_requests(site):
    _, files, port = site
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2600:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
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
    with cf.ThreadPoolExecutor(max_workers=1000) as pool:
        results = list(pool.map(fetch, range(1000)))
    elapsed = time.monotonic() - began
    assert all(results), results.count(False)
    assert elapsed < 60, elapsed
    # and it still answers afterwards
    assert _request(port, "GET", "/feed/feed.xml")[0] == 200


def test_cli_serve_binds_loopback_and_prints_the_feed_url(tmp_path):
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "feed.xml").write_bytes(b"<rss/>")
    proc = subprocess.Popen(
        [sys.executable, "-m", "audio_edition", "serve", str(tmp_path), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
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
