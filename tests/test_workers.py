"""Tests for workers.py: the pool of worker processes and each one's share of the cores."""

from __future__ import annotations

import os

import pytest

from audio_edition import workers


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 2)


@pytest.mark.parametrize("processes, share", [(1, None), (2, 1), (3, 1)])
def test_each_process_gets_an_equal_share_of_the_cores_at_least_one(two_cores, processes, share):
    assert workers.core_share(processes) == share


def test_the_cores_are_the_ones_this_process_may_run_on():
    assert workers.cores() == len(os.sched_getaffinity(0)) >= 1


@pytest.mark.parametrize("cpus, processes, expected", [
    ({0, 1}, 2, [{0}, {1}]),
    ({0, 1, 2, 3, 4, 5}, 2, [{0, 1, 2}, {3, 4, 5}]),
    ({0, 1, 2, 3, 4, 5}, 4, [{0}, {1, 2}, {3}, {4, 5}]),
    ({2, 5, 7}, 2, [{2}, {5, 7}]),  # the CPUs this process may use, whichever they are
    ({0, 1}, 3, None),  # fewer CPUs than processes: the scheduler's to share
    ({0, 1}, 1, None),
])
def test_each_process_making_chunks_gets_a_lane_of_its_own(monkeypatch, cpus, processes,
                                                            expected):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(cpus))
    shares = workers.lanes(processes)
    assert shares == (None if expected is None else [frozenset(e) for e in expected])
    if shares:
        assert set().union(*shares) == cpus  # every CPU used, none twice
        assert sum(map(len, shares)) == len(cpus)


def _cpus_in_worker() -> list[int]:
    return sorted(os.sched_getaffinity(0))


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs")
def test_the_build_and_its_worker_keep_to_their_lanes_until_the_build_ends():
    everything = sorted(os.sched_getaffinity(0))
    first, second = workers.lanes(2)
    workers.shutdown_pool()
    try:
        workers.take_lane(2)
        assert _cpus_in_worker() == sorted(first)
        assert workers.cores() == len(everything)  # the engines' share counts them all
        assert workers.lanes(2) == [first, second]  # the same, asked again from the lane
        assert workers.worker_pool(1).submit(_cpus_in_worker).result(timeout=120) == \
            sorted(second)
    finally:
        workers.shutdown_pool()
        workers.leave_lane()
    assert _cpus_in_worker() == everything


def test_a_lane_is_taken_only_by_several_processes(monkeypatch):
    before = os.sched_getaffinity(0)
    workers.take_lane(1)
    assert os.sched_getaffinity(0) == before
    workers.leave_lane()  # with no lane taken, nothing changes
    assert os.sched_getaffinity(0) == before


def _threads_in_worker() -> tuple[int | None, int]:
    return workers.engine_threads(), os.getpid()


def test_a_pool_worker_knows_its_share_and_the_pool_is_kept_for_the_build():
    workers.shutdown_pool()
    try:
        pool = workers.worker_pool(1)
        threads, pid = pool.submit(_threads_in_worker).result(timeout=120)
        # the build's own process synthesizes too: two processes share the cores
        assert threads == workers.core_share(2)
        assert pid != os.getpid()
        assert workers.worker_pool(1) is pool and workers.pool_size() == 1
        assert workers.engine_threads() is None  # not a worker
    finally:
        workers.shutdown_pool()
    assert workers.pool_size() == 0


def test_a_pool_of_another_size_replaces_the_old_one():
    workers.shutdown_pool()
    try:
        one = workers.worker_pool(1)
        two = workers.worker_pool(2)
        assert two is not one and workers.pool_size() == 2
        assert sorted({two.submit(_threads_in_worker).result(timeout=120)[0] for _ in range(2)},
                      key=str) == [workers.core_share(3)]
    finally:
        workers.shutdown_pool(kill=True)


def test_the_pool_is_stopped_only_after_the_thread_starting_it():
    """A build that ends while a thread still starts its workers (an article that failed at
    once) leaves no pool running behind it: shutdown_pool waits for the thread first."""
    import threading
    import time

    started = threading.Event()

    def start():
        started.set()
        time.sleep(0.3)
        workers.worker_pool(1).submit(os.getpid)

    workers.start_in_background(start)
    started.wait(5)
    workers.shutdown_pool()
    time.sleep(0.6)  # long after the thread would have started one
    left = workers.pool_size()
    workers.shutdown_pool()
    assert left == 0


def test_work_handed_out_by_a_starting_thread_comes_first(tmp_path):
    """A worker takes its work in order: what the thread starting the pool hands it (the
    loudness to measure) must come before what the build hands it once the article is read (a
    chunk, which waits for that loudness), however long the pool takes to start."""
    import threading
    import time

    note = tmp_path / "last"
    started = threading.Event()
    handed: list = []

    def start():
        started.set()
        time.sleep(0.5)  # a slow fork server
        handed.append(workers.worker_pool(1).submit(note.write_text, "the starter's"))

    try:
        workers.start_in_background(start)
        started.wait(5)
        workers.worker_pool(1).submit(note.write_text, "the build's").result(timeout=60)
        while not handed:
            time.sleep(0.05)
        handed[0].result(timeout=60)
        assert note.read_text() == "the build's"  # written last
    finally:
        workers.shutdown_pool()


@pytest.mark.skipif(workers.START_METHOD != "forkserver", reason="no fork server with spawn")
def test_the_fork_server_is_started_ahead_with_what_a_worker_runs():
    """``build`` starts the fork server before it imports the build: a process that imports
    the modules a worker runs, before any pool asks for one."""
    import subprocess
    import sys

    code = ("import multiprocessing.forkserver as fs, sys\n"
            "from audio_edition import workers\n"
            "workers.start_server()\n"
            "workers._wait_for_starters()\n"
            "pid = fs._forkserver._forkserver_pid\n"
            "import time\n"
            "for _ in range(200):  # until the server's exec has replaced the forked copy\n"
            "    cmd = open(f'/proc/{pid}/cmdline').read().replace('\\0', ' ')\n"
            "    if 'forkserver' in cmd:\n"
            "        break\n"
            "    time.sleep(0.05)\n"
            "print(pid, cmd)\n"
            "print(workers.pool_size(), 'audio_edition.build' in sys.modules)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 0, res.stderr
    server, pool = res.stdout.splitlines()
    assert "multiprocessing.forkserver" in server and "audio_edition.chunks" in server
    assert pool == "0 False"  # no worker yet, and the build not imported
