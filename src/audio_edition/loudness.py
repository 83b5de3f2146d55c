"""Loudness: measured with ffmpeg's ITU-R BS.1770 meter (``ebur128``), one gain per voice.

An episode is never normalized segment by segment (that makes the level jump between voices
and within one voice). Instead each voice gets one gain for the whole episode, from its own
loudness: :func:`passage_loudness` measures a few sentences the voice reads with the episode's
sentence pauses (one ffmpeg pass gives the K-weighted loudness of every 400 ms block, 100 ms
apart, exactly BS.1770's gating blocks) and :meth:`GainPlan.for_levels` brings every voice to
the target. The voices are then matched to each other, and an episode made of them measures
the target as a whole, whatever its text. Because the gains do not depend on the episode's
other parts, each part can be mastered and encoded on its own (:mod:`audio_edition.chunks`).
A look-ahead limiter keeps sample peaks under a ceiling set below the true-peak limit.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np

from audio_edition import procutil
from audio_edition.errors import AudioError
from audio_edition.model import iter_samples

log = logging.getLogger(__name__)

ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0
BLOCK = 0.4
"""Gating block length in seconds (BS.1770-4)."""
LIMITER_WINDOW = 0.004
"""Seconds over which the limiter's gain moves: inaudible on speech, no clicks."""
PEAK_MARGIN_DB = 1.0
"""The limiter's sample-peak ceiling sits this far below the true-peak limit, to cover
inter-sample peaks and the MP3 encoder's overshoot."""
ENCODER_LOSS_LU = 0.4
"""LAME at speech bitrates lowers the measured loudness of espeak speech by about this much
(0.4 to 0.45 LU at 64 to 160 kbit/s, measured with ffmpeg's ebur128 and pyloudnorm)."""
MAX_GAIN_DB = 24.0
"""Largest gain given to a voice; more means a broken voice, not a quiet one."""
MASTER_RATE = 44100
"""The rate at which :data:`PEAK_MARGIN_DB` holds the true peak down; speech mastered at a
lower rate is resampled to it afterwards."""
RESAMPLED_MARGIN_DB = 1.0
"""Further headroom for speech mastered at a lower rate: upsampling it makes peaks between its
samples. The limiter sees the peaks halfway between samples (:func:`midpoints`), within about
0.3 dB; this covers the rest, and the upsampling filter's own ripple."""
_MIDPOINT_TAPS = 8
"""Length of the interpolation filter :func:`midpoints` uses: 8 taps estimate the peaks of
Piper speech upsampled by ffmpeg within 0.1 to 0.3 dB (12 within 0.07 dB, at five times the
cost)."""

_FRAME = re.compile(r"t:\s*([\d.]+)\s+TARGET:.*?M:\s*(-?[\d.]+|-?inf|nan)")
_SUMMARY_I = re.compile(r"Integrated loudness:\s*I:\s*(-?[\d.]+|-?inf)\s*LUFS", re.S)
_SUMMARY_TP = re.compile(r"True peak:\s*Peak:\s*(-?[\d.]+|-?inf)\s*dBFS", re.S)

Piece = tuple[bytes | None, int, str | None]
"""(16-bit samples or None for silence, number of samples, voice name or None)."""


def samples(pcm: bytes) -> np.ndarray:
    """Returns 16-bit samples as floats in [-1, 1)."""
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / np.float32(32768.0)



def _to_pcm(x: np.ndarray) -> bytes:
    return np.clip(np.rint(x * 32768.0), -32768, 32767).astype("<i2").tobytes()


def gated_loudness(block_lufs: Iterable[float]) -> float:
    """Returns the BS.1770 integrated loudness of gating blocks given in LUFS."""
    lk = np.array([v for v in block_lufs if v > ABSOLUTE_GATE], dtype=np.float64)
    if not len(lk):
        return -math.inf
    energy = 10 ** ((lk + 0.691) / 10)
    relative = -0.691 + 10 * math.log10(energy.mean()) + RELATIVE_GATE
    kept = energy[lk > relative]
    return float(-0.691 + 10 * math.log10(kept.mean()))


def midpoints(x: np.ndarray) -> np.ndarray:
    """Returns the values of the band-limited signal ``x`` halfway between its samples (the
    last one, past the end, against silence): the samples that upsampling to twice the rate
    adds. A Kaiser-windowed sinc of :data:`_MIDPOINT_TAPS` taps."""
    start = _MIDPOINT_TAPS // 2
    return np.convolve(x, _midpoint_filter(), mode="full")[start:start + len(x)]


@functools.lru_cache(maxsize=1)
def _midpoint_filter() -> np.ndarray:
    t = np.arange(_MIDPOINT_TAPS) - _MIDPOINT_TAPS / 2 + 0.5
    h = np.sinc(t) * np.kaiser(_MIDPOINT_TAPS, 6.0)
    return (h / h.sum()).astype(np.float32)


def limit(x: np.ndarray, ceiling: float, rate: int) -> np.ndarray:
    """Returns ``x`` with every sample within ±``ceiling``, by a smooth look-ahead gain.

    Each short window gets the least gain any peak in it or its neighbours needs; a moving
    average over one window then turns the steps into ramps. Every averaged value comes from
    windows that all include the sample's own, so the gain never exceeds what a sample needs.
    Below :data:`MASTER_RATE` the signal will be upsampled, so the peaks halfway between its
    samples are held within the ceiling too: they rose 2.6 dB above it in Piper speech.
    """
    if not len(x):
        return x
    peak = np.abs(x)
    if rate < MASTER_RATE:
        mid = midpoints(x)
        np.maximum(peak, np.abs(mid, out=mid), out=peak)
    if peak.max() <= ceiling:
        return x
    w = max(1, int(LIMITER_WINDOW * rate))
    n = -(-len(x) // w)
    padded = np.zeros(n * w, dtype=np.float32)
    padded[: len(x)] = peak
    need = np.minimum(1.0, ceiling / np.maximum(padded.reshape(n, w).max(axis=1), 1e-12))
    block = need.astype(np.float32)
    block[1:] = np.minimum(block[1:], need[:-1])
    block[:-1] = np.minimum(block[:-1], need[1:])
    # The moving average (one window long, centred) of a gain that is constant per window is
    # linear between the windows' centres, where it equals the window's own value: a ramp from
    # each centre to the next.
    half = w // 2
    ramps = np.arange(w, dtype=np.float32) / np.float32(w)
    gain = np.empty(n * w + w, dtype=np.float32)
    gain[:half] = block[0]
    inner = block[:-1, None] + (block[1:] - block[:-1])[:, None] * ramps[None, :]
    gain[half:half + (n - 1) * w] = inner.ravel()
    gain[half + (n - 1) * w:] = block[-1]
    return x * gain[: len(x)]


def ceiling_at(ceiling: float, rate: int) -> float:
    """Returns the sample-peak ceiling for speech mastered at ``rate``: ``ceiling`` itself at
    :data:`MASTER_RATE`, :data:`RESAMPLED_MARGIN_DB` lower for speech resampled afterwards,
    whose peaks between the samples the limiter sees rise further."""
    return ceiling if rate >= MASTER_RATE else ceiling * 10 ** (-RESAMPLED_MARGIN_DB / 20)


@dataclass
class GainPlan:
    """How an episode's pieces are scaled: one gain per voice, and a peak ceiling."""

    gains_db: dict[str, float] = field(default_factory=dict)
    """Voice name -> gain in dB for its pieces (voice matching plus normalization)."""
    ceiling: float = 1.0
    """Sample-peak ceiling of the limiter, linear."""
    voice_lufs: dict[str, float] = field(default_factory=dict)
    """Each voice's own loudness before any gain."""

    def apply(self, pcm: bytes, voice: str | None, rate: int) -> bytes:
        """Returns ``pcm`` scaled and limited according to the plan."""
        gain = self.gains_db.get(voice or "", 0.0)
        if gain == 0.0 and self.ceiling >= 1.0:
            return pcm
        x = samples(pcm) * np.float32(10 ** (gain / 20))
        return _to_pcm(limit(x, ceiling_at(self.ceiling, rate), rate))

    @classmethod
    def for_levels(cls, levels: dict[str, float], target: float = -16.0,
                   true_peak: float = -1.0) -> "GainPlan":
        """Returns the plan that brings every voice (or jingle) of measured loudness
        ``levels[name]`` LUFS to ``target``, aiming :data:`ENCODER_LOSS_LU` above it because
        the MP3 encoder takes about that much away, with peaks under ``true_peak`` dBTP."""
        aim = target + ENCODER_LOSS_LU
        plan = cls(ceiling=10 ** ((true_peak - PEAK_MARGIN_DB) / 20), voice_lufs=dict(levels))
        for name, lufs in levels.items():
            gain = aim - lufs if math.isfinite(lufs) else 0.0
            plan.gains_db[name] = round(max(-MAX_GAIN_DB, min(MAX_GAIN_DB, gain)), 2)
        return plan


def block_loudness(chunks: Iterable[bytes], rate: int,
                   seconds: float | None = None) -> list[tuple[float, float]]:
    """Returns (end time, momentary loudness) of every 400 ms block, from ffmpeg's ebur128.

    ``seconds`` is how long the audio is, which sets ffmpeg's deadline
    (:func:`procutil.for_audio`; without it, the deadline of an hour of audio).
    Raises AudioError when ffmpeg fails or does not finish within its deadline.
    """
    from audio_edition.mp3 import ffmpeg_exe

    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-f", "s16le", "-ar", str(rate),
           "-ac", "1", "-i", "pipe:0", "-af", "ebur128", "-f", "null", "-"]
    timeout = procutil.for_audio(3600.0 if seconds is None else seconds)
    try:
        code, _, text = procutil.run(cmd, timeout, feed=chunks)
    except OSError as exc:
        raise AudioError(f"cannot run ffmpeg: {exc}") from None
    except procutil.TimedOut:
        raise AudioError(f"ffmpeg's loudness meter did not finish within {timeout:.0f} s") \
            from None
    if code != 0:
        raise AudioError("ffmpeg's loudness meter failed")
    out = []
    for m in _FRAME.finditer(text):
        value = m.group(2)
        out.append((float(m.group(1)), -math.inf if "inf" in value or value == "nan" else float(value)))
    return out


def parse_summary(text: str) -> tuple[float, float | None]:
    """Returns (integrated LUFS, true peak dBTP or None) from ffmpeg ebur128's summary."""
    # ffmpeg may print an empty summary first when its filter graph is set up again.
    i = next(reversed(list(_SUMMARY_I.finditer(text))), None)
    tp = next(reversed(list(_SUMMARY_TP.finditer(text))), None)
    integrated = float(i.group(1)) if i and "inf" not in i.group(1) else -math.inf
    peak = float(tp.group(1)) if tp and "inf" not in tp.group(1) else None
    return integrated, peak


def measure_file(path: Path) -> tuple[float, float | None]:
    """Returns (integrated LUFS, true peak dBTP) of an audio file, measured by ffmpeg.

    Raises AudioError when ffmpeg fails or does not finish within :func:`procutil.for_file`.
    """
    from audio_edition.mp3 import ffmpeg_exe

    timeout = procutil.for_file(path)
    try:
        code, _, text = procutil.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats",
                                      "-i", str(path), "-af", "ebur128=peak=true", "-f", "null",
                                      "-"], timeout)
    except OSError as exc:
        raise AudioError(f"cannot run ffmpeg: {exc}", path) from None
    except procutil.TimedOut:
        raise AudioError(f"ffmpeg's loudness meter did not finish within {timeout:.0f} s",
                         path) from None
    if code != 0:
        raise AudioError("ffmpeg's loudness meter failed", path)
    # ffmpeg prints the file's tags too, cut at arbitrary bytes
    return parse_summary(text)


def passage_loudness(passages: dict[str, list[Piece]], rate: int) -> dict[str, float]:
    """Returns the integrated loudness of each passage (a voice reading a few paragraphs, with
    its pauses), as BS.1770 gates a whole programme, measured in one ffmpeg pass."""
    gap = int(1.0 * rate)
    pieces: list[Piece] = []
    spans: list[tuple[str, float, float]] = []
    pos = 0
    for name, own in passages.items():
        length = sum(n for _, n, _ in own)
        spans.append((name, pos / rate, (pos + length) / rate))
        pieces += [*own, (None, gap, None)]
        pos += length + gap
    blocks = block_loudness(iter_samples(pieces), rate, seconds=pos / rate)
    return {name: gated_loudness(v for end, v in blocks if start + BLOCK <= end <= stop + BLOCK / 2)
            for name, start, stop in spans}
