"""espeak-ng with no memory: each utterance spoken by a fresh fork of a helper process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from audio_edition.engines import espeak_fresh
from audio_edition.engines.pyttsx_engine import PyttsxEngine
from audio_edition.errors import SynthesisError
from audio_edition.model import VoiceProfile

DE = VoiceProfile("de-narrator", "pyttsx3", "gmw/de", "de", rate=165, pitch=40)
QUOTE = VoiceProfile("de-quote-1", "pyttsx3", "gmw/de", "de", variant="f3", rate=160, pitch=68)
EN = VoiceProfile("en-narrator", "pyttsx3", "gmw/en", "en")
TARGET = "Der Hafen bekommt im Frühjahr einen neuen Kran, sagte Jan Ortmann am Montag."
HISTORIES = [
    [],
    [("Hallo Welt.", DE), ("Zwei.", QUOTE), ("Three apples, please.", EN)],
    [('The city engineer called the overrun "regrettable but unavoidable".', EN),
     ("Second item of a list", EN), ("»Wir kommen«, sagte sie.", QUOTE)],
]

_SPEAK = """
import hashlib, sys
from audio_edition.engines.pyttsx_engine import PyttsxEngine
from audio_edition.model import VoiceProfile
import test_espeak_fresh as t
engine = PyttsxEngine(fresh=sys.argv[1] == "fresh")
for text, voice in t.HISTORIES[int(sys.argv[2])]:
    engine.synthesize(text, voice)
audio = engine.synthesize(t.TARGET, t.DE)
print(len(audio.pcm), hashlib.sha256(audio.pcm).hexdigest())
"""


def _speak(mode: str, history: int) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": os.path.dirname(__file__)}
    env.pop("AUDIO_EDITION_ESPEAK_ZYGOTE", None)
    res = subprocess.run([sys.executable, "-c", _SPEAK, mode, str(history)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    size, digest = res.stdout.split()
    return int(size), digest


def test_an_utterance_is_the_same_to_the_sample_whatever_its_process_said_before():
    fresh = {_speak("fresh", h) for h in range(len(HISTORIES))}
    assert len(fresh) == 1


def test_in_one_process_espeak_carries_state_from_one_utterance_to_the_next():
    # Why the helper exists: without it, the same sentence comes out differently.
    kept = {_speak("in-process", h) for h in range(len(HISTORIES))}
    assert len(kept) > 1


def test_the_helper_speaks_what_the_engine_speaks_in_a_new_process():
    assert _speak("fresh", 0) == _speak("in-process", 0)


def test_a_helper_that_died_is_started_again():
    zygote = espeak_fresh.Zygote()
    try:
        first = zygote.synthesize("Der Hafen ist offen.", DE, 30)
        os.kill(zygote.proc.pid, signal.SIGKILL)
        zygote.proc.wait()
        again = zygote.synthesize("Der Hafen ist offen.", DE, 30)
        assert again.pcm == first.pcm
    finally:
        zygote.close()


def test_a_helper_that_does_not_answer_is_an_error_naming_the_voice_in_time():
    zygote = espeak_fresh.Zygote()
    try:
        zygote.synthesize("Eins.", DE, 30)
        os.kill(zygote.proc.pid, signal.SIGSTOP)
        t = time.monotonic()
        with pytest.raises(SynthesisError, match="voice de-narrator: no audio after 1 s"):
            zygote.synthesize("Zwei.", DE, 1)
        assert time.monotonic() - t < 15
        assert zygote.proc is None  # stopped, to be started again when asked
    finally:
        zygote.close()


def test_a_failure_in_the_child_comes_back_as_one_error():
    zygote = espeak_fresh.Zygote()
    bogus = VoiceProfile("de-x", "pyttsx3", "gmw/keine", "de")
    try:
        with pytest.raises(SynthesisError, match="de-x"):
            zygote.synthesize("Eins.", bogus, 30)
        assert zygote.synthesize("Eins.", DE, 30).pcm  # and the helper goes on
    finally:
        zygote.close()


def test_the_helper_ends_when_its_process_closes_it():
    zygote = espeak_fresh.Zygote()
    zygote.synthesize("Eins.", DE, 30)
    proc = zygote.proc
    proc.stdin.close()
    assert proc.wait(timeout=10) == 0


def test_the_helper_leaves_no_files_behind(tmp_path, monkeypatch):
    # Each child used to make a folder of its own for its WAV and leave it when it went: one
    # per sentence, 55 GB of them in /tmp after a day of builds.
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    zygote = espeak_fresh.Zygote()
    try:
        for text, voice in HISTORIES[1] + HISTORIES[2]:
            assert zygote.synthesize(text, voice, 30).pcm
        (folder,) = tmp_path.iterdir()  # the helper's one folder, while it runs...
        assert list(folder.iterdir()) == []  # ...empty between sentences
    finally:
        zygote.close()
    assert list(tmp_path.iterdir()) == []


def test_a_helper_stopped_with_sigterm_removes_its_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    zygote = espeak_fresh.Zygote()
    try:
        zygote.synthesize("Eins.", DE, 30)
        assert len(list(tmp_path.iterdir())) == 1
        zygote.proc.terminate()
        assert zygote.proc.wait(timeout=10) == 0
    finally:
        zygote.close()
    assert list(tmp_path.iterdir()) == []


def test_the_helper_is_started_ahead_and_used_by_the_first_utterance():
    import fcntl

    engine = PyttsxEngine(fresh=True)
    try:
        engine.warm()  # returns at once: the helper starts espeak-ng meanwhile
        zygote = engine._zygote
        pid = zygote.proc.pid
        assert not zygote.ready
        # its answers come through a pipe that holds a sentence's samples
        assert fcntl.fcntl(zygote.proc.stdout.fileno(), fcntl.F_GETPIPE_SZ) == 1 << 20
        assert engine.synthesize("Eins.", DE).pcm
        assert zygote.ready and zygote.proc.pid == pid  # the same helper
        engine.warm()  # running: nothing new
        assert zygote.proc.pid == pid
    finally:
        if engine._zygote is not None:
            engine._zygote.close()


def test_the_engine_says_it_speaks_fresh_in_its_version():
    assert PyttsxEngine(fresh=True).version().endswith(" fresh")
    assert not PyttsxEngine(fresh=False).version().endswith(" fresh")
