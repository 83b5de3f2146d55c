"""Tests for attribution/context.py: the text around a quote."""

from __future__ import annotations

import pytest

from audio_edition.attribution.context import (
    CONTEXT_CHARS,
    clause_before,
    last_sentences,
    sentence_start,
    tail,
)


def test_the_clause_before_a_colon_starts_after_the_last_sentence_end() -> None:
    text = "Der Hafen wurde erweitert. Die Leiterin Ina Kroll sagte: „Gut so.“"
    assert clause_before(text, text.index("„")) == "Die Leiterin Ina Kroll sagte"


def test_an_ordinal_before_a_month_ends_no_clause() -> None:
    text = "Am 20. August sagte Jan Rieck: „Wir sind fertig.“"
    assert clause_before(text, text.index("„")) == "Am 20. August sagte Jan Rieck"


@pytest.mark.parametrize("before, starts", [
    ("", True), ("Er kam. ", True), ("Sie sagte: ", True), ("Es ging – ", True),
    ("Er nannte es ", False), ("the so-called ", False), ("部长说：", True), ("他来了。", True),
])
def test_a_quote_starts_a_sentence_after_an_end_a_colon_or_a_dash(before: str, starts: bool) -> None:
    assert sentence_start(before) is starts


def test_the_tail_of_a_long_text_starts_at_a_word_and_keeps_the_end() -> None:
    before = "wort " * 500 + "Ende: "
    cut = tail(before)
    assert len(cut) <= CONTEXT_CHARS + 1 and cut.endswith("Ende: ") and cut.startswith("wort")


def test_the_last_sentences_of_a_long_text_are_found_without_reading_all_of_it() -> None:
    text = "Ein Satz hier. " * 2000 + "Der vorletzte. Der letzte."
    assert last_sentences(text, 2) == ["Der vorletzte.", "Der letzte."]
    assert last_sentences("Nur einer.", 3) == ["Nur einer."]
