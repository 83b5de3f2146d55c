"""Jingles and the music bed: files from edition.toml, placed around the speech, the bed
ducked under it. Audio files are made with ffmpeg's test sources."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from audio_edition import jingles
from audio_edition.config import load_edition
from audio_edition.errors import ConfigError
from audio_edition.model import Rendered, Timing

RATE = 44100


def _sine(path, freq: int, seconds: float):
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                    f"sine=f={freq}:d={seconds}", str(path)], check=True)
    return path


def _speech(seconds: float) -> bytes:
    rng = np.random.default_rng(1)
    return (rng.standard_normal(int(seconds * RATE)) * 3000).astype("<i2").tobytes()


def _rendered() -> Rendered:
    speech = _speech(2.0)
    pieces = [(None, int(0.5 * RATE), None), (speech, len(speech) // 2, "narrator"),
              (None, int(1.0 * RATE), None)]
    return Rendered(pieces=pieces, sample_rate=RATE, timings=[Timing(0, 0.5, 2.5)])


def test_intro_and_outro_frame_the_speech_and_move_its_timings(tmp_path):
    sound = jingles.Sound(intro=_sine(tmp_path / "in.wav", 440, 1.5),
                          outro=_sine(tmp_path / "out.wav", 550, 1.0))
    dressed = jingles.dress(_rendered(), 0.0, sound)
    names = [v for _, _, v in dressed.pieces if v]
    assert names == [jingles.piece_name(sound.intro), "narrator",
                     jingles.piece_name(sound.outro)]
    shift = 1.5 + jingles.GAP
    assert dressed.timings[0].start == pytest.approx(0.5 + shift, abs=0.01)
    assert dressed.duration == pytest.approx(_rendered().duration + shift + 1.0 + 0.5,
                                             abs=0.01)


def test_the_bed_is_lower_under_speech_than_in_the_pauses(tmp_path):
    sound = jingles.Sound(bed=_sine(tmp_path / "bed.ogg", 330, 2.0))
    plain = np.frombuffer(b"".join(_rendered().iter_pcm()), dtype="<i2").astype(np.float64)
    dressed = jingles.dress(_rendered(), 3.5, sound)
    x = np.frombuffer(b"".join(dressed.iter_pcm()), dtype="<i2").astype(np.float64)
    bed = x - plain  # the bed alone

    def rms(a: float, b: float) -> float:
        return float(np.sqrt(np.mean(bed[int(a * RATE):int(b * RATE)] ** 2)))

    open_level, under = rms(0.05, 0.3), rms(1.0, 2.0)
    assert open_level > 100
    # bed_open is -6 dB and bed_level -16 dB relative to the speech: 10 dB apart
    assert 20 * np.log10(under / open_level) == pytest.approx(
        sound.bed_level - sound.bed_open, abs=1.5)
    assert rms(3.45, 3.5) < open_level / 5  # faded out at the end of the intro
    assert len(x) == len(plain)


def test_missing_or_unreadable_files_name_the_setting(tmp_path):
    (tmp_path / "edition.toml").write_text('intro = "nope.wav"\n', encoding="utf-8")
    config = load_edition(tmp_path, {"base_url": "http://127.0.0.1:8000/"})
    with pytest.raises(ConfigError, match="intro: file not found: 'nope.wav'"):
        jingles.from_config(config, tmp_path)
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF0000WAVEjunk")
    with pytest.raises(ConfigError, match="cannot read audio"):
        jingles.load(bad, RATE)
    assert not jingles.Sound()
