"""The pyttsx3 engine: espeak-ng on Linux, SAPI5 on Windows, NSSpeechSynthesizer on macOS.

pyttsx3 2.99's espeak driver has traps this wrapper exists to close:

- ``runAndWait()`` returns before the WAV is written for anything longer than a sentence, and a
  process that exits then gets no file and no error. We wait for ``finished-utterance`` with a
  timeout and check the WAV ourselves.
- The driver prints ``Audio saved to ...`` on stdout. We swallow it, so ``script --json`` and
  anything piped stay clean.
- An unknown voice id silently keeps the previous voice, and a voice change only takes effect
  when synthesis runs. We check ids against espeak's voice list before and compare the voice in
  use after.
- espeak can be initialised once per process, so one engine object serves the whole process;
  parallel synthesis uses processes.
- The driver starts espeak-ng in its asynchronous mode, where a thread of espeak's own speaks
  and calls back into Python. Under load, starting the next utterance while that thread was
  still finishing the last one crashed the process in ``espeak_Synth`` (SIGSEGV, about one
  build in thirty with two processes busy) or gave an empty utterance. We start espeak-ng in
  its synchronous mode instead: ``espeak_Synth`` speaks in the calling thread and returns when
  the utterance is done, with no other thread involved.
- The driver's loop polls every 10 ms, while espeak-ng speaks a sentence in about 4 ms. At
  several hundred sentences per episode the polling was most of the synthesis time, so the
  loop's sleep now ends as soon as the utterance has finished (:class:`_LoopClock`).

- espeak-ng carries state from one utterance into the next that no call resets, so the same
  sentence came out a little different after different sentences. On Linux each utterance is
  spoken by a fresh fork of a helper process that never speaks (:mod:`.espeak_fresh`;
  ``python -m audio_edition.engines.pyttsx_engine`` is that helper).

On Linux without a system libespeak-ng, the library and data of the ``espeakng-loader`` wheel
are loaded before pyttsx3 looks for espeak.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import io
import logging
import os
import platform
import tempfile
import threading
import time
import wave
from pathlib import Path

from audio_edition import languages
from audio_edition.engines import espeak_fresh
from audio_edition.engines.base import Audio, EngineVoice
from audio_edition.errors import ConfigError, SynthesisError
from audio_edition.model import VoiceProfile

log = logging.getLogger(__name__)

TIMEOUT_BASE = 20.0
"""Seconds to wait for any utterance, plus :data:`TIMEOUT_PER_CHAR` per character."""
TIMEOUT_PER_CHAR = 0.02
ATTEMPTS = 3
"""How often an utterance that came back empty is asked for again."""

_BUNDLED_ENV = "AUDIO_EDITION_ESPEAK"
"""Set to ``bundled`` to use espeakng-loader's library even when the system has one."""


def _use_bundled_espeak() -> str | None:
    """Makes the espeakng-loader library the one pyttsx3 finds, when needed.

    Returns the path of the library loaded, or None when the system's libespeak-ng is used.
    Must run before ``pyttsx3.drivers._espeak`` is imported.
    """
    if platform.system() != "Linux":
        return None
    forced = os.environ.get(_BUNDLED_ENV) == "bundled"
    if not forced and (ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")):
        return None
    try:
        import espeakng_loader
    except ImportError:
        return None
    os.environ["ESPEAK_DATA_PATH"] = espeakng_loader.get_data_path()
    lib = espeakng_loader.get_library_path()
    # RTLD_GLOBAL: pyttsx3 then opens "libespeak-ng.so.1", which the loader resolves to this
    # already-loaded library because its SONAME matches.
    ctypes.CDLL(lib, mode=ctypes.RTLD_GLOBAL)
    return lib


class _NullWriter(io.TextIOBase):
    def write(self, s: str) -> int:
        if s.strip():
            log.debug("pyttsx3 said: %s", s.strip())
        return len(s)


class _LoopClock:
    """Stands in for the ``time`` module inside pyttsx3's espeak driver: its ``sleep`` returns
    as soon as the utterance has finished."""

    def __init__(self, idle: threading.Event) -> None:
        self._idle = idle

    def sleep(self, seconds: float) -> None:
        self._idle.wait(seconds)

    def __getattr__(self, name: str):
        return getattr(time, name)


@contextlib.contextmanager
def _synchronous_espeak():
    """Makes pyttsx3's espeak driver, while it starts, initialise espeak-ng in its synchronous
    mode (it asks for the asynchronous one; espeak-ng initialises once per process)."""
    from pyttsx3.drivers import _espeak

    initialize = _espeak.Initialize

    def synchronous(output, *args, **kwargs):
        return initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, *args, **kwargs)

    _espeak.Initialize = synchronous
    try:
        yield
    finally:
        _espeak.Initialize = initialize


_FRESH_ENV = "AUDIO_EDITION_ESPEAK_ZYGOTE"
"""Set in the helper process of :mod:`.espeak_fresh`, which speaks in its own process."""


class PyttsxEngine:
    """Synthesizes with pyttsx3. One instance per process: espeak initialises only once."""

    name = "pyttsx3"

    def __init__(self, fresh: bool | None = None) -> None:
        self.fresh = (_FRESH_ENV not in os.environ and platform.system() == "Linux") \
            if fresh is None else fresh
        """Whether each utterance is spoken by a fresh fork of a helper process that never
        speaks (:mod:`.espeak_fresh`), so it sounds the same whatever was said before it."""
        self._zygote = None
        self._engine = None
        self._driver = None
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._idle = threading.Event()
        self._voice_ids: set[str] | None = None
        self._variants: set[str] | None = None
        self._tmp: tempfile.TemporaryDirectory | None = None
        self.bundled_library: str | None = None

    # -- capabilities -----------------------------------------------------------------------

    def available(self) -> str | None:
        """Returns None when pyttsx3 and a speech backend load, else what is missing."""
        try:
            self._init()
        except SynthesisError as exc:
            return exc.problem
        return None

    def version(self) -> str:
        """Returns the pyttsx3 version and, on espeak, the espeak-ng version."""
        from importlib.metadata import version

        v = f"pyttsx3 {version('pyttsx3')}"
        if self._is_espeak():
            v += f" espeak-ng {self._espeak_info()[0]}"
            if self.fresh:
                v += " fresh"
        return v

    def _init(self):
        if self._engine is not None:
            return self._engine
        if os.environ.get("AUDIO_EDITION_NO_PYTTSX3"):
            raise SynthesisError("pyttsx3 is disabled by AUDIO_EDITION_NO_PYTTSX3")
        self.bundled_library = _use_bundled_espeak()
        try:
            with contextlib.redirect_stdout(_NullWriter()):
                import pyttsx3

                with _synchronous_espeak() if self._is_espeak() else contextlib.nullcontext():
                    self._engine = pyttsx3.init()
        except ImportError:
            raise SynthesisError("pyttsx3 is not installed: pip install pyttsx3") from None
        except (RuntimeError, OSError) as exc:
            raise SynthesisError(
                f"pyttsx3 could not start a speech backend ({exc}); on Linux install "
                "espeak-ng (apt-get install espeak-ng) or pip install espeakng-loader"
            ) from None
        self._driver = getattr(self._engine.proxy, "_driver", None)
        self._engine.connect("finished-utterance", self._on_finished)
        if self._is_espeak() and self._driver is not None:
            from pyttsx3.drivers import _espeak

            _espeak.SetSynthCallback(self._on_synth)
            espeak_driver = __import__("pyttsx3.drivers.espeak", fromlist=["time"])
            if getattr(espeak_driver, "time", None) is time:
                espeak_driver.time = _LoopClock(self._idle)
        return self._engine

    def _on_finished(self, name=None, completed=True) -> None:
        self._finished.set()

    def _on_synth(self, wav, numsamples, events) -> int:
        # pyttsx3 2.99 appends a callback's samples only after handling its events, and it
        # writes the WAV when it meets MSG_TERMINATED: the samples that arrive together with
        # that event are lost. How many depends on espeak's timing, so the same sentence came
        # out shorter or longer from run to run, and a short one sometimes empty. Add them to
        # the driver's buffer first, then let the driver do the rest.
        from pyttsx3.drivers import _espeak

        driver = self._driver
        if not wav and numsamples == 0 and driver._speaking:
            # The end of an utterance: in the synchronous mode espeak-ng says so with an empty
            # buffer, not with the MSG_TERMINATED event the driver waits for. Hand it one.
            end = (_espeak.EVENT * 2)()
            end[0].type = _espeak.EVENT_MSG_TERMINATED
            end[1].type = _espeak.EVENT_LIST_TERMINATED
            events = end
        terminated = False
        i = 0
        while events[i].type != _espeak.EVENT_LIST_TERMINATED:
            if events[i].type == _espeak.EVENT_MSG_TERMINATED:
                terminated = True
                if numsamples > 0 and driver._speaking:
                    driver._data_buffer += ctypes.string_at(wav, numsamples * 2)
                    numsamples = 0
                break
            i += 1
        result = driver._onSynth(wav, numsamples, events)
        if terminated:
            # Only now is the driver done with this utterance (it also ran its command queue
            # and ended its loop from this thread); the next one may start.
            self._idle.set()
        return result

    def _is_espeak(self) -> bool:
        return platform.system() not in ("Windows", "Darwin")

    def _espeak_info(self) -> tuple[str, str]:
        """Returns espeak-ng's version and data path."""
        from pyttsx3.drivers import _espeak

        path = ctypes.c_char_p()
        info = _espeak.dll.espeak_Info
        info.restype = ctypes.c_char_p
        info.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
        version = info(ctypes.byref(path)) or b"?"
        return version.decode(), (path.value or b"").decode()

    # -- voices -----------------------------------------------------------------------------

    def voices(self) -> list[EngineVoice]:
        """Returns every voice the backend offers (espeak: languages; variants are separate)."""
        engine = self._init()
        out = []
        for v in engine.getProperty("voices"):
            langs = [str(x) for x in (v.languages or [])]
            gender = (v.gender or "").lower() or None
            out.append(EngineVoice(id=v.id, name=v.name, languages=langs, gender=gender))
        return out

    def variants(self) -> set[str]:
        """Returns the espeak variant names (``f3``, ``klatt``, ``m2`` ...), lowercased."""
        if self._variants is None:
            self._init()
            _, data = self._espeak_info() if self._is_espeak() else ("", "")
            vdir = Path(data) / "voices" / "!v"
            self._variants = {p.name.lower() for p in vdir.iterdir()} if vdir.is_dir() else set()
        return self._variants

    def _native(self, voice: VoiceProfile) -> str:
        """Returns the system voice id for ``voice`` on macOS and Windows: its ``native_id``, or
        one of the system's voices for its language (quote voices take another one than the
        narrator's when the system has several)."""
        if voice.native_id:
            return voice.native_id
        matching = [v.id for v in self.voices()
                    if any(languages.base_code(lang) == languages.base_code(voice.lang)
                           for lang in v.languages)]
        if not matching:
            raise ConfigError(f"voice {voice.name}: this system has no {voice.lang!r} voice; "
                              "set native_id (see: audio-edition voices)")
        if voice.name.endswith("narrator") or len(matching) == 1:
            return matching[0]
        return matching[1 + sum(map(ord, voice.name)) % (len(matching) - 1)]

    def check_voice(self, voice: VoiceProfile) -> None:
        """Raises ConfigError when the backend has no voice ``voice.voice_id`` or variant."""
        if not self._is_espeak():
            self._native(voice)
            return
        if self._voice_ids is None:
            self._voice_ids = {v.id.lower() for v in self.voices()}
        if voice.voice_id.lower() not in self._voice_ids:
            raise ConfigError(
                f"voice {voice.name}: unknown {self.name} voice id {voice.voice_id!r} "
                "(see: audio-edition voices)"
            )
        if voice.variant and self._is_espeak() and voice.variant.lower() not in self.variants():
            raise ConfigError(
                f"voice {voice.name}: unknown espeak variant {voice.variant!r} "
                f"(known: {', '.join(sorted(self.variants())[:12])}, ...)"
            )

    # -- synthesis --------------------------------------------------------------------------

    def synthesize(self, text: str, voice: VoiceProfile) -> Audio:
        """Returns the speech for ``text`` in ``voice`` as 16-bit mono PCM.

        Raises SynthesisError when no audio arrives in time, the WAV is empty or unreadable, or
        the backend used another voice than the one asked for.
        """
        engine = self._init()
        self.check_voice(voice)
        if self.fresh and self._is_espeak():
            with self._lock:
                if self._zygote is None:
                    self._zygote = espeak_fresh.Zygote()
                timeout = TIMEOUT_BASE + TIMEOUT_PER_CHAR * len(text)
                return self._zygote.synthesize(text, voice, ATTEMPTS * timeout)
        with self._lock:
            for attempt in range(1, ATTEMPTS + 1):
                audio = self._synthesize_once(engine, text, voice)
                if audio.pcm or not any(c.isalnum() for c in text):
                    break
                # In its asynchronous mode espeak now and then ended an utterance before any
                # sound when the previous one had only just finished; asking again worked.
                log.debug("empty audio for %r (attempt %d)", text[:40], attempt)
            else:
                raise SynthesisError(
                    f"voice {voice.name}: pyttsx3 wrote an empty WAV for {text[:60]!r}")
            if self._is_espeak():
                used = str(engine.getProperty("voice") or "").lower()
                if used != voice.engine_voice.lower():
                    raise SynthesisError(
                        f"voice {voice.name}: asked espeak for {voice.engine_voice!r} "
                        f"but it used {used!r}"
                    )
        return audio

    def warm(self) -> None:
        """Starts, without waiting for it, what the first utterance would wait for: in the
        fresh mode, the helper process (it starts espeak-ng while this process goes on)."""
        if self.fresh and self._is_espeak():
            with self._lock:
                if self._zygote is None:
                    self._zygote = espeak_fresh.Zygote()
                self._zygote.launch()

    def prepare_to_fork(self) -> tempfile.TemporaryDirectory:
        """Readies this engine to speak in forked children (:mod:`.espeak_fresh`'s helper runs
        this once): starts the backend, looks up the voice ids and variants that
        :meth:`check_voice` needs, and makes the folder the children's WAVs pass through. Each
        child would otherwise list espeak-ng's voices again and leave a folder of its own.
        Returns that folder, for the helper to remove when it stops."""
        self._init()
        if self._is_espeak():
            self._voice_ids = {v.id.lower() for v in self.voices()}
            self.variants()
        return self._folder()

    def _folder(self) -> tempfile.TemporaryDirectory:
        """Returns the folder the WAVs of this process (and its forked children) pass through."""
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="audio-edition-")
        return self._tmp

    def _synthesize_once(self, engine, text: str, voice: VoiceProfile) -> Audio:
        # named by the process, as forked children share the folder; removed once read
        wav_path = Path(self._folder().name) / f"utterance-{os.getpid()}.wav"
        wav_path.unlink(missing_ok=True)
        # Set every time, even when unchanged: loading the voice again resets state espeak-ng
        # otherwise carries from one utterance into the next, so an utterance sounds the same
        # whichever one came before it (in this process or in a worker).
        engine.setProperty("voice", voice.engine_voice if self._is_espeak() else self._native(voice))
        engine.setProperty("rate", voice.rate)
        engine.setProperty("volume", voice.volume)
        if self._is_espeak():
            engine.setProperty("pitch", voice.pitch)
        self._finished.clear()
        self._idle.clear()
        timeout = TIMEOUT_BASE + TIMEOUT_PER_CHAR * len(text)
        # The driver prints from its callback, so stdout stays swapped until the utterance
        # has finished.
        with contextlib.redirect_stdout(_NullWriter()):
            engine.save_to_file(text, str(wav_path))
            engine.runAndWait()
            if not self._finished.wait(timeout):
                raise SynthesisError(
                    f"voice {voice.name}: no audio after {timeout:.0f} s for {text[:60]!r}"
                )
            if self._is_espeak():
                if not self._idle.wait(timeout):
                    raise SynthesisError(
                        f"voice {voice.name}: espeak did not finish {text[:60]!r}")
            try:
                return self._read_wav(wav_path, voice, deadline=time.monotonic() + 5)
            finally:
                wav_path.unlink(missing_ok=True)

    @staticmethod
    def _read_wav(path: Path, voice: VoiceProfile, deadline: float) -> Audio:
        # The finished event fires after the driver closed the file, but on other backends the
        # file can appear a moment later; poll briefly before giving up.
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        try:
            with wave.open(str(path), "rb") as w:
                if w.getsampwidth() != 2 or w.getnchannels() != 1:
                    raise SynthesisError(
                        f"voice {voice.name}: expected 16-bit mono WAV, got "
                        f"{w.getsampwidth() * 8}-bit with {w.getnchannels()} channels"
                    )
                pcm = w.readframes(w.getnframes())
                rate = w.getframerate()
        except (OSError, EOFError, wave.Error) as exc:
            raise SynthesisError(f"voice {voice.name}: unreadable WAV from pyttsx3: {exc}") from None
        return Audio(pcm=pcm, sample_rate=rate)


_instance: PyttsxEngine | None = None


def started() -> bool:
    """Whether espeak (or another pyttsx3 driver) has been initialised in this process."""
    return _instance is not None and _instance._engine is not None


def get_engine() -> PyttsxEngine:
    """Returns this process's engine: espeak can only be initialised once per process."""
    global _instance
    if _instance is None:
        _instance = PyttsxEngine()
    return _instance


if __name__ == "__main__":  # the helper process of espeak_fresh, which never speaks itself
    from audio_edition.engines import espeak_fresh

    espeak_fresh.serve(PyttsxEngine(fresh=False))
