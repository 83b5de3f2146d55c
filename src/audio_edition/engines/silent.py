"""A fast, deterministic engine for tests of pure logic: no speech, a soft tone per word.

It emits a quiet 220 Hz tone rather than digital silence so that silence trimming, loudness
measurement and timing code see audio they can work with.
"""

from __future__ import annotations

import math
import re

import numpy as np

from audio_edition.engines.base import Audio, EngineVoice
from audio_edition.model import VoiceProfile

SAMPLE_RATE = 22050
"""Same rate as espeak, so tests exercise the same resampling."""
WORD_SECONDS = 0.25
"""Length of the tone for one word."""
_WORD = re.compile(r"\w+")


def _tone(seconds: float, freq: float) -> bytes:
    n = int(seconds * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    return (6000 * np.sin(2 * math.pi * freq * t)).astype("<i2").tobytes()


class SilentEngine:
    """An engine that needs nothing installed; every voice id is accepted."""

    name = "silent"

    def available(self) -> str | None:
        return None

    def version(self) -> str:
        return "silent 1"

    def voices(self) -> list[EngineVoice]:
        return [EngineVoice(id="tone", name="Test tone", languages=["*"])]

    def check_voice(self, voice: VoiceProfile) -> None:
        return None

    def synthesize(self, text: str, voice: VoiceProfile) -> Audio:
        words = max(1, len(_WORD.findall(text)))
        freq = 180 + voice.pitch * 2
        gap = b"\x00\x00" * int(0.05 * SAMPLE_RATE)
        pcm = (_tone(WORD_SECONDS - 0.05, freq) + gap) * words
        return Audio(pcm=pcm, sample_rate=SAMPLE_RATE)
