"""Intro and outro jingles, and a music bed under the spoken intro that ducks under speech.

All three are optional audio files named in ``edition.toml`` (any format ffmpeg reads). The
jingles are placed before the first and after the last word; the bed plays from the start of
the episode to the end of the spoken intro (the headline and teaser, or an edition's intro),
loud in the pauses and lowered under the voice, with smooth ramps and a fade at its end.
Each jingle is brought to the episode's loudness on its own, like a voice.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from audio_edition import procutil
from audio_edition.errors import ConfigError
from audio_edition.model import Rendered, Timing

JINGLE_VOICE = "jingle"
"""What the names of jingle pieces start with (see :func:`piece_name`)."""
GAP = 0.5
"""Seconds between a jingle and the speech."""
RAMP = 0.25
"""Seconds the bed takes to go down under speech, and to come back up."""
FADE = 1.5
"""Seconds over which the bed fades out at the end of the intro."""


@dataclass(frozen=True)
class Sound:
    """The jingle files of a podcast, resolved to paths; each may be None."""

    intro: Path | None = None
    """Played before the first word."""
    outro: Path | None = None
    """Played after the last word."""
    bed: Path | None = None
    """Music under the spoken intro, looped if it is too short."""
    bed_level: float = -16.0
    """dB of the bed under speech, relative to the speech's RMS."""
    bed_open: float = -6.0
    """dB of the bed in the pauses, relative to the speech's RMS."""

    def __bool__(self) -> bool:
        return bool(self.intro or self.outro or self.bed)


def piece_name(path: Path) -> str:
    """Returns the name a jingle's pieces carry, under which the loudness plan holds its gain."""
    return f"{JINGLE_VOICE}:{path.name}"


def load(path: Path, rate: int) -> bytes:
    """Returns the audio file at ``path`` as 16-bit mono samples at ``rate``, decoded and
    resampled by ffmpeg.

    Raises ConfigError naming the file when ffmpeg cannot read it, or does not finish within
    :func:`procutil.for_file` (it is killed).
    """
    from audio_edition.mp3 import ffmpeg_exe

    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
           "-i", str(path), "-map", "0:a:0", "-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1",
           "-ar", str(rate), "-"]
    timeout = procutil.for_file(path)
    try:
        code, pcm, text = procutil.run(cmd, timeout, capture=True)
    except OSError as exc:
        raise ConfigError(f"cannot read audio: cannot run ffmpeg: {exc}", path) from None
    except procutil.TimedOut:
        raise ConfigError(f"cannot read audio: ffmpeg did not finish within {timeout:.0f} s",
                          path) from None
    if code != 0:
        lines = text.strip().splitlines()
        raise ConfigError(f"cannot read audio: {lines[-1][:120] if lines else code}",
                          path) from None
    return pcm[:len(pcm) // 2 * 2]


def _rms(x) -> float:
    import numpy as np

    return float(np.sqrt(np.mean(x.astype(np.float64) ** 2))) if len(x) else 0.0


def dress(rendered: Rendered, intro_end: float, sound: Sound) -> Rendered:
    """Returns ``rendered`` with the jingles added and the bed mixed under its first
    ``intro_end`` seconds; every timing is moved by the length of the intro jingle."""
    if not sound:
        return rendered
    rate = rendered.sample_rate
    pieces = list(rendered.pieces)
    if sound.bed and intro_end > 0:
        pieces = _mix_bed(pieces, intro_end, load(sound.bed, rate), rate, sound)
    shift = 0
    if sound.intro:
        jingle = load(sound.intro, rate)
        shift = len(jingle) // 2 + int(GAP * rate)
        pieces = [(jingle, len(jingle) // 2, piece_name(sound.intro)),
                  (None, int(GAP * rate), None), *pieces]
    if sound.outro:
        jingle = load(sound.outro, rate)
        pieces += [(jingle, len(jingle) // 2, piece_name(sound.outro)), (None, int(0.5 * rate), None)]
    timings = [Timing(t.utterance, t.start + shift / rate, t.end + shift / rate)
               for t in rendered.timings]
    return dataclasses.replace(rendered, pieces=pieces, timings=timings)


def _mix_bed(pieces: list, intro_end: float, bed: bytes, rate: int, sound: Sound) -> list:
    """Mixes the bed into the pieces that fall before ``intro_end`` seconds."""
    import numpy as np

    end = int(intro_end * rate)
    head, tail, pos = [], [], 0
    for piece in pieces:
        (head if pos < end else tail).append(piece)
        pos += piece[1]
    length = sum(n for _, n, _ in head)
    speech = np.zeros(length, dtype=np.float32)
    active = np.zeros(length, dtype=np.float32)
    voice, pos = None, 0
    for pcm, n, v in head:
        if pcm is not None:
            speech[pos:pos + n] = np.frombuffer(pcm, dtype="<i2")
            active[pos:pos + n] = 1.0
            voice = voice or v
        pos += n
    music = np.frombuffer(bed, dtype="<i2").astype(np.float32)
    if not len(music):
        return pieces
    music = np.tile(music, -(-length // len(music)))[:length]
    ref = _rms(speech[active > 0]) or 3000.0
    music *= ref / max(_rms(music), 1.0)
    # Ducking: the bed's gain follows the speech, ramped so it never jumps.
    ramp = max(1, int(RAMP * rate))
    kernel = np.ones(ramp, dtype=np.float32) / ramp
    duck = np.clip(np.convolve(active, kernel, mode="same") * 2, 0, 1)
    low, high = 10 ** (sound.bed_level / 20), 10 ** (sound.bed_open / 20)
    gain = high + (low - high) * duck
    fade = min(length, int(FADE * rate))
    gain[length - fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
    mixed = np.clip(speech + music * gain, -32768, 32767).astype("<i2").tobytes()
    return [(mixed, length, voice), *tail]


def from_config(config, root: Path) -> Sound:
    """Returns the jingles named in ``config`` (paths relative to ``root``).

    Raises ConfigError when a named file does not exist.
    """
    paths = {}
    for key in ("intro", "outro", "bed"):
        value = getattr(config, key, "")
        if value:
            path = (root / value).resolve()
            if not path.is_file():
                raise ConfigError(f"{key}: file not found: {value!r}", root / "edition.toml")
            paths[key] = path
    return Sound(bed_level=config.bed_level, bed_open=config.bed_open, **paths)
