"""Tests for attribution/grammar.py: a language's own finders, found by its code."""

from __future__ import annotations

import pytest

from audio_edition.attribution import NameBook, attribute, grammar, tokenize
from audio_edition.attribution.de import GRAMMAR as GERMAN
from audio_edition.attribution.memory import Memory


@pytest.mark.parametrize("tag", ["de", "de-AT", "DE_ch"])
def test_german_and_its_regional_tags_get_the_german_finders(tag: str) -> None:
    assert grammar.of(tag) is GERMAN
    assert GERMAN.reported_speech.search("Die Lage sei ernst") is not None


@pytest.mark.parametrize("tag", ["en", "es", "it", "nl", "pt", "th", "und", ""])
def test_a_language_without_a_grammar_module_gets_finders_that_find_nothing(tag: str) -> None:
    own = grammar.of(tag)
    assert own is grammar.NONE
    assert own.statement_after("„…“ Das ist das Fazit des Ministers.", tag, NameBook()) is None
    assert own.speaker_of_embedded("Er nannte es", "", tag, NameBook()) == (False, None)
    assert own.reported_speech is None and own.pointing_back is None


def test_french_brings_its_inversions_and_nothing_of_german() -> None:
    own = grammar.of("fr")
    assert own is not grammar.NONE and not own.verb_second and not own.nouns_capitalised
    toks = tokenize("« Non », a-t-il déclaré.")
    j = own.speech_verb_at(toks, 4)
    assert j == 6
    mention, end = own.pronoun_in_verb(toks, j)
    assert mention.text == "il" and end == toks[5].end
    assert own.statement_after("« … » Das ist das Fazit.", "fr", NameBook()) is None


def test_german_declares_the_grammar_the_shared_rules_ask_about() -> None:
    assert GERMAN.nouns_capitalised and GERMAN.verb_second
    toks = tokenize("Die Ministerin konterte")
    assert GERMAN.speech_verb_at(toks, 2) == 3  # a weak past tense in -te
    assert GERMAN.stands_for_person(tokenize("so letztere ."), 1)


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
