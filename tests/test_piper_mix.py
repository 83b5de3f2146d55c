"""A Piper narrator and espeak-ng quote voices in one episode."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from audio_edition.loudness import measure_file

from conftest import FIXTURES, ROOT, episode_file

pytest.importorskip("piper", reason="piper-tts is not installed: pip install 'audio-edition[piper]'")
pytestmark = pytest.mark.slow


def test_piper_narrator_with_espeak_quotes(tmp_path):
    src = tmp_path / "night-library.md"
    shutil.copy(ROOT / "articles" / "night-library.md", src)
    voices = FIXTURES / "voices-piper"
    listing = subprocess.run([sys.executable, "-m", "audio_edition", "voices", "--lang", "en",
                              "--voices", str(voices)], capture_output=True, text=True, cwd=ROOT)
    assert listing.returncode == 0, listing.stderr
    assert "piper:en_US-joe-medium" in listing.stdout or "en_US-joe-medium" in listing.stdout
    res = subprocess.run([sys.executable, "-m", "audio_edition", "build", str(src), "--out",
                          str(tmp_path / "out"), "--base-url", "http://127.0.0.1:8000/",
                          "--voices", str(voices), "-q"], capture_output=True, text=True,
                         cwd=ROOT, timeout=600)
    assert res.returncode == 0, res.stderr
    assert "en-narrator" in res.stdout and "en-quote-1" in res.stdout
    mp3 = episode_file(tmp_path / "out", "night-library")
    decode = subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "null", "-"],
                            capture_output=True, text=True)
    assert decode.returncode == 0 and decode.stderr == ""
    integrated, peak = measure_file(mp3)
    assert -17.0 <= integrated <= -15.0 and peak is not None and peak <= -1.0
