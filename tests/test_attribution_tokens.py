"""Tests for attribution/tokens.py: words, abbreviations and punctuation with their offsets."""

from __future__ import annotations

from audio_edition.attribution.tokens import is_cap, tokenize


def test_tokens_keep_an_abbreviations_dot_and_split_punctuation_with_offsets() -> None:
    text = "Dr. Lena Voss sagte, „Nein“."
    toks = tokenize(text)
    assert [t.text for t in toks] == ["Dr.", "Lena", "Voss", "sagte", ",", "„", "Nein", "“", "."]
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert toks[3].low == "sagte"


def test_a_hyphenated_word_and_an_apostrophe_stay_one_token() -> None:
    assert [t.text for t in tokenize("Karl-Heinz isn't here")] == ["Karl-Heinz", "isn't", "here"]


def test_a_capitalised_word_and_a_lower_case_prefixed_noun_are_capitalised() -> None:
    caps = {t.text: is_cap(t) for t in tokenize("Élodie taz-Homepage laut Ärger")}
    assert caps == {"Élodie": True, "taz-Homepage": True, "laut": False, "Ärger": True}


def test_capitals_of_every_script_that_has_them_are_capitals() -> None:
    caps = {t.text: is_cap(t) for t in tokenize("Иван Σοφία Łukasz e-mail 2024")}
    assert caps == {"Иван": True, "Σοφία": True, "Łukasz": True, "e-mail": False, "2024": False}
