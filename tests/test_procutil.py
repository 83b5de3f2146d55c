"""Child processes with deadlines: a child that stops is killed, and says so."""

from __future__ import annotations

import os
import sys
import time

import pytest

from audio_edition import procutil


def test_output_and_exit_code_come_back(tmp_path):
    code, out, err = procutil.run([sys.executable, "-c",
                                   "import sys; d = sys.stdin.buffer.read(); "
                                   "sys.stdout.buffer.write(d[::-1]); "
                                   "sys.stderr.write('read %d' % len(d)); sys.exit(3)"],
                                  timeout=60, feed=iter([b"abc", b"def"]), capture=True)
    assert (code, out, err) == (3, b"fedcba", "read 6")


def test_a_child_that_stops_reading_its_input_is_killed_at_its_deadline():
    # 64 MB into a child that never reads: the write blocks once the pipe is full.
    started = time.monotonic()
    with pytest.raises(procutil.TimedOut, match="did not finish within 1 s"):
        procutil.run(["sleep", "600"], timeout=1.0, feed=(bytes(1 << 20) for _ in range(64)))
    assert time.monotonic() - started < 30


def test_a_child_that_never_ends_is_killed_and_reaped():
    before = _children()
    with pytest.raises(procutil.TimedOut):
        procutil.run(["sleep", "600"], timeout=0.5)
    assert _children() == before  # no sleep left running, nor a zombie


def test_a_child_gets_no_file_descriptor_of_ours_but_its_three(tmp_path):
    read, write = os.pipe()
    try:
        code, out, _ = procutil.run(["ls", "/proc/self/fd"], timeout=60, capture=True)
    finally:
        os.close(read)
        os.close(write)
    assert code == 0 and sorted(map(int, out.split())) == [0, 1, 2, 3]  # 3: ls's own listing


def test_the_end_of_a_child_is_waited_for_not_polled(monkeypatch):
    # subprocess polls a wait with a timeout, sleeping up to 50 ms at a time, which an episode
    # of many short ffmpeg runs paid in full; the watchdog is what keeps the deadline.
    def no_sleep(seconds):
        raise AssertionError(f"polled: slept {seconds} s")

    monkeypatch.setattr(time, "sleep", no_sleep)
    code, out, _ = procutil.run([sys.executable, "-c", "import time; time.sleep(0.3); "
                                 "print('done')"], timeout=60, capture=True)
    assert (code, out.strip()) == (0, b"done")


def test_a_child_is_fed_through_a_pipe_that_holds_a_sentence_of_samples():
    code, out, _ = procutil.run([sys.executable, "-c", "import fcntl, sys; "
                                 "print(fcntl.fcntl(0, fcntl.F_GETPIPE_SZ)); sys.stdin.read()"],
                                timeout=60, feed=iter([b"x"]), capture=True)
    assert code == 0 and int(out) == procutil.PIPE_BYTES


def test_a_pipe_that_cannot_be_widened_is_left_as_it_is(tmp_path):
    with open(tmp_path / "file", "wb") as f:
        procutil.widen_pipe(f.fileno())  # not a pipe: no error


def test_deadlines_grow_with_the_work(tmp_path):
    assert procutil.for_audio(0) == procutil.BASE_TIMEOUT
    assert procutil.for_audio(600) >= procutil.BASE_TIMEOUT + 600  # ten minutes of audio
    big = tmp_path / "big"
    big.write_bytes(bytes(10_000_000))
    assert procutil.for_file(big) == pytest.approx(procutil.BASE_TIMEOUT + 300)
    assert procutil.for_file(tmp_path / "missing") == procutil.BASE_TIMEOUT


def _children() -> set[int]:
    me = str(os.getpid())
    out = set()
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                out.add(int(pid))
    return out
