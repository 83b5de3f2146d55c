"""Every mutagen call of audio-edition: ID3v2.3 tags for episodes.

Like mediafile, the mapping from each logical field to its ID3 frame is one table
(:data:`ID3_FIELDS`). Tags are written as ID3v2.3, which podcast apps handle best (chapters in
particular); ``update_to_v23()`` turns TDRC into TYER/TDAT/TIME before saving.

Chapters follow the ID3v2 Chapter Frame Addendum: one CHAP frame per chapter, with its title in
a TIT2 sub-frame and times in milliseconds (byte offsets unused, ``0xFFFFFFFF``), and one
top-level, ordered CTOC frame listing them. The cover is an APIC frame of type 3, front cover.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from mutagen import MutagenError
from mutagen.id3 import (
    APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1, USLT, CTOCFlags, Encoding,
    ID3NoHeaderError, PictureType,
)

from audio_edition import languages
from audio_edition.chapters import Chapter
from audio_edition.errors import TaggingError

NO_OFFSET = 0xFFFFFFFF
"""CHAP byte offsets: "not used", so players go by the times."""
TOC_ID = "toc"
"""Element id of the top-level CTOC frame."""



def iso639_2(lang: str) -> str:
    """Returns the three-letter code for ``lang`` (``de`` -> ``deu``); ``und`` when unknown."""
    return languages.get(lang).iso639_2


@dataclass
class EpisodeTags:
    """What is written into an episode's ID3 tag."""

    title: str
    """TIT2: the headline."""
    artist: str
    """TPE1: the author or publication."""
    album: str
    """TALB: the podcast title."""
    date: dt.datetime
    """TDRC (written as TYER/TDAT in v2.3): the publication date."""
    lang: str
    """TLAN: ISO 639-1 here, written as ISO 639-2."""
    comment: str = ""
    """COMM: the teaser or description."""
    lyrics: str = ""
    """USLT: the full text of the article."""
    genre: str = "Podcast"
    """TCON."""
    chapters: list[Chapter] = field(default_factory=list)
    """CHAP frames, one per chapter, and the CTOC that lists them; none when empty."""
    cover: bytes = b""
    """APIC front cover: JPEG or PNG bytes; none when empty."""
    cover_mime: str = "image/png"
    """The cover's media type, ``image/png`` or ``image/jpeg``."""
    extra: list = field(default_factory=list)
    """Further ready-made frames added by later stages."""


ID3_FIELDS: dict[str, Callable[[EpisodeTags], object | None]] = {
    "TIT2": lambda t: TIT2(encoding=Encoding.UTF16, text=t.title),
    "TPE1": lambda t: TPE1(encoding=Encoding.UTF16, text=t.artist),
    "TALB": lambda t: TALB(encoding=Encoding.UTF16, text=t.album),
    "TDRC": lambda t: TDRC(encoding=Encoding.LATIN1, text=t.date.strftime("%Y-%m-%dT%H:%M:%S")),
    "TCON": lambda t: TCON(encoding=Encoding.LATIN1, text=t.genre),
    "TLAN": lambda t: TLAN(encoding=Encoding.LATIN1, text=iso639_2(t.lang)),
    "COMM": lambda t: t.comment and COMM(
        encoding=Encoding.UTF16, lang=iso639_2(t.lang), desc="", text=t.comment),
    "USLT": lambda t: t.lyrics and USLT(
        encoding=Encoding.UTF16, lang=iso639_2(t.lang), desc="", text=t.lyrics),
    "APIC": lambda t: t.cover and APIC(
        encoding=Encoding.LATIN1, mime=t.cover_mime, type=PictureType.COVER_FRONT,
        desc="Cover", data=t.cover),
}
"""ID3 frame id -> how to build it from the tags (None or "" when there is nothing to write)."""


def chapter_frames(chapters: list[Chapter]) -> list:
    """Returns a CHAP frame per chapter (ids ``chp0``, ``chp1``, ...; title in TIT2) and the
    top-level, ordered CTOC that lists them; an empty list for no chapters."""
    if not chapters:
        return []
    frames = []
    ids = []
    for n, ch in enumerate(chapters):
        ids.append(f"chp{n}")
        frames.append(CHAP(
            element_id=ids[-1], start_time=int(round(ch.start * 1000)),
            end_time=int(round(ch.end * 1000)), start_offset=NO_OFFSET, end_offset=NO_OFFSET,
            sub_frames=[TIT2(encoding=Encoding.UTF16, text=ch.title)]))
    frames.append(CTOC(
        element_id=TOC_ID, flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
        sub_frames=[TIT2(encoding=Encoding.UTF16, text="Chapters")]))
    return frames


class _ChaptersInOrderID3(ID3):
    """An ID3 tag that writes its CHAP frames last and in time order.

    mutagen orders frames by size, but ffmpeg and the players built on it list chapters in the
    order of their frames in the file.
    """

    def _write(self, config):  # noqa: ANN001 - mutagen's internal signature
        from mutagen.id3._tags import save_frame

        chaps = sorted(self.getall("CHAP"), key=lambda f: (f.start_time, f.element_id))
        if not chaps:
            return super()._write(config)
        self.delall("CHAP")
        try:
            head = super()._write(config)
        finally:
            for frame in chaps:
                self.add(frame)
        return head + b"".join(save_frame(f, config=config) for f in chaps)


def write_tags(path: Path, tags: EpisodeTags) -> None:
    """Replaces any tag of the MP3 at ``path`` with an ID3v2.3 tag holding ``tags``.

    Raises TaggingError naming the file when mutagen fails.
    """
    try:
        id3 = _ChaptersInOrderID3()
        for build in ID3_FIELDS.values():
            frame = build(tags)
            if frame:
                id3.add(frame)
        for frame in chapter_frames(tags.chapters) + list(tags.extra):
            id3.add(frame)
        id3.update_to_v23()  # TDRC -> TYER/TDAT/TIME; save() alone leaves v2.4 frames in
        id3.save(str(path), v2_version=3, v23_sep="/", v1=0)
    except (MutagenError, OSError) as exc:
        raise TaggingError(f"cannot write ID3 tag: {exc}", path) from None


def read_tags(path: Path) -> ID3:
    """Returns the ID3 tag of ``path``; raises TaggingError when it has none or is unreadable."""
    try:
        return ID3(str(path))
    except ID3NoHeaderError:
        raise TaggingError("no ID3 tag", path) from None
    except (MutagenError, OSError) as exc:
        raise TaggingError(f"cannot read ID3 tag: {exc}", path) from None

