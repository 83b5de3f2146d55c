"""Crash-safe file output: write to a temporary file beside the target, flush, fsync, rename.

A reader (a podcast app, a second build) sees either the old file or the new one, never half a
file. Inside a :func:`transaction`, the renames are held back until the whole build has
succeeded and then done together, in one short burst at the end: a build that fails, or is
killed at any moment before that, leaves every previous file byte-identical. Within it,
:func:`scope` groups the files of one episode, so that a failing episode's files are dropped
while the rest of the batch is still published.

The burst at the end renames the files in the order they were written, making each folder's
renames durable before the next folder's, and only then removes the files the build retired
(:func:`remove_on_commit`). A build that writes every new version of a file under a new name,
then the list that names it, and retires the old name last, is therefore consistent at every
instant of its commit, whenever it is killed.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Iterator

TMP_SUFFIX = ".tmp"


class _Transaction:
    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []  # (temporary file, target), in order
        self.removals: list[Path] = []  # removed after every rename

    def discard(self, start: tuple[int, int] = (0, 0)) -> None:
        for tmp, _ in self.pending[start[0]:]:
            tmp.unlink(missing_ok=True)
        del self.pending[start[0]:]
        del self.removals[start[1]:]

    def mark(self) -> tuple[int, int]:
        return len(self.pending), len(self.removals)

    def commit(self) -> None:
        folder = None
        for tmp, target in self.pending:
            if folder is not None and target.parent != folder:
                _fsync_dir(folder)  # this folder's renames are durable before the next one's
            _commit_rename(tmp, target)
            folder = target.parent
        if folder is not None:
            _fsync_dir(folder)
        self.pending.clear()
        folders = set()
        for path in dict.fromkeys(self.removals):
            _commit_remove(path)
            folders.add(path.parent)
        self.removals.clear()
        for d in folders:
            _fsync_dir(d)


def _commit_rename(tmp: Path, target: Path) -> None:
    # One step of a commit; a test kills the build at each one (tests/test_build.py).
    os.replace(tmp, target)


def _commit_remove(path: Path) -> None:
    # One step of a commit, like _commit_rename.
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


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
    """Within a transaction: drops the files written (and the removals asked for) in this
    block if it raises."""
    tx = _current.get()
    start = tx.mark() if tx else (0, 0)
    try:
        yield
    except BaseException:
        if tx:
            tx.discard(start)
        raise


class Staged:
    """A file being written: :attr:`tmp` is where to write it; :attr:`target` is where it goes.
    The target may be set while the block runs, for a name that depends on the content."""

    def __init__(self, tmp: Path, target: Path | None) -> None:
        self.tmp = tmp
        """The temporary file, in the folder the file is published in."""
        self.target = target
        """Where the file is published; must be set, in the same folder, by the block's end."""


@contextlib.contextmanager
def staged(folder: Path, target: Path | None = None) -> Iterator[Staged]:
    """Yields a :class:`Staged` with a new temporary file in ``folder``; when the block ends
    without an error, the file replaces ``staged.target`` atomically (inside a
    :func:`transaction`: when the transaction commits). On an exception the temporary file is
    removed and nothing else changes."""
    folder.mkdir(parents=True, exist_ok=True)
    hint = target.name if target is not None else "file"
    fd, tmp = tempfile.mkstemp(prefix=f".{hint}.", suffix=TMP_SUFFIX, dir=folder)
    os.close(fd)
    st = Staged(Path(tmp), target)
    try:
        yield st
        if st.target is None or st.target.parent != folder:
            raise ValueError(f"staged file {st.tmp} has no target in {folder}")
        with open(st.tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(st.tmp, 0o644)
        tx = _current.get()
        if tx is not None:
            for old_tmp, dest in tx.pending:
                if dest == st.target:  # written twice in one build: the last one wins
                    old_tmp.unlink(missing_ok=True)
            tx.pending = [p for p in tx.pending if p[1] != st.target]
            tx.pending.append((st.tmp, st.target))
            return
        os.replace(st.tmp, st.target)
        _fsync_dir(folder)
    except BaseException:
        st.tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yields a temporary path next to ``target``; on success it replaces ``target`` atomically
    (inside a :func:`transaction`: when the transaction commits).

    On an exception the temporary file is removed and ``target`` is untouched.
    """
    with staged(target.parent, target) as st:
        yield st.tmp


def remove_on_commit(path: Path) -> None:
    """Removes ``path``: inside a :func:`transaction`, after all of its renames; else now."""
    tx = _current.get()
    if tx is None:
        _commit_remove(path)
        return
    tx.removals.append(path)


def pending_targets() -> set[Path]:
    """Returns the files the open transaction will write (none outside a transaction)."""
    tx = _current.get()
    return {dest for _, dest in tx.pending} if tx else set()


def file_digest(path: Path, *more: bytes) -> str:
    """Returns the SHA-256 of the file at ``path``, read in blocks, followed by ``more``
    (each after a NUL byte), in hex."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    for data in more:
        h.update(b"\0" + data)
    return h.hexdigest()


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


def remove_stale(folder: Path, name: str = "") -> int:
    """Removes temporary files a killed build left in ``folder`` (only those of the file
    ``name`` when given); returns how many.

    Only call this while holding the folder's build lock.
    """
    n = 0
    if folder.is_dir():
        for p in folder.glob(f".{name + '.' if name else ''}*{TMP_SUFFIX}"):
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
