"""The engines stage: synthesize every utterance once, in parallel worker processes, cached.

A segment cache keyed by engine, engine version, voice profile, spoken text and sample rate
means an unchanged sentence is never synthesized again; editing one paragraph re-synthesizes
only that paragraph. espeak can be initialised only once per process, so parallel work uses
processes, each with its own engine, never threads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import math
import os
from pathlib import Path
from typing import Callable, Sequence

from audio_edition import cachefile, paths, workers
from audio_edition.engines import Audio, get_engine, voice_identity
from audio_edition.errors import SynthesisError
from audio_edition.fsutil import TMP_SUFFIX, cache_write
from audio_edition.model import Utterance, VoiceProfile

log = logging.getLogger(__name__)

CACHE_VERSION = "2"
"""Bump when the cached format or what a key covers changes."""
DEFAULT_CACHE_MB = 1024
"""Default size cap of the segment cache."""


def default_cache_dir() -> Path:
    """Returns ``$XDG_CACHE_HOME/audio-edition``, or ``~/.cache/audio-edition``."""
    return paths.cache_dir()


def default_jobs() -> int:
    """Returns the number of CPUs this process may use."""
    return workers.cores()


class SegmentCache:
    """Synthesized audio on disk, one file per (engine, version, voice, text, rate) key.

    Every entry carries a checksum of its bytes and its key (:mod:`audio_edition.cachefile`),
    verified when it is read: a damaged entry, or one whose description is not what this code
    writes, is a miss, made again and noted for the build's warning. A hit refreshes the file's
    mtime, and :meth:`trim` removes the least recently used files above the size cap.
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
            # and the model's own identity where the profile's name of it does not pin it down
            # (Piper: the digest of the model file); engines without one keep their old keys
            identity = voice_identity(voice)
            head = self._heads[fields] = json.dumps(
                [CACHE_VERSION, voice.engine, version, dataclasses.asdict(voice),
                 *([identity] if identity else [])], sort_keys=True, ensure_ascii=False)[:-1]
        data = f"{head}, {json.dumps(text, ensure_ascii=False)}]"
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pcm"

    def get(self, key: str) -> Audio | None:
        """Returns the cached audio for ``key``, or None (a damaged entry counts as a miss)."""
        path = self._path(key)
        audio = _segment(cachefile.read(path, key), path)
        if audio is None:
            self.misses += 1
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        self.hits += 1
        return audio

    def put(self, key: str, audio: Audio) -> None:
        """Stores ``audio`` under ``key``; a cache that cannot be written is only logged."""
        header = json.dumps({"rate": audio.sample_rate, "bytes": len(audio.pcm)}).encode()
        try:
            cachefile.write(self._path(key), header + b"\n" + audio.pcm, key)
        except OSError as exc:
            log.warning("cannot write the segment cache at %s: %s", self.root, exc)

    # -- encoded chunks and measured levels, kept beside the segments ---------------------

    def chunk_path(self, key: str) -> Path:
        """Returns where the encoded MP3 chunk ``key`` is kept (see :mod:`audio_edition.chunks`)."""
        return self.root / "mp3" / key[:2] / f"{key}.mp3"

    def get_chunk(self, key: str, utterances: int) -> tuple[Path, int, list[tuple[float, float]]] | None:
        """Returns the path, frame count and timings of the encoded chunk ``key`` of
        ``utterances`` utterances, or None when it is missing or damaged: its description
        damaged or not what :meth:`put_chunk` writes, or the MP3's bytes not the ones it
        describes."""
        path = self.chunk_path(key)
        meta_path = path.with_suffix(".json")
        meta = cachefile.read_json(meta_path, key)
        if meta is None:
            return None
        try:
            frames, timings, size, digest = (meta["frames"], meta["timings"], meta["bytes"],
                                             meta["digest"])
            if not (_is_int(frames) and frames > 0 and _is_int(size) and isinstance(digest, str)
                    and isinstance(timings, list) and len(timings) == utterances):
                raise ValueError("wrong types")
            pairs = [(float(a), float(b)) for a, b in timings]
            if not all(math.isfinite(a) and math.isfinite(b) for a, b in pairs):
                raise ValueError("timings not finite")
            if path.stat().st_size != size or cachefile.file_digest(path) != digest:
                raise ValueError("the MP3 is not the one described")
            os.utime(path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            cachefile.note_damaged(path, str(exc))
            return None
        return path, frames, pairs

    def put_chunk(self, key: str, mp3: bytes, frames: int,
                  timings: Sequence[tuple[float, float]]) -> Path:
        """Stores an encoded chunk and its description; returns the path of the MP3.
        Raises OSError."""
        path = self.chunk_path(key)
        cache_write(path, mp3)
        cachefile.write_json(path.with_suffix(".json"), {
            "frames": frames, "timings": [list(t) for t in timings], "bytes": len(mp3),
            "digest": cachefile.digest(mp3)}, key)
        return path

    def _levels_path(self) -> Path:
        return self.root / LEVELS_FILE

    def levels(self) -> dict[str, float]:
        """Returns the measured loudness of voices and jingles, by key (see
        :func:`audio_edition.chunks.gain_plan`); a damaged file, or a value that is not a
        finite number, is left out."""
        path = self._levels_path()
        data = cachefile.read_json(path, LEVELS_FILE)
        if data is None:
            return {}
        if not isinstance(data, dict):
            cachefile.note_damaged(path, "not an object")
            return {}
        good = {k: float(v) for k, v in data.items()
                if _is_number(v) and math.isfinite(v)}
        if len(good) != len(data):
            cachefile.note_damaged(path, "a value is not a finite number")
        return good

    def put_levels(self, levels: dict[str, float]) -> None:
        """Adds measured levels (a cache that cannot be written is only logged)."""
        try:
            cachefile.write_json(self._levels_path(), {**self.levels(), **levels}, LEVELS_FILE)
        except OSError as exc:
            log.warning("cannot write the segment cache at %s: %s", self.root, exc)

    def warn_damaged(self) -> int:
        """Logs one warning naming the cache folder and how many damaged entries were found
        (and made again) since the last call, in this process or its workers; returns that
        number."""
        found = cachefile.take_damaged()
        if found:
            # the language model is kept in the user's cache folder, outside this one
            elsewhere = sorted({str(Path(p).parent) for p in found
                                if not Path(p).is_relative_to(self.root)})
            where = f" ({', '.join(elsewhere)} among them)" if elsewhere else ""
            log.warning("%s: %d damaged cache %s ignored and made again%s", self.root, len(found),
                        "entry" if len(found) == 1 else "entries", where)
        return len(found)

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
        """Removes every cached entry, of this version and earlier ones, and the folders they
        leave empty (the cache folder itself stays); returns the number of segments and chunks
        removed."""
        n = 0
        for path in self._entries():
            path.unlink(missing_ok=True)
            path.with_suffix(".json").unlink(missing_ok=True)
            n += 1
        for pattern in ("levels*.json", "langid-*", "spoken/*.json", "mp3/*/*.json",
                        f"**/.*{TMP_SUFFIX}"):
            for path in self.root.glob(pattern):
                path.unlink(missing_ok=True)
        # deepest first, so that mp3/ is empty once mp3/ab/ is gone
        for folder in sorted((p for p in self.root.glob("**/") if p != self.root),
                             key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):  # not empty: something we did not write
                folder.rmdir()
        return n


LEVELS_FILE = f"levels.{cachefile.FORMAT}.json"
"""The measured levels, in the cache folder (earlier formats were ``levels.json``)."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _segment(data: bytes | None, path: Path) -> Audio | None:
    """Returns the audio of a segment entry's bytes, or None (noted as damaged when its header
    is not what :meth:`SegmentCache.put` writes)."""
    if data is None:
        return None
    head, _, pcm = data.partition(b"\n")
    try:
        header = json.loads(head)
        rate, size = header["rate"], header["bytes"]
        if not (_is_int(rate) and 0 < rate <= 384000 and _is_int(size) and size == len(pcm)
                and size % 2 == 0):
            raise ValueError("wrong types or lengths")
    except (ValueError, KeyError, TypeError) as exc:
        cachefile.note_damaged(path, str(exc))
        return None
    return Audio(pcm=pcm, sample_rate=rate)


def _synthesize_one(text: str, voice: VoiceProfile) -> Audio:
    return get_engine(voice.engine).synthesize(text, voice)


def core_share(processes: int) -> int | None:
    """Returns the threads each of ``processes`` processes that synthesize at once may give an
    engine that runs several (see :func:`audio_edition.workers.core_share`)."""
    return workers.core_share(processes)


def give_threads(threads: int | None) -> None:
    """Makes the Piper models this process loads from now on run on ``threads`` threads (None:
    every core). Models loaded earlier keep the threads they were loaded with. (Worker
    processes get theirs from :func:`audio_edition.workers.worker_pool`.)"""
    engine = get_engine("piper")
    if hasattr(engine, "threads"):
        engine.threads = threads


def _start_engine(name: str) -> None:
    engine = get_engine(name)
    engine.available()  # initialises it in this worker process
    warm_here({name})


def warm_here(engines: set[str]) -> None:
    """Has each of ``engines`` that speaks through a helper process (espeak-ng's, see
    :mod:`audio_edition.engines.espeak_fresh`) start it now, in the background, so that the
    first utterance of this process does not wait for it."""
    for name in sorted(engines):
        warm = getattr(get_engine(name), "warm", None)
        if warm is not None:
            warm()


def warm_up(jobs: int, engines: set[str]) -> None:
    """Starts the worker processes and their engines in the background, so that their start-up
    overlaps reading and segmenting instead of delaying the first synthesis."""
    if jobs <= 1:
        return
    pool = workers.worker_pool(jobs - 1)  # this process is the other one
    for _ in range(jobs - 1):
        for name in sorted(engines):
            pool.submit(_start_engine, name)


def synthesize(utterances: Sequence[Utterance], cache: SegmentCache | None = None,
               progress: Callable[[int], None] | None = None, trim: bool = True) -> list[Audio]:
    """Returns the engine output for each utterance, in order, synthesized in this process.

    Cached utterances are taken from ``cache``; the rest are synthesized and stored.
    ``progress(n)`` is called with the number of utterances finished so far. With ``trim``
    the cache is brought back under its cap afterwards. (Builds run this in each worker
    process of :func:`audio_edition.workers.worker_pool`, on whole chunks: :mod:`audio_edition.chunks`.)
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
