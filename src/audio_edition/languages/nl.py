"""Dutch: de woorden, aanhalingstekens en getallen van het Nederlands."""

from audio_edition.languages import (
    COMMON_WORD_ACRONYMS, Currency, Language, Reading, currencies,
)

SPEECH_VERBS = (
    "zei|zegt|zeggen|zeiden|vertelde|vertelt|verklaarde|verklaart|legde|legt|benadrukte|"
    "benadrukt|waarschuwde|waarschuwt|voegde|voegt|aldus|stelde|stelt|meldde|meldt|schreef|"
    "schrijft|antwoordde|antwoordt|vroeg|vraagt|reageerde|reageert|erkende|erkent|concludeerde|"
    "concludeert|liet|bevestigde|bevestigt|beloofde|belooft|vindt|vond|merkte|merkt|riep|roept|"
    "herhaalde|herhaalt|onderstreepte|betoogde|betoogt|verzekerde|verzekert|gaf|geeft|zucht|"
    "zuchtte|volgens|"
    # participles after "heeft"/"had": "heeft hij gezegd", "had de burgemeester verklaard"
    "gezegd|verteld|verklaard|benadrukt|gewaarschuwd|gesteld|gemeld|geschreven|geantwoord|"
    "gevraagd|gereageerd|erkend|geconcludeerd|bevestigd|beloofd|opgemerkt|geroepen|herhaald|"
    "onderstreept|betoogd|verzekerd|toegevoegd"
)
"""Verbs (and ``aldus``, ``volgens``) that attribute a quote, separated by ``|``."""

# fmt: off
READING = Reading(
    minus="min",
    paragraph="artikel",
    celsius="graden Celsius",
    decimal=",",
    group="\u00a0\u202f\u2009 .",
    dot="punt",
    slash="slash",
    at="apenstaartje",
    percent="procent",
    range_word="tot",
    and_word="en",
    degree="graden",
    month_abbr={"jan.": 1, "feb.": 2, "mrt.": 3, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8,
                "sep.": 9, "sept.": 9, "okt.": 10, "nov.": 11, "dec.": 12},
    abbreviations=(
        ("bijv.", "bijvoorbeeld", False),
        ("o.a.", "onder andere", False),
        ("enz.", "enzovoort", True),
        ("ca.", "circa", False),
        ("dhr.", "de heer", False),
        ("Dhr.", "de heer", False),
        ("mevr.", "mevrouw", False),
        ("Mevr.", "mevrouw", False),
        ("nr.", "nummer", False),
        ("blz.", "bladzijde", False),
    ),
    word_acronyms=COMMON_WORD_ACRONYMS | {"NAVO", "ANWB", "KNMI", "RIVM", "VARA", "ROC"},
    currencies=currencies(
        Currency("euro", "euro", "cent", "cent"),
        Currency("dollar", "dollar", "cent", "cent"),
        Currency("pond", "pond", "penny", "pence"),
        Currency("Zwitserse frank", "Zwitserse frank", "rappen", "rappen"),
        Currency("yen", "yen", "sen", "sen"),
    ),
    scales={"duizend": "duizend", "miljoen": "miljoen", "miljard": "miljard", "mln": "miljoen",
            "mld": "miljard", "mrd": "miljard"},
)
"""How numbers, dates, money and abbreviations are read."""
# fmt: on

UI_WORDS = {
    "all_episodes": "Alle afleveringen",
    "episodes": "Afleveringen",
    "subscribe": "Abonneren",
    "feed_url": "Feedadres",
    "apps": "Of plak het feedadres in een podcastapp naar keuze.",
    "copy": "Kopiëren",
    "copied": "Gekopieerd",
    "play": "Afspelen",
    "pause": "Pauzeren",
    "back": "15 seconden terug",
    "forward": "15 seconden vooruit",
    "speed": "Snelheid",
    "position": "Positie",
    "of": "van",
    "player": "Speler",
    "keys": "Spatie: afspelen of pauzeren. Pijltjes links en rechts: 15 seconden terug "
            "of vooruit.",
    "chapters": "Hoofdstukken",
    "transcript": "Transcript",
    "follow": "De voorgelezen zin in beeld houden",
    "no_transcript": "Van deze aflevering is geen transcript.",
    "download": "Downloaden",
    "mp3": "Audio (MP3)",
    "vtt": "Transcript (WebVTT)",
    "srt": "Transcript (SRT)",
    "chapters_json": "Hoofdstukken (JSON)",
    "embed": "Insluiten",
    "embed_hint": "Plak deze code in een webpagina om de speler daar te tonen.",
    "embed_code": "Insluitcode",
    "listen": "Luisteren",
    "open_page": "Naar de pagina van de aflevering",
    "article": "Lees het artikel",
    "published": "Gepubliceerd",
    "duration": "Duur",
    "date": "{d} {month} {y}",
    "decimal": ",",
}
"""The words of the listening pages (:mod:`audio_edition.pages`), by their role on the page."""


LANGUAGE = Language(
    code="nl", iso639_2="nld", name="Dutch", full=True,
    quotes=(("„", "”"), ("“", "”"), ("‘", "’"), ("'", "'"), ('"', '"')),
    guillemet_opener="«",
    speech_verbs=frozenset(SPEECH_VERBS.split("|")),
    auxiliaries=frozenset({"heeft", "had", "hebben", "hadden"}),
    pronouns=frozenset({"hij", "zij", "ze"}),
    pronoun_gender={"hij": "m", "zij": "f", "ze": "f"},
    determiners=frozenset({"de", "het", "een", "zijn", "haar", "hun"}),
    honorifics=frozenset({"meneer", "mevrouw", "dhr", "mevr", "mr", "dr", "prof", "ir", "drs"}),
    offices=frozenset({"burgemeester", "minister", "wethouder", "woordvoerder", "woordvoerster",
                       "directeur", "voorzitter", "staatssecretaris", "gedeputeerde", "rechter",
                       "premier", "president", "hoogleraar"}),
    months=("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december"),
    weekdays=("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    abbreviations=frozenset({"dhr", "mevr", "mr", "dr", "prof", "ir", "drs", "bijv", "enz", "o",
                             "a", "ca", "nr", "blz", "jl"}),
    function_words=frozenset("de het een en van in is dat op te zijn niet met voor er die ook "
                             "aan om".split()),
    calibration=("Goedenavond, en welkom bij ons programma. Vandaag praten we over het weer, over "
                 "de stad en over mensen die iets in beweging zetten. Blijf bij ons, het is de "
                 "moeite waard. We beginnen met een bericht van het stadhuis."),
    intro="In deze editie:",
    num2words="nl",
    reading=READING,
    ui_words=UI_WORDS,
)
