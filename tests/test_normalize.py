"""Tests for audio_edition.normalize: what the engines receive for what articles write."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audio_edition.errors import ConfigError
from audio_edition.normalize import Lexicon, LexiconEntry, load_lexicon, speakable

REPO_VOICES = Path(__file__).resolve().parents[1] / "voices"

GERMAN_ARTICLE = """\
Die Werkstatt am Hafen feiert am 3. Oktober 2026 ihr Jubiläum

Gegründet wurde sie 1990, heute arbeiten dort 12 Angestellte. Im Jahr 2025 kamen 2.800 \
Besucher, z. B. Studentinnen, Handwerker usw. Der Umsatz stieg um 12 % auf 3,5 Mio. €, \
d. h. ein Fahrrad kostet ca. 49,90 € im Monat. Dr. Marlene Voss (Nr. 1 im Verein) sagte \
der ARD und der EU-Kommission, die NATO interessiere sich nicht für Lastenräder. Mehr bei \
example.TV oder unter https://www.example.de/werkstatt-am-hafen.
"""

ENGLISH_ARTICLE = """\
The library that stays open all night

On 3 October 2026 the council voted 7-2 to keep the trial going. The library opened in 1990 \
and now lends 2,800 books a month; the night card costs $3.50, e.g. less than a coffee. \
Dr. Priya Menon told the BBC that costs rose 12% to $3.5 million, i.e. not much. \
Mr. Alder, a former NATO officer, said: "It was the 1st time since October 5, 2019." \
Read more at example.TV.
"""


# --- German ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("am 3. Oktober 2026", "am dritten Oktober zweitausendsechsundzwanzig"),
        ("Berlin, 3. Oktober 2026", "Berlin, dritter Oktober zweitausendsechsundzwanzig"),
        ("der 1. Platz", "der erste Platz"),
        ("vom 3. bis 5. Mai", "vom dritten bis fünften Mai"),
        ("am 3. und 4. Oktober", "am dritten und vierten Oktober"),
        ("am 03.10.2026", "am dritten Oktober zweitausendsechsundzwanzig"),
        ("Platz 3. Es folgte", "Platz drei. Es folgte"),
        ("1990 fiel die Mauer.", "neunzehnhundertneunzig fiel die Mauer."),
        ("Seit 2026 gilt das.", "Seit zweitausendsechsundzwanzig gilt das."),
        ("Es kamen 1990 Menschen.", "Es kamen eintausendneunhundertneunzig Menschen."),
        ("die 1990er Jahre", "die neunzehnhundertneunziger Jahre"),
        ("2.800 Mitarbeiter", "zweitausendachthundert Mitarbeiter"),
        ("2 800 Mitarbeiter", "zweitausendachthundert Mitarbeiter"),
        ("3,5 Prozent", "drei Komma fünf Prozent"),
        ("12 %", "zwölf Prozent"),
        ("12%", "zwölf Prozent"),
        ("5 €", "fünf Euro"),
        ("€5", "fünf Euro"),
        ("5 Euro", "fünf Euro"),
        ("1 €", "ein Euro"),
        ("5,50 €", "fünf Euro fünfzig"),
        ("3,5 Mio. €", "drei Komma fünf Millionen Euro"),
        ("1 Million", "eine Million"),
        ("14:30 Uhr", "vierzehn Uhr dreißig"),
        ("2020–2026", "zweitausendzwanzig bis zweitausendsechsundzwanzig"),
        ("-5 Grad", "minus fünf Grad"),
        ("Version 2.1", "Version zwei Punkt eins"),
        ("z. B. und z.B.", "zum Beispiel und zum Beispiel"),
        ("d. h.", "das heißt"),
        ("Dr. Voss", "Doktor Voss"),
        ("Nr. 5", "Nummer fünf"),
        ("Prof. Meier", "Professor Meier"),
        ("bzw.", "beziehungsweise"),
        ("ca. 30", "zirka dreißig"),
        ("Räder usw. Dann", "Räder und so weiter. Dann"),
        ("Der CEO", "Der ßi-Ai-Oh"),
        ("Ihr USP", "Ihr U-S-P"),
        ("ARD, EU, USA", "A-R-D, E-U, U-S-A"),
        ("die EU-Kommission", "die E-U-Kommission"),
        ("NATO und UNESCO", "NATO und UNESCO"),
        ("mit example.TV gesprochen", "mit example Punkt T-V gesprochen"),
        (
            "https://www.example.de/werkstatt-am-hafen.",
            "W-W-W Punkt example Punkt D-E Schrägstrich werkstatt am hafen.",
        ),
        ("info@example.com", "info at example Punkt com"),
    ],
)
def test_german(written: str, spoken: str) -> None:
    assert speakable(written, "de") == spoken


def test_german_article_reaches_spoken_form() -> None:
    out = speakable(GERMAN_ARTICLE, "de")
    assert "am dritten Oktober zweitausendsechsundzwanzig" in out
    assert "Gegründet wurde sie neunzehnhundertneunzig," in out
    assert "zwölf Angestellte" in out
    assert "Im Jahr zweitausendfünfundzwanzig kamen zweitausendachthundert Besucher" in out
    assert "zum Beispiel Studentinnen, Handwerker und so weiter." in out
    assert "um zwölf Prozent auf drei Komma fünf Millionen Euro" in out
    assert "das heißt ein Fahrrad kostet zirka neunundvierzig Euro neunzig im Monat" in out
    assert "Doktor Marlene Voss (Nummer eins im Verein)" in out
    assert "der A-R-D und der E-U-Kommission, die NATO" in out
    assert "example Punkt T-V" in out
    assert not re.search(r"\d", out)
    # The title line and paragraph break survive.
    assert out.split("\n")[1] == ""


# --- English --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("on 3 October 2026", "on the third of October twenty twenty-six"),
        ("the 3rd of October", "the third of October"),
        ("October 3, 2026", "October third, twenty twenty-six"),
        ("in October 2026", "in October twenty twenty-six"),
        ("the 1st and 2nd", "the first and second"),
        ("in 1990 the wall fell", "in nineteen ninety the wall fell"),
        ("the 1990s", "the nineteen nineties"),
        ("1500 people", "one thousand five hundred people"),
        ("2,800 jobs", "two thousand eight hundred jobs"),
        ("3.5 percent", "three point five percent"),
        ("12% and 12 %", "twelve percent and twelve percent"),
        ("$3.5 million", "three point five million dollars"),
        ("$2bn", "two billion dollars"),
        ("$1", "one dollar"),
        ("$5.50", "five dollars and fifty cents"),
        ("€5", "five euros"),
        ("5 €", "five euros"),
        ("at 2:30 pm", "at two thirty P-M"),
        ("open until 9 pm on weekdays", "open until nine P-M on weekdays"),
        ("at 9 a.m. on Monday", "at nine A-M on Monday"),
        ("from 7am to 11PM", "from seven A-M to eleven P-M"),
        ("It ends at 10 p.m. Then", "It ends at ten P-M. Then"),
        ("at 10:05", "at ten oh five"),
        ("pages 10-12", "pages ten to twelve"),
        ("e.g. this", "for example this"),
        ("i.e. that", "that is that"),
        ("Mr. Smith and Mrs. Jones", "Mister Smith and Missus Jones"),
        ("Dr. Menon", "Doctor Menon"),
        ("books etc. Then", "books et cetera. Then"),
        ("the CEO", "the C-E-O"),
        ("the BBC in the USA", "the B-B-C in the U-S-A"),
        ("NATO and UNESCO", "NATO and UNESCO"),
        ("example.TV", "example dot T-V"),
        ("see https://example.com/news?id=4.", "see example dot com slash news."),
        ("No. 5", "number five"),
    ],
)
def test_english(written: str, spoken: str) -> None:
    assert speakable(written, "en") == spoken


def test_english_article_reaches_spoken_form() -> None:
    out = speakable(ENGLISH_ARTICLE, "en")
    assert "On the third of October twenty twenty-six the council voted seven to two" in out
    assert "opened in nineteen ninety" in out
    assert "lends two thousand eight hundred books" in out
    assert "three dollars and fifty cents, for example less than a coffee" in out
    assert "Doctor Priya Menon told the B-B-C" in out
    assert "rose twelve percent to three point five million dollars, that is not much" in out
    assert "Mister Alder, a former NATO officer" in out
    assert "the first time since October fifth, twenty nineteen" in out
    assert out.rstrip().endswith("example dot T-V.")
    assert not re.search(r"\d", out)


def test_shouted_line_is_not_spelled() -> None:
    assert speakable("BREAKING NEWS FROM THE BBC", "en") == "BREAKING NEWS FROM THE BBC"


def test_roman_numerals_are_not_spelled() -> None:
    assert speakable("Ludwig XIV und Teil II", "de") == "Ludwig XIV und Teil II"


# --- French ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("le 3 octobre 2026", "le trois octobre deux mille vingt-six"),
        ("le 1er mai", "le premier mai"),
        ("le 2e arrondissement", "le deuxième arrondissement"),
        ("2 800 habitants", "deux mille huit cents habitants"),
        ("3,5 millions", "trois virgule cinq millions"),
        ("12 %", "douze pour cent"),
        ("5 €", "cinq euros"),
        ("1 €", "un euro"),
        ("14 h 30", "quatorze heures trente"),
        ("M. Dupont et Mme Durand", "Monsieur Dupont et Madame Durand"),
        ("p. ex. la SNCF", "par exemple la S-N-C-F"),
        ("l'ONU et l'OTAN", "l'ONU et l'OTAN"),
        ("exemple.TV", "exemple point T-V"),
    ],
)
def test_french(written: str, spoken: str) -> None:
    assert speakable(written, "fr") == spoken


# --- Other languages and general properties --------------------------------------------------


def test_dutch_has_rules_of_its_own_and_the_lexicon_wins() -> None:
    lexicon = Lexicon("nl", [LexiconEntry("Nvidia", "En-vidia")])
    text = "Op 3 oktober 2026 sprak de ARD met Nvidia over 3,5 procent."
    assert speakable(text, "nl", lexicon) == ("Op drie oktober tweeduizendzesentwintig sprak de A-R-D "
                                              "met En-vidia over drie komma vijf procent.")


@pytest.mark.parametrize("lang, text, spoken", [
    ("es", "Subió un 3,5 % hasta 12,50 € el 5 de mayo de 2024.",
     "Subió un tres coma cinco por ciento hasta doce euros cincuenta el cinco de mayo de dos mil "
     "veinticuatro."),
    ("it", "Il 3,5 % in più, -2,5 gradi.", "Il tre virgola cinque per cento in più, meno due virgola "
     "cinque gradi."),
    ("nl", "Het kost € 12,50, zei dhr. Smit.", "Het kost twaalf euro vijftig, zei de heer Smit."),
])
def test_spanish_italian_and_dutch_numbers_money_and_abbreviations(lang, text, spoken) -> None:
    assert speakable(text, lang) == spoken


@pytest.mark.parametrize("lang, spoken", [
    ("sv", "Det kom trettiofem gäster."),   # num2words knows Swedish
    ("hi", "Det kom 35 gäster."),           # it does not know Hindi: the engine reads the digits
])
def test_a_generic_language_has_its_numbers_spelled_where_num2words_knows_it(lang, spoken) -> None:
    assert speakable("Det kom 35 gäster.", lang) == spoken


@pytest.mark.parametrize("lang, text, spoken", [
    # the language's own separators, from CLDR: "." groups thousands in Portuguese
    ("pt", "Custa 1.000 euros, ou 12,5 por cento.", "Custa mil euros, ou doze vírgula cinco por cento."),
    ("pl", "Kosztuje 2\u00a0500 złotych.", "Kosztuje dwa tysiące pięćset złotych."),
    ("sv", "Det kostar 2 500 kronor.", "Det kostar tvåtusen femhundra kronor."),
    # a code keeps its digits for the engine; dotted runs are read number by number
    ("pt", "O ficheiro MP3 de 3.10.2026", "O ficheiro MP3 de três.dez.dois mil e vinte e seis"),
])
def test_a_generic_language_reads_numbers_with_its_own_separators(lang, text, spoken) -> None:
    assert speakable(text, lang) == spoken


def test_regional_code_uses_the_language_rules() -> None:
    assert speakable("am 3. Oktober", "de-AT") == "am dritten Oktober"


@pytest.mark.parametrize("text", [GERMAN_ARTICLE, ENGLISH_ARTICLE])
@pytest.mark.parametrize("lang", ["de", "en", "fr"])
def test_idempotent(text: str, lang: str) -> None:
    once = speakable(text, lang)
    assert speakable(once, lang) == once


def test_words_of_the_original_are_kept_in_order() -> None:
    out = speakable(GERMAN_ARTICLE, "de")
    # Plain lower-case words are never rewritten, so they must all be there, in order.
    plain = [
        w
        for w in re.findall(r"(?<![\w.])[a-zäöüß]+(?![\w.@/])", GERMAN_ARTICLE)
        if w not in ("https", "www")
    ]
    position = 0
    for word in plain:
        found = re.compile(rf"(?<!\w){word}(?!\w)").search(out, position)
        assert found, f"{word!r} is missing after position {position}"
        position = found.end()


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 .,-–%€$:/aAbBeEnNsStTuUvVzZ\n")),
        max_size=40,
    ),
    st.sampled_from(["de", "en", "fr"]),
)
def test_no_digits_left_and_stable(text: str, lang: str) -> None:
    once = speakable(text, lang)
    assert not re.search(r"\d", once)
    assert speakable(once, lang) == once


# --- Lexicon --------------------------------------------------------------------------------


def _write_lexicon(voices: Path, lang: str, body: str) -> Path:
    path = voices / "lexicon" / f"{lang}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def test_lexicon_replaces_whole_words_case_sensitively(tmp_path: Path) -> None:
    _write_lexicon(tmp_path, "de", '[words]\n"Nvidia" = "En-vidia"\n"Laptop" = "Läpptopp"\n')
    lexicon = load_lexicon(tmp_path, "de")
    assert len(lexicon) == 2
    out = speakable("Nvidia, NVIDIA und Nvidias Laptop-Tasche; Laptops.", "de", lexicon)
    assert out == "En-vidia, NVIDIA und Nvidias Läpptopp-Tasche; Laptops."


def test_lexicon_entry_can_ignore_case(tmp_path: Path) -> None:
    _write_lexicon(tmp_path, "en", '[words]\n"nvidia" = { say = "En-vidia", ignore_case = true }\n')
    lexicon = load_lexicon(tmp_path, "en")
    assert speakable("Nvidia and NVIDIA", "en", lexicon) == "En-vidia and En-vidia"


def test_lexicon_wins_over_the_rules_and_is_not_normalized_again(tmp_path: Path) -> None:
    _write_lexicon(tmp_path, "de", '[words]\n"ARD" = "Ah Err Deh"\n"Nr. 5" = "Nummer Fünf"\n')
    lexicon = load_lexicon(tmp_path, "de")
    assert speakable("Die ARD und Nr. 5, nicht Nr. 6", "de", lexicon) == (
        "Die Ah Err Deh und Nummer Fünf, nicht Nummer sechs"
    )


def test_longer_lexicon_entries_win(tmp_path: Path) -> None:
    _write_lexicon(
        tmp_path, "en", '[words]\n"New York" = "Nyork"\n"New York Times" = "the Times"\n'
    )
    lexicon = load_lexicon(tmp_path, "en")
    assert speakable("New York Times in New York", "en", lexicon) == "the Times in Nyork"


def test_missing_lexicon_is_empty(tmp_path: Path) -> None:
    lexicon = load_lexicon(tmp_path, "de")
    assert lexicon == Lexicon("de")
    assert speakable("Nvidia", "de", lexicon) == "Nvidia"


def test_regional_lexicon_falls_back_to_the_language(tmp_path: Path) -> None:
    path = _write_lexicon(tmp_path, "de", '[words]\n"Jänner" = "Jänner"\n')
    lexicon = load_lexicon(tmp_path, "de-AT")
    assert lexicon.path == path
    assert lexicon.lang == "de"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '[words]\n"Nvidia" = 5\n',
            "words: 'Nvidia': expected the spoken form as a non-empty string but got 5",
        ),
        (
            '[words]\n"Nvidia" = ""\n',
            "words: 'Nvidia': expected the spoken form as a non-empty string but got ''",
        ),
        (
            '[words]\n"Nvidia" = { say = "x", ignore_case = "yes" }\n',
            "words: 'Nvidia': ignore_case: expected true or false but got 'yes'",
        ),
        ('[words]\n"Nvidia" = { sag = "x" }\n', "words: 'Nvidia': unknown key 'sag'"),
        ('[words]\n"Nvidia" = { ignore_case = true }\n', "words: 'Nvidia': missing 'say'"),
        ('[words]\n" Nvidia" = "x"\n', "words: ' Nvidia': a word must be non-empty"),
        ('words = "Nvidia"\n', "words: expected a table but got 'Nvidia'"),
        ('[words]\n"Nvidia" = "x\n', "not valid TOML"),
    ],
)
def test_bad_lexicon_raises_config_error(tmp_path: Path, body: str, expected: str) -> None:
    path = _write_lexicon(tmp_path, "de", body)
    with pytest.raises(ConfigError) as caught:
        load_lexicon(tmp_path, "de")
    assert caught.value.path == str(path)
    assert expected in caught.value.problem


def test_bad_lexicon_reports_every_bad_entry(tmp_path: Path) -> None:
    _write_lexicon(tmp_path, "de", '[words]\n"A" = 1\n"B" = "ok"\n"C" = true\n')
    with pytest.raises(ConfigError) as caught:
        load_lexicon(tmp_path, "de")
    assert "'A'" in caught.value.problem and "'C'" in caught.value.problem
    assert "'B'" not in caught.value.problem


def test_unknown_top_level_key_is_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _write_lexicon(tmp_path, "de", 'woerter = 1\n[words]\n"A" = "B"\n')
    lexicon = load_lexicon(tmp_path, "de")
    assert len(lexicon) == 1
    assert "unknown key 'woerter'" in caplog.text


@pytest.mark.parametrize("lang", ["de", "en", "fr"])
def test_shipped_lexicons_load(lang: str) -> None:
    lexicon = load_lexicon(REPO_VOICES, lang)
    assert lexicon.path is not None and len(lexicon) > 0
    assert "Nvidia" not in speakable("Nvidia", lang, lexicon)


# --- huge numbers (issue 15) --------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["de", "en", "fr"])
@pytest.mark.parametrize("written", ["7" * 5000, "3" * 40 + "th", "1" + ",000" * 300, "9" * 30 + ",5 %",
                                     "€ " + "4" * 60, "v" + "2" * 5000 + ".1", "www.a" + "5" * 5000 + ".de"])
def test_a_number_too_long_to_be_one_is_read_digit_by_digit(lang: str, written: str) -> None:
    # 5000 digits raised ValueError (Python's int limit), 300 groups OverflowError (num2words)
    spoken = speakable(written, lang)
    assert not re.search(r"\d", spoken)
    assert len(spoken) <= 12 * len(written)


def test_a_list_of_numbers_is_not_one_number() -> None:
    spoken = speakable(" ".join(str(n) for n in range(99, 140)), "en")
    assert spoken.startswith("ninety-nine one hundred")
    assert "trillion" not in spoken


def test_numbers_up_to_the_trillions_are_still_numbers() -> None:
    assert speakable("1 000 000 000 000 people", "en") == "one trillion people"
    assert speakable("123456789012345", "de").startswith("einhundertdreiundzwanzig Billionen")
    assert speakable("1234567890123456", "de") == \
        "eins zwei drei vier fünf sechs sieben acht neun null eins zwei drei vier fünf sechs"


@pytest.mark.parametrize("lang, text, spoken", [
    ("it", "Il 1 maggio 2024.", "Il primo maggio duemilaventiquattro."),
    ("es", "El 2024-05-01.", "El uno de mayo de dos mil veinticuatro."),
    ("es", "Costó 3 millones €.", "Costó tres millones de euros."),
    ("it", "Costa 3 milioni €.", "Costa tre milioni di euro."),
    ("de", "Es kostet 2 Milliarde €.", "Es kostet zwei Milliarden Euro."),
    ("fr", "Le 1er mai 2024.", "Le premier mai deux mille vingt-quatre."),
])
def test_dates_and_amounts_follow_the_reading_in_the_language_module(lang, text, spoken) -> None:
    assert speakable(text, lang) == spoken


@pytest.mark.parametrize("lang", ["de", "en", "es", "fr", "it", "nl"])
def test_every_full_language_reads_numbers_money_and_percentages_in_words(lang) -> None:
    from audio_edition import languages

    assert languages.get(lang).reading is not None
    spoken = speakable("Am 2024-03-07: 12 %, 1500, 3,50 € und 7.", lang)
    assert not re.search(r"\d", spoken), spoken


def test_a_number_glued_to_chinese_or_japanese_characters_is_spelled_but_not_one_in_a_code():
    assert speakable("1月と11月", "ja") == "一月と十一月"
    assert speakable("MP3 и 35", "ru") == "MP3 и тридцать пять"
