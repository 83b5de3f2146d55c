"""ID3v2.3 tags, read back with mutagen."""

from __future__ import annotations

import datetime as dt

from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from audio_edition.mp3 import encode
from audio_edition.tagging import EpisodeTags, iso639_2, write_tags
from audio_edition.model import Rendered


def _mp3(tmp_path):
    r = Rendered(pieces=[(None, 44100, None)], sample_rate=44100, timings=[])
    path = tmp_path / "x.mp3"
    encode(r, path)
    return path


def test_tags_v23(tmp_path):
    path = _mp3(tmp_path)
    write_tags(path, EpisodeTags(
        title="Größere Fähre", artist="inselradio.de", album="Hafenfunk",
        date=dt.datetime(2026, 11, 3, 9, 30, tzinfo=dt.timezone.utc), lang="de",
        comment="Kurzfassung", lyrics="Der ganze Text."))
    tag = ID3(str(path))
    assert tag.version == (2, 3, 0)
    assert str(tag["TIT2"]) == "Größere Fähre"
    assert str(tag["TPE1"]) == "inselradio.de"
    assert str(tag["TALB"]) == "Hafenfunk"
    assert str(tag["TCON"]) == "Podcast"
    assert str(tag["TLAN"]) == "deu"
    assert str(tag["TDRC"]) == "2026-11-03 09:30:00"
    raw = ID3(str(path), translate=False)  # as stored: v2.3 has TYER/TDAT, not TDRC
    assert str(raw["TYER"]) == "2026" and str(raw["TDAT"]) == "0311"
    assert "TDRC" not in raw
    assert tag.getall("COMM")[0].text[0] == "Kurzfassung"
    assert tag.getall("USLT")[0].text == "Der ganze Text."
    assert abs(MP3(str(path)).info.length - 1.0) < 0.06


def test_iso639_2():
    assert iso639_2("de") == "deu" and iso639_2("en-US") == "eng" and iso639_2("fr") == "fra"
    assert iso639_2("xx") == "und"


def test_chapters_ctoc_and_cover_in_v23(tmp_path):
    from mutagen.id3 import CTOCFlags, PictureType

    from audio_edition.artwork import render_cover
    from audio_edition.chapters import Chapter
    from media import ffprobe_json

    path = _mp3(tmp_path)
    cover = render_cover("Hafenfunk")
    chapters = [Chapter("Größere Fähre", 0.0, 0.25), Chapter("Mehr Personal", 0.25, 0.6),
                Chapter("Stimmen", 0.6, 1.0)]
    write_tags(path, EpisodeTags(
        title="T", artist="A", album="B", date=dt.datetime(2026, 11, 3, tzinfo=dt.timezone.utc),
        lang="de", chapters=chapters, cover=cover, cover_mime="image/png"))
    raw = ID3(str(path), translate=False)
    assert raw.version == (2, 3, 0)
    chaps = sorted(raw.getall("CHAP"), key=lambda c: c.start_time)
    assert [(c.element_id, c.start_time, c.end_time, str(c.sub_frames["TIT2"])) for c in chaps] == [
        ("chp0", 0, 250, "Größere Fähre"), ("chp1", 250, 600, "Mehr Personal"),
        ("chp2", 600, 1000, "Stimmen")]
    (toc,) = raw.getall("CTOC")
    assert toc.flags == CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    assert toc.child_element_ids == ["chp0", "chp1", "chp2"]
    (pic,) = raw.getall("APIC")
    assert pic.type == PictureType.COVER_FRONT and pic.mime == "image/png" and pic.data == cover
    # ffmpeg lists chapters in the order of their frames: that order must be time order
    listed = ffprobe_json(path, "-show_chapters")["chapters"]
    assert [(c["start_time"], c["tags"]["title"]) for c in listed] == [
        ("0.000000", "Größere Fähre"), ("0.250000", "Mehr Personal"), ("0.600000", "Stimmen")]
