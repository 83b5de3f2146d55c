"""Tests for attribution/chain.py: who says a quote, the finders met in the strategy chain.

Each rule gets a passage written for this project (invented people and places), in German and,
where the rule is not German grammar, in English and French. The finders are tested alone in
test_attribution_finders.py and test_attribution_de.py; here passages go through the segmenter,
whose quotes the chain attributes, which is where the rules meet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_a_group_after_the_quote_with_a_plural_verb() -> None:
    text = "„Wozu brauchen wir eine neue Halle, wenn die alte noch gut genug ist?“ fragen sich viele Anwohner."
    assert _speakers(text, "de") == ["Anwohner"]


def test_a_subject_after_und_with_a_long_modifier() -> None:
    text = ("Die Menge rief vor dem großen Rathaus Parolen wie „Weg mit ihm!“ und der als Gegner des Plans "
            "bekannte Unternehmer Falk Rebmann rief vor den Gästen aus: „Das ist der schlechteste Plan, den "
            "diese Stadt je gesehen hat!“")
    assert _speakers(text, "de")[-1] == "Falk Rebmann"


def test_the_last_of_a_list_before_the_colon_speaks() -> None:
    text = ("Zahlreiche Gäste gratulierten, so der Bürgermeister Hans Riedl, die Landrätin Petra Oswald und "
            "der Abgeordnete Lukas Brenner: „Ein großer Tag für die ganze Region, wir freuen uns mit euch.“")
    assert _speakers(text, "de") == ["Lukas Brenner"]


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


def test_place_sources_in_a_passage() -> None:
    text = ("Derzeit steht in dem Entwurf für die neue Satzung noch der Satz: „Die Mitglieder treffen sich "
            "mindestens einmal im Jahr zur Versammlung.“ In der Vereinszeitung fand sich dazu die Feststellung "
            "„Mit dieser Satzung stellen wir unsere Arbeit auf ganz neue Beine“.")
    assert _speakers(text, "de") == ["Entwurf", "Vereinszeitung"]


def test_a_person_named_before_does_not_take_a_document_quote() -> None:
    text = ("Bernd Kolbe ist enttäuscht. In einer Erklärung des Stadtrats vom Montag hatte es geheißen: „Die "
            "Brücke bleibt bis zum Sommer für den Verkehr gesperrt.“")
    assert _speakers(text, "de") == ["Stadtrats"]


# --- "Wie X feststellt, …" ------------------------------------------------------------------------


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


# --- what did not change -----------------------------------------------------------------------


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


# --- a pronoun after any finite verb, "mit diesen Worten" -------------------------------------


def test_a_pronoun_after_a_verb_that_is_no_speech_verb_speaks_before_a_colon() -> None:
    text = ("Der Spediteur Rolf Ebner ist verärgert. Den Vorschlag des Bauamts, die Brücke zu sperren, "
            "lehnt er rundweg ab: „Dann bricht hier der ganze Verkehr zusammen.“")
    assert _quotes(text, "de") == [("Dann bricht hier der ganze Verkehr zusammen.", "Rolf Ebner")]


def test_an_embedded_quote_belongs_to_the_pronoun_after_the_verb() -> None:
    text = ("Der Landrat Ole Brandt traf sich mit Maria Sommer. Zunächst wollte er „bis zum Sommer alle "
            "Schulen mit schnellem Internet versorgen“, nun wird es Herbst.")
    assert _quotes(text, "de") == [("bis zum Sommer alle Schulen mit schnellem Internet versorgen", "Ole Brandt")]


# --- words that point back, reported speech before a colon ------------------------------------


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


def test_dort_before_a_colon_points_to_the_text_named_in_the_sentence_before() -> None:
    text = ("Auf der Website des Vereins standen Termine und Fotos. Auch das Leitbild fand sich dort: "
            "„Wir pflanzen, was wir essen.“")
    assert _speakers(text, "de") == ["Vereins"]  # the author stands for the text, as elsewhere


def test_dort_without_a_text_in_the_sentence_before_names_nobody() -> None:
    text = "Im Hafen lagen drei Kutter. Auch ein Ruf war dort zu hören: „Leinen los!“"
    assert _speakers(text, "de") == [None]


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


# --- any finite verb after the quote ----------------------------------------------------------


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


# --- the source a sentence gives ------------------------------------------------------------------


def test_an_embedded_quote_after_laut_is_the_sources_not_the_last_speakers() -> None:
    text = ("„Wir bauen weiter“, sagte Bürgermeister Kurt Weller. Die Kosten sollen laut dem Finanzamt "
            "„weit über zehn Millionen Euro liegen, vielleicht auch mehr“.")
    assert _speakers(text, "de") == ["Kurt Weller", "Finanzamt"]


# --- a pronoun as the subject, the one quoted, a sentence that names the speaker afterwards --------


def test_said_after_does_not_override_the_speaker_before_a_colon() -> None:
    text = ("Der Präsident der Firma, Jonas Lind, gab sich gelassen. Weiter sagte Lind: „Wir prüfen alles.“ "
            "Dies sagte der Präsident des Unternehmens vor den Kunden.")
    assert _speakers(text, "de") == ["Jonas Lind"]


def test_a_quote_after_a_sentence_opened_by_a_pronoun_is_that_pronouns() -> None:
    text = ("„Wir bleiben hier“, sagte Trainer Paul Krämer. Präsident Max Wolf hatte ihn kritisiert.\n\n"
            "Sie bleibt gelassen. „Wir spielen auf Sieg.“")
    assert [q.speaker for q in _quote_segments(text, "de")] == ["Paul Krämer", "Sie"]


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


