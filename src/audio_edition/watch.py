"""Watching the inputs of a build, so that ``build --watch`` rebuilds as soon as one changes.

The inputs are the article files (a folder is listed again every time, so a new article
counts), the voice profiles and lexicons in the voices folder, the edition's settings with the
cover and jingles they name, and the page templates in the output's ``templates/`` folder. The
build's own output (MP3s, feed, pages, a generated cover) is not watched, so a build never sets
off the next.

Files are polled by size and modification time, twenty times a second: that works the same on
every system, on network folders, and with editors that save by renaming a new file over the
old one. Two hundred articles cost about a millisecond per look (2% of a core); a change is
seen 25 ms after it on average.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable, Iterable

from audio_edition.errors import ConfigError
from audio_edition.readers import is_article

INTERVAL = 0.05
"""Seconds between two looks at the inputs."""

Snapshot = dict[Path, tuple[int, int] | None]
"""Each watched file's (modification time in ns, size), or None when it does not exist."""


def inputs(sources: Iterable[Path | str], out_dir: Path, voices_dir: Path) -> list[Path]:
    """Returns the files a build of ``sources`` into ``out_dir`` with the voices in
    ``voices_dir`` reads, as they are now: the articles (URLs left out), every file directly in the voices
    folder but hidden ones (an editor's swap files), ``edition.toml`` and the cover and jingles
    it names, and the files in ``templates/`` that replace the pages' templates."""
    from audio_edition.config import load_edition

    files: list[Path] = []
    for src in sources:
        if isinstance(src, str):
            continue  # a URL: polled, not watched (see ``build --watch --interval``)
        if src.is_dir():  # listed every time: a new article is a new path, a deleted one is gone
            files.extend(p for p in src.iterdir() if is_article(p))
        else:
            files.append(src)
    if voices_dir.is_dir():
        files.extend(p for p in voices_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    files.append(out_dir / "edition.toml")
    templates = out_dir / "templates"
    if templates.is_dir():
        files.extend(p for p in templates.iterdir() if p.is_file() and not p.name.startswith("."))
    try:
        config = load_edition(out_dir)
    except ConfigError:
        return files  # the build reports it; a fix to edition.toml is seen all the same
    for name in (config.cover, config.intro, config.outro, config.bed):
        if name:
            files.append(out_dir / name)
    return files


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Returns the state of each of ``paths``."""
    state: Snapshot = {}
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            state[path] = None
        else:
            state[path] = (st.st_mtime_ns, st.st_size)
    return state


def changed(before: Snapshot, after: Snapshot) -> list[Path]:
    """Returns the paths that are new, gone or different in ``after``, sorted."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def wait(look: Callable[[], Snapshot], before: Snapshot, interval: float = INTERVAL,
         sleep: Callable[[float], None] = time.sleep,
         until: float | None = None) -> tuple[Snapshot, list[Path]]:
    """Looks with ``look()`` every ``interval`` seconds until something differs from
    ``before``; returns the new snapshot and what changed. With ``until`` (a time of
    :func:`time.monotonic`), returns at that time too, with nothing changed: the time to look
    at the feeds again. Otherwise ends only with an exception (such as KeyboardInterrupt)."""
    while True:
        if until is not None and time.monotonic() >= until:
            return before, []
        sleep(interval)
        after = look()
        paths = changed(before, after)
        if paths:
            return after, paths


__all__ = ["INTERVAL", "Snapshot", "changed", "inputs", "snapshot", "wait"]
