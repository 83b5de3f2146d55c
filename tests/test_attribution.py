"""Tests for attribution.py: who says a quote.

Each rule gets a passage written for this project (invented people and places), in German and,
where the rule is not German grammar, in English and French. The helpers are tested alone; the
passages go through the segmenter, which is where the rules meet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_edition.attribution import (
    NameBook,
    according_to,
    first_name_in,
    inverted_pronoun,
    name_at_end,
    place_source,
    cited_person,
    said_after,
    speaker_after,
    speaker_before,
    speaker_in_sentence,
    statement_after,
)
from audio_edition.model import Article, Block, BlockKind, Role
from audio_edition.segmenter import segment


def _quote_segments(text: str, lang: str) -> list:
    """Returns the quote segments of ``text``, its paragraphs split at blank lines."""
    blocks = [Block(BlockKind.PARAGRAPH, p) for p in text.split("\n\n")]
    article = Article(path=Path("x.md"), title="Titel", teaser=None, blocks=blocks)
    return [s for s in segment(article, lang) if s.role is Role.QUOTE]


def _quotes(text: str, lang: str) -> list[tuple[str, str | None]]:
    """Returns (text, person) of every quote: who says it, a pronoun resolved."""
    return [(s.text, s.person) for s in _quote_segments(text, lang)]


def _speakers(text: str, lang: str) -> list[str | None]:
    return [speaker for _, speaker in _quotes(text, lang)]


# --- subjects before a colon ------------------------------------------------------------------

def test_one_of_a_group_is_the_speaker_not_the_person_named_before() -> None:
    text = ("Der Leiter der Wache, Tomas Berger, bestätigte den Einsatz. Einer der vier beteiligten "
            "Sanitäter sagte: „So etwas habe ich in zwanzig Jahren noch nicht erlebt.“")
    assert _speakers(text, "de") == ["Einer der vier beteiligten Sanitäter"]


@pytest.mark.parametrize("clause, speaker", [
    ("Einer der vier beteiligten Sanitäter sagte", "Einer der vier beteiligten Sanitäter"),
    ("Viele Anwohner sagten", "Viele Anwohner"),
    ("Die Feuerwehrleute erklärten", "Feuerwehrleute"),
])
def test_group_subjects(clause: str, speaker: str) -> None:
    mention = speaker_before(clause, "de", NameBook())
    assert mention is not None and mention.label == speaker


def test_a_group_after_the_quote_with_a_plural_verb() -> None:
    text = "„Wozu brauchen wir eine neue Halle, wenn die alte noch gut genug ist?“ fragen sich viele Anwohner."
    assert _speakers(text, "de") == ["Anwohner"]


@pytest.mark.parametrize("clause, speaker", [
    ("Sportbund-Nord gab dazu bekannt", "Sportbund-Nord"),
    ("Die Bürgerinitiative stellte klar", "Bürgerinitiative"),
    ("Der Verband machte deutlich", "Verband"),
])
def test_particle_verbs_speak(clause: str, speaker: str) -> None:
    mention = speaker_before(clause, "de", NameBook())
    assert mention is not None and mention.label == speaker


def test_a_subject_after_und_with_a_long_modifier() -> None:
    text = ("Die Menge rief vor dem großen Rathaus Parolen wie „Weg mit ihm!“ und der als Gegner des Plans "
            "bekannte Unternehmer Falk Rebmann rief vor den Gästen aus: „Das ist der schlechteste Plan, den "
            "diese Stadt je gesehen hat!“")
    assert _speakers(text, "de")[-1] == "Falk Rebmann"


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


def test_the_last_of_a_list_before_the_colon_speaks() -> None:
    text = ("Zahlreiche Gäste gratulierten, so der Bürgermeister Hans Riedl, die Landrätin Petra Oswald und "
            "der Abgeordnete Lukas Brenner: „Ein großer Tag für die ganze Region, wir freuen uns mit euch.“")
    assert _speakers(text, "de") == ["Lukas Brenner"]


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


# --- a quote in brackets after a name -----------------------------------------------------------

@pytest.mark.parametrize("lang, text, speaker", [
    ("de", "Auch die Vorsitzende des Vereins, Karin Beil („Das hätte ich nie für möglich gehalten, wirklich "
           "nie.“), war gekommen.", "Karin Beil"),
    ("en", "Several guests came, among them the mayor, Helen Osei (“I would not have missed this for anything "
           "in the world.”), and two council members.", "Helen Osei"),
    ("fr", "Plusieurs invités étaient là, dont la maire, Hélène Martin (« Je n’aurais manqué cela pour rien au "
           "monde, vraiment. »), et deux conseillers.", "Hélène Martin"),
])
def test_a_quote_in_brackets_belongs_to_the_name_before_it(lang: str, text: str, speaker: str) -> None:
    assert _speakers(text, lang) == [speaker]


# --- sources that are texts -------------------------------------------------------------------

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


def test_place_sources_in_a_passage() -> None:
    text = ("Derzeit steht in dem Entwurf für die neue Satzung noch der Satz: „Die Mitglieder treffen sich "
            "mindestens einmal im Jahr zur Versammlung.“ In der Vereinszeitung fand sich dazu die Feststellung "
            "„Mit dieser Satzung stellen wir unsere Arbeit auf ganz neue Beine“.")
    assert _speakers(text, "de") == ["Entwurf", "Vereinszeitung"]


@pytest.mark.parametrize("clause, source", [
    ("In einer Erklärung des Stadtrats vom Montag hatte es geheißen", "Stadtrats"),
    ("In einer Erklärung der Landesminister vom Dienstagabend hatte es geheißen", "Landesminister"),
    ("Im letzten Absatz der Verfügung, die dem Verein am 3. Mai zugestellt wurde, heißt es", "Verfügung"),
])
def test_es_sources(clause: str, source: str) -> None:
    mention = speaker_before(clause, "de", NameBook())
    assert mention is not None and mention.label == source


def test_a_person_named_before_does_not_take_a_document_quote() -> None:
    text = ("Bernd Kolbe ist enttäuscht. In einer Erklärung des Stadtrats vom Montag hatte es geheißen: „Die "
            "Brücke bleibt bis zum Sommer für den Verkehr gesperrt.“")
    assert _speakers(text, "de") == ["Stadtrats"]


# --- "Wie X feststellt, …" ------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Wie Ulrike Sandmann dazu feststellt, verlangt",
    "Wie Ulrike Sandmann, die den Verein seit Jahren berät, dazu mitteilte, verlangt",
    "Wie Ulrike Sandmann, die am 2. März 2019 in den Vorstand gewählt wurde, dazu feststellt, verlangt",
])
def test_wie_clause_with_a_fused_particle_verb(sentence: str) -> None:
    mention = speaker_in_sentence(sentence, "de", NameBook(), any_verb=True)
    assert mention is not None and mention.label == "Ulrike Sandmann"


def test_wie_clause_in_a_passage() -> None:
    text = ("Wie Ulrike Sandmann, die am 2. März 2019 in den Vorstand gewählt wurde, dazu feststellt, verlangt "
            "„die neue Satzung eine klare Mehrheit für jeden Beschluss, und die gibt es nicht“.")
    assert _speakers(text, "de") == ["Ulrike Sandmann"]


# --- people who belong to someone else ------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("de", "Mit seinen Kollegen Edwin Marlow und Michael Quist war er am Morgen gestartet und meldete sich mit "
           "den Worten: „Wir sind angekommen, alles ist ruhig hier unten.“"),
    ("en", "He had flown out with his colleagues Edwin Marlow and Peter Quist, and he radioed back the words: "
           "“We have arrived and everything is quiet up here.”"),
    ("fr", "Il était parti avec son collègue Pierre Lacombe, et il a répondu par ces mots : « Nous sommes "
           "arrivés et tout est calme ici. »"),
])
def test_a_possessed_person_is_neither_subject_nor_antecedent(lang: str, text: str) -> None:
    assert _speakers(text, lang) == [None]


def test_first_name_in_skips_a_coordinated_object() -> None:
    clause = "Mit seinen Kollegen Edwin Marlow und Michael Quist flog er zum Mond"
    assert first_name_in(clause, "de", NameBook(full=["Michael Quist"], evidence={"Michael", "Quist"})) is None
    clause = "Zum Abschied hielt Georg Haberland eine Rede"
    mention = first_name_in(clause, "de", NameBook(evidence={"Georg", "Haberland"}))
    assert mention is not None and mention.label == "Georg Haberland"


# --- what did not change -----------------------------------------------------------------------

def test_speaker_after_still_reads_sagte_name() -> None:
    mention, _ = speaker_after(", sagte Vorstandschefin Maria Lehmann am Dienstag.", "de", NameBook())
    assert mention is not None and mention.label == "Maria Lehmann"


# --- embedded quotes whose subject is not the speaker ---------------------------------------

@pytest.mark.parametrize("text, speaker", [
    ("Die Stadtwerke gelten als gut geführt und wurden gestern im „Tagblatt“ als „ein verlässlicher Partner "
     "für alle Bürgerinnen und Bürger der Stadt“ bezeichnet.", "Tagblatt"),
    ("Der neue Plan wurde von mehreren Anwohnern als „eine Zumutung für alle, die hier seit Jahren wohnen“ "
     "bezeichnet.", "mehreren Anwohnern"),
    ("Die Brücke wurde als „das schönste Bauwerk der ganzen Region seit hundert Jahren“ bezeichnet.", None),
    ("In der Lokalzeitung erschien ein Kommentar, der die Entscheidung des Rates als „eine kaum "
     "nachzuvollziehende Verirrung von sechs Leuten“ bezeichnet.", "Kommentar"),
])
def test_passive_and_relative_clauses(text: str, speaker: str | None) -> None:
    # the thing called something is never the speaker
    assert _speakers("Die Bürgermeisterin Sonja Reh eröffnete die Sitzung.\n\n" + text, "de") == [speaker]


def test_an_active_subject_still_speaks_in_an_embedded_quote() -> None:
    text = ("Die Bürgermeisterin Sonja Reh hat den Plan als „eine Zumutung für alle, die hier seit Jahren "
            "wohnen“ bezeichnet.")
    assert _speakers(text, "de") == ["Sonja Reh"]


@pytest.mark.parametrize("text, speaker", [
    ("Auf dem Transparent an der Spitze war die Parole „Die Wiese bleibt, der Parkplatz geht, und zwar sofort“ "
     "zu lesen.", "Transparent"),
    ("An jeder Tür musste ein Zettel kleben, auf dem geschrieben stand: „Bitte leise sein, hier wird gearbeitet "
     "und gelernt.“", "Zettel"),
])
def test_things_that_carry_writing(text: str, speaker: str) -> None:
    assert _speakers("Der Demonstrationsleiter Jan Ohl sagte: „Wir bleiben friedlich, ganz sicher.“\n\n" + text,
                     "de")[-1] == speaker


# --- a publication after a speech verb and a colon ------------------------------------------

def test_a_quote_told_to_a_magazine_is_speech() -> None:
    text = "Tourmanager Jens Kolb sagte der US-Zeitschrift: „Es war eine lange Tour, aber vor allem eine schöne.“"
    assert _quotes(text, "de") == [("Es war eine lange Tour, aber vor allem eine schöne.", "Jens Kolb")]


def test_a_title_after_a_colon_stays_a_title() -> None:
    text = "Das neue Buch der Autorin trägt den Titel: „Als wir noch jung waren und die Welt noch groß war.“"
    assert _quotes(text, "de") == []


# --- objects are no speakers -----------------------------------------------------------------

def test_an_accusative_object_before_a_colon_is_no_speaker() -> None:
    text = ("Die Kanzlerin Petra Oswald griff den Plan scharf an. Dabei griff sie auch direkt den Präsidenten "
            "Thomas Berger an: „Ein Präsident, der so etwas sagt, kann nicht erwarten, dass wir ihm folgen.“")
    assert _speakers(text, "de") == ["Petra Oswald"]


def test_a_pronoun_after_the_verb_is_the_subject() -> None:
    mention = speaker_before("Dabei griff sie auch direkt den Präsidenten Thomas Berger an", "de", NameBook())
    assert mention is not None and mention.kind == "pronoun" and mention.text == "sie"
    assert first_name_in("Dabei griff sie den Präsidenten Thomas Berger an", "de",
                         NameBook(evidence={"Thomas", "Berger"})) is None


# --- a pronoun after any finite verb, "mit diesen Worten" -------------------------------------

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
    assert inverted_pronoun("Later he wanted", "en") is None


def test_a_pronoun_after_a_verb_that_is_no_speech_verb_speaks_before_a_colon() -> None:
    text = ("Der Spediteur Rolf Ebner ist verärgert. Den Vorschlag des Bauamts, die Brücke zu sperren, "
            "lehnt er rundweg ab: „Dann bricht hier der ganze Verkehr zusammen.“")
    assert _quotes(text, "de") == [("Dann bricht hier der ganze Verkehr zusammen.", "Rolf Ebner")]


def test_an_embedded_quote_belongs_to_the_pronoun_after_the_verb() -> None:
    text = ("Der Landrat Ole Brandt traf sich mit Maria Sommer. Zunächst wollte er „bis zum Sommer alle "
            "Schulen mit schnellem Internet versorgen“, nun wird es Herbst.")
    assert _quotes(text, "de") == [("bis zum Sommer alle Schulen mit schnellem Internet versorgen", "Ole Brandt")]


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


# --- words that point back, reported speech before a colon ------------------------------------

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


def test_letztere_means_the_woman_named_last() -> None:
    text = ("Die Imkerin Hanna Wolf und die Försterin Greta Lind führten durch den Wald. "
            "„Ohne Blüten im Frühjahr gibt es keinen Honig im Sommer“, so letztere.")
    assert _quotes(text, "de") == [("Ohne Blüten im Frühjahr gibt es keinen Honig im Sommer", "Greta Lind")]
    assert _speakers(text, "de") == ["Greta Lind"]


@pytest.mark.parametrize("people, person", [
    ("Der Imker Paul Wolf und die Försterin Greta Lind", "Paul Wolf"),  # the one man
    ("Der Imker Paul Wolf und Dr. Kim Lind", None),  # named last: a person of unknown gender
])
def test_dieser_means_the_man_named_last(people: str, person: str | None) -> None:
    text = f"{people} führten durch den Wald. „Ohne Blüten gibt es keinen Honig“, sagte dieser."
    blocks = [Block(BlockKind.PARAGRAPH, text)]
    article = Article(path=Path("x.md"), title="Titel", teaser=None, blocks=blocks)
    quote = [s for s in segment(article, "de") if s.role is Role.QUOTE][0]
    assert (quote.speaker, quote.person) == ("dieser", person)


def test_a_colon_after_reported_speech_goes_on_from_the_sentence_before() -> None:
    text = ("Die Ministerin Clara Voss hat sich zu den Plänen geäußert. Voss verwies auf die "
            "Verträge mit den Nachbarländern. Die Regeln seien dort eindeutig festgelegt: "
            "„Keine Seite darf den Fluss allein aufstauen.“")
    assert _quotes(text, "de") == [("Keine Seite darf den Fluss allein aufstauen.", "Clara Voss")]


def test_a_colon_without_reported_speech_takes_no_speaker_from_the_sentence_before() -> None:
    text = ("Die Ministerin Clara Voss verwies auf die Verträge. Am Ufer steht ein Schild: "
            "„Baden verboten.“")
    assert _quotes(text, "de") == [("Baden verboten.", None)]


@pytest.mark.parametrize("after, speaker", [
    (", heißt es in einer gestern verbreiteten Erklärung.", "Erklärung"),
    (", heißt es in einer am Montag veröffentlichten Mitteilung.", "Mitteilung"),
    (", sagte der gestern gewählte Bürgermeister Jan Holt.", "Jan Holt"),
])
def test_an_adverb_of_time_before_a_participle_stays_in_the_phrase(after: str, speaker: str) -> None:
    found, _ = speaker_after(after, "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


def test_dort_before_a_colon_points_to_the_text_named_in_the_sentence_before() -> None:
    text = ("Auf der Website des Vereins standen Termine und Fotos. Auch das Leitbild fand sich dort: "
            "„Wir pflanzen, was wir essen.“")
    assert _speakers(text, "de") == ["Vereins"]  # the author stands for the text, as elsewhere


def test_dort_without_a_text_in_the_sentence_before_names_nobody() -> None:
    text = "Im Hafen lagen drei Kutter. Auch ein Ruf war dort zu hören: „Leinen los!“"
    assert _speakers(text, "de") == [None]


@pytest.mark.parametrize("after, speaker", [
    ("“ Das ist die zentrale Aussage einer Umfrage des Mieterbunds.", "Mieterbunds"),
    ("“ – so lautet das Fazit der Veranstalter.", "Veranstalter"),
    ("“ Das ist der Bürgermeister von Kellbach.", None),  # no statement: nobody is named as source
    ("“ Das ist die zentrale Aussage.", None),  # a statement without a complement
])
def test_a_sentence_after_the_quote_that_calls_it_a_statement_names_its_source(after: str, speaker: str | None) -> None:
    found = statement_after(after, "de", NameBook(lang="de"))
    assert (found.label if found else None) == speaker


def test_a_quote_after_a_run_of_reported_speech_goes_on_from_the_subject_that_opened_it() -> None:
    text = ("Die Landrätin Ruth Eder hat den Kreishaushalt gestoppt. Die Landrätin begründete den "
            "Schritt mit den Kosten der Kliniken. Ohne neue Zuschüsse sei das Defizit nicht zu decken. "
            "Nach vielen Gesprächen sei sie zu dem Schluss gekommen, dass es keinen anderen Weg gebe. "
            "„Ich bin überzeugt, dass wir jetzt handeln müssen.“")
    blocks = [Block(BlockKind.PARAGRAPH, text)]
    article = Article(path=Path("x.md"), title="Titel", teaser=None, blocks=blocks)
    quote = [s for s in segment(article, "de") if s.role is Role.QUOTE][0]
    assert (quote.speaker, quote.person) == ("Landrätin", "Ruth Eder")


def test_a_quote_after_plain_narration_takes_no_opener_of_reported_speech() -> None:
    text = ("Der Kreistag tagte am Montag. Die Sitzung dauerte drei Stunden. "
            "„Ich bin überzeugt, dass wir jetzt handeln müssen.“")
    assert _speakers(text, "de") == [None]


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


# --- any finite verb after the quote ----------------------------------------------------------


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


def test_a_quote_with_any_verb_after_it_is_speech_even_without_a_full_stop_inside() -> None:
    text = ("Der Chor sang bis Mitternacht. „Wir kommen nächstes Jahr wieder“, strich "
            "Chorleiter Ferdinand Moosbrugger heraus. „Dann mit neuen Liedern.“")
    assert _quotes(text, "de") == [("Wir kommen nächstes Jahr wieder", "Ferdinand Moosbrugger"),
                                   ("Dann mit neuen Liedern.", "Ferdinand Moosbrugger")]


def test_a_quote_followed_by_a_conjunction_stays_with_the_narrator() -> None:
    text = "Der Plan heißt intern „Haus am See“, weil der Bau am Ufer liegt."
    assert _quotes(text, "de") == []


# --- the clause right before the colon --------------------------------------------------------


def test_a_colon_inside_the_sentence_ends_the_clause_that_introduces_the_quote() -> None:
    text = ("Auch die Partei kritisierte den Beschluss scharf: So sagte Odile Fankhauser, "
            "Fraktionschefin: „Man kann so einen Plan nicht in einer Nacht beschließen.“")
    assert _speakers(text, "de") == ["Odile Fankhauser"]


def test_a_title_cue_in_the_speakers_apposition_announces_no_title() -> None:
    text = ("Gegenüber der Agentur „Nordpress“ sagte Anselm Trautwein, der Leiter des Unternehmens: "
            "„Als ich ankam, war die Halle schon leer.“")
    assert _quotes(text, "de") == [("Als ich ankam, war die Halle schon leer.", "Anselm Trautwein")]


def test_a_title_after_a_colon_stays_with_the_narrator() -> None:
    text = "Das Buch des Vereins trägt den Titel: „Hundert Jahre am Fluss.“"
    assert _quotes(text, "de") == []


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


# --- subjects with an unknown head noun ---------------------------------------------------------


def test_a_quote_standing_alone_after_a_subject_with_a_name_in_apposition_is_the_names() -> None:
    text = ("„Die Sitzung ist geschlossen“, sagte Kurt Weller. Der jüngere Bruder der Bürgermeisterin, "
            "Lothar Roth, war seit langem eingeweiht. „Meine Schwester will sich zurückziehen.“")
    assert _speakers(text, "de") == ["Kurt Weller", "Lothar Roth"]


def test_a_noun_that_names_no_speaker_without_a_name_in_apposition_stays_nothing() -> None:
    text = ("„Die Sitzung ist geschlossen“, sagte Kurt Weller. Der jüngere Bruder der Bürgermeisterin "
            "war seit langem eingeweiht. Am Abend trafen sich alle im Gasthaus. „Wir feiern trotzdem.“")
    assert _speakers(text, "de") == ["Kurt Weller", "Kurt Weller"]


def test_a_known_last_name_after_an_article_and_an_adjective_is_the_person() -> None:
    text = ("„Das ist ein guter Tag“, sagte Ratsherr Volker Bohm. Für den Architekten Hans Brenner ist "
            "der Plan verfehlt. Der 71-jährige Brenner, der als Gegner des Plans gilt, hofft aber, "
            "„dass der Rat sich die Sache noch einmal gründlich überlegt“.")
    assert _speakers(text, "de") == ["Volker Bohm", "Hans Brenner"]


def test_a_noun_after_an_article_is_no_name_even_when_a_person_has_it_as_last_name() -> None:
    book = NameBook(lang="de")
    book.add("Anna Koch")
    assert speaker_before("Der Koch sagte", "de", book) is None


# --- the source a sentence gives ------------------------------------------------------------------


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


def test_an_embedded_quote_after_laut_is_the_sources_not_the_last_speakers() -> None:
    text = ("„Wir bauen weiter“, sagte Bürgermeister Kurt Weller. Die Kosten sollen laut dem Finanzamt "
            "„weit über zehn Millionen Euro liegen, vielleicht auch mehr“.")
    assert _speakers(text, "de") == ["Kurt Weller", "Finanzamt"]


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


# --- a pronoun as the subject, the one quoted, a sentence that names the speaker afterwards --------


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


def test_said_after_does_not_override_the_speaker_before_a_colon() -> None:
    text = ("Der Präsident der Firma, Jonas Lind, gab sich gelassen. Weiter sagte Lind: „Wir prüfen alles.“ "
            "Dies sagte der Präsident des Unternehmens vor den Kunden.")
    assert _speakers(text, "de") == ["Jonas Lind"]


def test_a_quote_after_a_sentence_opened_by_a_pronoun_is_that_pronouns() -> None:
    text = ("„Wir bleiben hier“, sagte Trainer Paul Krämer. Präsident Max Wolf hatte ihn kritisiert.\n\n"
            "Sie bleibt gelassen. „Wir spielen auf Sieg.“")
    assert [q.speaker for q in _quote_segments(text, "de")] == ["Paul Krämer", "Sie"]


def test_an_age_used_as_a_noun_is_a_description_of_the_speaker() -> None:
    found, _ = speaker_after(", sagte der 52-Jährige.", "de", NameBook(lang="de"))
    assert found is not None and found.label == "52-Jährige"


def test_an_embedded_quote_after_a_pronoun_subject_is_that_pronouns() -> None:
    text = ("Trainer Paul Krämer trat am Montag ab. Er sprach von einem „historischen Tag für den "
            "Verein und die ganze Stadt“.")
    assert [(q.speaker, q.person) for q in _quote_segments(text, "de")] == [("Er", "Paul Krämer")]


# --- every loop advances (issue 15) -----------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("en", "Every Monday the market square filled with traders. “We came for the coffee,” she said."),
    ("en", 'Van drivers said that "the road is closed for a week." "It was bad," she said.'),
    ("en", 'De facto, the minister said "we will look at it again." "Not now," he added.'),
    ("fr", "Lundi le maire a parlé aux habitants. « Nous verrons », a-t-il dit."),
    ("en", "“We will see,” said Monday Jane Roe."),
])
def test_a_capitalised_word_that_opens_no_name_ends_the_phrase(lang: str, text: str) -> None:
    # a weekday or a lone name particle where a name could start made parse_np loop for ever
    assert len(_quote_segments(text, lang)) >= 1


def test_parse_np_stops_at_a_capitalised_time_word_or_particle() -> None:
    from audio_edition.attribution import parse_np, tokenize

    for text in ("Every Monday the market", "Monday the mayor", "Van drivers", "De facto"):
        toks = tokenize(text)
        mention, end = parse_np(text, toks, 0, "en", NameBook(lang="en"))
        assert 0 <= end <= len(toks)
