"""The orchestrator with the silent engine: files, feed, manifest, slugs, batches."""

from __future__ import annotations

import json
import shutil

import feedparser
import pytest

from audio_edition.build import BuildOptions, build, slugify
from audio_edition.config import load_edition
from audio_edition.errors import ReaderError
from audio_edition.tagging import read_tags
from conftest import episode_file


def _cfg(out):
    return load_edition(out, {"base_url": "http://127.0.0.1:8000/", "title": "Hafenfunk"})


def test_build_writes_mp3_feed_and_manifest(work, silent_voices, tmp_path):
    out = tmp_path / "out"
    res = build([work / "kurz.txt", work / "short.md"], out, _cfg(out), silent_voices)
    assert not res.failures
    assert sorted(p.name.split(".")[0] for p in (out / "audio").glob("*.mp3")) == ["kurz", "short"]
    feed = feedparser.parse((out / "feed" / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 2
    for entry in feed.entries:
        enc = entry.enclosures[0]
        mp3 = out / "audio" / enc.href.rsplit("/", 1)[1]
        assert int(enc.length) == mp3.stat().st_size
    tag = read_tags(episode_file(out, "kurz"))
    assert str(tag["TIT2"]) == "Neuer Fahrplan für die Inselfähre"
    assert str(tag["TLAN"]) == "deu"
    assert str(read_tags(episode_file(out, "short"))["TLAN"]) == "eng"


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


_MEMO_TEXT = ("Die Fähre fährt wieder\n\nAm 3. Mai fuhr die Fähre um 7:15 Uhr ab. Sie kostet 2,50 €.\n\n"
              "Der Hafen hat 12 Liegeplätze. „Wir sind zufrieden“, sagte Jan Ortmann.\n")


def test_a_rebuild_normalizes_only_the_sentences_that_changed(tmp_path, silent_voices, monkeypatch):
    """The spoken form of each sentence is kept in the cache folder: after an edit only the
    edited sentence is normalized again, and a changed lexicon makes every sentence new."""
    from audio_edition import build as build_module
    from audio_edition.config import load_voices

    calls = []
    real = build_module.speakable

    def counted(text, lang, lexicon=None):
        calls.append(text)
        return real(text, lang, lexicon)

    monkeypatch.setattr(build_module, "speakable", counted)
    article = tmp_path / "faehre.txt"
    article.write_text(_MEMO_TEXT, encoding="utf-8")
    book = load_voices(silent_voices)
    cache = tmp_path / "cache"
    first = build_module.prepare(article, book, "de", cache)
    sentences = len(calls)
    again = build_module.prepare(article, book, "de", cache)
    assert sentences >= 4 and len(calls) == sentences  # nothing normalized again
    assert [u.spoken for u in again.utterances] == [u.spoken for u in first.utterances]
    article.write_text(_MEMO_TEXT.replace("12 Liegeplätze", "14 Liegeplätze"), encoding="utf-8")
    calls.clear()
    edited = build_module.prepare(article, book, "de", cache)
    assert calls == ["Der Hafen hat 14 Liegeplätze."]
    assert "vierzehn" in " ".join(u.spoken for u in edited.utterances)
    calls.clear()
    build_module.prepare(article, book, "de", None)  # no cache: everything
    assert len(calls) == sentences
    voices = tmp_path / "voices"
    shutil.copytree(silent_voices, voices)
    lexicon = voices / "lexicon" / "de.toml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + '"Fähre" = "Fääre"\n', encoding="utf-8")
    calls.clear()
    relexed = build_module.prepare(article, load_voices(voices), "de", cache)
    assert len(calls) == sentences  # another lexicon: every sentence again
    assert "Fääre" in " ".join(u.spoken for u in relexed.utterances)
