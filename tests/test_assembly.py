"""Assembly: sentence splitting, designed pauses, trimming, and timings that match the samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_edition.assembly import (
    DEFAULT_PAUSES, MAX_UTTERANCE_CHARS, SAMPLE_RATE, assemble, plan, split_long, split_sentences,
)
from audio_edition.engines.silent import SilentEngine
from audio_edition.model import (
    Article, BlockKind, CastSegment, Role, Script, Segment, VoiceProfile,
)

NARRATOR = VoiceProfile("n", "silent", "tone", "de", pitch=40)
QUOTE = VoiceProfile("q", "silent", "tone", "de", pitch=70)


def test_split_sentences_keeps_abbreviations_and_ordinals():
    text = "Am 3. Oktober kam Dr. Weber z. B. mit dem Rad. Dann fuhr er weiter! Warum? Darum."
    assert split_sentences(text) == [
        "Am 3. Oktober kam Dr. Weber z. B. mit dem Rad.", "Dann fuhr er weiter!", "Warum?",
        "Darum.",
    ]
    assert split_sentences("„Ja.“ Er ging.") == ["„Ja.“", "Er ging."]


def test_a_sentence_longer_than_the_limit_is_cut_at_a_comma_else_between_words():
    clause = "the ferry leaves the harbour at dawn and comes back at night"  # 60 characters
    text = ", ".join([clause] * 20) + "."
    pieces = split_long(text)
    assert len(pieces) >= 3 and all(len(p) <= MAX_UTTERANCE_CHARS for p in pieces)
    assert all(p.endswith((",", ".")) for p in pieces)  # every cut at a comma
    assert " ".join(pieces) == text
    words = " ".join(["harbour"] * 200)  # no punctuation at all
    pieces = split_long(words)
    assert all(len(p) <= MAX_UTTERANCE_CHARS for p in pieces)
    assert all(set(p.split()) == {"harbour"} for p in pieces)  # never inside a word
    assert " ".join(pieces) == words


def test_a_word_longer_than_the_limit_is_cut_and_nothing_is_lost():
    junk = "x" * 1000 + " end"
    pieces = split_long(junk)
    assert "".join(pieces).replace(" ", "") == junk.replace(" ", "")
    assert all(len(p) <= MAX_UTTERANCE_CHARS for p in pieces)
    assert split_long("") == [] and split_long("Kurz.") == ["Kurz."]


def test_plan_gives_an_overlong_sentence_to_the_engine_in_pieces():
    line = " ".join(f"wort{n}" for n in range(20000))  # 130,000 characters, no punctuation
    art = Article(Path("x.txt"), "Titel", None, [])
    script = Script(art, "de", [CastSegment(Segment(Role.NARRATOR, line, block=0), NARRATOR)])
    utts = plan(script)
    assert len(utts) > 300 and max(len(u.spoken) for u in utts) <= MAX_UTTERANCE_CHARS
    assert " ".join(u.text for u in utts) == line
    assert {u.pause for u in utts[1:]} == {DEFAULT_PAUSES.phrase}


def test_split_sentences_is_linear_in_abbreviations_and_dots():
    text = "z. B. " * 20000 + "." * 50000 + " Ende."
    assert split_sentences(text)[-1] == "Ende."


def _script() -> Script:
    segs = [
        CastSegment(Segment(Role.NARRATOR, "Titel", block=-2, kind=BlockKind.TITLE), NARRATOR),
        CastSegment(Segment(Role.NARRATOR, "Erster Satz. Zweiter Satz.", block=0), NARRATOR),
        CastSegment(Segment(Role.QUOTE, "Ein Zitat", block=0), QUOTE),
        CastSegment(Segment(Role.NARRATOR, "Abschnitt", block=1, kind=BlockKind.HEADING), NARRATOR),
        CastSegment(Segment(Role.NARRATOR, "Text.", block=2), NARRATOR),
    ]
    art = Article(Path("x.txt"), "Titel", None, [])
    return Script(art, "de", segs)


def test_plan_pauses():
    utts = plan(_script())
    assert [u.text for u in utts] == ["Titel", "Erster Satz.", "Zweiter Satz.", "Ein Zitat",
                                      "Abschnitt", "Text."]
    p = DEFAULT_PAUSES
    assert utts[0].pause == p.lead_in
    assert utts[1].pause == p.after_title
    assert utts[2].pause == p.sentence
    assert utts[3].pause == pytest.approx(p.sentence + p.quote_edge)  # quote after a full stop
    assert utts[4].pause == p.heading
    assert utts[5].pause == p.after_heading
    assert utts[3].voice is QUOTE


def test_assemble_timings_match_samples():
    utts = plan(_script())
    engine = SilentEngine()
    audios = [engine.synthesize(u.spoken, u.voice) for u in utts]
    r = assemble(utts, audios)
    assert r.sample_rate == SAMPLE_RATE
    assert len(r.timings) == len(utts)
    for a, b in zip(r.timings, r.timings[1:]):
        assert a.end <= b.start
        assert abs((b.start - a.end) - utts[b.utterance].pause) < 0.002
    # the first sample of each utterance is speech (trimmed), the one before is silence
    pcm = r.pcm
    for t in r.timings:
        i = int(round(t.start * SAMPLE_RATE)) * 2
        assert pcm[i - 2:i] == b"\x00\x00"
    assert r.duration > r.timings[-1].end


def test_trim_removes_engine_silence():
    from audio_edition.assembly import prepare
    from audio_edition.engines.base import Audio

    tone = SilentEngine().synthesize("Wort", QUOTE)
    padded = Audio(b"\x00\x00" * 11025 + tone.pcm + b"\x00\x00" * 11025, tone.sample_rate)
    out = prepare(padded, SAMPLE_RATE)
    # 0.5 s of silence on each side is gone; what is left is about the tone's length
    assert abs(len(out) / 2 / SAMPLE_RATE - tone.duration) < 0.08


@pytest.mark.parametrize("lang, text, count", [
    ("ja", "東京は晴れです。明日は雨が降るでしょう！本当ですか？", 3),
    ("cmn", "今天天气很好。我们去公园吧！你同意吗？", 3),
    ("hi", "आज मौसम अच्छा है। कल बारिश होगी। क्या आप आएंगे?", 3),
    ("ar", "الطقس جميل اليوم. هل ستأتي غدا؟ نعم سآتي.", 3),
    ("th", "วันนี้อากาศดี", 1),
])
def test_a_generic_language_is_split_into_sentences_by_its_own_full_stops(lang, text, count):
    sentences = split_sentences(text, lang)
    assert len(sentences) == count
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("lang, text, sentences", [
    ("en", "He turned it on. Then he left.", ["He turned it on.", "Then he left."]),
    ("es", "Dijo que no. Luego se fue.", ["Dijo que no.", "Luego se fue."]),
    ("de", "Das sagte Mr. Smith. Dann ging er.", ["Das sagte Mr. Smith.", "Dann ging er."]),
    ("it", "Lo ha detto il dott. Rossi. Poi è uscito.",
     ["Lo ha detto il dott. Rossi.", "Poi è uscito."]),
])
def test_abbreviations_come_from_the_language_and_english_but_not_its_common_words(
        lang, text, sentences):
    assert split_sentences(text, lang) == sentences


def test_the_plan_splits_a_japanese_segment_into_one_utterance_per_sentence(silent_voices):
    from audio_edition.config import load_voices
    from audio_edition.model import Article, ArticleMeta, Block, CastSegment, Role, Script, Segment

    voices = load_voices(silent_voices).for_lang("ja")
    text = "東京は晴れです。明日は雨が降るでしょう。"
    article = Article(path=Path("tenki.txt"), title="天気", teaser=None,
                      blocks=[Block(BlockKind.PARAGRAPH, text)], meta=ArticleMeta(lang="ja"))
    seg = Segment(text=text, role=Role.NARRATOR, block=0, kind=BlockKind.PARAGRAPH)
    utterances = plan(Script(article=article, lang="ja",
                             segments=[CastSegment(seg, voices.narrator)]))
    assert [u.text for u in utterances] == ["東京は晴れです。", "明日は雨が降るでしょう。"]
