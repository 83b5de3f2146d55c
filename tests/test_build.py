"""The orchestrator with the silent engine: files, feed, manifest, slugs, batches."""

from __future__ import annotations

import json

import feedparser
import pytest

from audio_edition.build import BuildOptions, build, slugify
from audio_edition.config import load_edition
from audio_edition.errors import ReaderError
from audio_edition.tagging import read_tags


def _cfg(out):
    return load_edition(out, {"base_url": "http://127.0.0.1:8000/", "title": "Hafenfunk"})


def test_build_writes_mp3_feed_and_manifest(work, silent_voices, tmp_path):
    out = tmp_path / "out"
    res = build([work / "kurz.txt", work / "short.md"], out, _cfg(out), silent_voices)
    assert not res.failures
    assert sorted(p.name for p in (out / "audio").glob("*.mp3")) == ["kurz.mp3", "short.mp3"]
    feed = feedparser.parse((out / "feed" / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 2
    for entry in feed.entries:
        enc = entry.enclosures[0]
        mp3 = out / "audio" / enc.href.rsplit("/", 1)[1]
        assert int(enc.length) == mp3.stat().st_size
    tag = read_tags(out / "audio" / "kurz.mp3")
    assert str(tag["TIT2"]) == "Neuer Fahrplan für die Inselfähre"
    assert str(tag["TLAN"]) == "deu"
    assert str(read_tags(out / "audio" / "short.mp3")["TLAN"]) == "eng"


def test_rebuild_keeps_previous_episodes_and_guids(work, silent_voices, tmp_path):
    out = tmp_path / "out"
    build([work / "kurz.txt"], out, _cfg(out), silent_voices)
    first = feedparser.parse((out / "feed" / "feed.xml").read_bytes()).entries[0]
    build([work / "short.md"], out, _cfg(out), silent_voices)
    build([work / "kurz.txt"], out, _cfg(out), silent_voices)
    entries = feedparser.parse((out / "feed" / "feed.xml").read_bytes()).entries
    assert len(entries) == 2
    again = next(e for e in entries if e.title == first.title)
    assert again.id == first.id
    assert again.published == first.published
    manifest = json.loads((out / "feed" / "episodes.json").read_text())
    assert len(manifest["episodes"]) == 2


def test_bad_article_does_not_stop_the_batch(work, silent_voices, tmp_path):
    (work / "leer.txt").write_bytes(b"")
    out = tmp_path / "out"
    res = build([work / "leer.txt", work / "kurz.txt"], out, _cfg(out), silent_voices)
    assert [e.slug for e in res.episodes] == ["kurz"]
    assert len(res.failures) == 1 and "leer.txt" in res.failures[0].format_message()
    with pytest.raises(ReaderError):
        build([work / "leer.txt", work / "kurz.txt"], out, _cfg(out), silent_voices,
              BuildOptions(strict=True))


@pytest.mark.parametrize("text, slug", [
    ("Größere Fähre für Weidenwerth", "groessere-faehre-fuer-weidenwerth"),
    ("../../etc/passwd", "etc-passwd"),
    ("CON", "con-episode"),
    ("!!!", "episode"),
    ("x" * 300, "x" * 80),
])
def test_slugify(text, slug):
    assert slugify(text) == slug
