"""The pages' words per language, with English where a language has none."""

from __future__ import annotations

import datetime as dt

import pytest

from audio_edition import languages
from audio_edition.ui_words import FALLBACK, WORDS, long_date, megabytes, words


def test_every_language_has_every_word_english_has_in_its_own_module():
    assert {"de", "en", "es", "fr", "it", "nl"} <= set(WORDS)
    for lang, table in WORDS.items():
        assert set(table) == set(WORDS[FALLBACK]), lang
        assert len(languages.get(lang).months) == 12, lang  # the dates' month names
        assert all(value.strip() for value in table.values()), lang
        assert table is languages.get(lang).ui_words


def test_a_regional_tag_uses_its_language_and_an_unknown_one_english():
    assert words("de-AT")["play"] == "Abspielen"
    assert words("fr_CA")["copy"] == "Copier"
    assert words("sv") == WORDS["en"]
    assert words(" NL-be ") == WORDS["nl"]


@pytest.mark.parametrize("lang, text", [
    ("de", "3. März 2026"),
    ("en", "3 March 2026"),
    ("es", "3 de marzo de 2026"),
    ("fr", "3 mars 2026"),
    ("it", "3 marzo 2026"),
    ("nl", "3 maart 2026"),
    ("pt", "3 March 2026"),
])
def test_dates_are_written_as_each_language_writes_them(lang, text):
    assert long_date(dt.date(2026, 3, 3), lang) == text


def test_megabytes_use_the_languages_decimal_mark():
    assert megabytes(4_250_000, "en") == "4.2 MB"
    assert megabytes(4_250_000, "de") == "4,2 MB"
