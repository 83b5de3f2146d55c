"""ID3v2.3 tags, read back with mutagen."""

from __future__ import annotations

import datetime as dt

from mutagen.id3 import ID3

from audio_edition.mp3 import encode
from audio_edition.tagging import EpisodeTags, iso639_2, mp3_duration, write_tags
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
    assert abs(mp3_duration(path) - 1.0) < 0.06


def test_iso639_2():
    assert iso639_2("de") == "deu" and iso639_2("en-US") == "eng" and iso639_2("fr") == "fra"
    assert iso639_2("xx") == "und"
