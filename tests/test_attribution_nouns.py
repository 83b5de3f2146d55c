"""Tests for attribution/nouns.py: noun phrases and the book of names."""

from __future__ import annotations

from audio_edition.attribution import NameBook, parse_np, tokenize


def test_parse_np_stops_at_a_capitalised_time_word_or_particle() -> None:
    for text in ("Every Monday the market", "Monday the mayor", "Van drivers", "De facto"):
        toks = tokenize(text)
        mention, end = parse_np(text, toks, 0, "en", NameBook(lang="en"))
        assert 0 <= end <= len(toks)


def test_a_noun_phrase_is_reduced_to_the_name_in_it() -> None:
    text = "Vorstandschefin Maria Lehmann betonte"
    mention, end = parse_np(text, tokenize(text), 0, "de", NameBook())
    assert (mention.kind, mention.name, end) == ("name", "Maria Lehmann", 3)


def test_a_phrase_without_a_name_is_kept_without_its_article() -> None:
    text = "ein Sprecher des Ministeriums erklärte"
    mention, _ = parse_np(text, tokenize(text), 0, "de", NameBook())
    assert mention.kind == "role" and mention.text == "Sprecher des Ministeriums"


def test_the_name_book_completes_a_bare_last_name_from_the_names_met() -> None:
    book = NameBook()
    book.scan("Die Ministerin Carla Brenner kam. Ihr Kollege Peter Pfeil blieb.")
    assert book.knows("Carla Brenner") and book.is_last_name("Pfeil")
    assert book.resolve("Brenner") == "Carla Brenner"
    assert book.resolve("Unbekannt") == "Unbekannt"
    assert book.with_word("Peter") == ["Peter Pfeil"]


def test_a_book_of_thousands_of_names_answers_by_its_index() -> None:
    book = NameBook()
    for n in range(3000):
        book.add(f"Person{n} Nachname{n}")
    assert book.resolve("Nachname2999") == "Person2999 Nachname2999"
