"""Tests for attribution/coreference.py: the person a pronoun or an office means, and the gender
of a person read from the whole article."""

from __future__ import annotations

from audio_edition.attribution import Mention, NameBook
from audio_edition.attribution.coreference import antecedent, gender_of, label
from audio_edition.attribution.memory import Memory


def _memory(text: str, lang: str = "de") -> Memory:
    book = NameBook(lang=lang)
    book.scan(text)
    return Memory(book, lang, text=text)


def test_the_gender_of_a_person_comes_from_an_office_or_an_honorific_in_the_article() -> None:
    text = ("Die Sprecherin der Fraktion, Kim Albers, widersprach. Herr Olo Brandt schwieg. "
            "Robin Falk kam spät.")
    memory = _memory(text)
    memory.names.add("Kim Albers")
    memory.names.add("Olo Brandt")
    assert gender_of(memory, "Kim Albers") == "f"
    assert gender_of(memory, "Olo Brandt") == "m"
    assert gender_of(memory, "Robin Falk") is None


def test_a_pronoun_means_the_one_person_around_it_whose_gender_fits() -> None:
    before = "Maria Lehmann und Thomas Berger stellten den Plan vor. Dann sagte er: "
    memory = _memory(before)
    assert antecedent("er", before, "", memory, 0) == "Thomas Berger"
    assert antecedent("sie", before, "", memory, 0) == "Maria Lehmann"


def test_a_pronoun_with_two_people_of_its_gender_around_means_nobody() -> None:
    before = "Thomas Berger und Jan Rieck stellten den Plan vor. Dann sagte er: "
    assert antecedent("er", before, "", _memory(before), 0) is None
    assert antecedent("they", "Thomas Berger kam. ", "", _memory("Thomas Berger kam."), 0) is None


def test_an_office_means_the_person_who_held_it_and_a_last_name_the_full_name() -> None:
    text = "Bundestrainer Christian Prokop war zufrieden. Später sagte der Bundestrainer: "
    memory = _memory(text)
    who = label(Mention("Bundestrainer", "role", None), memory, 0, text, True)
    assert who.speaker == "Bundestrainer" and who.person == "Christian Prokop"
    assert label(Mention("Prokop", "name", "Prokop"), memory, 0, text, True).person == "Christian Prokop"
