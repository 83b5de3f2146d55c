"""The real pyttsx3/espeak-ng engine, and the silent test engine."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

import pytest

from audio_edition.engines import get_engine
from audio_edition.engines.pyttsx_engine import get_engine as get_pyttsx
from audio_edition.engines.silent import SilentEngine
from audio_edition.errors import ConfigError, SynthesisError
from audio_edition.model import VoiceProfile

pytestmark = pytest.mark.slow

DE = VoiceProfile("de-n", "pyttsx3", "gmw/de", "de", rate=170, pitch=40)
DE_F3 = VoiceProfile("de-q", "pyttsx3", "gmw/de", "de", variant="f3", pitch=70)


@pytest.fixture(scope="module")
def engine():
    """The engine speaking in this process, as the fresh forks of its helper process do
    (test_espeak_fresh.py tests the helper)."""
    eng = get_pyttsx()
    missing = eng.available()
    if missing:
        pytest.fail(f"pyttsx3 must work in CI: {missing}")
    fresh, eng.fresh = eng.fresh, False
    yield eng
    eng.fresh = fresh


def test_long_text_is_complete_and_stdout_stays_clean(engine, capfd):
    text = "Das ist ein längerer Satz, damit espeak eine Weile zu tun hat. " * 12
    audio = engine.synthesize(text, DE)
    assert audio.sample_rate == 22050
    assert audio.duration > 20
    out, _ = capfd.readouterr()
    assert "Audio saved" not in out and out == ""


def test_variant_is_the_voice_in_use(engine):
    a = engine.synthesize("Guten Tag.", DE)
    b = engine.synthesize("Guten Tag.", DE_F3)
    assert a.pcm != b.pcm
    assert engine._engine.getProperty("voice") == "gmw/de+f3"


def test_unknown_voice_and_variant_are_refused(engine):
    with pytest.raises(ConfigError, match="unknown pyttsx3 voice id 'gmw/xx'"):
        engine.synthesize("Hallo", VoiceProfile("bad", "pyttsx3", "gmw/xx", "de"))
    with pytest.raises(ConfigError, match="unknown espeak variant 'nope'"):
        engine.check_voice(VoiceProfile("bad", "pyttsx3", "gmw/de", "de", variant="nope"))


def test_voices_listed(engine):
    ids = {v.id for v in engine.voices()}
    assert {"gmw/de", "gmw/en-us", "roa/fr"} <= ids


_CHILD = textwrap.dedent("""
    import sys, wave
    from audio_edition.engines.pyttsx_engine import get_engine
    from audio_edition.model import VoiceProfile
    eng = get_engine()
    audio = eng.synthesize("Ein Satz. " * 30, VoiceProfile("n", "pyttsx3", "gmw/de", "de"))
    sys.stderr.write(f"{audio.duration:.2f} {eng.bundled_library}\\n")
""")


def test_fresh_process_gets_its_audio_before_exit():
    """The hazard: runAndWait() returns early and a process exiting then gets nothing."""
    res = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout == ""
    assert float(res.stderr.split()[0]) > 5


def test_espeak_speaks_in_the_calling_thread(engine, monkeypatch):
    """espeak-ng runs synchronously: its callbacks come in the thread that asked, not in a
    thread of its own that could still be finishing one utterance when the next starts (the
    race that crashed builds); and sixty short utterances in a row all have their audio."""
    callers: set[int] = set()
    on_synth = engine._driver._onSynth

    def spy(*args):
        callers.add(threading.get_ident())
        return on_synth(*args)

    monkeypatch.setattr(engine._driver, "_onSynth", spy)
    lengths = [len(engine.synthesize(f"Satz {n}.", DE).pcm) for n in range(60)]
    assert callers == {threading.get_ident()}
    assert min(lengths) > 22050 // 4 * 2  # a quarter of a second of speech or more


def test_bundled_espeak_library_works():
    """Without a system libespeak-ng, the espeakng-loader wheel's library is used."""
    pytest.importorskip("espeakng_loader")
    env = {**os.environ, "AUDIO_EDITION_ESPEAK": "bundled"}
    res = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True,
                         timeout=120, env=env)
    assert res.returncode == 0, res.stderr
    duration, lib = res.stderr.split()
    assert float(duration) > 5 and "espeakng_loader" in lib


def test_silent_engine_is_deterministic():
    v = VoiceProfile("s", "silent", "tone", "de")
    assert SilentEngine().synthesize("zwei Wörter", v).pcm == get_engine("silent").synthesize(
        "zwei Wörter", v).pcm


def test_synthesis_error_is_an_edition_error():
    assert issubclass(SynthesisError, Exception)
    from audio_edition.errors import EditionError
    assert issubclass(SynthesisError, EditionError)


def test_native_voices_on_macos_and_windows(monkeypatch):
    """Where pyttsx3 uses the system's voices, a profile gets its native_id or a system voice
    of its language, and a quote voice another one than the narrator."""
    from audio_edition.engines.base import EngineVoice
    from audio_edition.engines.pyttsx_engine import PyttsxEngine

    eng = PyttsxEngine()
    monkeypatch.setattr(eng, "_is_espeak", lambda: False)
    monkeypatch.setattr(eng, "voices", lambda: [
        EngineVoice("com.apple.voice.Anna", "Anna", ["de_DE"]),
        EngineVoice("com.apple.voice.Markus", "Markus", ["de-DE"]),
        EngineVoice("com.apple.voice.Alex", "Alex", ["en_US"]),
    ])
    narrator = VoiceProfile("de-narrator", "pyttsx3", "gmw/de", "de")
    quote = VoiceProfile("de-quote-1", "pyttsx3", "gmw/de", "de", variant="f3")
    assert eng._native(narrator) == "com.apple.voice.Anna"
    assert eng._native(quote) == "com.apple.voice.Markus"
    pinned = VoiceProfile("x", "pyttsx3", "gmw/de", "de", native_id="com.apple.voice.Markus")
    assert eng._native(pinned) == "com.apple.voice.Markus"
    with pytest.raises(ConfigError, match="no 'fr' voice"):
        eng.check_voice(VoiceProfile("fr-narrator", "pyttsx3", "roa/fr", "fr"))
