"""Loudness: measured with ffmpeg's ITU-R BS.1770 meter (``ebur128``), planned per episode.

An episode is normalized as a whole, never segment by segment (that makes the level jump
between voices). One ffmpeg pass gives the K-weighted loudness of every 400 ms block (100 ms
apart, exactly BS.1770's gating blocks). From those blocks and the known position of every
utterance we get each voice's own loudness, match the voices to the one that speaks most, and
choose one gain that brings the episode to the target. A look-ahead limiter keeps sample peaks
under a ceiling set below the true-peak limit; the encoder pass measures the result again.
"""

from __future__ import annotations

import logging
import math
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from audio_edition.errors import AudioError

log = logging.getLogger(__name__)

ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0
BLOCK = 0.4
"""Gating block length in seconds (BS.1770-4)."""
STEP = 0.1
"""Distance between gating blocks in seconds (75 % overlap); ffmpeg logs one block per step."""
LIMITER_WINDOW = 0.004
"""Seconds over which the limiter's gain moves: inaudible on speech, no clicks."""
PEAK_MARGIN_DB = 1.0
"""The limiter's sample-peak ceiling sits this far below the true-peak limit, to cover
inter-sample peaks and the MP3 encoder's overshoot."""
MAX_MATCH_DB = 12.0
"""Largest correction between two voices; more means a broken voice, not a quiet one."""

_FRAME = re.compile(r"t:\s*([\d.]+)\s+TARGET:.*?M:\s*(-?[\d.]+|-?inf|nan)")
_SUMMARY_I = re.compile(r"Integrated loudness:\s*I:\s*(-?[\d.]+|-?inf)\s*LUFS", re.S)
_SUMMARY_TP = re.compile(r"True peak:\s*Peak:\s*(-?[\d.]+|-?inf)\s*dBFS", re.S)

Piece = tuple[bytes | None, int, str | None]
"""(16-bit samples or None for silence, number of samples, voice name or None)."""


def _to_float(pcm: bytes) -> np.ndarray:
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


def limit(x: np.ndarray, ceiling: float, rate: int) -> np.ndarray:
    """Returns ``x`` with every sample within ±``ceiling``, by a smooth look-ahead gain.

    The gain of each short window is the least any peak in it or its neighbours needs, and the
    gain between window centres is interpolated: it never exceeds what a sample needs and never
    jumps.
    """
    peak = np.abs(x)
    if not len(x) or peak.max() <= ceiling:
        return x
    w = max(1, int(LIMITER_WINDOW * rate))
    n = -(-len(x) // w)
    padded = np.full(n * w, 0.0, dtype=np.float32)
    padded[: len(x)] = peak
    need = np.minimum(1.0, ceiling / np.maximum(padded.reshape(n, w).max(axis=1), 1e-12))
    block = need.copy()
    block[1:] = np.minimum(block[1:], need[:-1])
    block[:-1] = np.minimum(block[:-1], need[1:])
    centres = np.arange(n) * w + (w - 1) / 2
    gain = np.interp(np.arange(len(x)), centres, block)
    return x * gain.astype(np.float32)


@dataclass
class GainPlan:
    """How an episode's pieces are scaled: one gain per voice, and a peak ceiling."""

    gains_db: dict[str, float] = field(default_factory=dict)
    """Voice name -> gain in dB for its pieces (voice matching plus normalization)."""
    ceiling: float = 1.0
    """Sample-peak ceiling of the limiter, linear."""
    voice_lufs: dict[str, float] = field(default_factory=dict)
    """Each voice's own loudness before any gain."""
    predicted_lufs: float = -math.inf
    """The episode's integrated loudness the plan aims at, before limiting."""

    def apply(self, pcm: bytes, voice: str | None, rate: int) -> bytes:
        """Returns ``pcm`` scaled and limited according to the plan."""
        gain = self.gains_db.get(voice or "", 0.0)
        if gain == 0.0 and self.ceiling >= 1.0:
            return pcm
        x = _to_float(pcm) * np.float32(10 ** (gain / 20))
        return _to_pcm(limit(x, self.ceiling, rate))

    def adjust(self, db: float) -> None:
        """Moves every voice by ``db``."""
        for voice in self.gains_db:
            self.gains_db[voice] += db


def _iter_pieces(pieces: Iterable[Piece], block: int = 1 << 16) -> Iterator[bytes]:
    for pcm, n, _ in pieces:
        if pcm is None:
            while n > 0:
                k = min(n, block)
                yield bytes(2 * k)
                n -= k
        else:
            yield pcm


def block_loudness(chunks: Iterable[bytes], rate: int) -> list[tuple[float, float]]:
    """Returns (end time, momentary loudness) of every 400 ms block, from ffmpeg's ebur128.

    Raises AudioError when ffmpeg fails.
    """
    from audio_edition.mp3 import ffmpeg_exe

    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-f", "s16le", "-ar", str(rate),
           "-ac", "1", "-i", "pipe:0", "-af", "ebur128", "-f", "null", "-"]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err)
        try:
            for chunk in chunks:
                proc.stdin.write(chunk)
            proc.stdin.close()
        except BrokenPipeError:
            pass
        if proc.wait() != 0:
            raise AudioError("ffmpeg's loudness meter failed")
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
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
    """Returns (integrated LUFS, true peak dBTP) of an audio file, measured by ffmpeg."""
    from audio_edition.mp3 import ffmpeg_exe

    proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-i", str(path),
                           "-af", "ebur128=peak=true", "-f", "null", "-"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise AudioError("ffmpeg's loudness meter failed", path)
    return parse_summary(proc.stderr)


def plan_gains(pieces: list[Piece], rate: int, target: float = -16.0,
               true_peak: float = -1.0) -> GainPlan:
    """Returns the gains that bring the episode to ``target`` LUFS with peaks under ``true_peak``.

    Voices are first matched to the voice with the most speech, so narrator and quotes sound
    equally loud; then one gain moves the whole episode to the target.
    """
    plan = GainPlan(ceiling=10 ** ((true_peak - PEAK_MARGIN_DB) / 20))
    blocks = block_loudness(_iter_pieces(pieces), rate)
    # Who speaks in each block: the voice covering most of its 400 ms.
    spans: list[tuple[float, float, str]] = []
    pos = 0
    for pcm, n, voice in pieces:
        if pcm is not None and voice:
            spans.append((pos / rate, (pos + n) / rate, voice))
        pos += n
    owner: list[str | None] = []
    k = 0
    for end, _ in blocks:
        start = end - BLOCK
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        share: dict[str, float] = {}
        j = k
        while j < len(spans) and spans[j][0] < end:
            s, e, v = spans[j]
            share[v] = share.get(v, 0.0) + min(e, end) - max(s, start)
            j += 1
        best = max(share, key=share.get) if share else None
        owner.append(best if best and share[best] >= BLOCK / 2 else None)
    amount: dict[str, float] = {}
    for s, e, v in spans:
        amount[v] = amount.get(v, 0.0) + e - s
    for voice in amount:
        own = [lufs for (_, lufs), o in zip(blocks, owner) if o == voice]
        plan.voice_lufs[voice] = gated_loudness(own)
    measurable = [v for v in amount if math.isfinite(plan.voice_lufs[v])]
    if not measurable:
        return plan
    ref = max(measurable, key=amount.get)
    for voice in amount:
        match = plan.voice_lufs[ref] - plan.voice_lufs[voice] if voice in measurable else 0.0
        plan.gains_db[voice] = max(-MAX_MATCH_DB, min(MAX_MATCH_DB, match))
    shifted = [lufs + plan.gains_db.get(o or "", 0.0) for (_, lufs), o in zip(blocks, owner)]
    before = gated_loudness(shifted)
    plan.adjust(target - before)
    plan.predicted_lufs = target
    log.debug("loudness plan: voices %s, gains %s", plan.voice_lufs, plan.gains_db)
    return plan
