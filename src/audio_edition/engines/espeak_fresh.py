"""espeak-ng with no memory: every utterance is spoken by a fresh copy of a process that has
started espeak-ng and never spoken.

espeak-ng keeps state from one utterance into the next, in static variables no API call
resets: a pitch-flutter counter, the waveform's phase, and more in its translator. The same
sentence then lasts a few milliseconds longer or shorter (up to 2 % of it) depending on what
the process said before, so a build whose chunks are spoken by other processes (``-j N``, a
Dask cluster) gave other timings, and other bytes, than one process.

Here one helper process (the *zygote*) starts espeak-ng through pyttsx3 and then only forks:
for each utterance a child of it speaks the text and exits, so every utterance starts from the
same state and comes out the same, sample for sample, in every process and on every machine
with the same espeak-ng. The zygote is started with ``subprocess`` (fork and exec, as for
ffmpeg), has one thread, and forks nothing but these children. A fork costs about a
millisecond, next to ten to twenty for speaking a sentence.

The protocol on the zygote's stdin and stdout: length-prefixed pickles. A request is
``(text, voice, timeout)``; a reply is ``("ok", pcm, rate)`` or ``("error", message)``.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import time
from typing import Any, BinaryIO

from audio_edition.engines.base import Audio
from audio_edition.errors import EditionError, SynthesisError
from audio_edition.model import VoiceProfile
from audio_edition.procutil import widen_pipe

_HEADER = struct.Struct("!Q")
START_TIMEOUT = 60.0
"""Seconds the zygote may take to start espeak-ng."""
STOP_WAIT = 1.0
"""Seconds a zygote asked to stop may take before it is killed (one stuck on a child)."""
MAX_MESSAGE = 1 << 31
"""Largest message accepted (a sanity bound: a reply is a few MB of PCM)."""


def _write(stream: BinaryIO | int, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    payload = _HEADER.pack(len(data)) + data
    if isinstance(stream, int):
        view = memoryview(payload)
        while view:
            view = view[os.write(stream, view):]
    else:
        stream.write(payload)
        stream.flush()


def _read_exact(fd: int, n: int, deadline: float | None) -> bytes | None:
    chunks, got = [], 0
    while got < n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
        data = os.read(fd, min(n - got, 1 << 20))
        if not data:
            return None
        chunks.append(data)
        got += len(data)
    return b"".join(chunks)


def _read(fd: int, deadline: float | None = None) -> Any:
    head = _read_exact(fd, _HEADER.size, deadline)
    if head is None:
        return None
    (size,) = _HEADER.unpack(head)
    if size > MAX_MESSAGE:
        raise ValueError(f"message of {size} bytes")
    body = _read_exact(fd, size, deadline)
    if body is None:
        return None
    return pickle.loads(body)


class Zygote:
    """The requesting side: starts the zygote on first use and again if it died."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.ready = False
        """Whether the zygote has said it is ready (it is started before it is needed)."""

    def launch(self) -> None:
        """Starts the zygote, unless it runs, without waiting for it: it starts espeak-ng while
        this process goes on, and the first :meth:`synthesize` waits for it to be ready."""
        if self.proc is not None and self.proc.poll() is None:
            return
        self.close()  # one that died: its pipes
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "audio_edition.engines.pyttsx_engine"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            close_fds=True, env={**os.environ, "AUDIO_EDITION_ESPEAK_ZYGOTE": "1"})
        widen_pipe(self.proc.stdout.fileno())  # a reply is a sentence's samples

    def _start(self) -> None:
        """Makes sure the zygote runs and has said it is ready (started again if it died)."""
        self.launch()
        if self.ready:
            return
        try:
            ready = _read(self.proc.stdout.fileno(), time.monotonic() + START_TIMEOUT)
        except (TimeoutError, OSError, ValueError, pickle.UnpicklingError):
            ready = None
        if not (isinstance(ready, tuple) and ready and ready[0] == "ready"):
            problem = ready[1] if isinstance(ready, tuple) and len(ready) > 1 else \
                "it did not start"
            self.close()
            raise SynthesisError(f"espeak-ng's helper process failed: {problem}")
        self.ready = True

    def synthesize(self, text: str, voice: VoiceProfile, timeout: float) -> Audio:
        """Returns the speech of ``text`` in ``voice``, spoken by a fresh fork of the zygote.
        Raises SynthesisError when it fails or takes longer than ``timeout`` seconds."""
        for attempt in (1, 2):  # a zygote that died (killed, out of memory) is started again
            self._start()
            try:
                _write(self.proc.stdin, (text, voice, timeout))
                reply = _read(self.proc.stdout.fileno(), time.monotonic() + timeout + 5)
            except TimeoutError:
                self.close()
                raise SynthesisError(f"voice {voice.name}: no audio after {timeout:.0f} s for "
                                     f"{text[:60]!r}") from None
            except (OSError, ValueError, pickle.UnpicklingError):
                reply = None
            if reply is not None:
                break
            self.close()
            if attempt == 2:
                raise SynthesisError(f"voice {voice.name}: espeak-ng's helper process ended "
                                     f"while speaking {text[:60]!r}")
        if reply[0] == "ok":
            return Audio(pcm=reply[1], sample_rate=reply[2])
        raise SynthesisError(reply[1])

    def close(self) -> None:
        """Stops the zygote (its children end with it): told to by the end of its input, so
        that it removes its folder, and killed when it has not within :data:`STOP_WAIT`."""
        proc, self.proc, self.ready = self.proc, None, False
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            proc.wait(STOP_WAIT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _speak_in_child(engine, text: str, voice: VoiceProfile, out: int) -> None:
    try:
        audio = engine.synthesize(text, voice)
        _write(out, ("ok", audio.pcm, audio.sample_rate))
    except EditionError as exc:  # SynthesisError, ConfigError: one line naming the voice
        _write(out, ("error", exc.problem))
    except BaseException as exc:  # noqa: BLE001 - reported to the build, which names it
        _write(out, ("error", f"voice {voice.name}: {type(exc).__name__}: {exc}"))


def serve(engine) -> None:
    """The zygote's loop, run by ``python -m audio_edition.engines.pyttsx_engine``: starts
    ``engine`` (a PyttsxEngine speaking in its own process), says it is ready, then forks a
    child per request."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build stops it
    # stopped with the build's whole group (a service manager): the folder is removed first
    signal.signal(signal.SIGTERM, _stop)
    inp, out = sys.stdin.buffer.fileno(), sys.stdout.buffer
    problem = engine.available()
    if problem is not None:
        _write(out, ("failed", problem))
        return
    # Once here, not in every child: the voice lists and the folder the WAVs pass through.
    with engine.prepare_to_fork():
        _write(out, ("ready",))
        _serve_requests(engine, inp, out)


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _serve_requests(engine, inp: int, out: BinaryIO) -> None:
    """Forks a child per request read from ``inp`` until the requesting side closes it."""
    while True:
        request = _read(inp)
        if request is None:  # the requesting process closed its end, or died
            return
        text, voice, timeout = request
        r, w = os.pipe()
        widen_pipe(r)
        pid = os.fork()
        if pid == 0:  # the child: speak once, hand the audio over, and go
            os.close(r)
            try:
                _speak_in_child(engine, text, voice, w)
            finally:
                os._exit(0)
        os.close(w)
        try:
            reply = _read(r, time.monotonic() + timeout)
        except (TimeoutError, ValueError, pickle.UnpicklingError, OSError):
            reply = None
        finally:
            os.close(r)
        if reply is None:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if reply is None:
            reply = ("error", f"voice {voice.name}: espeak-ng ended without audio for "
                     f"{text[:60]!r} (status {status})")
        _write(out, reply)



__all__ = ["Zygote", "serve"]
