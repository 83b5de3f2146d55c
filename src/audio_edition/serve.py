"""An HTTP server for the output folder that podcast apps can subscribe to and download from.

It serves only regular files under the root whose type it knows (the feed, MP3s, transcripts,
chapters and cover art), with what apps rely on: ``HEAD``; single byte ranges (``206`` with
``Content-Range``, ``416`` for a range that cannot be satisfied or is malformed); ``ETag`` and
``Last-Modified`` with conditional requests; and exact media types.

Nothing outside the root is ever served: the request path is decoded segment by segment, and
``..``, encoded slashes or backslashes, NUL bytes and hidden names are refused before the file
system is touched; the real path of what remains, symlinks resolved, must still lie inside the
root. Refused paths get the same ``404`` as missing ones.

Each connection gets a thread, at most :data:`MAX_CONNECTIONS` at a time (more wait in the
listen queue), and idle connections are closed after :data:`IDLE_TIMEOUT` seconds.
"""

from __future__ import annotations

import email.utils
import hashlib
import logging
import os
import re
import socket
import threading
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
}
"""File types served, by suffix; every other file is a 404."""
MAX_CONNECTIONS = 256
"""Connections handled at once; further ones wait in the listen queue."""
LISTEN_BACKLOG = 1024
"""Connections the kernel queues while all handlers are busy."""
IDLE_TIMEOUT = 15.0
"""Seconds a connection may sit idle before it is closed."""
_CHUNK = 1 << 16
_RANGE_NUMBER = r"(\d{1,18})"
_BYTE_RANGE = re.compile(rf"^{_RANGE_NUMBER}?-{_RANGE_NUMBER}?$")


class RangeNotSatisfiable(Exception):
    """The Range header is malformed or asks for bytes the file does not have."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """Returns the inclusive (first, last) byte of a single ``bytes=`` range within ``size``
    bytes, or None when the whole file is to be sent (no header, another unit, or several
    ranges, which the server may ignore).

    Raises RangeNotSatisfiable for a malformed ``bytes`` range or one that starts beyond the end
    of the file.
    """
    if header is None:
        return None
    unit, sep, spec = header.strip().partition("=")
    if not sep:
        raise RangeNotSatisfiable(header)
    if unit.strip().lower() != "bytes":
        return None  # RFC 9110: an unknown range unit is ignored
    specs = [s.strip() for s in spec.split(",")]
    parsed = []
    for s in specs:
        m = _BYTE_RANGE.match(s)
        if not m or (m.group(1) is None and m.group(2) is None):
            raise RangeNotSatisfiable(header)
        first = int(m.group(1)) if m.group(1) is not None else None
        last = int(m.group(2)) if m.group(2) is not None else None
        if first is not None and last is not None and last < first:
            raise RangeNotSatisfiable(header)
        parsed.append((first, last))
    if len(parsed) > 1:
        return None
    first, last = parsed[0]
    if first is None:  # a suffix: the last N bytes
        if last == 0 or size == 0:
            raise RangeNotSatisfiable(header)
        return max(size - last, 0), size - 1
    if first >= size:
        raise RangeNotSatisfiable(header)
    return first, size - 1 if last is None else min(last, size - 1)


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


def _stat(fd: int) -> _Stat:
    st = os.fstat(fd)
    tag = hashlib.sha1(f"{st.st_ino}-{st.st_size}-{st.st_mtime_ns}".encode()).hexdigest()[:20]
    mtime = int(st.st_mtime)
    return _Stat(st.st_size, f'"{tag}"', email.utils.formatdate(mtime, usegmt=True), mtime)


class Handler(BaseHTTPRequestHandler):
    """Serves the files under ``server.root``; GET and HEAD only."""

    server: "PodcastServer"
    protocol_version = "HTTP/1.1"
    server_version = f"audio-edition/{__version__}"
    timeout = IDLE_TIMEOUT

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        self._serve(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(send_body=False)

    def _other(self) -> None:
        self._empty(HTTPStatus.METHOD_NOT_ALLOWED, {"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _other

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.info("%s %s", self.address_string(), format % args)

    def _empty(self, status: HTTPStatus, headers: dict[str, str] | None = None,
               body: bytes = b"") -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if body:
            self.send_header("Content-Type", "text/plain; charset=utf-8")
        if status is not HTTPStatus.NOT_MODIFIED:  # a 304 has no body and keeps the length
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _serve(self, send_body: bool) -> None:
        if self.path in ("/", "") or self.path.startswith("/?"):
            self._index(send_body)
            return
        path = resolve(self.server.root, self.path)
        if path is None:
            self._empty(HTTPStatus.NOT_FOUND, body=b"not found\n")
            return
        try:
            f = open(path, "rb")
        except OSError:
            self._empty(HTTPStatus.NOT_FOUND, body=b"not found\n")
            return
        with f:
            info = _stat(f.fileno())
            common = {
                "Content-Type": MEDIA_TYPES[path.suffix.lower()],
                "ETag": info.etag,
                "Last-Modified": info.last_modified,
                "Accept-Ranges": "bytes",
                "Cache-Control": "no-cache",
                # Browser players fetch transcripts and chapters from other origins.
                "Access-Control-Allow-Origin": "*",
            }
            if self._not_modified(info):
                self._empty(HTTPStatus.NOT_MODIFIED,
                            {k: v for k, v in common.items() if k != "Content-Type"})
                return
            try:
                byte_range = parse_range(self.headers.get("Range"), info.size)
            except RangeNotSatisfiable:
                self._empty(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                            {**common, "Content-Range": f"bytes */{info.size}"})
                return
            if byte_range is not None and not self._if_range_holds(info):
                byte_range = None
            if byte_range is None:
                first, last, status = 0, info.size - 1, HTTPStatus.OK
            else:
                (first, last), status = byte_range, HTTPStatus.PARTIAL_CONTENT
            length = max(last - first + 1, 0)
            self.send_response(status)
            for key, value in common.items():
                self.send_header(key, value)
            if status is HTTPStatus.PARTIAL_CONTENT:
                self.send_header("Content-Range", f"bytes {first}-{last}/{info.size}")
            self.send_header("Content-Length", str(length))
            self.end_headers()
            if send_body and length:
                self._send_file(f, first, length)

    def _send_file(self, f, offset: int, count: int) -> None:
        try:
            self.wfile.flush()
            self.connection.sendfile(f, offset, count)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True  # the app went away; nothing to tell it

    def _not_modified(self, info: _Stat) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
            return "*" in tags or info.etag in tags
        ims = self.headers.get("If-Modified-Since")
        if ims is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            return info.mtime <= since
        return False

    def _if_range_holds(self, info: _Stat) -> bool:
        value = self.headers.get("If-Range")
        if value is None:
            return True
        value = value.strip()
        if value.startswith(('"', "W/")):
            return value == info.etag
        return value == info.last_modified

    def _index(self, send_body: bool) -> None:
        feed = f"{self.server.url}feed/feed.xml"
        body = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>audio-edition"
                f"</title></head><body><p>Subscribe to <a href=\"{feed}\">{feed}</a></p>"
                f"</body></html>\n").encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class PodcastServer(ThreadingHTTPServer):
    """A threading HTTP server for one folder, with a bound on concurrent connections."""

    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 8000,
                 max_connections: int = MAX_CONNECTIONS) -> None:
        self.root = root.resolve()
        self._slots = threading.BoundedSemaphore(max_connections)
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
        self._slots.acquire()
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
