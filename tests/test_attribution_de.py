"""Tests for attribution/de.py: the finders of German grammar, each alone, with clauses written
for this project (invented people and places)."""

from __future__ import annotations

import pytest

from audio_edition.attribution import NameBook, grammar
from audio_edition.attribution.de import (
    according_to,
    cited_person,
    inverted_pronoun,
    place_source,
    said_after,
    statement_after,
)


@pytest.mark.parametrize("clause, source", [
    ("Derzeit steht in dem Entwurf für die neue Satzung noch der Satz", "Entwurf"),
    ("In der Zeitung fand sich dazu die Feststellung", "Zeitung"),
    ("Auf der Website des Vereins war zu lesen", "Vereins"),
])
def test_place_source(clause: str, source: str) -> None:
    mention = place_source(clause, "de", NameBook())
    assert mention is not None and mention.label == source


def test_a_place_that_is_no_text_is_no_source() -> None:
    assert place_source("Im Rathaus stand der Bürgermeister", "de", NameBook()) is None


@pytest.mark.parametrize("clause, pronoun", [
    ("Den Vorschlag des Bauamts, die Brücke zu sperren, lehnt er rundweg ab", "er"),
    ("Heute lässt sie über ihren Anwalt Folgendes erklären", "sie"),
    ("Zunächst wollte er", "er"),
    ("Und dann wollte sie", "sie"),
    # a conjunction, a relative pronoun, a plural verb or "sie" as an object: no subject here
    ("Die Ministerin betonte, dass er zurücktreten müsse", None),
    ("Die Firma, die er gegründet hat, wächst", None),
    ("Gestern lobten sie den Plan", None),
    ("Gestern lobte sie Maria Brandt", None),
    ("Der Minister fragte sie", None),
])
def test_inverted_pronoun_is_the_pronoun_in_the_verb_second_slot(clause: str, pronoun: str | None) -> None:
    found = inverted_pronoun(clause, "de")
    assert (found.text if found else None) == pronoun
    assert grammar.of("en").inverted_pronoun("Later he wanted", "en") is None


@pytest.mark.parametrize("after, speaker", [
    ("“ Das ist die zentrale Aussage einer Umfrage des Mieterbunds.", "Mieterbunds"),
    ("“ – so lautet das Fazit der Veranstalter.", "Veranstalter"),
    ("“ Das ist der Bürgermeister von Kellbach.", None),  # no statement: nobody is named as source
    ("“ Das ist die zentrale Aussage.", None),  # a statement without a complement
])
def test_a_sentence_after_the_quote_that_calls_it_a_statement_names_its_source(after: str, speaker: str | None) -> None:
    found = statement_after(after, "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


@pytest.mark.parametrize("sentence, speaker", [
    ("Nach Angaben des Vereins ist die Brücke marode.", "Vereins"),
    ("Die Themen sind nach Angaben der Kuratorin noch offen.", "Kuratorin"),
    ("Die Kosten sollen laut dem Finanzamt steigen.", "Finanzamt"),
    ("Die Kosten sollen laut Polizei steigen.", "Polizei"),
    ("Der Betrieb soll der Stadtverwaltung zufolge bald weitergehen.", "Stadtverwaltung"),
    ("Der Betrieb soll nach dem Umbau bald weitergehen.", None),
    ("Laut wurde es erst am Abend.", None),
])
def test_according_to_names_the_source_of_a_report(sentence: str, speaker: str | None) -> None:
    found = according_to(sentence, "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


@pytest.mark.parametrize("clause, speaker", [
    ("Die Zeitung zitiert den Bürgermeister Jens Olsen mit den Worten", "Jens Olsen"),
    (", zitiert die Zeitung den Bürgermeister Jens Olsen", "Jens Olsen"),  # verb first, after a quote
    ("Der Bürgermeister wird mit den Worten zitiert", "Bürgermeister"),  # passive
    ("Die Zeitung berichtet", None),
])
def test_the_one_quoted_is_the_object_of_zitieren(clause: str, speaker: str | None) -> None:
    found = cited_person(clause, "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


@pytest.mark.parametrize("after, speaker", [
    ("“ Das sagte sie am Abend.", "sie"),
    ("“ So beschreibt es der Trainer.", "Trainer"),
    ("“ Dies erklärte die Ministerin am Montag.", "Ministerin"),
    ("“ Das ist schon lange bekannt.", None),  # no speech verb
    ("“ So war es.", None),
])
def test_a_sentence_after_the_quote_that_says_who_said_it(after: str, speaker: str | None) -> None:
    found = said_after(after[1:], "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker
