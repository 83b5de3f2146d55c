"""Making the chunks of a build on a Dask cluster (``build --scheduler``).

This process, the coordinator, keeps everything that needs the articles and the output folder:
reading, segmenting, casting, the cache index, joining, tagging and publishing. The cluster's
workers do what costs CPU, as Dask tasks: they speak, master and encode chunks
(:func:`audio_edition.chunks._make`, as a local build does) and measure the loudness of voices
(:func:`audio_edition.chunks.measure_voices`). A worker does not share this process's disk: a
chunk's task returns the encoded frames, their count and the utterances' timings, and this
process keeps them in its cache under the same key a local build uses, so a chunk made on the
cluster is a cache hit for a local build, and the other way round.

- Before any work is sent, every worker is checked (:func:`environment`): audio-edition's
  version and code, the encoder, every engine and voice the profiles name. A Piper model is
  found by its digest (and its config's): at the path the coordinator has it, else among the
  worker's own models (its voices folder, ``$AUDIO_EDITION_PIPER_VOICES``, voice packages), and
  the worker speaks with that copy. A difference stops the build with one error naming the
  worker. A worker that joins
  later checks itself before its first task.
- Articles are prepared ahead and their chunks sent (:meth:`Session.prepared`), so the workers
  have work while this process reads the next article or publishes the last one.
- A task's key is the chunk's cache key, and tasks have no side effects: the scheduler runs the
  tasks of a worker it lost again elsewhere, and the build goes on.
- :meth:`Session.close` cancels the build's tasks (Ctrl-C) and stops a cluster it started.

Dask is imported only here, and only when a scheduler is given: it is an optional extra.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
import queue
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from audio_edition import __version__, chunks, fsutil, loudness, mp3
from audio_edition.engines import get_engine
from audio_edition.errors import ClusterError, ConfigError, EditionError, SynthesisError
from audio_edition.model import Utterance, VoiceProfile

log = logging.getLogger(__name__)

ENV = "AUDIO_EDITION_SCHEDULER"
"""Environment variable that gives the scheduler when ``--scheduler`` does not."""
OPTION = "--scheduler"
"""The command-line option, named in errors about its value."""
INSTALL_HINT = "pip install 'audio-edition[dask]'"
"""What to do when Dask is not installed."""
CONNECT_TIMEOUT = 30.0
"""Seconds to wait for the scheduler to answer, and for it to have a worker."""
CHECK_TIMEOUT = 300.0
"""Seconds a worker may take to check its engines and voices (it loads every Piper model)."""
WAITING_PER_THREAD = 2
"""Articles are prepared ahead until this many chunks per worker thread wait to be made..."""
MAX_AHEAD = 64
"""...or this many articles are ahead."""
STARTED = "audio-edition-started"
"""The topic of the event a chunk's task logs when it starts on a worker: the coordinator
times each task from it (:meth:`Session.make`)."""
TRIES = 2
"""How many times a chunk's task is run (on different workers when there are) before its
article fails: once, and once more elsewhere when the first ran past its time limit."""
START_TIMEOUT = 600.0
"""Seconds the current article's tasks may all wait for a worker's thread, none of them
running or finishing, before the article fails naming its first chunk not started. More than
Dask's worker-ttl (5 minutes), after which the scheduler gives up on a worker that stopped
answering and runs its tasks elsewhere."""
POLL = 0.5
"""Seconds between looks at the running tasks' time limits."""


def parse(address: str) -> tuple[str, int | None]:
    """Returns the scheduler's address and, for ``local:N``, the number of workers to start.

    ``HOST:PORT`` means ``tcp://HOST:PORT``. Raises ConfigError for anything else.
    """
    value = address.strip()
    if value.startswith("local:"):
        count = value.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ConfigError(f"expected local:N with N workers, at least 1, but got {address!r}",
                              OPTION)
        return value, int(count)
    if "://" not in value:
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit():
            raise ConfigError("expected the scheduler's address (tcp://HOST:PORT) or local:N "
                              f"but got {address!r}", OPTION)
        value = f"tcp://{value}"
    return value, None


def _distributed():
    """Returns Dask's ``distributed`` module; raises ConfigError saying how to install it."""
    # Quiet unless asked otherwise: the scheduler and the workers of local:N log every start
    # and stop at INFO, which would bury the build's own output. (Read when dask is imported,
    # here and in the worker processes, which inherit the environment.)
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    try:
        import distributed
    except ImportError:
        raise ConfigError(f"Dask is not installed; {INSTALL_HINT}", OPTION) from None
    return distributed


# -- what a worker must share with this process ------------------------------------------------

@functools.lru_cache(maxsize=1)
def _code() -> str:
    """Returns a digest of this package's code: what makes a chunk besides its inputs."""
    root = Path(__file__).parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


@functools.lru_cache(maxsize=256)
def _file_digest(path: str, size: int, mtime: int) -> str:
    return fsutil.file_digest(Path(path))[:12]


def _digest_of(path: Path) -> str:
    stat = path.stat()
    return _file_digest(str(path), stat.st_size, stat.st_mtime_ns)


def _voice_state(voice: VoiceProfile) -> str:
    """Returns ``usable`` (with a Piper model's digest), or why ``voice`` is not."""
    engine = get_engine(voice.engine)
    try:
        engine.check_voice(voice)
        if voice.engine == "piper":
            model = _model_of(voice)
            return (f"usable, model {model.digest}"
                    + (f" with config {model.config}" if model.config else ""))
    except EditionError as exc:
        return f"unusable: {exc.format_message()}"
    return "usable"


@dataclass(frozen=True)
class _Model:
    """A Piper model file, as a worker finds the coordinator's: by its digest, not its path."""

    digest: str
    """The model's digest (as :func:`environment` shows it)."""
    size: int
    """Its size in bytes: only files of this size are hashed when looking for it."""
    config: str
    """The digest of its config next to it, '' for none."""


def _model_at(path: Path) -> _Model:
    from audio_edition.engines.piper_engine import config_path_for

    config = config_path_for(path)
    return _Model(_digest_of(path), path.stat().st_size, _digest_of(config) if config else "")


def _model_of(voice: VoiceProfile) -> _Model:
    """Returns the Piper model ``voice`` names here; raises ConfigError when there is none."""
    return _model_at(get_engine("piper").resolve(voice.voice_id))


def _piper_models(voices: Sequence[VoiceProfile]) -> dict[str, _Model]:
    """Returns the models of the Piper voices among ``voices`` that exist here, by voice id."""
    out = {}
    for voice in voices:
        if voice.engine == "piper" and voice.voice_id not in out:
            try:
                out[voice.voice_id] = _model_of(voice)
            except (ConfigError, OSError):
                pass  # reported by environment() as unusable
    return out


def _find_models(wanted: dict[str, _Model]) -> tuple[dict[str, str], dict[str, str]]:
    """Runs in a worker: finds each of ``wanted`` (the coordinator's models by voice id) here,
    at the same path or, by digest, anywhere a voice profile's model is looked for (the voices
    folder, ``$AUDIO_EDITION_PIPER_VOICES``, installed voice packages). Returns the voice ids
    to use here instead (only those that differ), and why each model not found is missing."""
    engine = get_engine("piper")
    found: dict[str, str] = {}
    missing: dict[str, str] = {}
    candidates: list[Path] | None = None
    for voice_id, model in wanted.items():
        path = Path(voice_id)
        try:
            if path.is_absolute() and path.is_file() and _model_at(path) == model:
                continue
        except OSError:
            pass
        if candidates is None:
            candidates = [m.model_path for m in engine.models(load=False)]
        for candidate in candidates:
            try:
                if candidate.stat().st_size == model.size and _model_at(candidate) == model:
                    found[voice_id] = str(candidate)
                    break
            except OSError:
                continue
        else:
            missing[voice_id] = (f"no piper model of digest {model.digest}"
                                 + (f" with config {model.config}" if model.config else "")
                                 + f" at {voice_id} nor among the {len(candidates)} models "
                                 "this worker has")
    return found, missing


def _localized(voice: VoiceProfile, models: dict[str, str]) -> VoiceProfile:
    """Returns ``voice`` naming this worker's copy of its Piper model (see :func:`_find_models`)."""
    local = models.get(voice.voice_id) if voice.engine == "piper" else None
    return dataclasses.replace(voice, voice_id=local) if local else voice


def environment(voices: Sequence[VoiceProfile]) -> dict[str, str]:
    """Returns what a chunk made in this process depends on besides its inputs: this package's
    version and code, the encoder, and the state of each engine and voice of ``voices``."""
    env = {"audio-edition": f"{__version__} (code {_code()})",
           "ffmpeg": f"binary {_digest_of(Path(mp3.ffmpeg_exe()))}"}
    for name in sorted({v.engine for v in voices}):
        engine = get_engine(name)
        missing = engine.available()
        env[f"engine {name}"] = f"unavailable: {missing}" if missing else engine.version()
    for voice in sorted({v.name: v for v in voices}.values(), key=lambda v: v.name):
        env[f"voice {voice.name}"] = _voice_state(voice)
    return env


def differences(here: dict[str, str], there: dict[str, str]) -> str:
    """Returns what differs between two :func:`environment` results, as one line ('' for
    nothing): each item as it is there, with how it is here in brackets."""
    out = [f"{key}: {there.get(key, 'missing')} (here: {here.get(key, 'missing')})"
           for key in sorted(set(here) | set(there)) if here.get(key) != there.get(key)]
    return "; ".join(out)


@dataclass
class _Expected:
    """What a worker must find in its own environment before it makes anything."""

    voices: list[VoiceProfile]
    """Every voice the profiles name."""
    environment: dict[str, str]
    """:func:`environment` of those voices in the coordinator."""
    digest: str
    """Identifies the three of them."""
    models: dict[str, _Model] = dataclasses.field(default_factory=dict)
    """The Piper models the voices name, by voice id (the coordinator's path)."""


_verified: dict[str, dict[str, str]] = {}
"""The :class:`_Expected` digests this worker process has found itself to match, each with the
voice ids of the Piper models it has at other paths than the coordinator (see
:func:`_find_models`)."""


def _worker_environment(expected: _Expected) -> tuple[dict[str, str], dict[str, str]]:
    """Runs in a worker: returns its :func:`environment` for ``expected``'s voices, each Piper
    model found by digest, and the voice ids to use here instead of the coordinator's."""
    found, missing = _find_models(expected.models)
    voices = [_localized(v, found) for v in expected.voices]
    env = environment(voices)
    for voice in expected.voices:
        if voice.engine == "piper" and voice.voice_id in missing:
            env[f"voice {voice.name}"] = f"unusable: {missing[voice.voice_id]}"
    return env, found


def _worker_address() -> str:
    from distributed import get_worker

    try:
        return get_worker().address
    except ValueError:  # not in a worker
        return f"process {os.getpid()}"


def _verify(expected: _Expected | None) -> dict[str, str]:
    """Runs in a worker: raises ClusterError naming this worker and what differs when its
    environment is not the coordinator's; checked once per process. Returns the voice ids of
    the Piper models this worker has at other paths (for :func:`_localized`)."""
    _one_thread_per_task()
    if expected is None:
        return {}
    if expected.digest in _verified:
        return _verified[expected.digest]
    mine, found = _worker_environment(expected)
    diff = differences(expected.environment, mine)
    if diff:
        raise ClusterError(f"worker {_worker_address()} differs from this process: {diff}")
    _verified[expected.digest] = found
    return found


def _one_thread_per_task() -> None:
    """Runs in a worker: a Piper model runs one synthesis on the thread of the task that asks,
    not on every core (a worker runs as many tasks at once as it has threads, and a machine
    usually has a worker process per core)."""
    engine = get_engine("piper")
    if getattr(engine, "threads", 0) is None:
        engine.threads = 1


def _check(expected: _Expected) -> dict[str, str]:
    """The task that checks a worker: returns its environment, remembering a match."""
    _one_thread_per_task()
    mine, found = _worker_environment(expected)
    if not differences(expected.environment, mine):
        _verified[expected.digest] = found
    return mine


# -- the tasks ----------------------------------------------------------------------------------

def _measure(voices: list[VoiceProfile], target: float, true_peak: float,
             expected: _Expected | None) -> dict[str, float]:
    """The task that measures the loudness of ``voices``: :func:`chunks.measure_voices`."""
    models = _verify(expected)
    return chunks.measure_voices([_localized(v, models) for v in voices], target, true_peak,
                                 None)


def _make_chunk(chunk: chunks._Chunk, utts: list[Utterance], gains: loudness.GainPlan,
                first: bool, last: bool, sound_files: dict[str, tuple[str, bytes]],
                expected: _Expected | None
                ) -> tuple[bytes, int, list[tuple[float, float]], dict[str, float]]:
    """The task that makes a chunk: speaks, masters and encodes it in a folder of its own, with
    the jingles it carries written there from ``sound_files`` (role -> file name and bytes).
    Returns its MP3 frames, their count, the utterances' timings and the seconds spent."""
    _announce()
    models = _verify(expected)
    if models:
        utts = [dataclasses.replace(u, voice=_localized(u.voice, models)) for u in utts]
    with tempfile.TemporaryDirectory(prefix="audio-edition-") as tmp:
        work = Path(tmp)
        local = {}
        for role, (name, data) in sound_files.items():
            path = work / role / name  # the file name is what the gains know a jingle by
            path.parent.mkdir()
            path.write_bytes(data)
            local[role] = path
        chunk = dataclasses.replace(chunk, sound=dataclasses.replace(chunk.sound, **local),
                                    path=None, timings=[])
        seconds = chunks._make(chunk, utts, lambda: gains, first, last, work, None)
        return chunk.path.read_bytes(), chunk.frames, chunk.timings, seconds


def _announce() -> None:
    """Runs in a worker: tells the coordinator that the current task starts, and where."""
    from distributed import get_worker

    try:
        worker = get_worker()
    except ValueError:  # not in a worker
        return
    worker.log_event(STARTED, {"key": str(worker.get_current_task()), "worker": worker.address})


# -- the coordinator's side ---------------------------------------------------------------------

@dataclass
class _Task:
    """A chunk's task as the coordinator waits for it."""

    group: list[chunks._Chunk]
    """The chunks of the episode with this key (made once)."""
    limit: float
    """Seconds it may run on a worker (:func:`chunks._worker_timeout` of its text)."""
    future: Any
    """Its current try."""
    tries: list[str] = dataclasses.field(default_factory=list)
    """The workers its earlier tries ran past the limit on."""


class Session:
    """A connection to a Dask cluster that makes the chunks of builds.

    ``address`` is a scheduler's (``tcp://HOST:PORT``) or ``local:N``, which starts a local
    cluster of N worker processes with one thread each (espeak-ng starts once per process)
    until :meth:`close`. Raises ConfigError for a bad address or without Dask, ClusterError when
    the scheduler cannot be reached.
    """

    def __init__(self, address: str) -> None:
        self.address, workers = parse(address)
        distributed = _distributed()
        import dask.config

        # The chunks' MP3 bytes come from the workers straight to this process, not through
        # the scheduler (Dask's default for a client outside the cluster), which would relay
        # every byte; a network where this process cannot reach the workers sets it to False.
        direct = dask.config.get("distributed.client.direct-to-workers", None)
        direct = True if direct is None else direct
        self._cluster = None
        try:
            if workers:
                self._cluster = distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=":0")
                self.client = distributed.Client(self._cluster, set_as_default=False,
                                                 direct_to_workers=direct)
                self.address = self._cluster.scheduler_address
            else:
                self.client = distributed.Client(self.address, timeout=CONNECT_TIMEOUT,
                                                 set_as_default=False, direct_to_workers=direct)
        except (OSError, TimeoutError) as exc:
            if self._cluster is not None:
                self._cluster.close()
            raise ClusterError(f"cannot reach the Dask scheduler: {exc}", self.address) from None
        self.submitted = 0
        """Chunk tasks sent, over the life of the session."""
        self._expected: _Expected | None = None
        self._jingles: dict[tuple, tuple[str, Any]] = {}
        self._order = 0
        self._queue: deque[Path] = deque()
        self._queued: set[Path] = set()
        self._ready: dict[Path, tuple[Any, dict[str, Any]]] = {}
        self._current: dict[str, Any] = {}
        self._waiting: list[Any] = []
        self._needed: Callable[[Path], bool] = lambda path: True
        self._prepare: Callable[[Path], Any] | None = None
        self._send: Callable[[Any], dict[str, Any]] | None = None
        self._started: dict[str, tuple[float, str]] = {}
        """When (this process's monotonic clock) and where each chunk task started."""
        self.client.subscribe_topic(STARTED, self._on_started)

    # -- a build ----------------------------------------------------------------------------

    def begin(self, voices: Sequence[VoiceProfile], paths: Iterable[Path],
              needed: Callable[[Path], bool], prepare: Callable[[Path], Any],
              send: Callable[[Any], dict[str, Any]]) -> None:
        """Starts a build: checks every worker against ``voices`` (all the profiles), then
        lets :meth:`prepared` look ahead along ``paths``, preparing with ``prepare(path)`` those
        for which ``needed(path)`` and sending their chunks with ``send(prepared)``, which
        returns what :meth:`send` does. Cancels what a previous build left.
        Raises ClusterError when a worker differs from this process."""
        self._cancel()
        self.check(voices)
        self._queue = deque(paths)
        self._queued = set(self._queue)
        self._needed, self._prepare, self._send = needed, prepare, send

    def check(self, voices: Sequence[VoiceProfile]) -> None:
        """Checks that every worker has this process's version, code, encoder, engines and
        ``voices``. Raises ClusterError naming the first worker that differs, and how."""
        voices = list({v.name: v for v in voices}.values())
        here = environment(voices)
        digest = hashlib.sha256(json.dumps(
            [[dataclasses.asdict(v) for v in voices], here], sort_keys=True).encode()).hexdigest()
        self._expected = _Expected(voices, here, digest, _piper_models(voices))
        workers = self._workers()
        futures = {addr: self.client.submit(_check, self._expected, workers=[addr],
                                            allow_other_workers=False, pure=False)
                   for addr in workers}
        for addr, future in futures.items():
            try:
                there = future.result(timeout=CHECK_TIMEOUT)
            except TimeoutError:
                raise ClusterError(f"worker {addr} did not answer within {CHECK_TIMEOUT:.0f} s",
                                   self.address) from None
            except EditionError:
                raise
            except Exception as exc:
                raise ClusterError(f"worker {addr} could not be checked: {exc}",
                                   self.address) from None
            diff = differences(here, there)
            if diff:
                raise ClusterError(f"worker {addr} differs from this process: {diff}",
                                   self.address)
        log.debug("%d workers checked", len(workers))

    def _workers(self) -> list[str]:
        """Returns the addresses of the workers, waiting for one if there is none yet."""
        try:
            workers = self.client.nthreads()
            if not workers:
                self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
                workers = self.client.nthreads()
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"the Dask scheduler has no workers: {exc}"
                               if isinstance(exc, TimeoutError) else
                               f"lost the Dask scheduler: {exc}", self.address) from None
        return sorted(workers)

    def prepared(self, path: Path) -> Any:
        """Returns the article at ``path`` prepared, with its chunks sent to the cluster, and
        looks ahead: prepares the next articles and sends their chunks, until enough chunks
        wait for the workers. Raises what preparing or sending it raised."""
        self._current = {}
        entry = self._ready.pop(path, None)
        if entry is None:
            if path in self._queued:
                while self._queue and self._queue.popleft() != path:
                    pass
            entry = self._prepare_and_send(path)
        self._top_up()
        prep, self._current = entry
        if isinstance(prep, BaseException):
            raise prep
        return prep

    def _prepare_and_send(self, path: Path) -> tuple[Any, dict[str, Any]]:
        try:
            prep = self._prepare(path)
            return prep, self._send(prep)
        except Exception as exc:  # raised in its turn, so the build reports it in order
            return exc, {}

    def _top_up(self) -> None:
        if not self._queue:
            return
        threads = max(1, sum(self.client.nthreads().values()))
        while self._queue and len(self._ready) < MAX_AHEAD:
            waiting = sum(not f.done() for _, sent in self._ready.values() for f in sent.values())
            if waiting >= WAITING_PER_THREAD * threads:
                break
            path = self._queue.popleft()
            if path not in self._ready and self._needed(path):
                self._ready[path] = self._prepare_and_send(path)

    def send(self, missing: Sequence[chunks._Chunk], utterances: Sequence[Utterance],
             plan: Callable[[], loudness.GainPlan], first: chunks._Chunk,
             last: chunks._Chunk) -> dict[str, Any]:
        """Sends the ``missing`` chunks of an episode (of ``utterances``, from ``first`` to
        ``last``) to the cluster, with the gains ``plan()`` returns; returns their futures by
        chunk key, for :meth:`make`."""
        if not missing:
            return {}
        gains = plan()
        self._order += 1
        sent: dict[str, Any] = {}
        for chunk in missing:
            if chunk.key not in sent:
                sent[chunk.key] = self._submit(chunk, utterances, gains, chunk is first,
                                               chunk is last)
        return sent

    def _on_started(self, event: tuple[float, dict]) -> None:
        """Remembers when and where a task started (runs in the client's event loop)."""
        _, msg = event
        self._started[msg["key"]] = (time.monotonic(), msg["worker"])

    def _submit(self, chunk: chunks._Chunk, utterances: Sequence[Utterance],
                gains: loudness.GainPlan, first: bool, last: bool, retry: int = 0,
                avoid: Sequence[str] = ()) -> Any:
        self.submitted += 1
        others = [w for w in self.client.nthreads() if w not in avoid] if avoid else []
        return self.client.submit(
            _make_chunk, chunk, list(utterances[chunk.first:chunk.end]), gains, first, last,
            self._ship(chunk.sound), self._expected,
            key=f"audio-edition-chunk-{chunk.key}" + (f"-try{retry + 1}" if retry else ""),
            workers=others or None, allow_other_workers=False if others else None,
            priority=-self._order)  # the articles in the order they are published

    def _ship(self, sound) -> dict[str, tuple[str, Any]]:
        """Returns the jingles of ``sound`` by role as (file name, their bytes on the cluster);
        each file is sent once."""
        out = {}
        for role in ("intro", "outro", "bed"):
            path = getattr(sound, role)
            if path is None:
                continue
            stat = path.stat()
            ident = (str(path), stat.st_size, stat.st_mtime_ns)
            if ident not in self._jingles:
                [data] = self.client.scatter([path.read_bytes()], hash=True)
                self._jingles[ident] = (path.name, data)
            out[role] = self._jingles[ident]
        return out

    def measure(self, voices: Sequence[VoiceProfile], target: float, true_peak: float,
                cache=None) -> dict[str, float]:
        """Measures the loudness of ``voices`` on the cluster, together, as
        :func:`chunks.measure_voices` does here (for :func:`chunks.gain_plan`)."""
        key = hashlib.sha256(json.dumps([[dataclasses.asdict(v) for v in voices], target,
                                         true_peak], sort_keys=True).encode()).hexdigest()
        future = self.client.submit(_measure, list(voices), target, true_peak, self._expected,
                                    key=f"audio-edition-levels-{key}", priority=1)
        self._waiting = [future]
        try:
            return self._result(future, timeout=chunks.AHEAD_TIMEOUT)
        except TimeoutError:
            future.cancel()
            raise SynthesisError(f"measuring the voices' loudness: the cluster did not finish "
                                 f"within {chunks.AHEAD_TIMEOUT:.0f} s") from None
        finally:
            self._waiting = []

    def make(self, missing: list[chunks._Chunk], utterances: Sequence[Utterance],
             plan: Callable[[], loudness.GainPlan], first: chunks._Chunk, last: chunks._Chunk,
             workdir: Path, jobs: int, cache, timer: dict[str, float],
             progress: Callable[[int], None] | None) -> None:
        """Makes the ``missing`` chunks on the cluster, for :func:`chunks.render` (the same
        arguments as its own ways; ``jobs`` is not used): takes the tasks sent ahead for the
        current article, sends the others, and keeps each chunk in ``cache`` (else in
        ``workdir``) as its task completes. Raises what a task raised; SynthesisError for a
        chunk whose task ended every worker it ran on, or ran past its time limit :data:`TRIES`
        times, or waited :data:`START_TIMEOUT` for a worker; ClusterError when the cluster is
        lost."""
        finished: queue.SimpleQueue = queue.SimpleQueue()
        groups: dict[str, list[chunks._Chunk]] = {}
        for chunk in missing:
            groups.setdefault(chunk.key, []).append(chunk)
        gains = None
        tasks: list[_Task] = []
        for key, group in groups.items():
            future = self._current.pop(key, None)
            if future is None or future.cancelled():
                gains = gains or plan()
                future = self._submit(group[0], utterances, gains, group[0] is first,
                                      group[0] is last)
            tasks.append(_Task(group, chunks._worker_timeout(
                utterances[group[0].first:group[0].end]), future))
            future.add_done_callback(finished.put)
        self._current = {}
        self._waiting = [t.future for t in tasks]
        done = 0
        # No task can hang the build. Each has a time limit from its text, counted from when it
        # starts on a worker (its event, see _announce): past it, it runs once more on another
        # worker, and past that its article fails; the worker's thread may stay stuck, but the
        # build goes on. Tasks that wait for a thread with none of the article's running or
        # finishing for START_TIMEOUT fail it too (a cluster whose every thread is stuck).
        progress_at = time.monotonic()
        pending = list(tasks)
        try:
            while pending:
                try:  # a task finished, or time to look at the limits
                    finished.get(timeout=POLL)
                except queue.Empty:
                    pass
                now = time.monotonic()
                for task in list(pending):
                    key = task.future.key
                    if task.future.done():
                        pending.remove(task)
                        self._started.pop(key, None)
                        progress_at = now
                        done += self._keep(task, workdir, cache, timer)
                        if progress:
                            progress(done)
                        continue
                    started = self._started.get(key)
                    if started is None:
                        continue
                    if now - started[0] <= task.limit:
                        progress_at = now  # running within its limit
                        continue
                    task.future.cancel()
                    self._started.pop(key, None)
                    task.tries.append(started[1])
                    if len(task.tries) >= TRIES:
                        raise SynthesisError(
                            f"{task.group[0].label}: not made within {task.limit:.0f} s, "
                            f"{len(task.tries)} times (on {', '.join(task.tries)})")
                    log.warning("%s: not made within %.0f s on %s; trying another worker",
                                task.group[0].label, task.limit, started[1])
                    gains = gains or plan()
                    task.future = self._submit(task.group[0], utterances, gains,
                                               task.group[0] is first, task.group[0] is last,
                                               retry=len(task.tries), avoid=task.tries)
                    self._waiting.append(task.future)
                    task.future.add_done_callback(finished.put)
                    progress_at = now
                if pending and now - progress_at > START_TIMEOUT:
                    late = pending[0].group[0]
                    raise SynthesisError(f"{late.label}: no worker of the cluster started it "
                                         f"within {START_TIMEOUT:.0f} s")
        except BaseException:
            for task in pending:
                task.future.cancel()
            raise
        finally:
            self._waiting = []

    def _keep(self, task: _Task, workdir: Path, cache, timer: dict[str, float]) -> int:
        """Keeps the chunks of a finished task; returns how many utterances they have."""
        data, frames, timings, seconds = self._result(task.future)
        done = 0
        for chunk in task.group:
            chunk.frames, chunk.timings = frames, [tuple(t) for t in timings]
            if chunk is task.group[0]:
                chunks.keep(chunk, data, workdir, cache)
            else:
                chunk.path = task.group[0].path
            done += chunk.end - chunk.first
        for stage, spent in seconds.items():
            timer[stage] = timer.get(stage, 0.0) + spent
        return done

    def _result(self, future, timeout: float | None = None) -> Any:
        """Returns the result of a task; see :meth:`make` for what it raises, and TimeoutError
        when ``timeout`` seconds pass first."""
        from distributed import KilledWorker
        from distributed.client import FutureCancelledError

        if timeout is not None:
            try:
                future.result(timeout=timeout)  # raises what the task raised, handled below
            except TimeoutError:
                if not future.done():
                    raise
            except Exception:  # noqa: BLE001 - raised again by result() below, and named
                pass
        try:
            return future.result()
        except KilledWorker as exc:
            raise SynthesisError(f"a chunk's task ended every worker it ran on: {exc}") from None
        except FutureCancelledError as exc:
            raise ClusterError(f"the cluster cancelled the build's tasks: {exc}",
                               self.address) from None
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"lost the Dask scheduler: {exc}", self.address) from None

    # -- the end ------------------------------------------------------------------------------

    def _cancel(self) -> None:
        """Cancels every task of the build that is still wanted."""
        futures = [*self._waiting, *self._current.values(),
                   *(f for _, sent in self._ready.values() for f in sent.values())]
        self._ready, self._current, self._waiting = {}, {}, []
        self._queue.clear()
        self._queued = set()
        if futures:
            try:
                self.client.cancel(futures)
            except Exception as exc:  # the scheduler is gone: nothing runs for us anyway
                log.debug("cancelling %d tasks failed: %s", len(futures), exc)

    def close(self) -> None:
        """Cancels the build's tasks and disconnects; stops the cluster of ``local:N``."""
        self._cancel()
        self._jingles.clear()
        try:
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


__all__ = ["ENV", "INSTALL_HINT", "Session", "differences", "environment", "parse"]
