"""MP3 encoding: which ffmpeg, plain frames, counting them, and the Info header of a join
(checked with ffprobe and mutagen)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest
from mutagen.mp3 import MP3

from audio_edition import mp3
from audio_edition.errors import AudioError
from audio_edition.model import Rendered

from conftest import ffprobe


def _tone(seconds: float, freq: float = 440.0) -> Rendered:
    t = np.arange(int(seconds * mp3.RATE)) / mp3.RATE
    pcm = (np.sin(2 * np.pi * freq * t) * 8000).astype("<i2").tobytes()
    return Rendered(pieces=[(pcm, len(pcm) // 2, None)], sample_rate=mp3.RATE, timings=[])


def test_plain_frames_have_no_header_and_are_counted(tmp_path):
    plain, full = tmp_path / "plain.mp3", tmp_path / "full.mp3"
    mp3.encode(_tone(2.0), plain, header=False)
    mp3.encode(_tone(2.0), full)
    data = plain.read_bytes()
    assert b"Info" not in data[:400] and b"Xing" not in data[:400]
    frames = mp3.count_frames(data)
    # two seconds, plus the encoder's delay and padding
    assert 2.0 * mp3.RATE / mp3.FRAME < frames < 2.0 * mp3.RATE / mp3.FRAME + 4
    assert b"Info" in full.read_bytes()[:400]


def test_count_frames_refuses_what_is_not_a_stream_of_frames(tmp_path):
    path = tmp_path / "a.mp3"
    mp3.encode(_tone(1.0), path, header=False)
    data = path.read_bytes()
    with pytest.raises(AudioError, match="ends inside a frame"):
        mp3.count_frames(data[:-10])
    with pytest.raises(AudioError, match="not an MPEG-1 Layer III frame"):
        mp3.count_frames(b"ID3" + data)


def test_join_gives_the_exact_length_of_its_parts(tmp_path):
    parts = []
    for n, seconds in enumerate((1.0, 2.5, 0.7)):
        part = tmp_path / f"{n}.mp3"
        mp3.encode(_tone(seconds, 300 + 100 * n), part, header=False)
        parts.append(part)
    frames = sum(mp3.count_frames(p.read_bytes()) for p in parts)
    out = tmp_path / "joined.mp3"
    mp3.join(parts, out)
    expected = frames * mp3.FRAME / mp3.RATE
    assert MP3(str(out)).info.length == pytest.approx(expected, abs=1e-6)
    assert float(ffprobe(out, "format=duration")) == pytest.approx(expected, abs=0.001)
    assert out.stat().st_size == sum(p.stat().st_size for p in parts) + len(
        mp3.info_frame(parts[0].read_bytes()[:4], frames, 0))
    subprocess.run(["ffmpeg", "-v", "error", "-xerror", "-i", str(out), "-f", "null", "-"],
                   check=True)


def test_a_bundled_ffmpeg_that_does_not_run_is_passed_over(monkeypatch, tmp_path):
    # As a wheel built for another libc would be: there, but not a program this machine runs.
    # imageio-ffmpeg runs its binary once to find that out (its folder is swapped for one
    # holding a broken binary) and falls back to the system's ffmpeg.
    from imageio_ffmpeg import _utils

    broken = tmp_path / _utils.FNAME_PER_PLATFORM[_utils.get_platform()]
    broken.write_text("not a program")
    broken.chmod(0o755)
    monkeypatch.setattr(_utils, "_get_bin_dir", lambda: str(tmp_path))
    _utils._get_ffmpeg_exe.cache_clear()
    mp3.ffmpeg_exe.cache_clear()
    try:
        exe = mp3.ffmpeg_exe()
        assert shutil.which(exe) == shutil.which("ffmpeg")
        subprocess.run([exe, "-version"], check=True, capture_output=True)
    finally:
        _utils._get_ffmpeg_exe.cache_clear()
        mp3.ffmpeg_exe.cache_clear()


def test_without_imageio_ffmpeg_the_systems_ffmpeg_is_used(monkeypatch):
    import imageio_ffmpeg

    def missing():
        raise RuntimeError("No ffmpeg exe could be found.")

    monkeypatch.setattr(imageio_ffmpeg, "get_ffmpeg_exe", missing)
    mp3.ffmpeg_exe.cache_clear()
    try:
        assert mp3.ffmpeg_exe() == shutil.which("ffmpeg")
    finally:
        mp3.ffmpeg_exe.cache_clear()
