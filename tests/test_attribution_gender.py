"""Tests for attribution/gender.py: the gender a given name, an honorific or an office shows."""

from __future__ import annotations

import pytest

from audio_edition.attribution.gender import (
    PRONOUN_GENDER,
    given_name_gender,
    honorific_gender,
    office_gender,
)


@pytest.mark.parametrize("name, lang, gender", [
    ("Maria Lehmann", "de", "f"), ("Thomas Berger", "de", "m"),
    ("Jean Dupont", "fr", "m"), ("Jean Miller", "en", "f"),  # the same name, two languages
    ("Xylo Quarm", "de", None),
])
def test_a_given_name_shows_a_gender_in_its_language(name: str, lang: str, gender: str | None) -> None:
    assert given_name_gender(name, lang) == gender


@pytest.mark.parametrize("word, determiner, gender", [
    ("Sprecherin", "", "f"), ("Sprecher", "", "m"), ("Vorsitzende", "die", "f"),
    ("Vorsitzende", "der", "m"), ("Vorsitzende", "", None), ("spokeswoman", "", "f"),
    ("Haus", "", None),
])
def test_an_office_shows_a_gender_by_its_ending_or_its_article(word: str, determiner: str,
                                                               gender: str | None) -> None:
    assert office_gender(word, determiner) == gender


def test_honorifics_and_pronouns() -> None:
    assert [honorific_gender(w) for w in ("Frau", "Mr.", "Mme", "Herrn", "Dr")] == ["f", "m", "f", "m", None]
    assert PRONOUN_GENDER["sie"] == "f" and PRONOUN_GENDER["he"] == "m" and "they" not in PRONOUN_GENDER
