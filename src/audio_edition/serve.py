"""An HTTP server for the output folder that podcast apps and browsers subscribe to and read.

It serves only regular files under the root whose type it knows (the feed, MP3s, transcripts,
chapters, cover art and the listening pages, ``/`` being ``index.html``), with what apps rely
on: ``HEAD``; byte ranges as RFC 9110 section 14 has them (``206`` with ``Content-Range``, an end
beyond the file clamped to it, ``416`` when no range can be satisfied); ``ETag`` and
``Last-Modified`` with conditional requests and ``If-Range``; exact media types; and gzip for
text when the client accepts it.

Nothing outside the root is ever served: the request path is decoded segment by segment, and
``..``, encoded slashes or backslashes, NUL bytes and hidden names are refused before the file
system is touched; the real path of what remains, symlinks resolved, must still lie inside the
root. Refused paths get the same ``404`` as missing ones.

Each connection gets a thread, at most :data:`MAX_CONNECTIONS` at a time. Slow or silent
clients cannot hold them: a request's first byte must come within :data:`IDLE_TIMEOUT` of the
connection opening or of the previous answer, and the rest of its head (and any body) within
:data:`HEADER_TIMEOUT`; when every slot is taken, the connection that has waited longest for a
request is closed to make room. A body sent with a GET is read and dropped, or the connection is
closed after the answer, so it is never parsed as a request.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import io
import logging
import os
import re
import socket
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from audio_edition import __version__

log = logging.getLogger(__name__)

MEDIA_TYPES = {
    ".mp3": "audio/mpeg",
    ".xml": "application/rss+xml",
    ".rss": "application/rss+xml",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}
"""File types served, by suffix; every other file is a 404."""
COMPRESSIBLE = frozenset({".xml", ".rss", ".vtt", ".srt", ".json", ".html", ".css", ".js"})
"""Suffixes of the text types sent gzip-compressed to clients that accept it."""
MAX_CONNECTIONS = 256
"""Connections handled at once; when all are taken, the one waiting longest for a request is
closed to make room, and if none is waiting, new ones wait in the listen queue."""
LISTEN_BACKLOG = 1024
"""Connections the kernel queues while all handlers are busy."""
IDLE_TIMEOUT = 15.0
"""Seconds a connection may wait for the first byte of a request, and a send may make no
progress, before the connection is closed."""
HEADER_TIMEOUT = 10.0
"""Seconds from a request's first byte to the end of its head and body."""
EVICT_AFTER = 0.5
"""Seconds a connection must have waited for a request before it may be closed to make room;
once new connections have waited that long for a slot, any connection waiting for a request
may be closed."""
MAX_DISCARDED_BODY = 64 * 1024
"""Bytes of a request body that are read and dropped; after a longer one, the connection closes."""
MAX_REQUEST_BYTES = 64 * 1024 + MAX_DISCARDED_BODY
"""Bytes a request's head and body may take (http.server alone would read 100 header lines of
64 KiB each): a longer request gets 431 and the connection closes."""
_GZIP_MAX = 8 << 20  # larger text files are sent as they are
_GZIP_CACHE = 32  # compressed files kept, by path and validator
_RANGE_NUMBER = r"(\d{1,18})"
_BYTE_RANGE = re.compile(rf"^{_RANGE_NUMBER}?-{_RANGE_NUMBER}?$")
_INDEX = "index.html"


class RangeNotSatisfiable(Exception):
    """The Range header is malformed or asks for bytes the file does not have."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """Returns the inclusive (first, last) byte that a ``bytes=`` Range header asks for within
    ``size`` bytes, an end beyond the file clamped to its last byte; or None when the whole file
    is to be sent: no header, another unit, an empty file asked for its last bytes, or several
    ranges of which more than one can be satisfied (RFC 9110 lets the server ignore those).

    Raises RangeNotSatisfiable for a malformed ``bytes`` range, or when no range it lists can
    be satisfied.
    """
    if header is None:
        return None
    unit, sep, spec = header.strip().partition("=")
    if not sep:
        raise RangeNotSatisfiable(header)
    if unit.strip().lower() != "bytes":
        return None  # RFC 9110: an unknown range unit is ignored
    parsed = []
    for s in (s.strip() for s in spec.split(",")):
        m = _BYTE_RANGE.match(s)
        if not m or (m.group(1) is None and m.group(2) is None):
            raise RangeNotSatisfiable(header)
        first = int(m.group(1)) if m.group(1) is not None else None
        last = int(m.group(2)) if m.group(2) is not None else None
        if first is not None and last is not None and last < first:
            raise RangeNotSatisfiable(header)
        parsed.append((first, last))
    satisfiable = []
    for first, last in parsed:
        if first is None:  # a suffix: the last N bytes
            if last == 0:
                continue
            if size == 0:
                return None  # satisfiable, but there is no byte to name: the whole (empty) file
            satisfiable.append((max(size - last, 0), size - 1))
        elif first < size:
            satisfiable.append((first, size - 1 if last is None else min(last, size - 1)))
    if not satisfiable:
        raise RangeNotSatisfiable(header)
    return satisfiable[0] if len(satisfiable) == 1 else None


def resolve(root: Path, target: str) -> Path | None:
    """Returns the file under ``root`` that the request target names, or None when it names
    nothing that may be served.

    ``root`` must be absolute and resolved. Refused: ``..`` and ``.`` segments, encoded or raw
    backslashes, encoded slashes, NUL bytes, hidden names (``.name``), invalid UTF-8, paths whose
    real location (symlinks resolved) is outside ``root``, and types not in :data:`MEDIA_TYPES`.
    """
    if target.startswith(("http://", "https://")):
        target = urlsplit(target).path or "/"
    if not target.startswith("/"):
        return None
    path = target.split("?", 1)[0].split("#", 1)[0]
    names = []
    for raw in path.split("/")[1:]:
        try:
            name = unquote(raw, errors="strict")
        except UnicodeDecodeError:
            return None
        if raw == "" and not names:
            continue
        if (not name or name.startswith(".") or "/" in name or "\\" in name or "\x00" in name
                or any(ord(c) < 32 for c in name)):
            return None
        names.append(name)
    if not names or Path(names[-1]).suffix.lower() not in MEDIA_TYPES:
        return None
    try:
        real = root.joinpath(*names).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if real != root and root not in real.parents:
        return None
    if not real.is_file() or real.suffix.lower() not in MEDIA_TYPES:
        return None
    return real


@dataclass(frozen=True)
class _Stat:
    size: int
    etag: str
    last_modified: str
    mtime: int
    strong_date: bool
    """Last-Modified is a strong validator: the file is at least a second older than now."""


def _stat(fd: int) -> _Stat:
    st = os.fstat(fd)
    tag = hashlib.sha1(f"{st.st_ino}-{st.st_size}-{st.st_mtime_ns}".encode()).hexdigest()[:20]
    mtime = int(st.st_mtime)
    return _Stat(st.st_size, f'"{tag}"', email.utils.formatdate(mtime, usegmt=True), mtime,
                 time.time() - st.st_mtime >= 1)


def _http_date(value: str) -> float | None:
    try:
        return email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header gives gzip (or ``*``) a quality above 0."""
    quality = {}
    for item in (header or "").lower().split(","):
        coding, _, params = item.partition(";")
        m = re.fullmatch(r"\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*", params)
        quality[coding.strip()] = float(m.group(1)) if m else (0.0 if params.strip() else 1.0)
    return quality.get("gzip", quality.get("x-gzip", quality.get("*", 0.0))) > 0


class _RequestTooLarge(Exception):
    """A request went past :data:`MAX_REQUEST_BYTES`."""


class _RequestReader(io.RawIOBase):
    """A connection's input with deadlines: while a request is awaited, its first byte must
    come within ``idle`` seconds and its last within ``header`` seconds of the first. Reads
    raise TimeoutError past a deadline."""

    def __init__(self, sock: socket.socket, idle: float, header: float) -> None:
        self._sock = sock
        self._idle = idle
        self._header = header
        self._deadline: float | None = None
        self._awaiting_first = False
        self._received = 0
        self.waiting_since: float | None = None
        """When the connection began waiting for a request; None while one is answered."""
        self.blocked = False
        """A read is waiting on the network."""
        self.evicted = False
        """The server closed the connection to make room; reads fail."""

    def readable(self) -> bool:
        return True

    def await_request(self) -> None:
        self.waiting_since = time.monotonic()
        self._deadline = self.waiting_since + self._idle
        self._awaiting_first = True
        self._received = 0

    def request_read(self) -> None:
        self.waiting_since = self._deadline = None
        self._sock.settimeout(self._idle)  # from now on: no progress for that long

    def readinto(self, buffer) -> int:  # noqa: ANN001
        if self._deadline is not None:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the request did not arrive in time")
            self._sock.settimeout(left)
        self.blocked = True
        try:
            n = self._sock.recv_into(buffer)
        finally:
            self.blocked = False
        if self.evicted:
            raise TimeoutError("closed to make room for another connection")
        if self._deadline is not None:
            if n and self._awaiting_first:
                self._awaiting_first = False
                self._deadline = time.monotonic() + self._header
            self._received += n
            if self._received > MAX_REQUEST_BYTES:
                raise _RequestTooLarge
        return n


class Handler(BaseHTTPRequestHandler):
    """Serves the files under ``server.root``; GET and HEAD only."""

    server: "PodcastServer"
    protocol_version = "HTTP/1.1"
    server_version = f"audio-edition/{__version__}"

    def setup(self) -> None:
        self.timeout = self.server.idle_timeout
        super().setup()
        self.rfile.close()  # the socket's own reader; this one keeps the deadlines
        self.reader = _RequestReader(self.connection, self.server.idle_timeout,
                                     self.server.header_timeout)
        self.rfile = io.BufferedReader(self.reader)
        self.server._opened(self)

    def finish(self) -> None:
        self.server._closed(self)
        super().finish()

    def version_string(self) -> str:
        return self.server_version  # without the Python version http.server adds

    def handle_one_request(self) -> None:
        self.reader.await_request()
        try:
            super().handle_one_request()
        except _RequestTooLarge:
            self.send_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
            self.close_connection = True

    def parse_request(self) -> bool:
        if not super().parse_request() or not self._drop_body():
            return False
        self.reader.request_read()
        return True

    def _drop_body(self) -> bool:
        """Reads and drops the body of the request, or marks the connection to be closed after
        the answer; returns False after answering 400 to a body whose length is unclear."""
        coding = self.headers.get_all("Transfer-Encoding")
        length = self.headers.get_all("Content-Length")
        if coding:
            codings = [c.strip().lower() for c in ",".join(coding).split(",")]
            if length or codings[-1] != "chunked":  # RFC 9112 6.1, 6.3
                self.send_error(HTTPStatus.BAD_REQUEST, "Unclear request body length")
                return False
            self.close_connection = True  # the chunks are not read; nothing else may follow
            return True
        if not length:
            return True
        values = {v.strip() for v in ",".join(length).split(",")}
        if len(values) != 1 or not re.fullmatch(r"[0-9]{1,18}", next(iter(values))):
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad Content-Length")
            return False
        size = int(values.pop())
        if size > MAX_DISCARDED_BODY:
            self.close_connection = True
        elif size and len(self.rfile.read(size)) < size:
            self.close_connection = True
        return True

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        self._serve(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(send_body=False)

    def _other(self) -> None:
        self._empty(HTTPStatus.METHOD_NOT_ALLOWED, {"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _other

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.info("%s %s", self.address_string(), format % args)

    def _start(self, status: HTTPStatus, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()

    def _empty(self, status: HTTPStatus, headers: dict[str, str] | None = None,
               body: bytes = b"") -> None:
        headers = dict(headers or {})
        if body:
            headers["Content-Type"] = "text/plain; charset=utf-8"
        if status is not HTTPStatus.NOT_MODIFIED:  # a 304 has no body and keeps the length
            headers["Content-Length"] = str(len(body))
        self._start(status, headers)
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _serve(self, send_body: bool) -> None:
        target = self.path
        if target in ("/", "") or target.startswith("/?"):
            target = "/" + _INDEX
            if not (self.server.root / _INDEX).is_file():
                self._subscribe_page(send_body)
                return
        path = resolve(self.server.root, target)
        if path is None:
            self._empty(HTTPStatus.NOT_FOUND, body=b"not found\n")
            return
        try:
            f = open(path, "rb")
        except OSError:
            self._empty(HTTPStatus.NOT_FOUND, body=b"not found\n")
            return
        with f:
            self._send(f, path.suffix.lower(), send_body)

    def _send(self, f, suffix: str, send_body: bool) -> None:  # noqa: ANN001
        info = _stat(f.fileno())
        headers = {
            "Content-Type": MEDIA_TYPES[suffix],
            "ETag": info.etag,
            "Last-Modified": info.last_modified,
            "Accept-Ranges": "bytes",
            "Cache-Control": "no-cache",
            # Browser players fetch transcripts and chapters from other origins.
            "Access-Control-Allow-Origin": "*",
        }
        compressed = None
        if suffix in COMPRESSIBLE:
            headers["Vary"] = "Accept-Encoding"
            # A range is answered from the file as it is, so that it can be resumed.
            if (self.headers.get("Range") is None and info.size <= _GZIP_MAX
                    and _accepts_gzip(self.headers.get("Accept-Encoding"))):
                compressed = self.server._compressed(f, info.etag)
                headers["Content-Encoding"] = "gzip"
                headers["ETag"] = info.etag[:-1] + '-gz"'
        if self._not_modified(headers["ETag"], info):
            del headers["Content-Type"]
            headers.pop("Content-Encoding", None)
            self._empty(HTTPStatus.NOT_MODIFIED, headers)
            return
        if compressed is not None:
            self._start(HTTPStatus.OK, {**headers, "Content-Length": str(len(compressed))})
            if send_body:
                self.wfile.write(compressed)
            return
        byte_range = None
        if self.command == "GET" and self._if_range_holds(info):  # RFC 9110: GET only
            try:
                byte_range = parse_range(self.headers.get("Range"), info.size)
            except RangeNotSatisfiable:
                self._empty(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                            {**headers, "Content-Range": f"bytes */{info.size}"})
                return
        if byte_range is None:
            first, last, status = 0, info.size - 1, HTTPStatus.OK
        else:
            (first, last), status = byte_range, HTTPStatus.PARTIAL_CONTENT
            headers["Content-Range"] = f"bytes {first}-{last}/{info.size}"
        length = max(last - first + 1, 0)
        self._start(status, {**headers, "Content-Length": str(length)})
        if send_body and length:
            self._send_file(f, first, length)

    def _send_file(self, f, offset: int, count: int) -> None:  # noqa: ANN001
        try:
            self.wfile.flush()
            self.connection.sendfile(f, offset, count)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True  # the app went away; nothing to tell it

    def _not_modified(self, etag: str, info: _Stat) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:  # weak comparison (RFC 9110 13.1.2)
            tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
            return "*" in tags or etag in tags
        ims = self.headers.get("If-Modified-Since")
        if ims is not None:
            since = _http_date(ims)
            return since is not None and info.mtime <= since
        return False

    def _if_range_holds(self, info: _Stat) -> bool:
        """Whether a Range may be answered: no If-Range, or one that matches the file by strong
        comparison (RFC 9110 13.1.5): the same strong ETag, or exactly its Last-Modified date
        when that date is strong."""
        value = self.headers.get("If-Range")
        if value is None:
            return True
        value = value.strip()
        if value.startswith(('"', "W/")):
            return value == info.etag
        return info.strong_date and _http_date(value) == info.mtime

    def _subscribe_page(self, send_body: bool) -> None:
        feed = f"{self.server.url}feed/feed.xml"
        body = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>audio-edition"
                f"</title></head><body><p>Subscribe to <a href=\"{feed}\">{feed}</a></p>"
                f"</body></html>\n").encode()
        self._start(HTTPStatus.OK, {"Content-Type": "text/html; charset=utf-8",
                                    "Content-Length": str(len(body))})
        if send_body:
            self.wfile.write(body)


class PodcastServer(ThreadingHTTPServer):
    """A threading HTTP server for one folder, with a bound on concurrent connections."""

    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 8000,
                 max_connections: int = MAX_CONNECTIONS, idle_timeout: float = IDLE_TIMEOUT,
                 header_timeout: float = HEADER_TIMEOUT) -> None:
        self.root = root.resolve()
        self.idle_timeout = idle_timeout
        self.header_timeout = header_timeout
        self._slots = threading.BoundedSemaphore(max_connections)
        self._live: dict[Handler, None] = {}
        self._lock = threading.Lock()
        self._stalled_since: float | None = None
        self._gzip: OrderedDict[str, bytes] = OrderedDict()
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), Handler)

    @property
    def url(self) -> str:
        """The base URL the folder is served at (``http://127.0.0.1:8000/``)."""
        host, port = self.server_address[:2]
        if host in ("0.0.0.0", "::"):
            host = socket.gethostname()
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"

    def process_request(self, request, client_address) -> None:  # noqa: ANN001
        if self._slots.acquire(blocking=False):
            self._stalled_since = None
        else:
            # Connections queue behind this one: make room, the oldest slow ones first, and
            # after a while of this, any connection that is waiting for a request.
            self._stalled_since = self._stalled_since or time.monotonic()
            while True:
                stalled = time.monotonic() - self._stalled_since >= EVICT_AFTER
                self._evict(0.0 if stalled else EVICT_AFTER)
                if self._slots.acquire(timeout=0.25):
                    break
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:  # noqa: ANN001
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def _opened(self, handler: Handler) -> None:
        with self._lock:
            self._live[handler] = None

    def _closed(self, handler: Handler) -> None:
        with self._lock:
            self._live.pop(handler, None)

    def _evict(self, min_wait: float) -> None:
        """Closes the connection that has waited longest for a request, if one is waiting on
        the network and has waited at least ``min_wait`` seconds."""
        cutoff = time.monotonic() - min_wait
        with self._lock:
            waiting = [(since, id(h), h) for h in self._live
                       if (since := h.reader.waiting_since) is not None and since <= cutoff
                       and h.reader.blocked]
            if not waiting:
                return
            handler = min(waiting)[2]
            del self._live[handler]
            handler.reader.evicted = True
        log.info("closing %s, which sent no request, to make room", handler.client_address)
        try:
            handler.connection.shutdown(socket.SHUT_RDWR)  # its read returns, its thread ends
        except OSError:
            pass

    def _compressed(self, f, etag: str) -> bytes:  # noqa: ANN001
        """Returns the gzip of the open file ``f``, kept for the next request while its ETag
        holds."""
        with self._lock:
            if etag in self._gzip:  # the ETag names the inode, size and mtime
                self._gzip.move_to_end(etag)
                return self._gzip[etag]
        data = gzip.compress(f.read(), compresslevel=6, mtime=0)
        with self._lock:
            self._gzip[etag] = data
            while len(self._gzip) > _GZIP_CACHE:
                self._gzip.popitem(last=False)
        return data

    def server_close(self) -> None:
        super().server_close()
        with self._lock:
            live, self._live = list(self._live), {}
        for handler in live:
            try:
                handler.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        # A client that hangs up mid-response is normal for a media server; log, don't print.
        log.debug("error serving %s", client_address, exc_info=True)


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000,
          ready: Callable[[PodcastServer], None] | None = None) -> None:
    """Serves ``root`` until interrupted; ``ready`` is called once the socket listens.

    Raises OSError when the address cannot be bound.
    """
    server = PodcastServer(root, host, port)
    try:
        if ready:
            ready(server)
        server.serve_forever()
    finally:
        server.server_close()


__all__ = ["MEDIA_TYPES", "PodcastServer", "RangeNotSatisfiable", "parse_range", "resolve",
           "serve"]
