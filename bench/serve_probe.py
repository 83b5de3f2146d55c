#!/usr/bin/env python3
"""What `audio-edition serve` (or any server on a port) does for slow and odd clients, ranges,
validators, types, gzip and load, checked over real sockets. Not a timed test: it prints what it
sees, and latencies beside a reference GET made on the same server when nothing else is going
on.

    .venv/bin/python bench/serve_probe.py                    # starts `audio-edition serve`
    .venv/bin/python bench/serve_probe.py --only basic,conc  # a part: basic, trickle, conc
    .venv/bin/python bench/serve_probe.py --site DIR          # make the test folder in DIR...
    .venv/bin/python bench/serve_probe.py --port 8000         # ...and probe a server serving it

The trickle check opens 300 connections that send one header line every 5 s, times a normal GET
at 2, 8, 14 and 22 s, and counts the tricklers the server has closed by then. The load check
sends 2,000 concurrent requests (GETs of 100 KB, ranges, HEADs) from 2,000 threads.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import http.client
import re
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SECRET = b"SECRET"


def make_site(root: Path) -> None:
    """Writes the folder the checks expect: an episode, a feed, pages, and files to refuse."""
    files = {
        "audio/ep.mp3": bytes(range(100)), "audio/big.mp3": bytes(range(256)) * 400,
        "audio/ep.vtt": b"WEBVTT\n", "audio/ep.srt": b"1\n", "audio/ep.chapters.json": b"{}",
        "feed/feed.xml": b"<?xml version='1.0'?><rss>" + b"<item/>" * 500 + b"</rss>",
        "feed/cover.png": b"\x89PNG", "feed/cover.jpg": b"\xff\xd8",
        "index.html": b"<!doctype html><title>x</title>" + b"<p>hi</p>" * 300,
        "episodes/ep.html": b"<!doctype html>", "embed/ep.html": b"<!doctype html>",
        "assets/site.css": b"body{}" * 300, "assets/player.js": b"var a=1;" * 300,
        "audio/.hidden.mp3": SECRET, "edition.toml": SECRET, ".git/config": SECRET,
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root.parent / "secret.mp3").write_bytes(SECRET)


def request(port, method, target, headers=None, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        for key, value in (headers or {}).items():
            conn.putheader(key, value)
        conn.endheaders()
        res = conn.getresponse()
        return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
    finally:
        conn.close()


def raw_statuses(port, data, wait=1.5):
    """The status lines the server sends back for the raw bytes ``data``."""
    out = b""
    with socket.create_connection(("127.0.0.1", port), timeout=3) as s:
        s.sendall(data)
        end = time.monotonic() + wait
        while time.monotonic() < end:
            try:
                chunk = s.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return [m.decode() for m in re.findall(rb"HTTP/1\.[01] \d{3}", out)]


def basic(port):
    _, h, _ = request(port, "GET", "/audio/ep.mp3")
    etag, date = h.get("etag", '"x"'), h.get("last-modified", "x")

    def ranged(value, extra=None, method="GET"):
        s, h, b = request(port, method, "/audio/ep.mp3", {"Range": value, **(extra or {})})
        return s, h.get("content-range"), len(b)

    smuggled = b"GET /edition.toml HTTP/1.1\r\nHost: x\r\n\r\n"
    return {
        "Server": h.get("server"),
        "types": {p: (lambda r: (r[0], r[1].get("content-type")))(request(port, "GET", p))
                  for p in ("/audio/ep.mp3", "/audio/ep.vtt", "/audio/ep.srt",
                            "/audio/ep.chapters.json", "/feed/feed.xml", "/feed/cover.png",
                            "/feed/cover.jpg", "/index.html", "/episodes/ep.html",
                            "/embed/ep.html", "/assets/site.css", "/assets/player.js")},
        "refused": {p: request(port, "GET", p)[0] for p in (
            "/audio/.hidden.mp3", "/edition.toml", "/.git/config", "/../secret.mp3",
            "/%2e%2e/secret.mp3")},
        "HEAD": request(port, "HEAD", "/audio/ep.mp3")[0],
        "validators": (etag, date),
        "304 If-None-Match": request(port, "GET", "/audio/ep.mp3", {"If-None-Match": etag})[0],
        "304 If-Modified-Since": request(port, "GET", "/audio/ep.mp3",
                                         {"If-Modified-Since": date})[0],
        "ranges (100-byte file)": {r: ranged(r) for r in (
            "bytes=0-999999", "bytes=-30", "bytes=-999", "bytes=90-", "bytes=100-",
            "bytes=0-1,5-6", "bytes=200-300,5-9", "bytes=200-300,400-", "bytes=5-2",
            "bytes=-0", "items=0-1")},
        "HEAD with Range": ranged("bytes=0-9", method="HEAD"),
        "If-Range ETag / date / stale": (ranged("bytes=0-9", {"If-Range": etag}),
                                         ranged("bytes=0-9", {"If-Range": date}),
                                         ranged("bytes=0-9", {"If-Range": '"stale"'})),
        "gzip": {p: request(port, "GET", p, {"Accept-Encoding": "gzip"})[1]
                 .get("content-encoding") for p in ("/feed/feed.xml", "/index.html",
                                                    "/audio/ep.mp3")},
        "GET with Content-Length body": raw_statuses(
            port, b"GET /audio/ep.vtt HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n"
            % len(smuggled) + smuggled),
        "GET with chunked body": raw_statuses(
            port, b"GET /audio/ep.vtt HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + b"%x\r\n%s\r\n0\r\n\r\n" % (len(smuggled), smuggled)
            + b"GET /audio/ep.srt HTTP/1.1\r\nHost: x\r\n\r\n"),
    }


def timed_get(port):
    began = time.monotonic()
    try:
        status = request(port, "GET", "/feed/feed.xml", timeout=30)[0]
    except OSError as exc:
        status = type(exc).__name__
    return status, round(time.monotonic() - began, 3)


def trickle(port, count=300, period=5.0, at=(2, 8, 14, 22)):
    reference = timed_get(port)
    socks, stop = [], threading.Event()
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /audio/ep.mp3 HTTP/1.1\r\n")
        socks.append(s)

    def drip():
        n = 0
        while not stop.wait(period):
            n += 1
            for s in socks:
                try:
                    s.sendall(b"X-%d: y\r\n" % n)
                except OSError:
                    pass

    threading.Thread(target=drip, daemon=True).start()
    began, seen = time.monotonic(), []
    for t in at:
        time.sleep(max(0.0, began + t - time.monotonic()))
        seen.append((t, *timed_get(port)))
    closed = 0
    for s in socks:
        s.setblocking(False)
        try:
            closed += s.recv(1) == b""
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
    stop.set()
    for s in socks:
        s.close()
    return {"reference GET (status, s)": reference, "GET at (s, status, took s)": seen,
            f"tricklers closed by the server after {at[-1]} s": f"{closed} of {count}"}


def load(port, count=2000):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, count * 3)), hard))
    reference = timed_get(port)
    took = []

    def one(i):
        began = time.monotonic()
        if i % 3 == 0:
            ok = request(port, "GET", "/audio/big.mp3", timeout=60)[0] == 200
        elif i % 3 == 1:
            ok = request(port, "GET", "/audio/big.mp3", {"Range": "bytes=10-19"},
                         timeout=60)[0] == 206
        else:
            ok = request(port, "HEAD", "/feed/feed.xml", timeout=60)[0] == 200
        took.append(time.monotonic() - began)
        return ok

    began = time.monotonic()
    with cf.ThreadPoolExecutor(max_workers=count) as pool:
        ok = sum(pool.map(one, range(count)))
    total = time.monotonic() - began
    took.sort()
    return {"reference GET (status, s)": reference, "answered correctly": f"{ok} of {count}",
            "total s": round(total, 2), "p50 s": round(took[len(took) // 2], 3),
            "p99 s": round(took[int(len(took) * 0.99)], 3), "max s": round(took[-1], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, help="probe the server on this port")
    parser.add_argument("--site", type=Path, help="write the test folder to DIR and stop")
    parser.add_argument("--only", default="basic,trickle,conc")
    args = parser.parse_args()
    if args.site:
        make_site(args.site)
        return
    proc = None
    port = args.port
    if port is None:
        root = Path(tempfile.mkdtemp()) / "out"
        make_site(root)
        proc = subprocess.Popen([sys.executable, "-m", "audio_edition", "serve", str(root),
                                 "--port", "0"], stdout=subprocess.PIPE, text=True)
        port = int(re.search(r":(\d+)/feed", proc.stdout.readline()).group(1))
    try:
        checks = {"basic": basic, "trickle": trickle, "conc": load}
        for name in args.only.split(","):
            for key, value in checks[name](port).items():
                print(f"{key}: {value}")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
