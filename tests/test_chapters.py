"""Chapters: sections from the script, times from the utterance timings, JSON chapters 1.2."""

from __future__ import annotations

import json

import pytest

from audio_edition.build import prepare
from audio_edition.chapters import Chapter, Mark, article_marks, locate, to_json
from audio_edition.config import load_voices
from audio_edition.model import Timing


@pytest.fixture
def prep(fixtures, silent_voices):
    return prepare(fixtures / "short.md", load_voices(silent_voices), "en")


def _timings(utterances, step=2.0):
    # Utterance i is heard from 1 + 2i to 2 + 2i seconds.
    return [Timing(i, 1.0 + step * i, 2.0 + step * i) for i in range(len(utterances))]


def test_sections_start_at_the_title_and_at_each_heading(prep):
    marks = article_marks(prep.script)
    assert [m.title for m in marks] == ["A bridge reopens after two years", "The cost"]
    assert marks[0].segment == 0
    heading = prep.script.segments[marks[1].segment].segment
    assert heading.kind.value == "heading" and heading.text == "The cost"


def test_chapter_starts_are_the_first_speech_of_each_section(prep):
    timings = _timings(prep.utterances)
    duration = timings[-1].end + 1.0
    chapters = locate(article_marks(prep.script), prep.utterances, timings, duration)
    first_of_heading = next(i for i, u in enumerate(prep.utterances)
                            if prep.script.segments[u.segment].segment.text == "The cost")
    assert chapters == [
        Chapter("A bridge reopens after two years", timings[0].start,
                timings[first_of_heading].start),
        Chapter("The cost", timings[first_of_heading].start, duration),
    ]


def test_a_section_without_speech_has_no_chapter(prep):
    timings = _timings(prep.utterances)
    silent_heading = Mark(len(prep.script.segments), "Nothing to say")  # no utterance there
    chapters = locate([*article_marks(prep.script), silent_heading], prep.utterances, timings, 99)
    assert [c.title for c in chapters] == ["A bridge reopens after two years", "The cost"]
    assert chapters[-1].end == 99


def test_json_chapters_1_2(prep):
    chapters = [Chapter("Intro", 0.4, 10.25), Chapter("Zwei – Größe", 10.25, 30.0)]
    doc = json.loads(to_json(chapters, title="T", podcast="P", author="A", file_name="x.mp3"))
    assert doc["version"] == "1.2.0"
    assert doc["title"] == "T" and doc["podcastName"] == "P" and doc["fileName"] == "x.mp3"
    assert doc["chapters"] == [
        {"startTime": 0.4, "endTime": 10.25, "title": "Intro"},
        {"startTime": 10.25, "endTime": 30.0, "title": "Zwei – Größe"},
    ]
    starts = [c["startTime"] for c in doc["chapters"]]
    assert starts == sorted(starts)
    assert "author" not in json.loads(to_json(chapters))
