"""German: Wörter, Anführungszeichen und Zahlen des Deutschen."""

import re

from audio_edition.languages import (
    COMMON_WORD_ACRONYMS, Currency, Language, Reading, currencies,
)

SPEECH_VERBS = (
    "sagt|sagte|sagten|sagen|erklärt|erklärte|erklärten|betont|betonte|betonten|warnt|warnte|"
    "warnten|fordert|forderte|forderten|entgegnet|entgegnete|meint|meinte|meinten|ergänzt|ergänzte|"
    "fügt|fügte|kritisiert|kritisierte|kommentiert|kommentierte|bemerkt|bemerkte|berichtet|"
    "berichtete|erläutert|erläuterte|unterstreicht|unterstrich|versichert|versicherte|räumt|räumte|"
    "stellt|stellte|schreibt|schrieb|teilt|teilte|mahnt|mahnte|ruft|rief|riefen|fragt|fragte|"
    "antwortet|antwortete|bekräftigt|bekräftigte|beklagt|beklagte|bilanziert|bilanzierte|resümiert|"
    "resümierte|lobt|lobte|äußert|äußerte|verkündet|verkündete|bestätigt|bestätigte|begründet|"
    "begründete|behauptet|behauptete|glaubt|glaubte|findet|fand|hofft|hoffte|verspricht|versprach|"
    "kündigt|kündigte|erinnert|erinnerte|argumentiert|argumentierte|gesteht|gestand|urteilt|"
    "urteilte|klagt|klagte|drängt|drängte|appelliert|appellierte|droht|drohte|vermutet|vermutete|"
    "befürchtet|befürchtete|fürchtet|fürchtete|erzählt|erzählte|verrät|verriet|bekennt|bekannte|"
    "wiederholt|wiederholte|widerspricht|widersprach|kontert|konterte|beteuert|beteuerte|empfiehlt|"
    "empfahl|rät|riet|erwidert|erwiderte|folgert|folgerte|zitiert|zitierte|heißt|hieß|gibt|gab|"
    "macht|machte|meldet|meldete|präzisiert|präzisierte|spricht|sprach|twittert|twitterte|"
    "schimpft|schimpfte|sieht|sah|schließt|schloss|bedauert|bedauerte|mutmaßt|mutmaßte|lautet|"
    "lautete|weiß|wusste|meinen|erklären|betonen|warnen|fordern|kritisieren|ergänzen|berichten|"
    "schreiben|bestätigen|teilten|fragen|antworten|mahnen|klagen|loben|hoffen|fürchten|befürchten|"
    "schimpfen|betonten|so"
)
"""Verbs (and a few phrases) that attribute a quote, separated by ``|``."""


FEMININE = frozenset(
    {"Million", "Milliarde", "Billion", "Stunde", "Minute", "Sekunde", "Woche", "Person", "Frau",
     "Tonne", "Stimme", "Stelle", "Seite", "Folge", "Runde", "Nacht", "Stadt", "Schule", "Firma",
     "Tür", "Zahl", "Mark", "Krone", "Meile", "Ausgabe", "Episode", "Silbe", "Zeile", "Familie"}
)
"""Nouns after "1" that take "eine": "1 Million" is "eine Million", not "eins Million"."""

ORDINAL_N = frozenset(
    {"am", "im", "vom", "zum", "beim", "dem", "den", "des", "zur", "ab", "seit", "bis", "bis zum",
     "einem", "einen", "eines", "seinem", "ihrem", "unserem", "ihren", "seinen", "diesem",
     "diesen", "jedem", "jeden", "zu", "nach", "vor", "an", "in", "für", "über", "unter"}
)
"""Words before an ordinal that call for the "-en" ending (dative/accusative/genitive)."""
ORDINAL_E = frozenset({"der", "die", "das", "jeder", "jede", "jedes", "dieser", "diese",
                       "dieses"})
"""Words before an ordinal that call for the "-e" ending (nominative after a definite article)."""
_COORDINATORS = frozenset({"und", "oder", "bis", "sowie", "–", "-", ","})

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember")

YEAR_CUES = frozenset(
    {"im", "jahr", "jahre", "jahres", "jahrs", "seit", "bis", "von", "ab", "um", "nach", "vor",
     "anno", "sommer", "winter", "frühjahr", "frühling", "herbst", "ende", "anfang", "mitte",
     "saison", "jahrgang", "bis zum", "zwischen", "und", "oder", "in"}
) | frozenset(m.lower() for m in MONTHS)
"""Words before a four-digit number that make it a year."""


def ordinal_ending(before: str, is_date: bool) -> str:
    """Returns the ending (``n``, ``r`` or empty) an ordinal takes after the text ``before``.

    ``am 3.`` -> ``dritten``; ``der 3.`` -> ``dritte``; a date with no article, as in a
    dateline (``Berlin, 3. Oktober``), -> ``dritter``. After ``und``/``bis`` the ordinal takes
    the ending of the one before it (``am 3. und 4.`` -> ``dritten und vierten``).
    """
    words = re.findall(r"[\w.–-]+|,", before)
    if not words:
        return "r" if is_date else ""
    previous = words[-1].lower()
    if previous in _COORDINATORS and len(words) >= 2:
        earlier = words[-2]
        if re.fullmatch(r"\d{1,2}\.", earlier):
            return ordinal_ending(before[: before.rfind(earlier)], is_date)
        for ending, suffix in (("ten", "n"), ("ter", "r"), ("te", "")):
            if earlier.endswith(ending):
                return suffix
        if previous == "bis":
            return "n"
    if previous in ORDINAL_N:
        return "n"
    if previous in ORDINAL_E:
        return ""
    return "r" if is_date else ""

# fmt: off
READING = Reading(
    paragraph="Paragraf",
    celsius="Grad Celsius",
    decimal=",",
    group=".\u00a0\u202f\u2009 ",
    dot="Punkt",
    slash="Schrägstrich",
    at="at",
    percent="Prozent",
    range_word="bis",
    and_word="und",
    degree="Grad",
    month_abbr={"Jan.": 1, "Feb.": 2, "Mär.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8,
                "Sep.": 9, "Sept.": 9, "Okt.": 10, "Nov.": 11, "Dez.": 12, "Jänner": 1},
    abbreviations=(
        ("z.B.", "zum Beispiel", False),
        ("z.T.", "zum Teil", False),
        ("d.h.", "das heißt", False),
        ("u.a.", "unter anderem", True),
        ("v.a.", "vor allem", False),
        ("u.U.", "unter Umständen", False),
        ("o.ä.", "oder ähnlich", True),
        ("o.Ä.", "oder Ähnliches", True),
        ("e.V.", "eingetragener Verein", True),
        ("bzw.", "beziehungsweise", False),
        ("bspw.", "beispielsweise", False),
        ("ca.", "zirka", False),
        # espeak reads "circa" and "cetera" with a k.
        ("usw.", "und so weiter", True),
        ("etc.", "et zetera", True),
        ("evtl.", "eventuell", False),
        ("ggf.", "gegebenenfalls", False),
        ("inkl.", "inklusive", False),
        ("zzgl.", "zuzüglich", False),
        ("vgl.", "vergleiche", False),
        ("Dr.", "Doktor", False),
        ("Prof.", "Professor", False),
        ("Dipl.-Ing.", "Diplomingenieur", False),
        ("Nr.", "Nummer", False),
        ("Abs.", "Absatz", False),
        ("Jh.", "Jahrhundert", False),
        ("Mio.", "Millionen", False),
        ("Mrd.", "Milliarden", False),
        ("Tsd.", "Tausend", False),
        ("Std.", "Stunden", False),
        ("Tel.", "Telefon", False),
        ("GmbH", "G-m-b-H", False),
        # English letter names: German listeners say "Si-Ai-Oh", not "Ze-E-O". espeak reads
        # a leading "ß" as a voiceless s, which a leading "S" in German is not.
        ("CEO", "ßi-Ai-Oh", False),
        ("CEOs", "ßi-Ai-Ohs", False),
    ),
    word_acronyms=COMMON_WORD_ACRONYMS | {"UNO", "TÜV", "DIN", "GAU", "BAFA", "NASDAQ", "KITA"},
    currencies=currencies(
        Currency("Euro", "Euro", "Cent", "Cent"),
        Currency("Dollar", "Dollar", "Cent", "Cent"),
        Currency("Pfund", "Pfund", "Penny", "Pence"),
        Currency("Franken", "Franken", "Rappen", "Rappen"),
        Currency("Yen", "Yen", "Sen", "Sen"),
    ),
    scales={w: w for w in ("Tausend", "Million", "Millionen", "Milliarde", "Milliarden",
                           "Billion", "Billionen")},
    clock="uhr",
    dates="german",
    ordinals="dot",
    decades="er",
    year_cues=YEAR_CUES,
    nouns_count=True,
    one_before_noun=("ein", "eine"),
    feminine_nouns=FEMININE,
    ordinal_cues=ORDINAL_N | ORDINAL_E,
    ordinal_ending=ordinal_ending,
    scale_plurals={"Million": "Millionen", "Milliarde": "Milliarden", "Billion": "Billionen"},
)
"""How numbers, dates, money and abbreviations are read."""
# fmt: on

UI_WORDS = {
    "all_episodes": "Alle Folgen",
    "episodes": "Folgen",
    "subscribe": "Abonnieren",
    "feed_url": "Feed-Adresse",
    "apps": "Oder die Feed-Adresse in eine beliebige Podcast-App einfügen.",
    "copy": "Kopieren",
    "copied": "Kopiert",
    "play": "Abspielen",
    "pause": "Anhalten",
    "back": "15 Sekunden zurück",
    "forward": "15 Sekunden vor",
    "speed": "Tempo",
    "position": "Position",
    "of": "von",
    "player": "Player",
    "keys": "Leertaste: abspielen oder anhalten. Pfeiltasten links und rechts: "
            "15 Sekunden zurück oder vor.",
    "chapters": "Kapitel",
    "transcript": "Transkript",
    "follow": "Den gelesenen Satz im Blick behalten",
    "no_transcript": "Zu dieser Folge gibt es kein Transkript.",
    "download": "Herunterladen",
    "mp3": "Audio (MP3)",
    "vtt": "Transkript (WebVTT)",
    "srt": "Transkript (SRT)",
    "chapters_json": "Kapitel (JSON)",
    "embed": "Einbetten",
    "embed_hint": "Diesen Code in eine Webseite einfügen, um den Player dort zu zeigen.",
    "embed_code": "Code zum Einbetten",
    "listen": "Anhören",
    "open_page": "Zur Seite der Folge",
    "article": "Zum Artikel",
    "published": "Veröffentlicht",
    "duration": "Dauer",
    "date": "{d}. {month} {y}",
    "decimal": ",",
}
"""The words of the listening pages (:mod:`audio_edition.pages`), by their role on the page."""


LANGUAGE = Language(
    code="de", iso639_2="deu", name="German", full=True,
    quotes=(("„", "“"), ("‚", "‘"), ("»", "«"), ("›", "‹"), ("«", "»")),
    guillemet_opener="»",
    speech_verbs=frozenset(SPEECH_VERBS.split("|")),
    pronouns=frozenset(['er', 'sie']),
    pronoun_gender={'er': 'm', 'sie': 'f'},
    determiners=frozenset(['das', 'dem', 'den', 'der', 'des', 'die', 'ein', 'eine', 'einem', 'einen', 'einer', 'eines']),
    honorifics=frozenset(['dr', 'frau', 'herr', 'herrn', 'prof', 'professor', 'professorin']),
    offices=frozenset(['bürgermeister', 'bürgermeisterin', 'minister', 'ministerin', 'präsident', 'präsidentin', 'sprecher', 'sprecherin', 'vorsitzende', 'vorsitzender']),
    months=MONTHS,
    weekdays=('Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'),
    abbreviations=frozenset(['a', 'abs', 'art', 'aug', 'b', 'bzw', 'ca', 'd', 'dez', 'dr', 'feb', 'fr', 'h', 'hr', 'jan', 'nov', 'nr', 'okt', 'prof', 's', 'sept', 'st', 'str', 'tel', 'u', 'usw', 'vgl', 'z']),
    function_words=frozenset('der die das und ist nicht ein eine zu mit den von auf für sich dem im auch es wir'.split()),
    calibration=("Guten Abend, und willkommen zu unserer Sendung. Heute sprechen wir über das Wetter, "
    "über die Stadt und über Menschen, die etwas bewegen. Bleiben Sie dran, es lohnt "
    "sich. Wir beginnen mit einer Nachricht aus dem Rathaus."),
    intro='In dieser Ausgabe:',
    num2words="de",
    reading=READING,
    ui_words=UI_WORDS,
)
