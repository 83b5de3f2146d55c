"""Tests for attribution/lexicon.py: the word tables and the predicates over them."""

from __future__ import annotations

import pytest

from audio_edition import languages
from audio_edition.attribution.lexicon import (
    ALL_PRONOUNS,
    VERBS,
    is_document,
    is_first_name,
    is_role,
    is_speaker_noun,
    pronouns,
)


def test_every_full_language_brings_its_own_speech_verbs() -> None:
    assert set(VERBS) == set(languages.full_codes())
    for code in languages.full_codes():
        assert VERBS[code] == set(languages.get(code).speech_verbs)
    assert {"sagte", "said", "dijo", "zei"} <= set().union(*VERBS.values())


@pytest.mark.parametrize("lang, mine, not_mine", [
    ("de", {"er", "sie"}, set()),
    ("es", {"él", "ella"}, {"il"}),   # Italian and Spanish articles are no French pronouns
    ("it", {"lui", "lei"}, {"il", "elle"}),
])
def test_a_language_names_a_speaker_with_its_own_pronouns_and_english_ones(
        lang: str, mine: set[str], not_mine: set[str]) -> None:
    found = pronouns(lang)
    assert mine <= found and {"he", "she"} <= found
    assert not (not_mine & found)
    assert ALL_PRONOUNS <= pronouns("de")


@pytest.mark.parametrize("word, role", [
    ("Finanzministerin", True), ("Vorstandschef", True), ("Bürgermeister", True),
    ("Haus", False), ("Montag", False),
])
def test_an_office_is_told_by_its_ending(word: str, role: bool) -> None:
    assert is_role(word) is role


def test_bodies_documents_and_first_names() -> None:
    assert is_speaker_noun("Stadtverwaltung") and is_speaker_noun("Polizei")
    assert is_document("Pressemitteilung") and not is_document("Ministerin")
    assert is_first_name("Maria") and not is_first_name("Brücke")
