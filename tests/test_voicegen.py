"""Tests for voicegen.py: voice profiles made for a language that has no voices file."""

from __future__ import annotations

import pytest

from audio_edition import voicegen


def test_espeak_speaks_more_than_a_hundred_languages_each_with_one_voice():
    voices = voicegen.espeak_voices()
    assert len(voices) >= 100
    assert voices["es"] == "roa/es" and voices["de"] == "gmw/de"


@pytest.mark.parametrize("lang", ["es", "pt", "cmn", "sw"])
def test_a_language_gets_a_narrator_and_three_quote_voices_told_apart(lang):
    profiles = voicegen.generated_profiles(lang)
    assert [p.name for p in profiles] == [f"{lang}-narrator", f"{lang}-quote-1", f"{lang}-quote-2",
                                          f"{lang}-quote-3"]
    assert {p.voice_id for p in profiles} == {voicegen.espeak_voices()[lang]}
    assert len({(p.variant, p.pitch) for p in profiles}) == 4  # four different voices
    assert all(p.lang == lang and p.engine == "pyttsx3" for p in profiles)


def test_a_language_espeak_does_not_speak_gets_no_voices():
    assert voicegen.generated_profiles("xx") == []


def test_silent_profiles_for_tests_keep_the_names():
    profiles = voicegen.generated_profiles("it", engine="silent")
    assert [p.name for p in profiles][0] == "it-narrator"
    assert all(p.engine == "silent" and p.variant is None for p in profiles)
