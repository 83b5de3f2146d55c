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


def encode(rendered: Rendered, target: Path, bitrate: str = BITRATE) -> None:
    """Encodes ``rendered`` as a CBR MP3 at ``target`` (which must be a real, seekable file).

    The samples are streamed into ffmpeg's stdin piece by piece, with the loudness plan
    applied on the way, so the episode is never held as one buffer.
    Raises AudioError with ffmpeg's message when encoding fails.
    """
    cmd = [
        ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
        "-f", "s16le", "-ar", str(rendered.sample_rate), "-ac", "1", "-i", "pipe:0",
        "-codec:a", "libmp3lame", "-b:a", bitrate, "-ar", "44100", "-ac", "1",
        "-write_xing", "1", "-id3v2_version", "0", "-map_metadata", "-1",
        "-f", "mp3", str(target),
    ]
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
        lines = text.strip().splitlines()
        raise AudioError(f"ffmpeg failed: {lines[-1] if lines else code}", target)
