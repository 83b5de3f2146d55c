"""Tests for attribution/grammar.py: a language's own finders, found by its code."""

from __future__ import annotations

import pytest

from audio_edition.attribution import NameBook, attribute, grammar
from audio_edition.attribution.de import GRAMMAR as GERMAN
from audio_edition.attribution.memory import Memory


@pytest.mark.parametrize("tag", ["de", "de-AT", "DE_ch"])
def test_german_and_its_regional_tags_get_the_german_finders(tag: str) -> None:
    assert grammar.of(tag) is GERMAN
    assert GERMAN.reported_speech.search("Die Lage sei ernst") is not None


@pytest.mark.parametrize("tag", ["en", "fr", "es", "it", "nl", "pt", "cmn", "und", ""])
def test_a_language_without_a_grammar_module_gets_finders_that_find_nothing(tag: str) -> None:
    own = grammar.of(tag)
    assert own is grammar.NONE
    assert own.statement_after("„…“ Das ist das Fazit des Ministers.", tag, NameBook()) is None
    assert own.speaker_of_embedded("Er nannte es", "", tag, NameBook()) == (False, None)
    assert own.reported_speech is None and own.pointing_back is None


def _speaker(text: str, lang: str) -> str | None:
    start = text.index("„")
    end = text.index("“") + 1
    who = attribute(text, start, end, Memory(NameBook(lang=lang), lang, text=text), 0,
                    False, True, True)
    return who.person if who else None


def test_the_chain_asks_the_language_for_its_own_finders() -> None:
    # German names the source of a quote with "heißt es"; the same words in a Dutch text are
    # not German grammar, and no German finder reads them there
    text = "In der Mitteilung der Stadtwerke heißt es: „Die Preise bleiben stabil.“"
    assert _speaker(text, "de") == "Stadtwerke"  # the body whose text it is
    assert _speaker(text, "nl") is None
