"""`pip install .` alone gives a working tool: no system espeak-ng, no system ffmpeg."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from mutagen.id3 import ID3

from conftest import ROOT, episode_file

pytestmark = pytest.mark.slow


def test_fresh_install_builds_with_bundled_espeak_and_ffmpeg(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(ROOT)],
                         capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stderr[-2000:]
    work = tmp_path / "work"  # no voices/ here: the profiles shipped in the wheel are used
    work.mkdir()
    shutil.copy(ROOT / "articles" / "werkstatt-am-hafen.txt", work / "artikel.txt")
    # Only the venv on PATH: no system ffmpeg; and the bundled libespeak-ng forced.
    env = {"PATH": str(venv / "bin"), "HOME": str(tmp_path), "AUDIO_EDITION_ESPEAK": "bundled",
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "LANG": "C.UTF-8"}
    res = subprocess.run([str(venv / "bin" / "audio-edition"), "build", "artikel.txt", "--out",
                          "out", "--base-url", "http://127.0.0.1:8000/", "-q"], cwd=work,
                         env=env, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    mp3 = episode_file(work / "out", "artikel")
    assert mp3.stat().st_size > 100_000
    assert str(ID3(str(mp3))["TLAN"]) == "deu"
    # the page templates and assets are in the wheel
    page = (work / "out" / "episodes" / "artikel.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page and "data-start" in page
    assert (work / "out" / "assets" / "audio-edition.js").stat().st_size > 1000
    probe = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import shutil, audio_edition.mp3 as m; print(shutil.which('ffmpeg'), m.ffmpeg_exe())"],
        env=env, capture_output=True, text=True, check=True)
    system, used = probe.stdout.split()
    assert system == "None" and "imageio_ffmpeg" in used
