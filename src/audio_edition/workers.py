"""The pool of worker processes a build makes chunks in (:mod:`audio_edition.chunks`), and
where engines are started ahead of work (:func:`audio_edition.synth.warm_up`).

A module of its own so that the stages that hand work to the pool do not import each other
for it: it imports nothing of the package. The modules a worker runs are named in
:data:`PRELOAD` and imported by name when the pool starts.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import importlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from typing import Callable

log = logging.getLogger(__name__)

START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() \
    else "spawn"
"""How worker processes start. Never ``fork``: a process forked while another thread of the
build starts a child (ffmpeg) inherits that child's pipes, and both wait for ever (issue 15).
The fork server is one process, started once, with no threads and no pipes of ours, that forks
every worker; it has the modules of :data:`PRELOAD` imported, so a worker is ready at once."""
PRELOAD = ["__main__", "audio_edition.chunks", "audio_edition.engines.silent",
           "audio_edition.engines.pyttsx_engine", "audio_edition.engines.piper_engine"]
"""Modules imported once for every worker, by the fork server (or by each spawned worker as it
starts): what a worker runs (numpy, the encoder's helpers, the engines' modules; an engine
itself starts in each worker)."""

_pool: cf.ProcessPoolExecutor | None = None
_pool_size = 0
_pool_lock = threading.Lock()
_engine_threads: int | None = None  # in a worker: its share of the cores (core_share)
_all_cpus: frozenset[int] | None = None  # this process's CPUs before it kept to its lane
_starters: list[threading.Thread] = []  # threads starting workers (start_in_background)
STARTER_WAIT = 60.0
"""Seconds :func:`shutdown_pool` waits for a thread still starting workers."""


def core_share(processes: int) -> int | None:
    """Returns how many threads each of ``processes`` processes that synthesize at once may give
    an engine that runs several (Piper's onnxruntime): an equal share of the cores this process
    may use, at least one; None for a single process (the engine's default, every core)."""
    if processes <= 1:
        return None
    return max(1, cores() // processes)


def cores() -> int:
    """Returns the number of CPUs this process may use (all of them, not only its lane's)."""
    try:
        return len(_usable_cpus())
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _usable_cpus() -> frozenset[int]:
    return _all_cpus if _all_cpus is not None else frozenset(os.sched_getaffinity(0))


def lanes(processes: int) -> list[frozenset[int]] | None:
    """Returns the CPUs each of ``processes`` processes that make chunks at once keeps to (its
    *lane*): the CPUs this process may use, split into disjoint shares as equal as they can be;
    the first is this process's, the others the workers'. None for one process, for fewer CPUs
    than processes, and where a process cannot be kept to CPUs (not Linux).

    A process and the children it starts for a chunk (espeak-ng's helper and its forks,
    ffmpeg) hand the work on to each other dozens of times per chunk. Left to the scheduler,
    each hand-over could land on the CPU where the other process's encoder was running: two
    workers then gained 1.45x on two cores where two independent pipelines gained 1.8x. Kept
    to a lane each, they gained 1.6x (docs/PERFORMANCE.md)."""
    if processes <= 1:
        return None
    try:
        cpus = sorted(_usable_cpus())
    except AttributeError:  # pragma: no cover - not on Linux
        return None
    n = len(cpus)
    if n < processes:
        return None
    return [frozenset(cpus[i * n // processes:(i + 1) * n // processes])
            for i in range(processes)]


def _keep_to(cpus: frozenset[int]) -> bool:
    """Keeps the calling thread, and the threads and processes it starts from now on, to
    ``cpus``; False where that cannot be done."""
    try:
        os.sched_setaffinity(0, cpus)
    except (AttributeError, OSError):
        return False
    return True


def take_lane(processes: int) -> None:
    """In the build's own process, when ``processes`` processes make chunks (this one and the
    pool's): keeps the calling thread, and what it starts from now on, to the first of
    :func:`lanes`, until :func:`leave_lane`."""
    global _all_cpus
    shares = lanes(processes)
    if shares is None:
        return
    before = _usable_cpus()
    if _keep_to(shares[0]) and _all_cpus is None:
        _all_cpus = before


def leave_lane() -> None:
    """Gives the calling thread back every CPU it had before :func:`take_lane`."""
    global _all_cpus
    if _all_cpus is not None and _keep_to(_all_cpus):
        _all_cpus = None


def engine_threads() -> int | None:
    """Returns the threads an engine started in this worker process may run on (its share of
    the cores, the pool's workers and the build's own process sharing them), or None outside a
    worker."""
    return _engine_threads


def _start_worker(threads: int | None = None,
                  worker_lanes: list[frozenset[int]] | None = None) -> None:
    # Runs in each worker. Ctrl-C reaches every process of the terminal's group: the build
    # stops its workers itself, so a worker ignores it rather than print a traceback.
    global _engine_threads
    _engine_threads = threads
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if worker_lanes:
        # The pool's workers are numbered as they are made, one after the other: the n-th
        # takes the n-th lane (a pool made again after a worker died numbers on).
        number = (multiprocessing.current_process()._identity or (1,))[-1]
        _keep_to(worker_lanes[(number - 1) % len(worker_lanes)])
    if START_METHOD != "forkserver":  # the fork server imported them once for every worker
        for name in PRELOAD[1:]:
            importlib.import_module(name)
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


def worker_pool(jobs: int) -> cf.ProcessPoolExecutor:
    """Returns the pool of ``jobs`` worker processes, started on first use and kept for the
    rest of the build (a new one after a worker died). Safe to call from any thread: no
    process of the build is ever forked. Waits for the threads starting workers
    (:func:`start_in_background`) first: the work they hand the pool comes before any other,
    as a worker takes its work in order (a worker given a chunk before the loudness it was to
    measure first would wait for gains that wait for it)."""
    global _pool, _pool_size
    _wait_for_starters()
    with _pool_lock:  # two threads of a build may ask at once
        broken = _pool is not None and getattr(_pool, "_broken", False)
        if _pool is None or _pool_size != jobs or broken:
            if _pool is not None:
                _stop(_pool, kill=bool(broken))
            context = multiprocessing.get_context(START_METHOD)
            if START_METHOD == "forkserver":
                context.set_forkserver_preload(PRELOAD)  # read when the server starts
            # the build's own process synthesizes too: jobs + 1 processes share the cores,
            # each kept to its own lane of them where there are enough
            threads = core_share(jobs + 1)
            shares = lanes(jobs + 1)
            _pool = cf.ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                           initargs=(threads, shares[1:] if shares else None))
            _pool_size = jobs
            log.debug("%d worker process(es), started by %s, %s engine thread(s) each", jobs,
                      START_METHOD, threads or "all")
        return _pool


def pool_size() -> int:
    """Returns how many workers the pool has, 0 when none is running."""
    return _pool_size if _pool is not None else 0


def _stop(pool: cf.ProcessPoolExecutor, kill: bool) -> None:
    """Shuts ``pool`` down, first killing its workers with ``kill`` (a worker that is stuck
    would otherwise keep the shutdown waiting)."""
    if kill:
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(OSError, ValueError):
                proc.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def start_in_background(start: Callable[[], None]) -> None:
    """Runs ``start``, which starts worker processes or hands them their first work, in a
    thread: the pool's first process takes a tenth of a second or more to start (the fork
    server imports :data:`PRELOAD` first), which the caller spends on other work instead.
    :func:`shutdown_pool` waits for it, so that no pool starts after the build's end.
    ``start`` must handle its own errors."""
    thread = threading.Thread(target=start, name="start-workers", daemon=True)
    with _pool_lock:  # started here, so that nobody joins it before it is
        _starters[:] = [t for t in _starters if t.is_alive()]
        _starters.append(thread)
        thread.start()


def start_server() -> None:
    """Starts the fork server in a thread (:func:`start_in_background`), before the build is
    even imported: it imports what a worker runs (:data:`PRELOAD`, a fifth of a second) while
    this process imports the build and reads the article, so that the first worker is ready
    that much sooner. Nothing with the ``spawn`` start method, which has no server."""
    if START_METHOD != "forkserver":
        return

    def start() -> None:
        import multiprocessing.forkserver

        try:
            multiprocessing.get_context(START_METHOD).set_forkserver_preload(PRELOAD)
            multiprocessing.forkserver.ensure_running()
        except Exception as exc:  # started again by the pool, where a failure is reported
            log.debug("cannot start the fork server ahead: %s", exc)

    start_in_background(start)


def _wait_for_starters() -> None:
    """Waits for the threads of :func:`start_in_background`, unless called from one."""
    with _pool_lock:
        if threading.current_thread() in _starters:
            return
        starters = list(_starters)
    for thread in starters:
        thread.join(timeout=STARTER_WAIT)


def shutdown_pool(kill: bool = False) -> None:
    """Stops the worker processes, if any were started, once the threads starting them are
    done (:func:`start_in_background`); with ``kill``, at once, whatever they are doing."""
    global _pool
    _wait_for_starters()
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        _stop(pool, kill)


__all__ = ["PRELOAD", "START_METHOD", "core_share", "cores", "engine_threads", "lanes",
           "leave_lane", "pool_size", "shutdown_pool", "start_in_background", "start_server",
           "take_lane", "worker_pool"]
