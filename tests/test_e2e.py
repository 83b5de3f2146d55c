"""End to end with the real engine and real ffmpeg: the bundled German sample becomes a tagged
MP3 and a feed entry that podcast apps accept."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from mutagen.id3 import ID3

from conftest import ROOT, episode_file, ffprobe

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("edition")
    src = out / "werkstatt-am-hafen.txt"
    shutil.copy(ROOT / "articles" / "werkstatt-am-hafen.txt", src)
    res = subprocess.run(
        [sys.executable, "-m", "audio_edition", "build", str(src), "--out", str(out),
         "--base-url", "http://127.0.0.1:8000/"],
        capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    return out, res


def test_mp3_decodes_cleanly(built):
    out, _ = built
    mp3 = episode_file(out, "werkstatt-am-hafen")
    res = subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "null", "-"],
                         capture_output=True, text=True)
    assert res.returncode == 0 and res.stderr == ""
    assert ffprobe(mp3, "stream=codec_name") == "mp3"
    assert ffprobe(mp3, "stream=sample_rate") == "44100"
    assert ffprobe(mp3, "stream=channels") == "1"


def test_id3_tag(built):
    out, _ = built
    tag = ID3(str(episode_file(out, "werkstatt-am-hafen")))
    assert tag.version == (2, 3, 0)
    assert str(tag["TIT2"]) == "Die Werkstatt am Hafen repariert jetzt auch Lastenräder"
    assert str(tag["TLAN"]) == "deu"
    assert str(tag["TCON"]) == "Podcast"


def test_feed_matches_file(built):
    out, _ = built
    mp3 = episode_file(out, "werkstatt-am-hafen")
    feed = feedparser.parse((out / "feed" / "feed.xml").read_bytes())
    assert not feed.bozo
    entry = feed.entries[0]
    assert int(entry.enclosures[0].length) == mp3.stat().st_size
    assert entry.enclosures[0].href == f"http://127.0.0.1:8000/audio/{mp3.name}"
    assert abs(int(entry.itunes_duration) - float(ffprobe(mp3, "format=duration"))) <= 1


def test_german_voices_differ_and_quotes_use_the_quote_voice(built):
    out, res = built
    script = subprocess.run(
        [sys.executable, "-m", "audio_edition", "script", str(out / "werkstatt-am-hafen.txt"),
         "--json"], capture_output=True, text=True, cwd=ROOT, check=True)
    rows = json.loads(script.stdout)
    narrator = {r["voice"] for r in rows if r["role"] == "narrator"}
    quotes = {r["voice"] for r in rows if r["role"] == "quote"}
    assert narrator == {"de-narrator"} and quotes and not quotes & narrator
    quoted = [r["text"] for r in rows if r["role"] == "quote"]
    for needle in ("Jedes Rad, das wir retten", "Mein Traum ist eine Werkstatt",
                   "Wir hatten anfangs nur Kaffee"):
        assert any(needle in q for q in quoted), needle
    # scare quotes and the publication name stay with the narrator
    assert not any(q in ("Reparaturcafé", "Seeblick", "Vorzeigeprojekt") for q in quoted)
    assert "de-narrator" in res.stdout
