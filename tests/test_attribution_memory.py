"""Tests for attribution/memory.py: who says a quote, and what is remembered to the next one."""

from __future__ import annotations

from audio_edition.attribution import NameBook
from audio_edition.attribution.memory import Memory, Who, remember, same


def test_a_named_speaker_is_remembered_with_how_the_text_named_them_last() -> None:
    memory = Memory(NameBook(), "de")
    remember(memory, Who("Maria Lehmann", "Maria Lehmann", "sie"), 3)
    assert memory.last_speaker == "Maria Lehmann" and memory.last_speaker_unit == 3
    assert memory.last_who == Who("sie", "Maria Lehmann")
    assert memory.attributed == ["Maria Lehmann"]


def test_a_pronoun_that_resolves_to_nobody_is_not_handed_on() -> None:
    memory = Memory(NameBook(), "de")
    remember(memory, same("Jan Rieck"), 1)
    remember(memory, Who("er", None), 2)
    assert memory.last_speaker == "Jan Rieck" and memory.last_speaker_unit == 1
    assert same(None) is None and same("X Y") == Who("X Y", "X Y")
