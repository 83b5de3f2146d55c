"""Transcripts from the script: speakers, line rules, times, and WebVTT/SRT that parsers accept."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audio_edition.build import prepare
from audio_edition.config import load_voices
from audio_edition.model import (
    Article, BlockKind, CastSegment, Role, Script, Segment, Timing, Utterance, VoiceProfile,
)
from audio_edition.transcripts import (
    NARRATOR, SRT_RULES, UNNAMED, VTT_RULES, LineRules, cues, speaker_of, to_srt, to_vtt,
)

VOICE = VoiceProfile("n", "silent", "tone", "en")


def _script(*segments: Segment) -> Script:
    article = Article(path=None, title="T", teaser=None, blocks=[])
    return Script(article, "en", [CastSegment(s, VOICE) for s in segments])


def _one(text: str, role=Role.NARRATOR, speaker=None, start=1.0, end=9.0):
    script = _script(Segment(role, text, speaker, 0, BlockKind.PARAGRAPH))
    return script, [Utterance(0, text, text, VOICE, 0.5)], [Timing(0, start, end)]


@pytest.fixture
def prep(fixtures, silent_voices):
    return prepare(fixtures / "short.md", load_voices(silent_voices), "en")


def test_speakers_and_times_come_from_the_script(prep):
    timings = [Timing(i, 1.0 + 3 * i, 3.5 + 3 * i) for i in range(len(prep.utterances))]
    out = cues(prep.script, prep.utterances, timings, VTT_RULES)
    assert {c.speaker for c in out} == {NARRATOR, "Priya Menon"}
    quote = next(c for c in out if c.speaker == "Priya Menon")
    assert " ".join(quote.lines).startswith("It feels like getting a piece")
    # every utterance's first cue starts at its speech, its last ends with it
    for timing in timings:
        mine = [c for c in out if timing.start <= c.start < timing.end]
        assert mine[0].start == timing.start and mine[-1].end == timing.end
    assert all(a.end <= b.start for a, b in zip(out, out[1:]))


def test_long_sentence_is_split_into_cues_in_proportion():
    text = ("The old iron bridge over the Lenne river reopened on Friday after two years of "
            "repairs that cost the city far more than anyone had planned for.")
    out = cues(*_one(text), VTT_RULES)
    assert len(out) == 2
    assert " ".join(" ".join(c.lines) for c in out) == text
    assert out[0].start == 1.0 and out[-1].end == 9.0 and out[0].end == out[1].start
    share = len(" ".join(out[0].lines)) / len(text)
    assert out[0].end - 1.0 == pytest.approx(8.0 * share, abs=0.1)


def test_a_resolved_pronoun_is_labelled_with_the_person_an_unresolved_one_as_unnamed():
    resolved = _script(Segment(Role.QUOTE, "Yes.", "she", 0, BlockKind.PARAGRAPH, person="Priya Menon"))
    unresolved = _script(Segment(Role.QUOTE, "No.", "she", 0, BlockKind.PARAGRAPH, person=None))
    assert speaker_of(resolved.segments[0]) == "Priya Menon"
    assert speaker_of(unresolved.segments[0]) == UNNAMED
    utt, timing = [Utterance(0, "Yes.", "Yes.", VOICE, 0.5)], [Timing(0, 1.0, 2.0)]
    assert to_vtt(cues(resolved, utt, timing, VTT_RULES)).count("<v Priya Menon>") == 1


def test_unattributed_quote_and_long_names():
    out = cues(*_one("Nobody knows who said this.", Role.QUOTE, None), SRT_RULES)
    assert out[0].speaker == UNNAMED
    name = "Maria-Theresia von Hohenlohe-Schillingsfürst"
    srt = to_srt(cues(*_one("A short answer with a few words in it.", Role.QUOTE, name),
                      SRT_RULES))
    for line in srt.splitlines():
        assert len(line) <= 32, line


def test_vtt_and_srt_text(prep):
    timings = [Timing(i, 1.0 + 3 * i, 3.5 + 3 * i) for i in range(len(prep.utterances))]
    vtt = to_vtt(cues(prep.script, prep.utterances, timings, VTT_RULES))
    assert vtt.startswith("WEBVTT\n\n00:00:01.000 --> 00:00:03.500\n<v Narrator>A bridge reopens")
    assert "<v Priya Menon>It feels like" in vtt
    srt = to_srt(cues(prep.script, prep.utterances, timings, SRT_RULES))
    assert srt.startswith("1\n00:00:01,000 --> 00:00:03,500\nNarrator: A bridge reopens")


def test_markup_in_the_text_is_escaped():
    vtt = to_vtt(cues(*_one("Tom & Jerry <b>x</b> --> done", Role.QUOTE, "A<B>"), VTT_RULES))
    assert "<v A&lt;B&gt;>Tom &amp; Jerry &lt;b&gt;x&lt;/b&gt; --&gt; done" in vtt
    srt = to_srt(cues(*_one("a --> b"), SRT_RULES))
    assert "-->" not in srt.split("\n", 2)[2]


_words = st.text(alphabet=st.characters(categories=["L", "N", "P"]),
                 min_size=1, max_size=60)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(_words, min_size=1, max_size=40),
       rules=st.sampled_from([VTT_RULES, SRT_RULES, LineRules(20, 3, True)]),
       speaker=st.sampled_from(["Priya Menon", "Jo", "A" * 40]))
def test_cues_keep_every_word_and_follow_the_line_rules(words, rules, speaker):
    text = " ".join(words)
    out = cues(*_one(text, Role.QUOTE, speaker, 0.0, 60.0), rules)
    assert "".join("".join(c.lines) for c in out).replace(" ", "") == text.replace(" ", "")
    for c in out:
        assert 1 <= len(c.lines) <= rules.max_lines
        assert all(0 < len(line) <= rules.max_chars for line in c.lines)
        assert c.end > c.start
    if rules.speaker_prefix:
        body = to_srt(out, rules).split("\n\n")
        for block in filter(None, body):
            lines = block.strip("\n").split("\n")[2:]
            assert len(lines) <= rules.max_lines
            assert all(len(line) <= rules.max_chars for line in lines), lines


_VTT_TIME = r"\d{2}:\d{2}:\d{2}\.\d{3}"


def test_vtt_is_well_formed(prep):
    timings = [Timing(i, 1.0 + 3 * i, 3.5 + 3 * i) for i in range(len(prep.utterances))]
    vtt = to_vtt(cues(prep.script, prep.utterances, timings, VTT_RULES))
    header, *blocks = vtt.rstrip("\n").split("\n\n")
    assert header == "WEBVTT"
    for block in blocks:
        timing, first, *rest = block.split("\n")
        assert re.fullmatch(rf"{_VTT_TIME} --> {_VTT_TIME}", timing)
        assert re.match(r"<v [^>]+>\S", first)
        assert len(rest) <= 1


@pytest.mark.parametrize("fmt, render, rules", [("webvtt", to_vtt, VTT_RULES),
                                                ("srt", to_srt, SRT_RULES)])
def test_ffmpeg_parses_the_transcripts(prep, tmp_path, fmt, render, rules):
    exe = shutil.which("ffmpeg")
    if exe is None:
        pytest.skip("ffmpeg not installed (apt-get install ffmpeg)")
    timings = [Timing(i, 1.0 + 3 * i, 3.5 + 3 * i) for i in range(len(prep.utterances))]
    out = cues(prep.script, prep.utterances, timings, rules)
    path = tmp_path / f"t.{'vtt' if fmt == 'webvtt' else 'srt'}"
    path.write_text(render(out), encoding="utf-8")
    res = subprocess.run([exe, "-v", "error", "-f", fmt, "-i", str(path), "-f", "srt", "-"],
                         capture_output=True, text=True)
    assert res.returncode == 0 and res.stderr == ""
    assert res.stdout.count(" --> ") == len(out)
