"""The engines stage: synthesize every utterance once, in parallel worker processes, cached.

A segment cache keyed by engine, engine version, voice profile, spoken text and sample rate
means an unchanged sentence is never synthesized again; editing one paragraph re-synthesizes
only that paragraph. espeak can be initialised only once per process, so parallel work uses
processes, each with its own engine, never threads.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import hashlib
import json
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from pathlib import Path
from typing import Callable, Sequence

from audio_edition.engines import Audio, get_engine
from audio_edition.errors import SynthesisError
from audio_edition.fsutil import cache_write
from audio_edition.model import Utterance, VoiceProfile

log = logging.getLogger(__name__)

CACHE_VERSION = "1"
"""Bump when the cached format or what a key covers changes."""
DEFAULT_CACHE_MB = 1024
"""Default size cap of the segment cache."""


def default_cache_dir() -> Path:
    """Returns ``$XDG_CACHE_HOME/audio-edition``, or ``~/.cache/audio-edition``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "audio-edition"


def default_jobs() -> int:
    """Returns the number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


class SegmentCache:
    """Synthesized audio on disk, one file per (engine, version, voice, text, rate) key.

    Files are raw 16-bit PCM with a one-line JSON header; a hit refreshes the file's mtime, and
    :meth:`trim` removes the least recently used files above the size cap.
    """

    def __init__(self, root: Path, max_bytes: int = DEFAULT_CACHE_MB * 1024 * 1024) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self._versions: dict[str, str] = {}
        self._heads: dict[tuple, str] = {}

    def key(self, text: str, voice: VoiceProfile) -> str:
        """Returns the cache key of ``text`` spoken by ``voice``."""
        # The hash of the JSON list [CACHE_VERSION, engine, its version, the profile, text];
        # all but the text is serialized once per voice (a build asks for hundreds of keys).
        fields = tuple(vars(voice).items())
        head = self._heads.get(fields)
        if head is None:
            version = self._versions.get(voice.engine)
            if version is None:
                version = self._versions[voice.engine] = get_engine(voice.engine).version()
            head = self._heads[fields] = json.dumps(
                [CACHE_VERSION, voice.engine, version, dataclasses.asdict(voice)],
                sort_keys=True, ensure_ascii=False)[:-1]
        data = f"{head}, {json.dumps(text, ensure_ascii=False)}]"
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pcm"

    def get(self, key: str) -> Audio | None:
        """Returns the cached audio for ``key``, or None (a damaged entry counts as a miss)."""
        path = self._path(key)
        try:
            with path.open("rb") as f:
                header = json.loads(f.readline())
                pcm = f.read()
            if len(pcm) != header["bytes"]:
                raise ValueError("truncated")
            os.utime(path)
        except (OSError, ValueError, KeyError):
            self.misses += 1
            return None
        self.hits += 1
        return Audio(pcm=pcm, sample_rate=header["rate"])

    def put(self, key: str, audio: Audio) -> None:
        """Stores ``audio`` under ``key``; a cache that cannot be written is only logged."""
        header = json.dumps({"rate": audio.sample_rate, "bytes": len(audio.pcm)}).encode()
        try:
            cache_write(self._path(key), header + b"\n" + audio.pcm)
        except OSError as exc:
            log.warning("cannot write the segment cache at %s: %s", self.root, exc)

    # -- encoded chunks and measured levels, kept beside the segments ---------------------

    def chunk_path(self, key: str) -> Path:
        """Returns where the encoded MP3 chunk ``key`` is kept (see :mod:`audio_edition.chunks`)."""
        return self.root / "mp3" / key[:2] / f"{key}.mp3"

    def get_chunk(self, key: str) -> tuple[Path, dict] | None:
        """Returns the path and description of the encoded chunk ``key``, or None."""
        path = self.chunk_path(key)
        try:
            meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            if path.stat().st_size != meta["bytes"]:
                raise ValueError("truncated")
            os.utime(path)
        except (OSError, ValueError, KeyError):
            return None
        return path, meta

    def put_chunk(self, key: str, mp3: bytes, meta: dict) -> Path:
        """Stores an encoded chunk and its description; returns the path of the MP3."""
        path = self.chunk_path(key)
        cache_write(path, mp3)
        cache_write(path.with_suffix(".json"),
                    json.dumps({**meta, "bytes": len(mp3)}).encode("utf-8"))
        return path

    def levels(self) -> dict[str, float]:
        """Returns the measured loudness of voices and jingles, by key (see
        :func:`audio_edition.chunks.gain_plan`)."""
        try:
            data = json.loads((self.root / "levels.json").read_text(encoding="utf-8"))
            return {str(k): float(v) for k, v in data.items()}
        except (OSError, ValueError, AttributeError):
            return {}

    def put_levels(self, levels: dict[str, float]) -> None:
        """Adds measured levels (a cache that cannot be written is only logged)."""
        try:
            cache_write(self.root / "levels.json",
                        json.dumps({**self.levels(), **levels}, sort_keys=True).encode())
        except OSError as exc:
            log.warning("cannot write the segment cache at %s: %s", self.root, exc)

    def _entries(self) -> list[Path]:
        return [*self.root.glob("*/*.pcm"), *self.root.glob("mp3/*/*.mp3")]

    def size(self) -> int:
        """Returns the total size of the cached files in bytes."""
        return sum(p.stat().st_size for p in self._entries())

    def trim(self) -> int:
        """Removes least recently used entries until the cache fits its cap; returns bytes freed."""
        try:
            entries = [(p.stat().st_mtime, p.stat().st_size, p) for p in self._entries()]
        except OSError:
            return 0
        total = sum(size for _, size, _ in entries)
        freed = 0
        for _, size, path in sorted(entries):
            if total - freed <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            path.with_suffix(".json").unlink(missing_ok=True)
            freed += size
        return freed

    def clear(self) -> int:
        """Removes every cached entry; returns the number of segments and chunks removed."""
        n = 0
        for path in self._entries():
            path.unlink(missing_ok=True)
            path.with_suffix(".json").unlink(missing_ok=True)
            n += 1
        for path in [self.root / "levels.json", *self.root.glob("langid-*.npz"),
                     *self.root.glob("spoken/*.json")]:
            path.unlink(missing_ok=True)
        # the folders the entries were in, deepest first; one holding anything else stays
        for folder in sorted((p for p in self.root.glob("**/*") if p.is_dir()),
                             key=lambda p: len(p.parts), reverse=True):
            try:
                folder.rmdir()
            except OSError:
                pass
        return n


def _synthesize_one(text: str, voice: VoiceProfile) -> Audio:
    return get_engine(voice.engine).synthesize(text, voice)


def _watch_parent() -> None:
    # Runs in each worker. Ctrl-C reaches every process of the terminal's group: the build
    # stops its workers itself, so a worker ignores it rather than print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker whose build was killed (SIGKILL gives the pool no chance to shut down) would
    # otherwise wait for work forever: it holds its own end of the queue. The build holds the
    # other end of a pipe to each worker, which closes when the build dies, however it dies.
    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - not started by multiprocessing
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() \
    else "spawn"
"""How worker processes start. Never ``fork``: a process forked while another thread of the
build starts a child (ffmpeg) inherits that child's pipes, and both wait for ever (issue 15).
The fork server is one process, started once, with no threads and no pipes of ours, that forks
every worker; it has the modules of :data:`PRELOAD` imported, so a worker is ready at once."""
PRELOAD = ["__main__", "audio_edition.chunks", "audio_edition.engines.silent",
           "audio_edition.engines.pyttsx_engine", "audio_edition.engines.piper_engine"]
"""Modules the fork server imports once for every worker: what a worker runs (numpy, the
encoder's helpers, the engines' modules; an engine itself starts in each worker)."""

_pool: cf.ProcessPoolExecutor | None = None
_pool_size = 0
_pool_lock = threading.Lock()


def worker_pool(jobs: int) -> cf.ProcessPoolExecutor:
    """Returns the pool of ``jobs`` worker processes, started on first use and kept for the
    rest of the build (a new one after a worker died); each worker initialises its engines
    once. Safe to call from any thread: no process of the build is ever forked."""
    global _pool, _pool_size
    with _pool_lock:  # two threads of a build may ask at once
        broken = _pool is not None and getattr(_pool, "_broken", False)
        if _pool is None or _pool_size != jobs or broken:
            if _pool is not None:
                _stop(_pool, kill=bool(broken))
            context = multiprocessing.get_context(START_METHOD)
            if START_METHOD == "forkserver":
                context.set_forkserver_preload(PRELOAD)  # read when the server starts
            _pool = cf.ProcessPoolExecutor(jobs, mp_context=context, initializer=_watch_parent)
            _pool_size = jobs
            log.debug("%d worker process(es), started by %s", jobs, START_METHOD)
        return _pool


def _stop(pool: cf.ProcessPoolExecutor, kill: bool) -> None:
    """Shuts ``pool`` down, first killing its workers with ``kill`` (a worker that is stuck
    would otherwise keep the shutdown waiting)."""
    if kill:
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(OSError, ValueError):
                proc.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def _start_engine(name: str) -> None:
    import audio_edition.chunks  # noqa: F401  what a worker runs: numpy, the encoder's helpers

    engine = get_engine(name)
    engine.available()  # initialises it in this worker process


def warm_up(jobs: int, engines: set[str]) -> None:
    """Starts the worker processes and their engines in the background, so that their start-up
    overlaps reading and segmenting instead of delaying the first synthesis."""
    if jobs <= 1:
        return
    pool = worker_pool(jobs - 1)  # this process is the other one
    for _ in range(jobs - 1):
        for name in sorted(engines):
            pool.submit(_start_engine, name)


def shutdown_pool(kill: bool = False) -> None:
    """Stops the worker processes, if any were started; with ``kill``, at once, whatever they
    are doing."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        _stop(pool, kill)


def synthesize(utterances: Sequence[Utterance], cache: SegmentCache | None = None,
               progress: Callable[[int], None] | None = None, trim: bool = True) -> list[Audio]:
    """Returns the engine output for each utterance, in order, synthesized in this process.

    Cached utterances are taken from ``cache``; the rest are synthesized and stored.
    ``progress(n)`` is called with the number of utterances finished so far. With ``trim``
    the cache is brought back under its cap afterwards. (Builds run this in each worker
    process of :func:`worker_pool`, on whole chunks: :mod:`audio_edition.chunks`.)
    Raises SynthesisError when an engine fails.
    """
    results: list[Audio | None] = [None] * len(utterances)
    keys: list[str | None] = [None] * len(utterances)
    todo: list[int] = []
    done = 0
    for i, utt in enumerate(utterances):
        if cache is not None:
            keys[i] = cache.key(utt.spoken, utt.voice)
            hit = cache.get(keys[i])
            if hit is not None:
                results[i] = hit
                done += 1
                continue
        todo.append(i)
    if progress and done:
        progress(done)

    def finish(i: int, audio: Audio) -> None:
        nonlocal done
        results[i] = audio
        if cache is not None and keys[i] is not None:
            cache.put(keys[i], audio)
        done += 1
        if progress:
            progress(done)

    for i in todo:
        finish(i, _synthesize_one(utterances[i].spoken, utterances[i].voice))
    if cache is not None and todo and trim:
        cache.trim()
    return [r for r in results if r is not None]
