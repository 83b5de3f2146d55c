"""MP3 encoding with ffmpeg: constant bitrate, 44.1 kHz mono.

An episode is encoded in independent chunks (:mod:`audio_edition.chunks`): each chunk is a
stream of plain MP3 frames with no header, and :func:`join` puts the chunks end to end behind
one Info header (the Xing header of a constant-bitrate file), which gives players the exact
number of frames and so the exact duration. Writing that header ourselves, rather than having
ffmpeg copy the whole episode once more to write it, keeps a rebuild after a small edit from
costing a pass over every byte of a long episode.
"""

from __future__ import annotations

import functools
import logging
import shutil
from pathlib import Path

from audio_edition import procutil
from audio_edition.errors import AudioError
from audio_edition.model import Rendered

log = logging.getLogger(__name__)

BITRATE = "96k"
"""Constant bitrate: clear mono speech at a size podcast apps download quickly."""
RATE = 44100
"""Sample rate of every MP3."""
FRAME = 1152
"""Samples in one MPEG-1 Layer III frame."""
ENCODER_DELAY = 1105
"""Samples of silence a decoder puts before the first input sample of an encoded stream: the
LAME encoder's 576 and the decoder's 529 (what ffmpeg reports as the stream's initial
padding)."""

_SYNC = 0xFFE0
_BITRATES = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_RATES = (44100, 48000, 32000)


@functools.lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Returns the ffmpeg to use: the static build bundled with imageio-ffmpeg, else the
    system's.

    The static build starts in a quarter of the time of a typical distribution build, which
    matters because a build runs ffmpeg once per chunk. Raises AudioError when there is neither.
    """
    try:
        import imageio_ffmpeg

        # It runs the binary once to check it (a wheel built for another libc would be there
        # but not run), and falls back to the system's ffmpeg itself.
        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        pass
    found = shutil.which("ffmpeg")
    if found:
        return found
    raise AudioError(
        "ffmpeg not found: install it (apt-get install ffmpeg) or pip install imageio-ffmpeg")


@functools.lru_cache(maxsize=1)
def encoder_id() -> str:
    """Returns what identifies the encoder's output: the ffmpeg binary's path, size and time."""
    exe = Path(ffmpeg_exe())
    stat = exe.stat()
    return f"{exe}:{stat.st_size}:{int(stat.st_mtime)}"


def count_frames(data: bytes) -> int:
    """Returns the number of MPEG-1 Layer III frames in ``data``, a stream of plain frames.

    Raises AudioError when ``data`` is not such a stream.
    """
    pos = count = 0
    while pos + 4 <= len(data):
        header = int.from_bytes(data[pos:pos + 4], "big")
        version, layer = (header >> 19) & 3, (header >> 17) & 3
        bitrate, rate = (header >> 12) & 15, (header >> 10) & 3
        if (header >> 16) & _SYNC != _SYNC or version != 3 or layer != 1 or not 0 < bitrate < 15 \
                or rate == 3:
            raise AudioError(f"not an MPEG-1 Layer III frame at byte {pos}")
        pos += 144000 * _BITRATES[bitrate] // _RATES[rate] + ((header >> 9) & 1)
        count += 1
    if pos != len(data):
        raise AudioError("the MP3 stream ends inside a frame")
    return count


def encode(rendered: Rendered, target: Path, bitrate: str = BITRATE, header: bool = True) -> None:
    """Encodes ``rendered`` as a CBR MP3 at ``target`` (which must be a real, seekable file).

    The samples are streamed into ffmpeg's stdin piece by piece, with the loudness plan
    applied on the way, so the episode is never held as one buffer. With ``header`` False the
    file holds plain frames only, with no Xing/Info frame, ready for :func:`join`.
    Raises AudioError with ffmpeg's message when encoding fails, or when ffmpeg takes longer
    than :func:`procutil.for_audio` allows for the audio's length (it is killed).
    """
    cmd = [
        ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
        "-f", "s16le", "-ar", str(rendered.sample_rate), "-ac", "1", "-i", "pipe:0",
        "-codec:a", "libmp3lame", "-b:a", bitrate, "-ar", str(RATE), "-ac", "1",
        "-write_xing", "1" if header else "0", "-id3v2_version", "0", "-map_metadata", "-1",
        "-f", "mp3", str(target),
    ]
    log.debug("running %s", " ".join(cmd))
    timeout = procutil.for_audio(rendered.duration)
    try:
        code, _, text = procutil.run(cmd, timeout, feed=rendered.iter_pcm())
    except OSError as exc:
        raise AudioError(f"cannot run ffmpeg: {exc}", target) from None
    except procutil.TimedOut:
        raise AudioError(f"ffmpeg did not finish within {timeout:.0f} s", target) from None
    if code != 0:
        lines = text.strip().splitlines()
        raise AudioError(f"ffmpeg failed: {lines[-1] if lines else code}", target)


def join(parts: list[Path], target: Path, frames: int | None = None) -> None:
    """Writes the plain-frame MP3 chunks ``parts`` end to end as one MP3 at ``target``, behind
    an Info header (the Xing header of a constant-bitrate file) that gives players the exact
    number of frames, so the exact duration, and a seek table. Nothing is encoded again.

    ``frames`` is how many frames the parts hold, when known (else they are counted). Each
    chunk starts with an empty bit reservoir, so the frames are valid in any order; the
    decoder's overlap between two chunks falls in the silence each one starts and ends with.
    Raises AudioError when a part is not a stream of MP3 frames.
    """
    if not parts:
        raise AudioError("nothing to join", target)
    if frames is None:
        frames = sum(count_frames(part.read_bytes()) for part in parts)
    with parts[0].open("rb") as f:
        first = f.read(4)
    header = info_frame(first, frames, sum(part.stat().st_size for part in parts))
    with target.open("wb") as out:
        out.write(header)
        for part in parts:
            with part.open("rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)


def info_frame(first: bytes, frames: int, audio_bytes: int) -> bytes:
    """Returns the Info frame to put before ``frames`` frames (``audio_bytes`` bytes) of a
    constant-bitrate stream whose first frame header is ``first``.

    This is the frame LAME and ffmpeg write: a frame of silence of the stream's own format whose
    side information is zero, followed by "Info", the flags for frames, bytes, seek table and
    quality, then those fields (big-endian), as described in the Xing VBR header specification.
    """
    header = int.from_bytes(first[:4], "big") & ~(1 << 9)  # no padding byte
    bitrate, rate = (header >> 12) & 15, (header >> 10) & 3
    length = 144000 * _BITRATES[bitrate] // _RATES[rate]
    side_info = 17 if (header >> 6) & 3 == 3 else 32  # MPEG-1: mono, else stereo
    total = length + audio_bytes
    # CBR: the byte at p percent of the duration is p percent into the file
    toc = bytes(min(255, 256 * p // 100) for p in range(100))
    tag = b"Info" + (0x0F).to_bytes(4, "big") + frames.to_bytes(4, "big") \
        + total.to_bytes(4, "big") + toc + (0).to_bytes(4, "big")
    frame = bytearray(length)
    frame[:4] = header.to_bytes(4, "big")
    frame[4 + side_info:4 + side_info + len(tag)] = tag
    return bytes(frame)
