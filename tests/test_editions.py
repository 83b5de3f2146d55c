"""Editions: several articles as one episode with an intro, a chapter per article and one
transcript, built with the silent engine."""

from __future__ import annotations

import json
import re

import feedparser
import pytest

from audio_edition.build import build, prepare
from audio_edition.config import load_edition, load_voices
from audio_edition.editions import ARTICLE_PAUSE, combine, edition_lang
from audio_edition.errors import ReaderError
from audio_edition.model import BlockKind, Role
from audio_edition.tagging import read_tags


@pytest.fixture
def preps(work, silent_voices):
    book = load_voices(silent_voices)
    return [prepare(work / "short.md", book, "de"), prepare(work / "kurz.txt", book, "de")]


def test_intro_names_the_edition_and_lists_the_articles_each_title_in_its_language(preps):
    ed = combine("Hafenfunk  am Freitag", preps, "de")
    assert ed.article.title == "Hafenfunk am Freitag"
    assert ed.script.lang == "de"  # the podcast's language, since one article is German
    intro = [u for u in ed.utterances if u.segment < ed.marks[0].segment]
    assert [u.text for u in intro] == ["Hafenfunk am Freitag", "In dieser Ausgabe:",
                                       "A bridge reopens after two years",
                                       "Neuer Fahrplan für die Inselfähre"]
    # each title in its article's language: the English one by the English narrator
    assert [u.voice.name for u in intro] == ["de-narrator", "de-narrator", "en-narrator", "de-narrator"]
    assert all(ed.script.segments[u.segment].segment.role is Role.NARRATOR for u in intro)


def test_one_mark_per_article_at_its_title(preps):
    ed = combine("E", preps, "de")
    assert [m.title for m in ed.marks] == ["A bridge reopens after two years",
                                           "Neuer Fahrplan für die Inselfähre"]
    for mark, prep in zip(ed.marks, preps):
        first = ed.script.segments[mark.segment].segment
        assert first.kind is BlockKind.TITLE and first.text == prep.article.title
        starts = [u for u in ed.utterances if u.segment == mark.segment]
        assert starts[0].pause == ARTICLE_PAUSE
    # every article's utterances are there, in order, pointing at its own segments
    assert len(ed.utterances) == len([u for u in ed.utterances if u.segment < ed.marks[0].segment]) \
        + sum(len(p.utterances) for p in preps)
    for utt in ed.utterances:
        assert ed.script.segments[utt.segment].voice == utt.voice


def test_full_text_and_description_cover_every_article(preps):
    ed = combine("E", preps, "en")
    assert ed.script.lang == "en"
    text = ed.article.full_text()
    assert "In this edition: A bridge reopens after two years; Neuer Fahrplan" in text
    for prep in preps:
        assert prep.article.blocks[-1].text in text
    assert ed.article.meta.description.startswith("In this edition:")


def test_edition_language():
    assert edition_lang(["en", "de", "en"], "de") == "de"
    assert edition_lang(["en", "fr", "fr"], "de") == "fr"
    assert edition_lang(["en", "fr"], "de") == "en"


def _cfg(out):
    return load_edition(out, {"base_url": "http://127.0.0.1:8000/", "title": "Hafenfunk"})


def test_build_edition(work, silent_voices, tmp_path):
    out = tmp_path / "out"
    res = build([work / "short.md", work / "kurz.txt"], out, _cfg(out), silent_voices,
                edition="Hafenfunk am Freitag")
    assert not res.failures and len(res.episodes) == 1
    ep = res.episodes[0]
    assert re.fullmatch(r"audio/hafenfunk-am-freitag\.[0-9a-f]{10}\.mp3", ep.audio_file)
    assert ep.title == "Hafenfunk am Freitag"
    tag = read_tags(out / ep.audio_file)
    assert [str(c.sub_frames["TIT2"]) for c in sorted(tag.getall("CHAP"),
                                                       key=lambda c: c.start_time)] == [
        "A bridge reopens after two years", "Neuer Fahrplan für die Inselfähre"]
    chapters = json.loads((out / ep.chapters_file).read_text())["chapters"]
    assert [c["title"] for c in chapters] == ["A bridge reopens after two years",
                                              "Neuer Fahrplan für die Inselfähre"]
    vtt = (out / ep.vtt_file).read_text()
    assert "<v Narrator>Hafenfunk am Freitag" in vtt and "<v Priya Menon>" in vtt
    assert "Inselfähre" in vtt and "inselradio.de" in vtt
    feed = feedparser.parse((out / "feed" / "feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Hafenfunk am Freitag"]
    # unchanged: skipped; the same guid and number
    again = build([work / "short.md", work / "kurz.txt"], out, _cfg(out), silent_voices,
                  edition="Hafenfunk am Freitag")
    assert not again.episodes and [e.guid for e in again.unchanged] == [ep.guid]


def test_a_bad_article_stops_the_edition(work, silent_voices, tmp_path):
    (work / "leer.txt").write_bytes(b"")
    out = tmp_path / "out"
    res = build([work / "short.md", work / "leer.txt"], out, _cfg(out), silent_voices,
                edition="E")
    assert not res.episodes and len(res.failures) == 1
    assert "leer.txt" in res.failures[0].format_message()
    assert not list(out.rglob("*.mp3"))
    from audio_edition.build import BuildOptions
    with pytest.raises(ReaderError):
        build([work / "leer.txt"], out, _cfg(out), silent_voices, BuildOptions(strict=True),
              edition="E")


def test_the_intro_is_spoken_as_the_build_normalizes_it(preps):
    ed = combine("Ausgabe vom 3. Oktober", preps, "de", speak=lambda text, lang: text.upper())
    intro = {u.text: u.spoken for u in ed.utterances if u.segment < ed.marks[0].segment}
    assert intro["Ausgabe vom 3. Oktober"] == "AUSGABE VOM 3. OKTOBER"
    # titles are said as their articles say them, not normalized a second time
    assert intro["A bridge reopens after two years"] == "A bridge reopens after two years"


def test_the_intro_reads_each_title_in_its_article_s_language_and_numbers(work, silent_voices,
                                                                          tmp_path):
    from audio_edition.normalize import speakable

    (tmp_path / "puentes.md").write_text(
        "---\ntitle: 3 puentes reabren\nlang: es\n---\n\nLos 3 puentes del río reabren el lunes.\n")
    (tmp_path / "minato.md").write_text(
        "---\ntitle: 1月の港\nlang: ja\n---\n\n港に霧が出ました。船は遅れました。\n", encoding="utf-8")
    book = load_voices(silent_voices)
    parts = [prepare(work / "kurz.txt", book, "de"), prepare(tmp_path / "puentes.md", book, "de"),
             prepare(tmp_path / "minato.md", book, "de")]
    ed = combine("Hafenfunk", parts, "de", speak=speakable)
    intro = [u for u in ed.utterances if u.segment < ed.marks[0].segment]
    assert [(u.voice.name, u.spoken) for u in intro] == [
        ("de-narrator", "Hafenfunk"), ("de-narrator", "In dieser Ausgabe:"),
        ("de-narrator", "Neuer Fahrplan für die Inselfähre"),
        ("es-narrator", "tres puentes reabren"), ("ja-narrator", "一月の港")]
