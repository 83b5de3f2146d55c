"""Loudness: the plan's arithmetic, and built episodes measured with an independent meter
(ffmpeg's ebur128 on the MP3 as a listener gets it)."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest

from audio_edition.loudness import GainPlan, gated_loudness, limit, measure_file, passage_loudness

from conftest import ROOT, episode_file

RATE = 44100


def _noise(seconds: float, level: float, seed: int) -> bytes:
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(int(seconds * RATE)) * level * 32767).clip(
        -32768, 32767).astype("<i2").tobytes()


def test_gating_ignores_silence():
    assert gated_loudness([-20.0] * 50) == pytest.approx(-20.0)
    assert gated_loudness([-20.0] * 50 + [-90.0] * 50) == pytest.approx(-20.0)
    assert gated_loudness([-20.0] * 50 + [-35.0] * 50) == pytest.approx(-20.0)  # relative gate
    assert gated_loudness([]) == -math.inf


def test_limiter_holds_the_ceiling_without_jumps():
    x = np.sin(np.arange(RATE) / 7).astype(np.float32) * 2.0
    y = limit(x, 0.5, RATE)
    assert np.abs(y).max() <= 0.5 + 1e-6
    assert np.abs(np.diff(y)).max() < 0.2  # no step in the gain
    quiet = np.full(100, 0.1, dtype=np.float32)
    assert limit(quiet, 0.5, RATE) is quiet


def _upsampled_peak(x: np.ndarray, rate: int) -> float:
    # What the encoder hears: ffmpeg's resampler, as in mp3.encode, to 44.1 kHz.
    raw = np.clip(np.rint(x * 32768), -32768, 32767).astype("<i2").tobytes()
    out = subprocess.run(["ffmpeg", "-v", "error", "-f", "s16le", "-ar", str(rate), "-ac", "1",
                          "-i", "-", "-af", "aresample=44100", "-f", "s16le", "-"],
                         input=raw, capture_output=True, check=True).stdout
    y = np.frombuffer(out, dtype="<i2").astype(np.float32) / 32768
    return float(np.abs(y[2000:-2000]).max())  # away from the filter's edges


def test_below_the_master_rate_the_limiter_holds_the_peaks_between_samples():
    # A tone at a quarter of the rate whose samples all fall 3 dB below its crests, as
    # upsampling brings them back: limited on its samples alone it would come out 3 dB over.
    x = (0.9 * np.sin(np.pi / 2 * np.arange(22050) + np.pi / 4)).astype(np.float32)
    assert np.abs(x).max() == pytest.approx(0.9 / math.sqrt(2), rel=1e-3)
    assert _upsampled_peak(limit(x, 0.5, 22050), 22050) <= 0.5 * 10 ** (0.3 / 20)
    on_samples = limit(x, 0.5, 44100)  # at the master rate only the samples count
    assert np.abs(on_samples).max() <= 0.5 + 1e-6
    assert _upsampled_peak(on_samples, 22050) > 0.5 * 10 ** (2.5 / 20)


def test_passages_are_measured_apart_and_the_plan_matches_them():
    def passage(level: float, seed: int) -> list:
        out = []
        for k in range(6):
            out.append((_noise(2.0, level, seed + k), int(2.0 * RATE), "v"))
            out.append((None, int(0.4 * RATE), None))
        return out

    levels = passage_loudness({"narrator": passage(0.05, 0), "quote": passage(0.2, 100)}, RATE)
    assert levels["quote"] - levels["narrator"] == pytest.approx(12.0, abs=0.5)  # 4x amplitude
    plan = GainPlan.for_levels(levels, target=-16.0, true_peak=-1.0)
    assert plan.gains_db["narrator"] - plan.gains_db["quote"] == pytest.approx(
        levels["quote"] - levels["narrator"], abs=0.01)
    aim = -16.0 + 0.4  # the encoder's loss is planned for
    assert plan.gains_db["narrator"] == pytest.approx(aim - levels["narrator"], abs=0.01)
    assert plan.ceiling == pytest.approx(10 ** (-2.0 / 20))


def _mean_short_term(pcm: np.ndarray) -> float:
    """Mean of ffmpeg's short-term (3 s) loudness over ``pcm``, gated at -70 LUFS."""
    proc = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-f", "s16le", "-ar", str(RATE),
                           "-ac", "1", "-i", "pipe:0", "-af", "ebur128", "-f", "null", "-"],
                          input=pcm.astype("<i2").tobytes(), capture_output=True)
    values = [float(v) for v in re.findall(rb"S:\s*(-?[\d.]+)", proc.stderr)]
    values = [v for v in values if v > -70]
    return sum(values) / len(values)


def _spans_by_speaker(vtt: str) -> dict[str, list[tuple[float, float]]]:
    def seconds(stamp: str) -> float:
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    out: dict[str, list[tuple[float, float]]] = {}
    for start, end, who in re.findall(
            r"(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\n<v ([^>]+)>", vtt):
        out.setdefault("narrator" if who == "Narrator" else "quote", []).append(
            (seconds(start), seconds(end)))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("article", ["werkstatt-am-hafen.txt", "night-library.md"])
def test_built_episode_loudness(tmp_path, article):
    src = tmp_path / article
    shutil.copy(ROOT / "articles" / article, src)
    res = subprocess.run([sys.executable, "-m", "audio_edition", "build", str(src), "--out",
                          str(tmp_path), "--base-url", "http://127.0.0.1:8000/", "-q"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert res.returncode == 0, res.stderr
    if article.endswith(".md"):
        # mixed engines: the joe package's Piper voice narrates English (the shipped profiles
        # prefer installed neural voices), espeak-ng reads the quotes
        assert "en_US-joe-medium" in res.stdout and "en-quote-1" in res.stdout, res.stdout
    mp3 = next((tmp_path / "audio").glob("*.mp3"))
    integrated, peak = measure_file(mp3)
    assert -17.0 <= integrated <= -15.0, integrated
    assert peak is not None and peak <= -1.0, peak
    # narrator and quote voices, measured apart on the decoded MP3, within 2 LU
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1",
                          "-ar", str(RATE), "-"], capture_output=True, check=True).stdout
    pcm = np.frombuffer(raw, dtype="<i2")
    spans = _spans_by_speaker(mp3.with_suffix(".vtt").read_text(encoding="utf-8"))
    levels = {}
    for who, parts in spans.items():
        joined = np.concatenate([pcm[int(a * RATE): int(b * RATE)] for a, b in parts])
        levels[who] = _mean_short_term(joined)
    assert set(levels) == {"narrator", "quote"}
    assert abs(levels["narrator"] - levels["quote"]) <= 2.0, levels


def test_jingles_and_bed(work, silent_voices, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name, spec in (("intro.wav", "sine=f=440:d=1.5"), ("outro.wav", "sine=f=550:d=1"),
                       ("bed.ogg", "sine=f=330:d=2")):
        subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", spec, str(out / name)],
                       check=True)
    (out / "edition.toml").write_text(
        'owner_email = "a@b.de"\nintro = "intro.wav"\noutro = "outro.wav"\nbed = "bed.ogg"\n',
        encoding="utf-8")
    plain = tmp_path / "plain"
    for target in (out, plain):
        res = subprocess.run([sys.executable, "-m", "audio_edition", "build",
                              str(work / "kurz.txt"), "--out", str(target), "--base-url",
                              "http://127.0.0.1:8000/", "--voices", str(silent_voices), "-q"],
                             capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert res.returncode == 0, res.stderr
    dur = {t: float(subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a:0",
                                    "-show_entries", "format=duration", "-of", "csv=p=0",
                                    str(episode_file(t, "kurz"))],
                                   capture_output=True, text=True).stdout) for t in (out, plain)}
    # intro 1.5 s + gap 0.5 s, outro 1 s + 0.5 s
    assert dur[out] - dur[plain] == pytest.approx(3.5, abs=0.1)
    first = lambda t: episode_file(t, "kurz", "vtt_file").read_text().split("\n\n")[1].split(" --> ")[0]
    assert first(out) != first(plain)  # transcripts moved with the audio
    integrated, peak = measure_file(episode_file(out, "kurz"))
    assert -17.0 <= integrated <= -15.0 and peak <= -1.0
    (out / "edition.toml").write_text('intro = "missing.wav"\n', encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "audio_edition", "build", str(work / "kurz.txt"),
                          "--out", str(out), "--base-url", "http://127.0.0.1:8000/", "--voices",
                          str(silent_voices), "-q"], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 1 and "intro: file not found: 'missing.wav'" in res.stderr
