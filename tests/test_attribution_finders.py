"""Tests for attribution/finders.py: the finders every language shares, each alone, with clauses
written for this project (invented people and places)."""

from __future__ import annotations

import pytest

from audio_edition.attribution import (
    NameBook,
    first_name_in,
    name_at_end,
    speaker_after,
    speaker_before,
    speaker_in_sentence,
)


@pytest.mark.parametrize("clause, speaker", [
    ("Einer der vier beteiligten Sanitäter sagte", "Einer der vier beteiligten Sanitäter"),
    ("Viele Anwohner sagten", "Viele Anwohner"),
    ("Die Feuerwehrleute erklärten", "Feuerwehrleute"),
])
def test_group_subjects(clause: str, speaker: str) -> None:
    mention = speaker_before(clause, "de", NameBook())
    assert mention is not None and mention.label == speaker


@pytest.mark.parametrize("clause, speaker", [
    ("Sportbund-Nord gab dazu bekannt", "Sportbund-Nord"),
    ("Die Bürgerinitiative stellte klar", "Bürgerinitiative"),
    ("Der Verband machte deutlich", "Verband"),
])
def test_particle_verbs_speak(clause: str, speaker: str) -> None:
    mention = speaker_before(clause, "de", NameBook())
    assert mention is not None and mention.label == speaker


def test_und_inside_a_noun_phrase_opens_no_subject() -> None:
    clause = "Stoiber hatte besonders die Rolle der Fraktions- und Parteivorsitzenden betont"
    mention = speaker_before(clause, "de", NameBook(evidence={"Stoiber"}))
    assert mention is not None and mention.label == "Stoiber"


def test_the_object_of_a_preposition_after_the_verb_is_no_speaker() -> None:
    # "rief vor einem großen Einkaufszentrum Parolen": the shopping centre says nothing
    assert speaker_before("Die Menge rief vor einem großen Einkaufszentrum Parolen", "de", NameBook()) is None
    mention = speaker_before("Dazu sagte vor Journalisten Landrat Martin Oberle", "de", NameBook())
    assert mention is not None and mention.label == "Martin Oberle"


def test_a_dative_in_front_leaves_the_subject_after_the_verb() -> None:
    mention = speaker_before("Der Zeitung sagte Bernd Kolbe", "de", NameBook())
    assert mention is not None and mention.label == "Bernd Kolbe"
    mention = speaker_before("Der Minister sagte der Zeitung", "de", NameBook())
    assert mention is not None and mention.label == "Minister"


@pytest.mark.parametrize("text, name", [
    ("Zahlreiche Gäste gratulierten, so der Bürgermeister Hans Riedl und die Landrätin Petra Oswald",
     "Petra Oswald"),
    ("Auch die Vorsitzende des Vereins, Karin Beil", "Karin Beil"),
])
def test_name_at_end(text: str, name: str) -> None:
    mention = name_at_end(text, "de", NameBook())
    assert mention is not None and mention.label == name


def test_no_name_at_end_after_a_preposition() -> None:
    assert name_at_end("Das sagte er über Maria Lehmann", "de", NameBook()) is None


@pytest.mark.parametrize("clause, source", [
    ("In einer Erklärung des Stadtrats vom Montag hatte es geheißen", "Stadtrats"),
    ("In einer Erklärung der Landesminister vom Dienstagabend hatte es geheißen", "Landesminister"),
    ("Im letzten Absatz der Verfügung, die dem Verein am 3. Mai zugestellt wurde, heißt es", "Verfügung"),
])
def test_es_sources(clause: str, source: str) -> None:
    mention = speaker_before(clause, "de", NameBook())
    assert mention is not None and mention.label == source


@pytest.mark.parametrize("sentence", [
    "Wie Ulrike Sandmann dazu feststellt, verlangt",
    "Wie Ulrike Sandmann, die den Verein seit Jahren berät, dazu mitteilte, verlangt",
    "Wie Ulrike Sandmann, die am 2. März 2019 in den Vorstand gewählt wurde, dazu feststellt, verlangt",
])
def test_wie_clause_with_a_fused_particle_verb(sentence: str) -> None:
    mention = speaker_in_sentence(sentence, "de", NameBook(), any_verb=True)
    assert mention is not None and mention.label == "Ulrike Sandmann"


def test_first_name_in_skips_a_coordinated_object() -> None:
    clause = "Mit seinen Kollegen Edwin Marlow und Michael Quist flog er zum Mond"
    assert first_name_in(clause, "de", NameBook(full=["Michael Quist"], evidence={"Michael", "Quist"})) is None
    clause = "Zum Abschied hielt Georg Haberland eine Rede"
    mention = first_name_in(clause, "de", NameBook(evidence={"Georg", "Haberland"}))
    assert mention is not None and mention.label == "Georg Haberland"


def test_speaker_after_still_reads_sagte_name() -> None:
    mention, _ = speaker_after(", sagte Vorstandschefin Maria Lehmann am Dienstag.", "de", NameBook())
    assert mention is not None and mention.label == "Maria Lehmann"


def test_a_pronoun_after_the_verb_is_the_subject() -> None:
    mention = speaker_before("Dabei griff sie auch direkt den Präsidenten Thomas Berger an", "de", NameBook())
    assert mention is not None and mention.kind == "pronoun" and mention.text == "sie"
    assert first_name_in("Dabei griff sie den Präsidenten Thomas Berger an", "de",
                         NameBook(evidence={"Thomas", "Berger"})) is None


@pytest.mark.parametrize("lang, after, speaker", [
    ("de", ", mit diesen Worten begrüßte Trainer Max Oltmann seine Mannschaft.", "Trainer Max Oltmann"),
    ("de", ", mit diesen Worten meldete er sich zurück.", "er"),
    ("de", ", mit diesen Worten wurde der Plan abgelehnt.", None),
    ("en", ", with these words the mayor Ruth Calder opened the fair.", "mayor Ruth Calder"),
    ("en", ", with these words, she locked the door.", "she"),
    ("fr", ", par ces mots la maire Claire Dubois a ouvert la séance.", "maire Claire Dubois"),
])
def test_with_these_words_the_subject_of_any_verb_speaks(lang: str, after: str, speaker: str | None) -> None:
    found, _ = speaker_after(after, lang, NameBook(lang=lang))
    assert (found.text if found else None) == speaker


@pytest.mark.parametrize("after, speaker", [
    (", so letztere.", "letztere"),
    (", sagte dieser am Abend.", "dieser"),
    (", sagte der.", "der"),
    (", sagte der Bürgermeister.", "Bürgermeister"),
    (", so die Sprecherin.", "Sprecherin"),
])
def test_a_demonstrative_after_the_verb_is_the_speaker_as_written(after: str, speaker: str) -> None:
    found, _ = speaker_after(after, "de", NameBook(lang="de"))
    assert (found.text if found else None) == speaker


def test_a_demonstrative_before_a_colon_speaks() -> None:
    found = speaker_before("Letzterer betonte", "de", NameBook(lang="de"))
    assert found is not None and found.text == "Letzterer"


@pytest.mark.parametrize("after, speaker", [
    (", heißt es in einer gestern verbreiteten Erklärung.", "Erklärung"),
    (", heißt es in einer am Montag veröffentlichten Mitteilung.", "Mitteilung"),
    (", sagte der gestern gewählte Bürgermeister Jan Holt.", "Jan Holt"),
])
def test_an_adverb_of_time_before_a_participle_stays_in_the_phrase(after: str, speaker: str) -> None:
    found, _ = speaker_after(after, "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


@pytest.mark.parametrize("clause, speaker", [
    ("Im letzten Satz der Satzung (Fassung von 2019), die der Verein im Mai beschlossen hat, heißt es",
     "Satzung"),
    ("Im letzten Satz der Verfügung heißt es", "Verfügung"),
    ("Im Einsatzbericht der Feuerwehr heißt es", "Feuerwehr"),
    ("Beim Einsatz der Polizei heißt es", None),  # Einsatz is no text
])
def test_a_sentence_of_a_document_and_a_bracket_after_it(clause: str, speaker: str | None) -> None:
    found = speaker_before(clause, "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


@pytest.mark.parametrize("after, speaker", [
    ("“, strich Chorleiter Ferdinand Moosbrugger am Ende heraus.", "Ferdinand Moosbrugger"),
    ("“, ließ ein Sprecher des Vereins am Abend verlauten.", "Sprecher des Vereins"),
    ("“, schrieb „Der Landbote“ in einem Nachruf.", "Der Landbote"),
    ("“, hat die Bürgermeisterin gestern gesagt.", "Bürgermeisterin"),
    ("“, ließ er ausrichten.", "er"),
    ("“, weil der Vorstand nicht zahlt.", None),  # a conjunction, no inverted clause
    ("“, die der Vorstand beschlossen hat.", None),  # a relative clause
    ("“ und der Vorstand schweigt.", None),
    ("“, besonders die Schüler.", None),  # an adverb, no verb
    ("“, steht auf dem Plakat.", None),  # no subject right after the verb
])
def test_an_inverted_clause_with_any_finite_verb_after_the_quote_names_its_subject(after: str, speaker: str | None) -> None:
    found, _ = speaker_after(after[1:], "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


@pytest.mark.parametrize("clause, speaker", [
    ("Ein Austrittswilliger begründete seine Entscheidung wie folgt", "Austrittswilliger"),
    ("Eine Betroffene schilderte den Abend so", "Betroffene"),
    ("Die Lage schilderte er so", "er"),  # the pronoun after the verb is the subject
    ("Das Urteil begründete das Gericht so", "Gericht"),
    ("Eine Debatte erklärte den Streit", None),  # a plain noun, no person
])
def test_a_noun_made_from_an_adjective_at_the_start_of_a_colon_clause_is_its_subject(clause: str, speaker: str | None) -> None:
    found = speaker_before(clause, "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


def test_a_noun_after_an_article_is_no_name_even_when_a_person_has_it_as_last_name() -> None:
    book = NameBook(lang="de")
    book.add("Anna Koch")
    assert speaker_before("Der Koch sagte", "de", book) is None


@pytest.mark.parametrize("clause, speaker", [
    ("Auf der taz-Homepage heißt es zur Begründung, warum man sich für das Bild entschieden hat",
     "taz-Homepage"),
    ("Auf der Homepage der Stiftung heißt es zur Begründung", "Stiftung"),
    ("In der dpa-Meldung heißt es", "dpa-Meldung"),
])
def test_heisst_es_after_a_text_written_with_a_lower_case_prefix(clause: str, speaker: str | None) -> None:
    found = speaker_before(clause, "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


@pytest.mark.parametrize("after, speaker", [
    ("“, wie Trainer Olaf Brandt am Montag sagte.", "Olaf Brandt"),
    ("“, wie der Präsident des Vereins betonte.", "Präsident des Vereins"),
    ("“, wie Olaf Brandt, der den Verein seit Jahren führt.", None),  # no speech verb
    ("“, war aus dem Ministerium zu hören.", "Ministerium"),
    ("“, war von mehreren Anwohnern zu hören.", "mehreren Anwohnern"),
    ("“, war von Anfang an klar.", None),
])
def test_wie_x_sagte_and_war_von_x_zu_hoeren_after_the_quote(after: str, speaker: str | None) -> None:
    found, _ = speaker_after(after[1:], "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


@pytest.mark.parametrize("clause, speaker", [
    ("Er ist sich sicher", "Er"),  # any verb after a pronoun that opens the clause
    ("Sie bleibt dabei", "Sie"),
    ("Sie sind sich einig", None),  # plural (or the reader): no singular speaker
    ("Nach dem Spiel war er zufrieden", "er"),  # a fronted phrase, then verb and pronoun
    ("Daraufhin meinte er nur", "er"),  # one word in front: the pronoun after the verb is the subject
    ("Er selbst sagte", "Er"),
    ("Er, der seit 2001 im Amt ist, sagte", "Er"),
    ("Für Jens Olsen ist die Sache klar", "Jens Olsen"),
    ("Für die Sache ist es zu spät", None),
])
def test_a_pronoun_or_a_person_holding_a_view_before_a_colon(clause: str, speaker: str | None) -> None:
    found = speaker_before(clause, "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


def test_an_age_used_as_a_noun_is_a_description_of_the_speaker() -> None:
    found, _ = speaker_after(", sagte der 52-Jährige.", "de", NameBook(lang="de"))
    assert found is not None and found.label == "52-Jährige"


# --- languages without a module: the shape of the clause -------------------------------------

@pytest.mark.parametrize("lang, after, name", [
    ("pt", ", disse João Pereira na segunda-feira.", "João Pereira"),
    ("pt", ", João Pereira explicou aos pais.", "João Pereira"),
    ("ru", ", — сказал Иван Петров.", "Иван Петров"),
    ("cs", " řekla starostka Jana Dvořáková.", "Jana Dvořáková"),
    ("pt", ", disse o ministro João da Silva, ontem.", "João da Silva"),
    ("pt", " chegou, segundo a Folha.", None),   # no name after the verb: nobody
    ("pt", " é o lema da campanha de Rui Tavares e Ana Brito para a câmara municipal.", None),
    ("th", " รัฐมนตรีกล่าว", None),              # no capitals, no module: no shape to tell
])
def test_a_reporting_clause_after_a_quote_is_told_by_its_shape(lang: str, after: str,
                                                               name: str | None) -> None:
    mention, end = speaker_after(after, lang, NameBook(lang=lang))
    assert (mention.name if mention else None) == name
    assert (end > 0) is (name is not None)


@pytest.mark.parametrize("clause, name", [
    ("Директор Анна Смирнова сказала", "Анна Смирнова"),
    ("Powiedział Jan Kowalski", "Jan Kowalski"),
    ("A diretora Sofia Martins afirmou", "Sofia Martins"),
    ("O relatório da câmara diz", None),
])
def test_the_name_before_a_colon_is_told_by_its_shape(clause: str, name: str | None) -> None:
    mention = speaker_before(clause, "pt", NameBook(lang="pt"))
    assert (mention.name if mention else None) == name
