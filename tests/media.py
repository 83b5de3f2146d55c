"""Helpers for tests that look at what was built: ffprobe as JSON, decoded samples, and where
speech is heard in them."""

from __future__ import annotations

import json
import shutil
import subprocess
from array import array
from pathlib import Path

import pytest

RATE = 44100


def ffprobe_json(path: Path, *args: str) -> dict:
    """Returns ffprobe's JSON output for ``path`` (e.g. ``-show_chapters``)."""
    exe = shutil.which("ffprobe")
    if exe is None:
        pytest.skip("ffprobe not installed (apt-get install ffmpeg)")
    out = subprocess.run([exe, "-v", "error", *args, "-of", "json", str(path)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def decode(path: Path) -> array:
    """Returns the MP3's samples as decoded by ffmpeg (which removes the encoder's delay and
    padding, as gapless players do): 16-bit mono at 44.1 kHz."""
    exe = shutil.which("ffmpeg")
    if exe is None:
        pytest.skip("ffmpeg not installed (apt-get install ffmpeg)")
    out = subprocess.run([exe, "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1",
                          "-ar", str(RATE), "-"], capture_output=True, check=True)
    samples = array("h")
    samples.frombytes(out.stdout)
    return samples


def onset(samples: array, near: float, threshold: int = 600, search: float = 0.5) -> float | None:
    """Returns the time of the first sample louder than ``threshold`` (about -35 dBFS) within
    ``search`` seconds before or after ``near``, or None when there is none."""
    lo = max(0, int((near - search) * RATE))
    hi = min(len(samples), int((near + search) * RATE))
    for i in range(lo, hi):
        if abs(samples[i]) > threshold:
            return i / RATE
    return None


def offset(samples: array, near: float, threshold: int = 600, search: float = 0.5) -> float | None:
    """Returns the time just after the last sample louder than ``threshold`` within ``search``
    seconds around ``near``, or None when there is none."""
    lo = max(0, int((near - search) * RATE))
    hi = min(len(samples), int((near + search) * RATE))
    for i in range(hi - 1, lo - 1, -1):
        if abs(samples[i]) > threshold:
            return (i + 1) / RATE
    return None
