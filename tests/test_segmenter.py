"""Tests for the segmenter: quote pairing, speech or not, structure, speakers, overrides.

Golden cases per rule of issue 3 in German, English and French, the no-word-lost invariant over
the whole labelled set in tests/quotes/, and the set's score (the scoring of
../shared/tools/quote_eval.py when it is there, else a local copy of the same span rules).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from conftest import shared_dir

from audio_edition.model import Article, Block, BlockKind, Role
from audio_edition.quotes import pair_quotes
from audio_edition.readers import read_article
from audio_edition.segmenter import segment

HERE = Path(__file__).resolve().parent
PASSAGES = HERE / "quotes" / "passages.jsonl"
CASES = [json.loads(line) for line in PASSAGES.read_text(encoding="utf-8").splitlines() if line.strip()]
WORD = re.compile(r"\w+")


def _article(text: str, title: str = "Titel", teaser: str | None = None,
             blocks: list[Block] | None = None) -> Article:
    paragraphs = blocks if blocks is not None else [Block(BlockKind.PARAGRAPH, p) for p in text.split("\n\n")]
    return Article(path=Path("x.md"), title=title, teaser=teaser, blocks=paragraphs)


def _quotes(text: str, lang: str, **options) -> list[tuple[str, str | None]]:
    """Returns (text, person) of every quote: who says it, a pronoun resolved."""
    return [(s.text, s.person) for s in segment(_article(text), lang, **options) if s.role is Role.QUOTE]


def _mentions(text: str, lang: str, **options) -> list[tuple[str | None, str | None]]:
    """Returns (speaker, person) of every quote: the mention as written and who it is."""
    return [(s.speaker, s.person) for s in segment(_article(text), lang, **options) if s.role is Role.QUOTE]


def _write(case: dict, folder: Path) -> Path:
    if case.get("format") == "txt":
        path = folder / f"{case['id']}.txt"
        path.write_text(case["text"], encoding="utf-8")
    else:
        path = folder / f"{case['id']}.md"
        path.write_text(f"---\ntitle: {json.dumps(case['title'], ensure_ascii=False)}\nlang: {case['lang']}\n"
                        f"---\n\n{case['text']}\n", encoding="utf-8")
    return path


# --- 1. pairing marks by language -----------------------------------------------------------

@pytest.mark.parametrize("lang, text, inner", [
    ("de", "„Das ist ‚gut‘ so“, sagte sie.", ["Das ist ‚gut‘ so"]),
    ("de", "»Das ist ›klar‹«, sagte er.", ["Das ist ›klar‹"]),
    ("de", "«Das gilt auch für uns», sagte sie.", ["Das gilt auch für uns"]),
    ("fr", "« C’est fini », a-t-il dit.", ["C’est fini"]),
    ("fr", "«\u202fC’est fini\u202f», a-t-il dit.", ["C’est fini"]),
    ("en", "“I think ‘this’ is fine,” she said.", ["I think ‘this’ is fine,"]),
    ("en", "‘It is over,’ he said.", ["It is over,"]),
    ("en", '"It is over," he said.', ["It is over,"]),
])
def test_marks_pair_by_language(lang: str, text: str, inner: list[str]) -> None:
    spans, unclosed = pair_quotes(text, lang)
    assert [s.inner(text) for s in spans] == inner
    assert unclosed == []


def test_nested_quote_stays_inside_its_outer_quote() -> None:
    text = "„Er rief ‚Feuer‘ und rannte los“, sagte die Zeugin Jana Wolf."
    assert _quotes(text, "de") == [("Er rief ‚Feuer‘ und rannte los", "Jana Wolf")]


@pytest.mark.parametrize("lang, text", [
    ("de", "Wie geht’s weiter? Der Monitor misst 27\" und kostet 300 Euro. Rudis’ Laden ist zu."),
    ("en", "The company’s 13\" tablet is the firm's lightest. It's new, and the dogs’ bowls are empty."),
    ("de", "Er hat 'ne Menge Geld, sagte Lenz' Freund am Abend in der Kneipe."),
    ("de", "Der Verein meldete einen Rekord beim „Herbstlauf. Mehr als 900 Menschen liefen mit."),
])
def test_apostrophes_inches_and_unbalanced_marks_open_nothing(lang: str, text: str) -> None:
    segs = segment(_article(text), lang)
    assert [s.role for s in segs[1:]] == [Role.NARRATOR]
    assert segs[1].text == text


def test_unbalanced_mark_does_not_swallow_the_next_quote() -> None:
    text = ("Der Verein meldete einen Rekord beim „Herbstlauf. „Es war ein großartiger Tag“, "
            "sagte die Vorsitzende Ida Marquardt.")
    assert _quotes(text, "de") == [("Es war ein großartiger Tag", "Ida Marquardt")]


# --- 2. what stays with the narrator -------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("de", "Im Gespräch mit dem Magazin „Stern“ sprach sie über ihre Pause."),
    ("de", "Der Historiker hat ein Buch mit dem Titel „Die vergessenen Häfen der Nordsee und ihre Geschichte“ veröffentlicht."),
    ("de", "In vielen Firmen ist „Resilienz“ ein Modewort."),
    ("de", "Die Regierung nennt ihr Sparpaket eine „Modernisierung“."),
    ("de", "Die „Work-Life-Balance“-Debatte hat auch das Handwerk erreicht."),
    ("de", "Sie nannte den Haushalt „unseriös“ und warf der Regierung vor, die Kommunen „im Regen stehen“ zu lassen."),
    ("en", "In an interview with the magazine 'Spiegel', she talked about her plans."),
    ("en", "Managers now talk about “quiet quitting” and “hybrid energy”."),
    ("en", 'The band closed with "Lights Over Kelso" and "Nobody Sleeps Tonight".'),
    ("fr", "Dans un entretien au journal « Le Courrier du Sud », elle parle de son enfance."),
    ("fr", "Le gouvernement parle d'une « simplification »."),
])
def test_titles_terms_scare_quotes_compounds_and_partials_stay_narrator(lang: str, text: str) -> None:
    assert _quotes(text, lang) == []


def test_partial_quote_threshold_is_configurable() -> None:
    text = "Die Gutachterin Elke Brandstätter sagte, die Brücke sei „noch zehn Jahre sicher befahrbar“."
    assert _quotes(text, "de") == []
    assert _quotes(text, "de", partial_min_words=3) == [("noch zehn Jahre sicher befahrbar", "Elke Brandstätter")]
    long = ("Die Gutachterin Elke Brandstätter kam zu dem Ergebnis, dass die Brücke „noch mindestens "
            "zehn Jahre ohne größere Reparaturen sicher befahren werden kann“.")
    assert len(_quotes(long, "de")) == 1
    assert _quotes(long, "de", partial_min_words=None) == []


# --- 3. structure ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, expected", [
    ("de", "„Wir liegen gut im Plan“, sagt Bauleiterin Sabine Okonkwo, „aber der Winter darf nicht kommen.“",
     [("Wir liegen gut im Plan", "Sabine Okonkwo"), ("aber der Winter darf nicht kommen.", "Sabine Okonkwo")]),
    ("en", "“It was brutal,” said winner Daniel Okafor, “but the crowd carried me.”",
     [("It was brutal,", "Daniel Okafor"), ("but the crowd carried me.", "Daniel Okafor")]),
    ("fr", "« Nous avons tout vendu », a déclaré l'organisatrice Julie Morel, « et il faudra agrandir. »",
     [("Nous avons tout vendu", "Julie Morel"), ("et il faudra agrandir.", "Julie Morel")]),
])
def test_interrupted_quote_is_two_quotes_with_the_narrator_between(lang, text, expected) -> None:
    segs = segment(_article(text), lang)
    assert [(s.text, s.speaker) for s in segs if s.role is Role.QUOTE] == expected
    assert [s.role for s in segs[1:]] == [Role.QUOTE, Role.NARRATOR, Role.QUOTE]


@pytest.mark.parametrize("lang, paragraphs, speaker", [
    ("en", ["At the ceremony the judge Harold Finch said:", "“I have spent thirty years here.",
            "“I leave it in good hands.”", "The court rose."], "Harold Finch"),
    ("de", ["Der Schulleiter Georg Haberland sagte:", "„Vierzig Jahre war ich hier.",
            "„Ich danke allen.“", "Beifall."], "Georg Haberland"),
    ("fr", ["Le président Antoine Leclerc a déclaré :", "« Cette saison a été difficile.",
            "« Mais nous reviendrons. »", "La salle applaudit."], "Antoine Leclerc"),
])
def test_quote_over_several_paragraphs(lang, paragraphs, speaker) -> None:
    segs = segment(_article("\n\n".join(paragraphs)), lang)
    roles = [(s.block, s.role) for s in segs[1:]]
    assert roles == [(0, Role.NARRATOR), (1, Role.QUOTE), (2, Role.QUOTE), (3, Role.NARRATOR)]
    assert {s.speaker for s in segs if s.role is Role.QUOTE} == {speaker}


def test_colon_introduces_a_quote() -> None:
    text = "Bürgermeister Jonas Kettler sagte: „Ohne das Land können wir das nicht bezahlen.“"
    assert _quotes(text, "de") == [("Ohne das Land können wir das nicht bezahlen.", "Jonas Kettler")]


def test_list_of_labelled_quotes_belongs_to_the_announced_person(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Porträt einer Landärztin\n\"Ich wollte nie etwas anderes machen\"\n\n"
                    "Anna Beispiel arbeitet seit zwanzig Jahren im Odenwald.\n\n"
                    "Zitate von Anna Beispiel:\n"
                    "  1. Über die Arbeit: \"Wir haben mehr Patienten als Stunden.\"\n"
                    "  2. Über die Familie: \"Ohne meinen Mann ginge das nicht.\"\n\n"
                    "beispiel.example\n", encoding="utf-8")
    segs = segment(read_article(path), "de")
    items = [s for s in segs if s.kind is BlockKind.LIST_ITEM]
    assert [(s.role, s.text) for s in items] == [
        (Role.NARRATOR, "Über die Arbeit:"), (Role.QUOTE, "Wir haben mehr Patienten als Stunden."),
        (Role.NARRATOR, "Über die Familie:"), (Role.QUOTE, "Ohne meinen Mann ginge das nicht.")]
    assert {s.speaker for s in items if s.role is Role.QUOTE} == {"Anna Beispiel"}
    teaser = [s for s in segs if s.kind is BlockKind.TEASER]
    assert [(s.role, s.speaker) for s in teaser] == [(Role.QUOTE, "Anna Beispiel")]
    assert segs[0].role is Role.NARRATOR and segs[0].block == -2
    assert segs[-1].role is Role.NARRATOR and segs[-1].kind is BlockKind.CREDIT


# --- 4. speakers ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, speaker", [
    ("de", "„Wir haben alles geprüft“, sagte Vorstandschefin Maria Lehmann am Dienstag.", "Maria Lehmann"),
    ("de", "„Die Leitungen sind alt“, so Geschäftsführer Henrik Albers.", "Henrik Albers"),
    ("de", "„Bleiben Sie zu Hause“, warnte die Meteorologin Nora Pfeiffer.", "Nora Pfeiffer"),
    ("de", "„Trinken Sie Wasser“, forderte der Amtsarzt Bernd Uhlig.", "Bernd Uhlig"),
    ("de", "„Das ist eine Unterstellung“, entgegnete Finanzministerin Katrin Hollweg.", "Katrin Hollweg"),
    ("de", "„Niemand wurde verletzt“, erklärte der Vorsitzende des Vereins, Elmar Brandt.", "Elmar Brandt"),
    ("de", "„Die Pläne sind nicht spruchreif“, sagte ein Sprecher der Stadt.", "Sprecher der Stadt"),
    ("de", "Der Umsatz sank um zwölf Prozent. „Das Weihnachtsgeschäft war schwach“, so Oberhuber.", "Oberhuber"),
    ("de", "„Die Lage ist ernst“, hieß es vom Abgeordneten des Kreistags Henrik Isenbeck.",
     "Henrik Isenbeck"),
    ("en", "“We will double the team,” chief executive Tom Haverford told reporters.", "Tom Haverford"),
    ("en", "“Nobody was hurt,” according to fire officer Priya Nandakumar.", "Priya Nandakumar"),
    ("en", "“My father would be proud,” said Fiona McAllister, who runs the shop.", "Fiona McAllister"),
    ("fr", "« Nous avons tout essayé », a déclaré la directrice Claire Fontaine.", "Claire Fontaine"),
    ("fr", "« Pas sans accord », selon le syndicaliste Marc Dubois.", "Marc Dubois"),
])
def test_speaker_after_the_quote(lang: str, text: str, speaker: str) -> None:
    assert [s for _, s in _quotes(text, lang)] == [speaker]


def test_later_mention_by_last_name_resolves_to_the_full_name() -> None:
    text = ("Chefärztin Dr. Miriam Achterberg freut sich. „Endlich ist Platz“, sagte Achterberg. "
            "„Wir suchen Pflegekräfte“, betonte Achterberg.")
    assert {s for _, s in _quotes(text, "de")} == {"Miriam Achterberg"}


def test_pronoun_resolves_to_the_person_just_named() -> None:
    text = "Vera Lindqvist übernimmt den Verein. „Ich freue mich riesig“, sagte sie."
    assert _quotes(text, "de") == [("Ich freue mich riesig", "Vera Lindqvist")]
    assert _mentions(text, "de") == [("sie", "Vera Lindqvist")]
    assert _mentions(text, "de", resolve_pronouns=False) == [("sie", None)]


def test_unresolved_pronoun_is_no_name() -> None:
    text = "Der Schnee kam früh in diesem Jahr. „Wir waren nicht vorbereitet“, sagte er."
    assert _quotes(text, "de") == [("Wir waren nicht vorbereitet", None)]
    assert _mentions(text, "de") == [("er", None)]


def test_pronoun_after_a_colon_quote_means_the_speaker_before_the_colon() -> None:
    text = ("Der Verein wird von Jonas Albrecht geführt. Besorgt äußerte sich auch die Kassenwartin "
            "des Vereins, Gisela Hornbach, zu den Zahlen: „Wir haben kaum noch Rücklagen“, sagte sie.")
    assert _quotes(text, "de") == [("Wir haben kaum noch Rücklagen", "Gisela Hornbach")]
    # the name before the colon is found (an office with a name in apposition), and a quote
    # introduced by a name keeps the name, as in "X sagte: „…“, betont sie."
    assert _mentions(text, "de") == [("Gisela Hornbach", "Gisela Hornbach")]


def test_a_name_is_its_own_person_and_descriptions_reduce_to_the_name() -> None:
    text = ("Die Stadtwerke erhöhen die Preise. „Das war nicht zu vermeiden“, sagte Geschäftsführerin "
            "Hanne Dietrich. „Wir prüfen das“, hieß es beim Sprecher der Stadt.")
    assert _mentions(text, "de") == [("Hanne Dietrich", "Hanne Dietrich"),
                                     ("Sprecher der Stadt", "Sprecher der Stadt")]


def test_a_quote_that_goes_on_keeps_the_pronoun_of_the_quote_before() -> None:
    text = ("Bürgermeister Jonas Kettler kam spät zur Sitzung. „Wir sind zufrieden“, sagte er. Die "
            "Sitzung dauerte bis Mitternacht. „Das Geld reicht für zwei Jahre.“")
    assert _mentions(text, "de") == [("er", "Jonas Kettler"), ("er", "Jonas Kettler")]
    named = text.replace("sagte er", "sagte Kettler")
    assert _mentions(named, "de") == [("Jonas Kettler", "Jonas Kettler")] * 2


def test_an_office_alone_is_the_speaker_and_its_one_holder_the_person() -> None:
    text = ("Die Mannschaft von Bundestrainerin Lea Sommer gewann deutlich. In der Kabine zeigt sich die "
            "Bundestrainerin zufrieden: „Wir haben endlich unser Tempo gefunden.“")
    assert _mentions(text, "de") == [("Bundestrainerin", "Lea Sommer")]
    two = text.replace("gewann deutlich.", "gewann gegen das Team von Bundestrainerin Ana Ruiz.")
    assert _mentions(two, "de") == [("Bundestrainerin", "Bundestrainerin")]


def test_a_colon_names_the_speaker_and_a_pronoun_after_the_quote_goes_on() -> None:
    text = ("Halima Berg, Sprecherin der Liga, sagte dazu: „Wir haben viel erreicht, und nun wollen wir "
            "mehr,“ betont sie. „Wir kämpfen weiter.“")
    assert _mentions(text, "de") == [("Halima Berg", "Halima Berg"), ("sie", "Halima Berg")]


def test_interrupted_quote_keeps_the_pronoun_in_both_halves() -> None:
    text = ("Die Grabung leitet der Archäologe Tomas Rieger. „Wir haben Glück gehabt“, sagte er, "
            "„der Boden war trocken.“ Die Funde kommen ins Museum.")
    assert _mentions(text, "de") == [("er", "Tomas Rieger"), ("er", "Tomas Rieger")]


@pytest.mark.parametrize("lang, text, speaker", [
    # a female pronoun after a man's name: null, or the woman the text names
    ("de", "Bürgermeister Jonas Kettler eröffnete die Sitzung. „Wir haben kein Geld“, sagte sie.", None),
    ("de", "Jonas Kettler begrüßte Landrätin Petra Vogt. „Wir haben kein Geld“, sagte sie.", "Petra Vogt"),
    ("en", "John Miller met Sarah Cole at the mill. “We are not ready,” she said.", "Sarah Cole"),
    ("fr", "Paul Durand a rencontré Marie Leclerc. « Nous sommes prêts », a-t-elle dit.", "Marie Leclerc"),
    # two candidates of the same gender: null
    ("de", "Jonas Kettler traf Peter Roth im Rathaus. „Wir haben kein Geld“, sagte er.", None),
    ("en", "John Miller met Peter Cole at the mill. “We are not ready,” he said.", None),
    # gender from the text alone (an office with its article), for a given name of either gender
    ("de", "Die Vorsitzende Kim Sommer eröffnete. „Es geht los“, sagte sie.", "Kim Sommer"),
    # one person, matching: resolved
    ("fr", "Paul Durand a visité l'usine. « Nous sommes prêts », a-t-il dit.", "Paul Durand"),
])
def test_pronoun_resolves_only_when_gender_and_antecedent_are_clear(lang: str, text: str,
                                                                    speaker: str | None) -> None:
    assert [s for _, s in _quotes(text, lang)] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("Der Kämmerer legte die Zahlen vor. Brandlhuber sagte: „Wir müssen sparen.“", "Brandlhuber"),
    ("Der Landrat Uwe Pfisterer lehnte ab, die Sprecherin der Bürgerinitiative, Ines Kowalczyk, erklärte: "
     "„Wir geben nicht auf.“", "Ines Kowalczyk"),
    ("Orhan Demirtas, der Vorsitzende des Mietervereins Auental sagte gegenüber dem Lokalradio: "
     "„Die Mieten steigen zu schnell.“", "Orhan Demirtas"),
    ("Nele Brammertz, Leiterin der Tafel in Wiesheim, die seit zehn Jahren dabei ist, sagte: "
     "„Der Bedarf wächst jeden Monat.“", "Nele Brammertz"),
])
def test_subject_right_before_the_introducing_verb(text: str, speaker: str) -> None:
    assert [s for _, s in _quotes(text, "de")] == [speaker]


@pytest.mark.parametrize("lang, text, speaker", [
    ("de", "„Die Ausschreibung war abgesprochen“, heißt es in dem Brief.", "Brief"),
    ("de", "„Der Zeitplan ist nicht zu halten“, heißt es in einer Mitteilung der Stadtwerke Auenfeld.",
     "Stadtwerke Auenfeld"),
    ("de", "„Wir prüfen alle Hinweise“, hieß es gestern vom Sprecher der Wasserwacht.", "Sprecher der Wasserwacht"),
    ("de", "„Das Fest war ein voller Erfolg“, so das Fazit der Veranstalter.", "Veranstalter"),
    ("de", "Im Protokoll des Ausschusses heißt es wörtlich: „Die Mittel sind aufgebraucht.“", "Ausschusses"),
])
def test_organisations_and_documents_are_sources(lang: str, text: str, speaker: str) -> None:
    assert [s for _, s in _quotes(text, lang)] == [speaker]


@pytest.mark.parametrize("lang, text", [
    ("de", "„Die Ausschreibung war abgesprochen“, heißt es."),
    ("en", "A slogan appeared on the mill: “The river belongs to everyone.”"),
    ("fr", "Un message est apparu sur la mairie : « La place est à nous »."),
])
def test_unknown_speaker_stays_none(lang: str, text: str) -> None:
    quotes = _quotes(text, lang)
    assert len(quotes) == 1 and quotes[0][1] is None


# --- 6. author overrides --------------------------------------------------------------------

def test_markdown_overrides_force_role_and_speaker(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\nlang: de\n---\n\n"
                    "<!-- quote: Maria Lehmann -->\nWir machen weiter, egal was kommt.\n\n"
                    "<!-- narrator -->\n„Das ist ein Satz in Anführungszeichen“, sagte sie.\n\n"
                    "<!-- speaker: Jonas Kettler -->\n„Das ist gut so“, sagte er.\n\n"
                    "<!-- quote: Anna Beispiel -->\n1. Eins\n2. Zwei\n\nNormal.\n", encoding="utf-8")
    article = read_article(path)
    segs = segment(article, "de")
    assert [(s.role, s.speaker, s.text) for s in segs[1:]] == [
        (Role.QUOTE, "Maria Lehmann", "Wir machen weiter, egal was kommt."),
        (Role.NARRATOR, None, "„Das ist ein Satz in Anführungszeichen“, sagte sie."),
        (Role.QUOTE, "Jonas Kettler", "Das ist gut so"),
        (Role.NARRATOR, None, "sagte er."),
        (Role.QUOTE, "Anna Beispiel", "Eins"),
        (Role.QUOTE, "Anna Beispiel", "Zwei"),
        (Role.NARRATOR, None, "Normal."),
    ]


def test_text_reader_never_reads_an_override_aloud(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Titel\n\n<!-- quote: Maria Lehmann -->\nWir machen weiter.\n\nEnde des Textes.\n",
                    encoding="utf-8")
    words = [w for s in segment(read_article(path), "de") for w in WORD.findall(s.text)]
    assert "quote" not in words and "Lehmann" not in words


# --- 7. the labelled set --------------------------------------------------------------------

def test_the_set_is_big_enough_and_covers_three_languages() -> None:
    assert len(CASES) >= 60
    assert {c["lang"] for c in CASES} == {"de", "en", "fr"}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_no_word_is_lost_or_repeated(case: dict, tmp_path: Path) -> None:
    article = read_article(_write(case, tmp_path))
    segs = segment(article, case["lang"])
    got = [w for s in segs for w in WORD.findall(s.text)]
    source = [article.title] + ([article.teaser] if article.teaser else [])
    source += [f"{b.number} {b.text}" if b.number is not None and b.kind is BlockKind.LIST_ITEM else b.text
               for b in article.blocks]
    expected = [w for t in source for w in WORD.findall(t)]
    # list numbers are read by the assembly, not kept in the block text
    numbers = {str(b.number) for b in article.blocks if b.number is not None}
    assert [w for w in got if w not in numbers] == [w for w in expected if w not in numbers]
    assert segs[0].role is Role.NARRATOR and segs[0].block == -2
    for a, b in zip(segs, segs[1:]):
        assert not (a.role is b.role is Role.NARRATOR and a.block == b.block), "narrator text split"


def _scorer():
    tools = (shared_dir() or HERE.parents[1] / "shared") / "tools"
    sys.path.insert(0, str(tools))
    try:
        import quote_eval  # type: ignore[import-not-found]
    except ImportError:
        pytest.skip(f"quote_eval.py not found in {tools}")
    finally:
        sys.path.remove(str(tools))
    return quote_eval.score


def _score_set(cases: list[dict], tmp_path: Path, person_or_speaker: bool) -> tuple[float, ...]:
    """Returns (precision, recall, F1, speaker accuracy, person accuracy) of ``cases``, read and
    segmented as a build would. The speaker is scored as the text names them (a pronoun as
    written), as quote_eval.py scores it; the person against a gold ``person`` where the speaker
    is a pronoun, else the speaker itself (``person_or_speaker``: a quote whose person is unknown
    is scored by its speaker)."""
    score = _scorer()
    found = missed = right = wrong = 0
    speakers: list[bool] = []
    persons: list[bool] = []
    for case in cases:
        out = segment(read_article(_write(case, tmp_path)), case["lang"])
        segs = [{"role": s.role.value, "speaker": s.speaker, "text": s.text} for s in out]
        f, m, r, w, spk, _ = score(case, segs)
        found, missed, right, wrong = found + f, missed + m, right + r, wrong + w
        speakers += spk
        gold = {**case, "quotes": [{**q, "speaker": q.get("person", q["speaker"])} for q in case["quotes"]]}
        persons += score(gold, [{**seg, "speaker": s.person or (s.speaker if person_or_speaker else None)}
                                for seg, s in zip(segs, out)])[4]
    precision = right / max(1, right + wrong)
    recall = found / max(1, found + missed)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return (precision, recall, f1, sum(speakers) / max(1, len(speakers)),
            sum(persons) / max(1, len(persons)))


def test_own_set_scores_f1_095(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    precision, recall, f1, accuracy, person_accuracy = _score_set(CASES, tmp_path, False)
    with capsys.disabled():
        print(f"\nown set: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f} speaker-acc {accuracy:.3f} "
              f"person-acc {person_accuracy:.3f}")
    assert f1 >= 0.95
    assert accuracy >= 0.85
    assert person_accuracy >= 0.85


# Issue 16's targets for our own Spanish, Italian and Dutch news passages (docs/QUOTES.md), and
# the same for passages in languages without a module of their own (the generic language).
LANGUAGE_SETS = {"nl": (0.95, 0.90), "es": (0.95, 0.90), "it": (0.95, 0.90), "generic": (0.95, 0.90)}


@pytest.mark.parametrize("lang", sorted(LANGUAGE_SETS))
def test_each_language_set_of_passages_scores_at_least_its_floor(tmp_path, lang, capsys):
    cases = [json.loads(line) for line in (PASSAGES.parent / f"passages-{lang}.jsonl")
             .read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) >= 25
    _, _, f1, accuracy, person_accuracy = _score_set(cases, tmp_path, True)
    with capsys.disabled():
        print(f"\n{lang}: F1 {f1:.3f} speaker-acc {accuracy:.3f} person-acc {person_accuracy:.3f}")
    least_f1, least_speaker = LANGUAGE_SETS[lang]
    assert f1 >= least_f1 and accuracy >= least_speaker and person_accuracy >= least_speaker
