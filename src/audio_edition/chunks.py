"""The episode's audio in independent chunks: each assembled, mastered and encoded on its own,
cached, encoded in parallel, and joined as MP3 frames.

The MP3 encoder is the most expensive stage of a build (espeak-ng speaks about ten times faster
than LAME encodes). Encoding the episode in one piece made every build pay for all of it, even
after a one-word edit, and kept it on one core. So the episode is cut into chunks of a few
paragraphs, in the pauses between them:

- :func:`split` cuts where a paragraph starts, chosen by the paragraph's own text (a content
  hash), so an edit moves no cut but its own and every other chunk keeps its key;
- each chunk's key covers its utterances (text, voice, pause), the gains of its voices and the
  encoder; an unchanged chunk is taken from the cache as encoded frames, with no synthesis;
- the gains come from each voice's measured loudness (:func:`gain_plan`), not from the
  episode, so a chunk sounds the same whatever the rest of the episode is;
- chunks that are missing are made by up to ``jobs`` worker processes at once;
- :func:`audio_edition.mp3.join` writes the frames end to end under one Xing header.

Each chunk starts with a pause, so the encoder's start-up delay falls into silence; the pause
is shortened by that delay so the listener hears the designed pause.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import dataclasses
import functools
import hashlib
import json
import logging
import math
import tempfile
import threading
import uuid
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from audio_edition import (
    __version__, assembly, cachefile, fsutil, jingles, languages, loudness, mp3, synth,
    workers,
)
from audio_edition.engines import Audio
from audio_edition.errors import AudioError, SynthesisError
from audio_edition.model import (
    BlockKind, Encoded, Rendered, Script, Timing, Utterance, VoiceProfile,
)
from audio_edition.synth import SegmentCache

log = logging.getLogger(__name__)

CHUNK_VERSION = "5"
"""Bump when what a chunk's key covers or how a chunk is made changes."""
MIN_CHARS = 350
"""A chunk holds at least this many characters of spoken text (about 22 s of speech: each
chunk costs an encoder start, about 20 ms, and an edit re-encodes its whole chunk)..."""
MAX_CHARS = 1500
"""...and is cut at the next paragraph once it holds this many."""
CUT_ONE_IN = 2
"""Between the two, about one paragraph in this many starts a new chunk."""



def calibration_utterances(voice: VoiceProfile) -> list[Utterance]:
    """Returns the sentences ``voice`` reads to have its loudness measured: two paragraphs,
    with the pauses an episode has between sentences and paragraphs."""
    pauses = assembly.DEFAULT_PAUSES
    language = languages.get(voice.lang)
    if language.calibration:
        sentences = assembly.split_sentences(language.calibration, language.code)
    else:
        sentences = assembly.split_sentences(languages.get("en").calibration, "en")
    return [Utterance(-1, s, s, voice, 0.0 if n == 0 else pauses.paragraph
                      if n == len(sentences) // 2 else pauses.sentence)
            for n, s in enumerate(sentences)]


def _digest(*parts) -> str:
    data = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def _file_digest(path: Path) -> str:
    return fsutil.file_digest(path)


def level_keys(voices: Sequence[VoiceProfile], sound: jingles.Sound, target: float,
               true_peak: float, cache: SegmentCache | None = None) -> dict[str, str]:
    """Returns, for each voice and jingle by name, the key of its measured level: what the
    measurement depends on (the voice profile, engine and calibration text, or the jingle's
    bytes, and the targets)."""
    keys = {}
    for voice in {v.name: v for v in voices}.values():
        utts = calibration_utterances(voice)
        keys[voice.name] = _digest(
            "voice", CHUNK_VERSION, target, true_peak, dataclasses.asdict(voice),
            [cache.key(u.spoken, u.voice) for u in utts] if cache else None)
    for path in filter(None, (sound.intro, sound.outro)):
        keys[jingles.piece_name(path)] = _digest("jingle", CHUNK_VERSION, target, true_peak,
                                                 _file_digest(path))
    return keys


_ahead: list[cf.Future] = []
"""Measurements of voices running in a worker process (:func:`start_ahead`)."""
AHEAD_TIMEOUT = 300.0
"""Seconds :func:`gain_plan` waits for a worker measuring ahead before it gives up on it (and
stops the workers) and measures the voices itself."""


def start_ahead(jobs: int, engines: set[str], voices: Sequence[VoiceProfile], target: float,
                true_peak: float, cache: SegmentCache | None) -> None:
    """Before the first article is read: starts the ``jobs - 1`` worker processes and their
    ``engines`` (:func:`audio_edition.synth.warm_up`), and has one measure the loudness of
    ``voices`` into ``cache``, so that the worker does it while this process reads the article,
    instead of idling; the next :func:`gain_plan` here waits for it and finds the levels in the
    cache. The voices are a guess made before the article is read: the ones it turns out not
    to need cost only the worker's idle time.

    All this in a thread (:func:`audio_edition.workers.start_in_background`), while this
    process reads the article. Nothing is measured ahead with one job or no cache."""
    _ahead.clear()  # from a build that needed no gains
    if jobs <= 1:
        return
    measured = cf.Future() if cache is not None and voices else None
    if measured is not None:
        _ahead.append(measured)

    def start() -> None:
        try:
            synth.warm_up(jobs, engines)
            if measured is not None:
                worker = workers.worker_pool(jobs - 1).submit(
                    _measure_in_worker, list(voices), target, true_peak, cache)
                worker.add_done_callback(functools.partial(_pass_on, to=measured))
        except BaseException as exc:  # measured again by gain_plan, where it is reported
            if measured is not None:
                measured.set_exception(exc)

    workers.start_in_background(start)


def _pass_on(done: cf.Future, to: cf.Future) -> None:
    """Gives ``to`` the outcome of ``done``."""
    if done.cancelled():
        to.cancel()
    elif done.exception() is not None:
        to.set_exception(done.exception())
    else:
        to.set_result(done.result())


def _measure_in_worker(voices: list[VoiceProfile], target: float, true_peak: float,
                       cache: SegmentCache) -> list[str]:
    """Runs in a worker process: :func:`gain_plan`, into ``cache``; returns the damaged cache
    entries it met, for the build to count."""
    gain_plan(voices, jingles.Sound(), target, true_peak, cache)
    return cachefile.take_damaged()


def _wait_for_ahead() -> None:
    while _ahead:
        future = _ahead.pop()
        try:
            cachefile.add_damaged(future.result(timeout=AHEAD_TIMEOUT))
        except cf.TimeoutError:
            log.warning("a worker process measuring the voices did not finish within %.0f s; "
                        "stopping it", AHEAD_TIMEOUT)
            workers.shutdown_pool(kill=True)
        except Exception as exc:  # measured again here, where a failure is reported
            log.debug("measuring ahead failed: %s", exc)


def gain_plan(voices: Sequence[VoiceProfile], sound: jingles.Sound, target: float,
              true_peak: float, cache: SegmentCache | None = None,
              measure: Callable[..., dict[str, float]] | None = None) -> loudness.GainPlan:
    """Returns the gains for ``voices`` and the jingles of ``sound``: each brought to ``target``
    LUFS on its own, from its measured loudness.

    A voice is measured once, on its language's calibration text, and a jingle once per file; the cache
    keeps the results under :func:`level_keys`, so the gains stay the same from build to build.
    Voices being measured ahead (:func:`start_ahead`) are waited for. The voices not in the
    cache are measured together by ``measure`` (default :func:`measure_voices`, here; a cluster
    passes its own, with the same arguments).
    Raises SynthesisError or AudioError when a voice cannot be synthesized or measured.
    """
    _wait_for_ahead()
    keys = level_keys(voices, sound, target, true_peak, cache)
    known = cache.levels() if cache is not None else {}
    levels = {name: known[key] for name, key in keys.items() if key in known}
    todo = [v for v in {v.name: v for v in voices}.values() if v.name not in levels]
    if todo:
        levels.update((measure or measure_voices)(todo, target, true_peak, cache))
    rate = assembly.SAMPLE_RATE
    for path in filter(None, (sound.intro, sound.outro)):
        name = jingles.piece_name(path)
        if name not in levels:
            pcm = jingles.load(path, rate)
            levels.update(_effective_levels({name: [(pcm, len(pcm) // 2, name)]}, target,
                                            true_peak, rate))
    new = {keys[name]: lufs for name, lufs in levels.items()
           if keys[name] not in known and math.isfinite(lufs)}
    if cache is not None and new:
        cache.put_levels(new)
    log.debug("measured loudness: %s", levels)
    return loudness.GainPlan.for_levels(levels, target, true_peak)


def measure_voices(voices: Sequence[VoiceProfile], target: float, true_peak: float,
                   cache: SegmentCache | None = None) -> dict[str, float]:
    """Returns the level of each of ``voices`` (by name) that :meth:`GainPlan.for_levels` should
    be given: each reads its :func:`calibration_utterances`, which are assembled and limited at
    the rate its speech is mastered at, and all are measured in one pass.
    Raises SynthesisError or AudioError when a voice cannot be synthesized or measured."""
    todo = {v.name: calibration_utterances(v) for v in voices}
    utts = [u for batch in todo.values() for u in batch]
    audios = iter(synth.synthesize(utts, cache))
    by_rate: dict[int, dict[str, list]] = {}
    for name, batch in todo.items():
        own = [next(audios) for _ in batch]
        rate = render_rate(own, jingles.Sound())  # the rate its speech is mastered at
        by_rate.setdefault(rate, {})[name] = assembly.assemble(
            batch, own, sample_rate=rate, tail=False).pieces
    levels: dict[str, float] = {}
    for rate, passages in by_rate.items():
        levels.update(_effective_levels(passages, target, true_peak, rate))
    return levels


def _effective_levels(passages: dict[str, list], target: float, true_peak: float,
                      rate: int) -> dict[str, float]:
    """Returns the level of each passage (at ``rate``) that :meth:`GainPlan.for_levels` should be
    given so that the passage reaches ``target`` through the limiter."""
    # Each passage's loudness as the gain plan should see it: its measured loudness plus what
    # the limiter takes off at the gain that reaches the target. The limiter takes more off a
    # peaky voice the more it is raised, so that gain is found by the secant method, with the
    # limiter's loss measured as the energy it removes from the passage's speech (it works on
    # peaks in loud blocks, which are the blocks BS.1770's gates keep).
    aim = target + loudness.ENCODER_LOSS_LU
    ceiling = loudness.ceiling_at(10 ** ((true_peak - loudness.PEAK_MARGIN_DB) / 20), rate)
    measured = loudness.passage_loudness(passages, rate)
    out = {}
    for name, own in passages.items():
        level = measured[name]
        speech = [loudness.samples(pcm) for pcm, _, _ in own if pcm]
        if not math.isfinite(level) or not speech:
            out[name] = level
            continue

        energy = sum(float(np.sum(x.astype(np.float64) ** 2)) for x in speech)
        heard = functools.partial(_through_limiter, speech, energy, level, ceiling=ceiling,
                                  rate=rate)
        g0 = aim - level
        h0 = heard(g0)
        g1 = g0 + (aim - h0)
        h1 = heard(g1)
        for _ in range(3):
            if abs(aim - h1) < 0.02 or abs(h1 - h0) < 1e-6:
                break
            g0, h0, g1 = g1, h1, g1 + (aim - h1) * (g1 - g0) / (h1 - h0)
            h1 = heard(g1)
        out[name] = aim - g1
    return out


def _through_limiter(speech: list[np.ndarray], energy: float, level: float, gain: float,
                     ceiling: float, rate: int) -> float:
    """Returns the loudness of a passage measured at ``level`` LUFS once raised by ``gain`` dB
    and limited: the energy the limiter removes from its ``speech`` (of ``energy`` in total)
    is taken off."""
    scale = np.float32(10 ** (gain / 20))
    kept = sum(float(np.sum(loudness.limit(x * scale, ceiling, rate).astype(np.float64) ** 2))
               for x in speech)
    full = energy * float(scale) ** 2
    return level + gain + (10 * math.log10(kept / full) if kept > 0 else -math.inf)


def split(script: Script, utterances: Sequence[Utterance],
          keep: int = 0) -> list[tuple[int, int]]:
    """Returns the chunks of ``utterances`` as (first, one past last) index pairs.

    A chunk starts only where a paragraph, heading or list item starts, never inside the first
    ``keep`` utterances. Which paragraphs start one depends on their own text, so editing a
    paragraph changes its own chunk, and at most where the next one starts. A paragraph longer
    than :data:`MAX_CHARS` is cut between its sentences too, in the same way, and always before
    it holds twice as much: a chunk is held in memory whole, and one paragraph of 200,000
    characters made a chunk of two hours of samples (1.5 GB).
    """
    cuts = [0]
    chars = 0
    prev_block = None
    for i, utt in enumerate(utterances):
        seg = script.segments[utt.segment].segment if 0 <= utt.segment < len(script.segments) \
            else None
        block = seg.block if seg else None
        starts_block = i > 0 and block != prev_block
        prev_block = block
        if starts_block and i >= keep and chars >= MIN_CHARS:
            heading = seg is not None and seg.kind is BlockKind.HEADING
            chosen = int(_digest(utt.spoken, utt.voice.name)[:8], 16) % CUT_ONE_IN == 0
            if heading or chosen or chars >= MAX_CHARS:
                cuts.append(i)
                chars = 0
        elif i > 0 and i >= keep and chars >= MAX_CHARS:
            chosen = int(_digest(utt.spoken, utt.voice.name)[:8], 16) % CUT_ONE_IN == 0
            if chosen or chars >= 2 * MAX_CHARS:
                cuts.append(i)
                chars = 0
        chars += len(utt.spoken)
    cuts.append(len(utterances))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


@dataclass
class _Chunk:
    """One chunk of an episode while it is rendered."""

    first: int
    """Index of its first utterance."""
    end: int
    """Index one past its last utterance."""
    key: str
    """Its cache key (:func:`_key`)."""
    sound: jingles.Sound
    """The jingles it carries: the intro and bed for the first chunk, the outro for the last."""
    intro: int
    """How many of its utterances the bed plays under (first chunk only)."""
    number: int = 1
    """Its place in the episode, from 1 (for messages)."""
    path: Path | None = None
    """Its plain MP3 frames, once encoded or found in the cache."""
    frames: int = 0
    """How many MP3 frames it has."""
    timings: list[tuple[float, float]] = dataclasses.field(default_factory=list)
    """(start, end) of each utterance's speech, in seconds from the chunk's first sample."""

    @property
    def label(self) -> str:
        """Names the chunk in messages: ``chunk 3 (sentences 12–18)``."""
        if self.end - self.first == 1:
            return f"chunk {self.number} (sentence {self.end})"
        return f"chunk {self.number} (sentences {self.first + 1}–{self.end})"


def render(script: Script, utterances: Sequence[Utterance], levels: dict[str, str],
           plan: Callable[[], loudness.GainPlan], sound: jingles.Sound, intro: int,
           workdir: Path, jobs: int = 1, cache: SegmentCache | None = None,
           progress: Callable[[int], None] | None = None,
           timer: dict[str, float] | None = None, make: Callable[..., None] | None = None
           ) -> Encoded:
    """Returns the episode of ``utterances`` as encoded chunks, ready for :func:`mp3.join`.

    ``levels`` are the :func:`level_keys` of the voices and jingles, and ``plan()`` returns
    their gains; it is called only when a chunk has to be made, in this process, while the
    workers speak, so it must not use the worker pool itself. ``intro`` utterances at the
    start are the spoken intro the music bed of ``sound`` plays under. Chunks found in
    ``cache`` (and not damaged: :meth:`SegmentCache.get_chunk`) are used as they are; the
    others are synthesized, assembled, mastered and encoded, into ``cache`` or else into
    ``workdir``: with one job in this process, one step after the other, as the raw tools
    run; with more, by ``jobs`` worker processes, each making whole chunks with its own engine
    while this process measures the gains.
    ``progress(n)`` is called with the number of utterances done so far; ``timer`` gets the
    seconds spent synthesizing and mastering, and encoding (summed over the workers), added to
    its ``synthesize`` and ``encode`` entries. ``make``, when given, makes the missing chunks
    instead (as :func:`_in_process` does, with the same arguments; a cluster's way:
    :mod:`audio_edition.cluster`), and ``jobs`` is not used.
    Raises SynthesisError or AudioError when an engine or ffmpeg fails, does not finish in
    time, or worker processes die twice; the message names the chunk.
    """
    timer = {} if timer is None else timer
    chunks, missing = chunk_list(script, utterances, levels, sound, intro, cache)
    skipped = len(utterances) - sum(c.end - c.first for c in missing)
    if progress and skipped:
        progress(skipped)
    log.debug("%d of %d chunks to encode", len(missing), len(chunks))
    if missing:
        run = make or (_in_workers if jobs > 1 else _in_process)
        run(missing, utterances, plan, first=chunks[0], last=chunks[-1], workdir=workdir,
            jobs=jobs, cache=cache, timer=timer,
            progress=(lambda n, base=skipped: progress(base + n)) if progress else None)
    timings: list[Timing] = []
    frames = 0
    for chunk in chunks:
        base = (frames * mp3.FRAME + mp3.ENCODER_DELAY) / mp3.RATE
        for i, (start, end) in enumerate(chunk.timings, start=chunk.first):
            timings.append(Timing(i, round(base + start, 4), round(base + end, 4)))
        frames += chunk.frames
    return Encoded(parts=[c.path for c in chunks], timings=timings,
                   duration=frames * mp3.FRAME / mp3.RATE, frames=frames, chunks=len(chunks),
                   encoded=len(missing))


def chunk_list(script: Script, utterances: Sequence[Utterance], levels: dict[str, str],
               sound: jingles.Sound, intro: int, cache: SegmentCache | None
               ) -> tuple[list[_Chunk], list[_Chunk]]:
    """Returns the chunks of an episode (see :func:`render` for the arguments) and, of those,
    the ones ``cache`` does not have; the others are filled in from the cache."""
    bounds = split(script, utterances, keep=intro if sound.bed else 0)
    chunks = []
    for n, (a, b) in enumerate(bounds):
        first, last = n == 0, n == len(bounds) - 1
        part = dataclasses.replace(sound, intro=sound.intro if first else None,
                                   bed=sound.bed if first else None,
                                   outro=sound.outro if last else None)
        chunks.append(_Chunk(a, b, _key(utterances[a:b], levels, part, first, last, cache),
                             part, intro if first else 0, number=n + 1))
    missing = []
    for chunk in chunks:
        hit = cache.get_chunk(chunk.key, chunk.end - chunk.first) if cache is not None else None
        if hit is None:
            missing.append(chunk)
            continue
        chunk.path, chunk.frames, chunk.timings = hit
    return chunks, missing


def _in_process(missing: list[_Chunk], utterances: Sequence[Utterance],
                plan: Callable[[], loudness.GainPlan], first: _Chunk, last: _Chunk,
                workdir: Path, jobs: int, cache: SegmentCache | None, timer: dict[str, float],
                progress: Callable[[int], None] | None) -> None:
    """Makes the ``missing`` chunks in this process, one step after the other, as the raw
    tools would run: speak and master a chunk, then encode it."""
    gains = plan()
    done = 0
    for chunk in missing:
        seconds = _make(chunk, utterances[chunk.first:chunk.end], lambda: gains, chunk is first,
                        chunk is last, workdir, cache,
                        (lambda n, base=done: progress(base + n)) if progress else None)
        done += chunk.end - chunk.first
        for stage, spent in seconds.items():
            timer[stage] = timer.get(stage, 0.0) + spent


WORKER_TIMEOUT = 300.0
"""Seconds a worker process gets for a chunk once the gains are known, besides
:data:`WORKER_TIMEOUT_PER_CHAR`; a worker past it is taken to be stuck, and the build fails
naming the chunk (ffmpeg and the engines have deadlines of their own: this catches the rest)."""
WORKER_TIMEOUT_PER_CHAR = 0.2
"""Further seconds per character of the chunk's text (about 3 s per second of speech, ten times
what Piper needs on a loaded two-core machine)."""
WORKER_RESTARTS = 1
"""How many times the workers are started again in one episode after one of them died
(killed, out of memory, crashed in an engine), their chunks given to the new ones; the next
death fails the build, naming the chunk."""
_POLL = 2.0
"""Seconds between two looks at the workers' deadlines while none has passed."""
_BROKEN_WAIT = 30.0
"""Seconds to wait for the other chunks of a pool whose worker died to fail too."""


def _worker_timeout(utts: Sequence[Utterance]) -> float:
    return WORKER_TIMEOUT + WORKER_TIMEOUT_PER_CHAR * sum(len(u.spoken) for u in utts)


def _in_workers(missing: list[_Chunk], utterances: Sequence[Utterance],
                plan: Callable[[], loudness.GainPlan], first: _Chunk, last: _Chunk,
                workdir: Path, jobs: int, cache: SegmentCache | None, timer: dict[str, float],
                progress: Callable[[int], None] | None) -> None:
    """Makes the ``missing`` chunks in this process and ``jobs - 1`` worker processes, each
    speaking, mastering and encoding whole chunks with its own engine, and fills them in.

    Every process takes the longest chunk left, one at a time, as it finishes the last, so
    that the chunks left at the end are the shortest and no process waits long for another.
    A thread here hands the workers their chunks. They start while this process measures the
    gains, which it hands to them through a file in ``workdir`` (a worker waits for it before
    it masters); then this process makes chunks too. When a worker is measuring the voices
    ahead (:func:`start_ahead`), this process speaks its first chunk meanwhile, and waits for
    the gains only to master it.

    Nothing here waits for a worker without a deadline (:data:`WORKER_TIMEOUT`): a worker past
    it fails the build naming its chunk, and the workers are killed. When a worker dies, its
    chunks go to a new one (:data:`WORKER_RESTARTS`).
    """
    pool = workers.worker_pool(jobs - 1)
    gains_file = workdir / f"gains-{uuid.uuid4().hex}.json"
    queue = collections.deque(sorted(missing, key=lambda c: -sum(
        len(u.spoken) for u in utterances[c.first:c.end])))
    lock = threading.Lock()
    stop = threading.Event()
    gains_at: list[float] = []  # when the gains file was written
    running: dict[cf.Future, tuple[_Chunk, float]] = {}  # with when it was handed out
    restarts = 0
    failure: list[BaseException] = []
    done = 0

    def count(chunk: _Chunk, seconds: dict[str, float]) -> None:
        nonlocal done
        with lock:
            for stage, spent in seconds.items():
                timer[stage] = timer.get(stage, 0.0) + spent
            done += chunk.end - chunk.first
            if progress:
                progress(done)

    def report(n: int) -> None:
        with lock:  # the feeder thread reports too
            progress(n)

    def take() -> _Chunk | None:
        with lock:
            if stop.is_set() or not queue:
                return None
            return queue.popleft()

    def deadline(chunk: _Chunk, handed: float) -> float:
        # A worker may wait for the gains first; its time starts once they are written.
        if not gains_at:
            return math.inf
        return max(handed, gains_at[0]) + _worker_timeout(utterances[chunk.first:chunk.end])

    def wait_for_running() -> tuple[set[cf.Future], float]:
        now = time.monotonic()
        due = min((deadline(c, t) for c, t in running.values()), default=math.inf)
        if due <= now:
            return set(), due
        finished, _ = cf.wait(running, timeout=min(_POLL, due - now),
                              return_when=cf.FIRST_COMPLETED)
        return finished, due

    def lose(lost: list[_Chunk]) -> None:
        # The pool is broken, and every chunk it had is lost: they go to a new one, once.
        nonlocal pool, restarts
        lost.sort(key=lambda c: c.number)
        if restarts >= WORKER_RESTARTS:
            raise SynthesisError(f"{lost[0].label}: a worker process died while making it")
        restarts += 1
        log.warning("a worker process died while making %s; a new one makes it again",
                    ", ".join(c.label for c in lost))
        with lock:
            queue.extendleft(sorted(lost, key=lambda c: sum(
                len(u.spoken) for u in utterances[c.first:c.end])))
        pool = workers.worker_pool(jobs - 1)  # a new one

    def hand_out() -> None:
        # Runs in a thread: keeps every worker busy with one chunk until none are left.
        try:
            while True:
                lost = []
                while len(running) < jobs - 1 and (chunk := take()) is not None:
                    try:
                        future = pool.submit(_make_in_worker, chunk,
                                             utterances[chunk.first:chunk.end], gains_file,
                                             chunk is first, chunk is last, workdir, cache)
                    except cf.process.BrokenProcessPool:
                        lost.append(chunk)
                        break
                    running[future] = (chunk, time.monotonic())
                if not running and not lost:
                    return
                finished, due = wait_for_running() if running else (set(), math.inf)
                if not finished and not lost and due <= time.monotonic():
                    chunk, _ = min(running.values(), key=lambda r: deadline(*r))
                    limit = _worker_timeout(utterances[chunk.first:chunk.end])
                    raise SynthesisError(f"{chunk.label}: a worker process did not finish it "
                                         f"within {limit:.0f} s")
                for future in finished:
                    chunk, _ = running.pop(future)
                    try:
                        made, seconds, damaged = future.result()
                    except cf.process.BrokenProcessPool:
                        lost.append(chunk)
                        continue
                    cachefile.add_damaged(damaged)
                    chunk.path, chunk.frames, chunk.timings = made.path, made.frames, made.timings
                    count(chunk, seconds)
                if lost:
                    # the others of the broken pool fail at once too
                    cf.wait(running, timeout=_BROKEN_WAIT)
                    lost += [chunk for chunk, _ in running.values()]
                    running.clear()
                    lose(lost)
        except BaseException as exc:  # handed to the main thread
            failure.append(exc)
            stop.set()
            # The running ones read the gains file before it goes; a stuck one is killed.
            due = min((deadline(c, t) for c, t in running.values()), default=0.0)
            wait = min(GAINS_TIMEOUT, max(0.0, due - time.monotonic()))
            if running and cf.wait(running, timeout=wait).not_done:
                workers.shutdown_pool(kill=True)

    planned: list[loudness.GainPlan] = []

    def gains() -> loudness.GainPlan:
        if not planned:
            try:
                planned.append(plan())
            except BaseException:
                fsutil.cache_write(gains_file, b"null")  # the workers give up
                gains_at.append(time.monotonic())
                raise
            fsutil.cache_write(gains_file, json.dumps(dataclasses.asdict(planned[0])).encode())
            gains_at.append(time.monotonic())
        return planned[0]

    feeder = threading.Thread(target=hand_out, name="chunk-feeder", daemon=True)
    feeder.start()
    try:
        if not _ahead:
            gains()  # measured here first, while the workers speak
        # else a worker is measuring the voices: this process speaks its first chunk meanwhile,
        # and waits for the gains only to master it
        while (chunk := take()) is not None:
            seconds = _make(chunk, utterances[chunk.first:chunk.end], gains,
                            chunk is first, chunk is last, workdir, cache,
                            (lambda n: report(done + n)) if progress else None)
            count(chunk, seconds)
        gains()  # for the workers, should this process have made no chunk
    finally:
        if not gains_at:  # this process failed before the gains were known
            fsutil.cache_write(gains_file, b"null")
        stop.set()
        feeder.join()
        gains_file.unlink(missing_ok=True)
    if failure:
        if isinstance(failure[0], cf.process.BrokenProcessPool):
            workers.shutdown_pool(kill=True)
            raise SynthesisError("a worker process died") from None
        raise failure[0]


GAINS_TIMEOUT = 600.0
"""How long a worker waits for the gains, in seconds, before it gives up."""


def _make_in_worker(chunk: _Chunk, utts: Sequence[Utterance], gains_file: Path, first: bool,
                    last: bool, workdir: Path, cache: SegmentCache | None
                    ) -> tuple[_Chunk, dict[str, float], list[str]]:
    """Runs in a worker process: :func:`_make`, with the gains read from ``gains_file`` once
    the main process has written them there. Returns the chunk, the seconds spent, and the
    damaged cache entries met, for the build to count."""
    def gains() -> loudness.GainPlan:
        deadline = time.monotonic() + GAINS_TIMEOUT
        while not gains_file.exists():
            if time.monotonic() > deadline:
                raise AudioError("the loudness of the voices was not measured in time")
            time.sleep(0.005)
        data = json.loads(gains_file.read_text(encoding="utf-8"))
        if data is None:
            raise AudioError("the loudness of the voices could not be measured")
        return loudness.GainPlan(**data)

    seconds = _make(chunk, utts, gains, first, last, workdir, cache)
    return chunk, seconds, cachefile.take_damaged()


def _make(chunk: _Chunk, utts: Sequence[Utterance], gains: Callable[[], loudness.GainPlan],
          first: bool, last: bool, workdir: Path, cache: SegmentCache | None,
          progress: Callable[[int], None] | None = None) -> dict[str, float]:
    """Speaks, assembles, masters and encodes ``chunk`` (of ``utts``), filling in its path,
    frame count and timings. ``gains()`` returns the plan once it is needed. Returns the
    seconds spent synthesizing (and mastering) and encoding.
    Raises SynthesisError or AudioError naming the chunk when an engine or ffmpeg fails."""
    try:
        t = time.perf_counter()
        audios = synth.synthesize(utts, cache, progress, trim=False)
        waited = time.perf_counter()
        plan = gains()
        waited = time.perf_counter() - waited
        pcm, rate = _master(chunk, utts, audios, plan, first, last)
        del audios
        t2 = time.perf_counter()
        _encode(chunk, pcm, rate, workdir, cache)
    except (SynthesisError, AudioError) as exc:
        # The article is named by the build; the temporary file ffmpeg wrote says nothing.
        path = exc.path if exc.path and not Path(exc.path).is_relative_to(workdir) else None
        raise type(exc)(f"{chunk.label}: {exc.problem}", path) from None
    return {"synthesize": t2 - t - waited, "encode": time.perf_counter() - t2}


def _key(utts: Sequence[Utterance], levels: dict[str, str], sound: jingles.Sound,
         first: bool, last: bool, cache: SegmentCache | None) -> str:
    """Returns the cache key of a chunk: everything its encoded frames depend on."""
    names = sorted({u.voice.name for u in utts})
    jingle_files = [p for p in (sound.intro, sound.bed, sound.outro) if p]
    names += [jingles.piece_name(p) for p in (sound.intro, sound.outro) if p]
    return _digest(
        "chunk", CHUNK_VERSION, __version__, mp3.encoder_id(), mp3.BITRATE, mp3.RATE,
        assembly.SAMPLE_RATE, {n: levels.get(n) for n in names},
        [[cache.key(u.spoken, u.voice) if cache else [u.spoken, dataclasses.asdict(u.voice)],
          u.pause] for u in utts],
        first, last, [_file_digest(p) for p in jingle_files], sound.bed_level, sound.bed_open)


def render_rate(audios: Sequence[Audio], sound: jingles.Sound) -> int:
    """Returns the sample rate a chunk of ``audios`` is assembled and mastered at: the voices'
    own rate when they share one (espeak-ng's and most Piper voices' 22,050 Hz) and the chunk
    carries no jingles, else the episode's. ffmpeg then resamples to the MP3's 44.1 kHz while
    it encodes, in a thread of its own as in the raw pipeline, and this process trims, fades,
    scales and limits half as many samples."""
    rates = {a.sample_rate for a in audios if a.pcm}
    if sound or len(rates) != 1 or next(iter(rates)) > assembly.SAMPLE_RATE:
        return assembly.SAMPLE_RATE
    return rates.pop()


def _master(chunk: _Chunk, utts: Sequence[Utterance], audios: list[Audio],
            plan: loudness.GainPlan, first: bool, last: bool) -> tuple[bytes, int]:
    """Returns the assembled and mastered samples of ``chunk`` and their rate, and fills in its
    timings."""
    rate = render_rate(audios, chunk.sound)
    rendered = assembly.assemble(utts, audios, sample_rate=rate, tail=last)
    if chunk.sound:
        intro_end = max((t.end for t in rendered.timings[:chunk.intro]), default=0.0) + 0.3
        rendered = jingles.dress(rendered, intro_end if chunk.intro else 0.0, chunk.sound)
    shift = 0
    if not first and rendered.pieces and rendered.pieces[0][0] is None:
        # The decoder starts this chunk with the encoder's delay; take it from the pause.
        gap = rendered.pieces[0][1]
        shift = min(mp3.ENCODER_DELAY * rate // mp3.RATE, gap // 2)
        rendered.pieces[0] = (None, gap - shift, None)
    rendered.plan = plan
    chunk.timings = [(round(t.start - shift / rate, 4), round(t.end - shift / rate, 4))
                     for t in rendered.timings]
    return b"".join(rendered.iter_pcm()), rate


def _encode(chunk: _Chunk, pcm: bytes, rate: int, workdir: Path,
            cache: SegmentCache | None) -> None:
    """Encodes the samples of ``chunk`` (at ``rate``), fills in its path and frame count, and
    keeps it in ``cache`` (else in ``workdir``). Raises AudioError when ffmpeg fails."""
    with tempfile.NamedTemporaryFile(suffix=".mp3", dir=workdir, delete=False) as tmp:
        path = Path(tmp.name)
    try:
        mp3.encode(Rendered(pieces=[(pcm, len(pcm) // 2, None)], sample_rate=rate, timings=[]),
                   path, header=False)
        data = path.read_bytes()
    finally:
        if cache is not None:
            path.unlink(missing_ok=True)
    chunk.frames = mp3.count_frames(data)
    if cache is not None:
        keep(chunk, data, workdir, cache)
    else:
        chunk.path = path


def keep(chunk: _Chunk, data: bytes, workdir: Path, cache: SegmentCache | None) -> None:
    """Keeps the encoded frames ``data`` of ``chunk`` (its frames and timings filled in) in
    ``cache`` under its key, else (no cache, or one that cannot be written) in ``workdir``,
    and fills in its path."""
    if cache is not None:
        try:
            chunk.path = cache.put_chunk(chunk.key, data, chunk.frames, chunk.timings)
            return
        except OSError as exc:
            log.warning("cannot write the segment cache at %s: %s", cache.root, exc)
    chunk.path = workdir / f"{chunk.key}.mp3"
    chunk.path.write_bytes(data)


__all__ = ["chunk_list", "gain_plan", "keep", "measure_voices", "render", "split"]
