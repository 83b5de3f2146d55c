"""Crash-safe file output: write to a temporary file beside the target, flush, fsync, rename.

A reader (a podcast app, a second build) sees either the old file or the new one, never half a
file. Inside a :func:`transaction`, the renames are held back until the whole build has
succeeded and then done together, in one short burst at the end: a build that fails, or is
killed at any moment before that, leaves every previous file byte-identical. Within it,
:func:`scope` groups the files of one episode, so that a failing episode's files are dropped
while the rest of the batch is still published.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tempfile
from pathlib import Path
from typing import Iterator

TMP_SUFFIX = ".tmp"


class _Transaction:
    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []  # (temporary file, target)

    def discard(self, start: int = 0) -> None:
        for tmp, _ in self.pending[start:]:
            tmp.unlink(missing_ok=True)
        del self.pending[start:]

    def commit(self) -> None:
        # Episode files first, the manifest and the feed last: an app that fetches the feed
        # in between still finds every file the old feed names.
        order = sorted(self.pending, key=lambda p: p[1].parent.name == "feed")
        dirs = set()
        for tmp, target in order:
            os.replace(tmp, target)
            dirs.add(target.parent)
        self.pending.clear()
        for d in dirs:
            _fsync_dir(d)


_current: contextvars.ContextVar[_Transaction | None] = contextvars.ContextVar(
    "audio_edition_transaction", default=None)


@contextlib.contextmanager
def transaction() -> Iterator[None]:
    """Holds back every :func:`atomic_path` rename until the block ends without an error."""
    tx = _Transaction()
    token = _current.set(tx)
    try:
        yield
    except BaseException:
        tx.discard()
        raise
    finally:
        _current.reset(token)
    tx.commit()


@contextlib.contextmanager
def scope() -> Iterator[None]:
    """Within a transaction: drops the files written in this block if it raises."""
    tx = _current.get()
    start = len(tx.pending) if tx else 0
    try:
        yield
    except BaseException:
        if tx:
            tx.discard(start)
        raise


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yields a temporary path next to ``target``; on success it replaces ``target`` atomically
    (inside a :func:`transaction`: when the transaction commits).

    On an exception the temporary file is removed and ``target`` is untouched.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp_path, 0o644)
        tx = _current.get()
        if tx is not None:
            for old_tmp, dest in tx.pending:
                if dest == target:  # written twice in one build: the last one wins
                    old_tmp.unlink(missing_ok=True)
            tx.pending = [p for p in tx.pending if p[1] != target]
            tx.pending.append((tmp_path, target))
            return
        os.replace(tmp_path, target)
        _fsync_dir(target.parent)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def cache_write(target: Path, data: bytes) -> None:
    """Writes a cache entry: atomically (a reader never sees half of it), but at once, outside
    any transaction, and without fsync; a cache entry lost in a crash is only a miss."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(target: Path, data: bytes | str) -> None:
    """Writes ``data`` to ``target`` atomically (text is encoded as UTF-8)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def read_bytes(target: Path) -> bytes:
    """Returns ``target``'s content as this build sees it: what the open transaction will
    write there, else what is on disk. Raises OSError when neither exists."""
    tx = _current.get()
    for tmp, dest in reversed(tx.pending if tx else []):
        if dest == target:
            return tmp.read_bytes()
    return target.read_bytes()


def remove_stale(folder: Path) -> int:
    """Removes temporary files a killed build left in ``folder``; returns how many.

    Only call this while holding the folder's build lock.
    """
    n = 0
    if folder.is_dir():
        for p in folder.glob(f".*{TMP_SUFFIX}"):
            p.unlink(missing_ok=True)
            n += 1
    return n


def _fsync_dir(path: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, and not fatal.
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
