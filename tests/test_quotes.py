"""Quotation marks and lines of dialogue (audio_edition.quotes)."""

from __future__ import annotations

import pytest

from audio_edition.quotes import DASH, dialogue_spans, pair_quotes


def _parts(text: str, lang: str = "es") -> list[str]:
    return [s.inner(text) for s in dialogue_spans(text, lang)]


def test_a_line_of_dialogue_is_speech_around_the_narrators_words():
    text = "—El mar ya no es el de antes —dijo Barreiro mientras recogía las redes—. Cada año hay menos."
    assert _parts(text) == ["El mar ya no es el de antes", "Cada año hay menos."]
    first, second = dialogue_spans(text, "es")
    assert first.family == second.family == DASH
    assert text[first.end:].startswith("dijo Barreiro")
    assert not second.is_open  # closed by the end of its paragraph, not left open


def test_a_line_whose_narrator_words_end_it_has_one_spoken_part():
    assert _parts("—Los estudiantes lo pedían —explicó la bibliotecaria, Carmen Ortuño.") == [
        "Los estudiantes lo pedían"]
    assert _parts("—¿Por qué ha tardado tanto? —preguntó el locutor.") == [
        "¿Por qué ha tardado tanto?"]
    assert _parts("—Solo esto.") == ["Solo esto."]


def test_only_a_paragraph_that_opens_with_a_dash_in_a_dialogue_language_is_dialogue():
    assert _parts("El puerto cierra —dijo— a las nueve.") == []
    assert _parts("—Ya voy —dijo Ana.", "de") == []
    # a dash before a capital or a number is part of the speech, not the narrator's words
    assert _parts("—Llegamos —Madrid quedaba lejos— a las nueve.") == [
        "Llegamos —Madrid quedaba lejos— a las nueve."]


def test_marks_pair_as_before_beside_dialogue():
    spans, unclosed = pair_quotes("«Hola», dijo.", "es")
    assert [s.inner("«Hola», dijo.") for s in spans] == ["Hola"] and not unclosed


# -- which guillemet opens a quote comes from the language ------------------------------------

STRAY_FIRST = "» Fin. Il a dit « oui » hier."


def _quoted(text: str, lang: str) -> list[str]:
    spans, _ = pair_quotes(text, lang)
    return [s.inner(text) for s in spans]


def test_french_guillemets_open_with_left_pointing_marks_even_after_a_stray_one() -> None:
    assert _quoted(STRAY_FIRST, "fr") == ["oui"]


def test_german_follows_the_text_when_its_first_guillemet_points_right() -> None:
    assert _quoted(STRAY_FIRST, "de") == ["Fin. Il a dit"]


@pytest.mark.parametrize("lang, text, inner", [
    ("es", "Dijo «sí» ayer.", ["sí"]),
    ("it", "Ha detto «sì» ieri.", ["sì"]),
    ("de", "Er sagte »ja« gestern.", ["ja"]),
    ("de", "Er sagte «ja» gestern.", ["ja"]),  # Swiss German
    ("ru", "Он сказал «да» вчера.", ["да"]),    # a generic language: CLDR's «…»
])
def test_guillemets_pair_in_the_language_s_own_direction(lang, text, inner) -> None:
    assert _quoted(text, lang) == inner


def test_japanese_corner_brackets_pair_with_white_ones_nested_inside():
    text = "山田さんは「駅で『待って』と言われた」と話した。「次の便は"
    spans, unclosed = pair_quotes(text, "ja")
    assert [s.inner(text) for s in spans] == ["駅で『待って』と言われた"]
    assert [c.inner(text) for c in spans[0].children] == ["待って"]
    assert [u.family for u in unclosed] == ["corner"]
