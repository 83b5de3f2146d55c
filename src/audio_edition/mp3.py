"""MP3 encoding with ffmpeg: constant bitrate, 44.1 kHz mono, written to a real file.

ffmpeg writes the Xing/Info header, which gives players an exact duration, only when its output
is a seekable file; so we never encode to a pipe.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from audio_edition.errors import AudioError
from audio_edition.model import Rendered

log = logging.getLogger(__name__)

BITRATE = "96k"
"""Constant bitrate: clear mono speech at a size podcast apps download quickly."""


@functools.lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Returns the ffmpeg to use: the system's, else the one bundled with imageio-ffmpeg.

    Raises AudioError when there is neither.
    """
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        raise AudioError(
            "ffmpeg not found: install it (apt-get install ffmpeg) or pip install imageio-ffmpeg"
        ) from None


def encode(rendered: Rendered, target: Path, bitrate: str = BITRATE,
           measure: bool = False) -> tuple[float, float | None] | None:
    """Encodes ``rendered`` as a CBR MP3 at ``target`` (which must be a real, seekable file).

    The samples are streamed into ffmpeg's stdin piece by piece, so the episode is never held
    as one buffer. With ``measure``, the same ffmpeg run also measures what it encodes with its
    BS.1770 meter and the result (integrated LUFS, true peak dBTP) is returned.
    Raises AudioError with ffmpeg's message when encoding fails.
    """
    cmd = [
        ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel",
        "info" if measure else "error", "-y",
        "-f", "s16le", "-ar", str(rendered.sample_rate), "-ac", "1", "-i", "pipe:0",
    ]
    if measure:
        cmd += ["-filter_complex", "[0:a]asplit=2[enc][mea];[mea]ebur128=peak=true[m]",
                "-map", "[enc]"]
    cmd += [
        "-codec:a", "libmp3lame", "-b:a", bitrate, "-ar", "44100", "-ac", "1",
        "-write_xing", "1", "-id3v2_version", "0", "-map_metadata", "-1",
        "-f", "mp3", str(target),
    ]
    if measure:
        cmd += ["-map", "[m]", "-f", "null", "-"]
    log.debug("running %s", " ".join(cmd))
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                    stderr=errors)
        except OSError as exc:
            raise AudioError(f"cannot run ffmpeg: {exc}", target) from None
        try:
            for chunk in rendered.iter_pcm():
                proc.stdin.write(chunk)
            proc.stdin.close()
        except BrokenPipeError:
            pass  # ffmpeg stopped early; its exit code and message say why
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        code = proc.wait()
        errors.seek(0)
        text = errors.read().decode("utf-8", "replace")
    if code != 0:
        lines = [ln for ln in text.strip().splitlines() if "Parsed_ebur128" not in ln]
        raise AudioError(f"ffmpeg failed: {lines[-1] if lines else code}", target)
    if measure:
        from audio_edition.loudness import parse_summary

        return parse_summary(text)
    return None


LOUDNESS_TOLERANCE = 0.5
"""LU the encoded episode may differ from the target before it is encoded again."""


def encode_mastered(rendered: Rendered, target: Path, lufs: float, true_peak: float,
                    bitrate: str = BITRATE) -> tuple[float, float | None]:
    """Encodes ``rendered`` and checks its loudness on the way; if it missed ``lufs`` by more
    than :data:`LOUDNESS_TOLERANCE` or peaked above ``true_peak``, corrects the plan and
    encodes once more. Returns the measured (integrated LUFS, true peak dBTP)."""
    measured = encode(rendered, target, bitrate, measure=rendered.plan is not None)
    if rendered.plan is None or measured is None:
        return measured or (float("nan"), None)
    integrated, peak = measured
    too_loud_peak = peak is not None and peak > true_peak
    if abs(integrated - lufs) > LOUDNESS_TOLERANCE or too_loud_peak:
        if abs(integrated - lufs) > LOUDNESS_TOLERANCE and integrated > -70:
            rendered.plan.adjust(lufs - integrated)
        if too_loud_peak:
            rendered.plan.ceiling *= 10 ** ((true_peak - peak - 0.2) / 20)
        log.debug("re-encoding %s: measured %.2f LUFS, %s dBTP", target, integrated, peak)
        measured = encode(rendered, target, bitrate, measure=True)
    return measured
