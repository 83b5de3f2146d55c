"""Cache entries that carry a checksum of their bytes, so that a damaged one is a miss.

A cache file can be damaged by a crash of the disk or the machine, by another program, or by
hand; its size alone says nothing about its bytes. Every entry of the cache folder (segments,
the descriptions of encoded chunks, measured levels, spoken forms, the unpacked language model)
is written by :func:`write`: a first line with a BLAKE2b digest of the entry's name and bytes,
then the bytes. :func:`read` returns the bytes only when the digest matches, so an entry that
was changed, cut short, or swapped with another's file (the name is in the digest) reads as a
miss. An encoded chunk's MP3 frames stay a plain file, to be joined as they are: its digest
is kept in its description.

Damaged entries are remembered (:func:`note_damaged`) so that a build can warn about them once,
with how many there were (:func:`take_damaged`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from audio_edition.fsutil import cache_write

log = logging.getLogger(__name__)

FORMAT = "2"
"""The format of cache entries; part of the names of entries that have no key of their own
(earlier entries had no checksum, so the new ones must not be looked for under their names)."""
MAGIC = f"audio-edition-cache {FORMAT} ".encode("ascii")
"""What the first line of every entry starts with, before its digest."""
DIGEST_SIZE = 16
"""Bytes of BLAKE2b digest (32 hex digits)."""

_damaged: set[str] = set()
"""Damaged entries found in this process (or reported to it by workers) since the last
:func:`take_damaged`."""


def digest(data: bytes | memoryview, name: str = "") -> str:
    """Returns the hex BLAKE2b digest of ``name`` and ``data``."""
    h = hashlib.blake2b(name.encode("utf-8") + b"\0", digest_size=DIGEST_SIZE)
    h.update(data)
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """Returns the hex BLAKE2b digest of the bytes of ``path`` (no name). Raises OSError."""
    h = hashlib.blake2b(b"\0", digest_size=DIGEST_SIZE)
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def write(path: Path, data: bytes, name: str) -> None:
    """Writes ``data`` as the entry ``name`` at ``path``, atomically, behind its checksum.
    Raises OSError."""
    cache_write(path, MAGIC + digest(data, name).encode("ascii") + b"\n" + data)


def read(path: Path, name: str) -> bytes | None:
    """Returns the bytes of the entry ``name`` at ``path``, or None when there is none or it is
    damaged (which is noted: :func:`take_damaged`)."""
    view = read_view(path, name)
    return None if view is None else view.tobytes()


def read_view(path: Path, name: str) -> memoryview | None:
    """Like :func:`read`, without copying the bytes once more: for a large entry (the language
    model), read once into memory, checked there and returned as a view of it."""
    try:
        with path.open("rb") as f:
            raw = bytearray(os.fstat(f.fileno()).st_size)
            size = f.readinto(raw)
    except FileNotFoundError:
        return None
    except OSError as exc:
        note_damaged(path, str(exc))
        return None
    view = memoryview(raw)[:size]
    end = raw.find(b"\n", 0, len(MAGIC) + 2 * DIGEST_SIZE + 1)
    if end < 0 or not raw.startswith(MAGIC):
        note_damaged(path, "no checksum")
        return None
    data = view[end + 1:]
    if view[len(MAGIC):end] != digest(data, name).encode("ascii"):
        note_damaged(path, "checksum does not match")
        return None
    return data


def write_json(path: Path, value: object, name: str) -> None:
    """Writes ``value`` as JSON, as the entry ``name`` at ``path``. Raises OSError."""
    write(path, json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"), name)


def read_json(path: Path, name: str) -> object | None:
    """Returns the JSON value of the entry ``name`` at ``path``, or None when there is none or
    it is damaged (noted). The caller checks its shape, and calls :func:`note_damaged` when it
    is not what it wrote."""
    data = read(path, name)
    if data is None:
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        note_damaged(path, "not JSON")
        return None


def note_damaged(path: Path | str, why: str) -> None:
    """Remembers that the cache entry at ``path`` is damaged (so it is treated as a miss)."""
    log.debug("damaged cache entry %s: %s", path, why)
    _damaged.add(str(path))


def take_damaged() -> list[str]:
    """Returns the damaged entries noted since the last call, and forgets them."""
    found = sorted(_damaged)
    _damaged.clear()
    return found


def add_damaged(paths: list[str]) -> None:
    """Adds damaged entries another process found (a worker's :func:`take_damaged`)."""
    _damaged.update(paths)


__all__ = ["FORMAT", "add_damaged", "digest", "file_digest", "note_damaged", "read", "read_json",
           "read_view", "take_damaged", "write", "write_json"]
