"""Child processes that cannot hang a build: every wait for one has a deadline.

A child that stops (an ffmpeg that never sees the end of its input, a codec stuck on a broken
file) would otherwise keep the build waiting forever with no CPU used. :func:`run` feeds a child
its input, collects what it prints and waits for it under one deadline; past it the child is
killed and :class:`TimedOut` says so, for the caller to name what it was doing.

Deadlines scale with the work (:func:`for_audio`, :func:`for_file`) and are generous: a long
chunk on a loaded two-core machine must never reach them.
"""

from __future__ import annotations

import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Iterable

BASE_TIMEOUT = 60.0
"""Seconds any child gets, whatever its input (start-up on a loaded machine, a short file)."""
PER_AUDIO_SECOND = 1.0
"""Further seconds per second of audio a child encodes or measures: ffmpeg does either at 50
to 500 times real time, so this is reached only by a child that has stopped."""
PER_MEGABYTE = 30.0
"""Further seconds per megabyte of a file a child decodes or measures (a megabyte of 96 kbit/s
MP3 is 87 s of audio)."""


PIPE_BYTES = 1 << 20
"""What a pipe to or from a child holds (:func:`widen_pipe`): Linux's default, 64 KB, is a
fifth of a sentence's samples."""


def widen_pipe(fd: int) -> None:
    """Lets the pipe at ``fd`` hold :data:`PIPE_BYTES` where the system allows it, so that a
    writer hands a sentence's samples over in one go instead of waiting for the reader five
    times; on two busy cores each of those waits is a turn of the scheduler."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux, or over the user's limit: the default size works, only slower


class TimedOut(Exception):
    """A child did not finish within its deadline and was killed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"did not finish within {seconds:.0f} s")


def for_audio(seconds: float) -> float:
    """Returns the deadline of a child that works through ``seconds`` of audio."""
    return BASE_TIMEOUT + PER_AUDIO_SECOND * max(0.0, seconds)


def for_file(path: Path) -> float:
    """Returns the deadline of a child that reads the file at ``path`` (the base one when it
    cannot be sized)."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return BASE_TIMEOUT + PER_MEGABYTE * size / 1e6


def run(cmd: list[str], timeout: float, feed: Iterable[bytes] | None = None,
        capture: bool = False) -> tuple[int, bytes, str]:
    """Runs ``cmd`` with ``feed`` written to its stdin piece by piece (else stdin is empty).

    Returns (exit code, stdout if ``capture`` else b"", stderr as text). Every fd of this
    process but the child's own three pipes is closed in the child (``close_fds``).
    Raises TimedOut when the child, feeding it included, takes longer than ``timeout``
    seconds (it is killed and reaped first), OSError when it cannot be started.
    """
    # stderr goes to a file, so that a child that prints a lot never blocks on a full pipe
    # while we are still writing to it.
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL if feed is None else subprocess.PIPE,
                                stdout=out if capture else subprocess.DEVNULL, stderr=err,
                                close_fds=True)
        if proc.stdin is not None:
            widen_pipe(proc.stdin.fileno())
        fired = threading.Event()

        def kill() -> None:
            fired.set()
            proc.kill()

        # A write to a child that no longer reads would block for ever: the watchdog kills the
        # child, which breaks the pipe and ends the write.
        watchdog = threading.Timer(timeout, kill)
        watchdog.daemon = True
        watchdog.start()
        try:
            if feed is not None:
                try:
                    for piece in feed:
                        proc.stdin.write(piece)
                    proc.stdin.close()
                except BrokenPipeError:
                    pass  # the child stopped early; its exit code and message say why
            # A plain wait, not one with a timeout: subprocess polls those with sleeps of up
            # to 50 ms, which a build of many short children pays in full. The watchdog above
            # ends the wait at the deadline.
            code = proc.wait()
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            watchdog.cancel()
            if proc.stdin is not None and not proc.stdin.closed:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass
        if fired.is_set():
            raise TimedOut(timeout)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        data = b""
        if capture:
            out.seek(0)
            data = out.read()
    return code, data, text


__all__ = ["PIPE_BYTES", "TimedOut", "for_audio", "for_file", "run", "widen_pipe"]
