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
    """Returns the number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def engine_threads() -> int | None:
    """Returns the threads an engine started in this worker process may run on (its share of
    the cores, the pool's workers and the build's own process sharing them), or None outside a
    worker."""
    return _engine_threads


def _start_worker(threads: int | None = None) -> None:
    # Runs in each worker. Ctrl-C reaches every process of the terminal's group: the build
    # stops its workers itself, so a worker ignores it rather than print a traceback.
    global _engine_threads
    _engine_threads = threads
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
            # the build's own process synthesizes too: jobs + 1 processes share the cores
            threads = core_share(jobs + 1)
            _pool = cf.ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                           initargs=(threads,))
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


__all__ = ["PRELOAD", "START_METHOD", "core_share", "cores", "engine_threads", "pool_size",
           "shutdown_pool", "start_in_background", "start_server", "worker_pool"]
