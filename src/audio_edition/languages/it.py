"""Italian: le parole, le virgolette e i numeri dell'italiano."""

from audio_edition.languages import (
    COMMON_WORD_ACRONYMS, Currency, Language, Reading, currencies,
)

SPEECH_VERBS = (
    "detto|dice|dicono|disse|dichiarato|dichiara|dichiarò|affermato|afferma|affermò|spiegato|"
    "spiega|spiegò|sottolineato|sottolinea|aggiunto|aggiunge|aggiunse|ricordato|ricorda|osservato|"
    "osserva|commentato|commenta|precisato|precisa|assicurato|assicura|annunciato|annuncia|"
    "avvertito|avverte|ammesso|ammette|raccontato|racconta|risposto|risponde|chiesto|chiede|"
    "concluso|conclude|denunciato|denuncia|insistito|insiste|scritto|scrive|confermato|conferma|"
    "rilevato|rileva|evidenziato|evidenzia|replicato|replica|ribadito|ribadisce|sostiene|"
    "sostenuto|spiegava|diceva|secondo|difeso|difende|criticato|critica|riferito|riferisce|"
    "proseguito|prosegue|ammonito|attaccato|esordito|puntualizzato|rivendicato|rivendica|"
    "tuonato|dichiarava|osservava"
)
"""Verbs (and ``secondo``) that attribute a quote, separated by ``|``."""

# fmt: off
READING = Reading(
    minus="meno",
    decimal_word="virgola",
    paragraph="articolo",
    celsius="gradi Celsius",
    decimal=",",
    group="\u00a0\u202f\u2009 .",
    dot="punto",
    slash="barra",
    at="chiocciola",
    percent="per cento",
    range_word="a",
    and_word="e",
    degree="gradi",
    month_abbr={"gen.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "mag.": 5, "giu.": 6, "lug.": 7,
                "ago.": 8, "set.": 9, "ott.": 10, "nov.": 11, "dic.": 12},
    abbreviations=(
        ("ecc.", "eccetera", True),
        ("sig.", "signor", False),
        ("Sig.", "signor", False),
        ("sig.ra", "signora", False),
        ("Sig.ra", "signora", False),
        ("dott.", "dottor", False),
        ("Dott.", "dottor", False),
        ("prof.", "professor", False),
        ("Prof.", "professor", False),
        ("avv.", "avvocato", False),
        ("p. es.", "per esempio", False),
    ),
    word_acronyms=COMMON_WORD_ACRONYMS | {"ONU", "ISTAT", "INPS", "ANSA", "FIAT", "IVA", "RAI"},
    currencies=currencies(
        Currency("euro", "euro", "centesimo", "centesimi"),
        Currency("dollaro", "dollari", "centesimo", "centesimi"),
        Currency("sterlina", "sterline", "penny", "pence"),
        Currency("franco svizzero", "franchi svizzeri", "centesimo", "centesimi"),
        Currency("yen", "yen", "sen", "sen"),
    ),
    scales={"mila": "mila", "milione": "milione", "milioni": "milioni", "miliardo": "miliardo",
            "miliardi": "miliardi", "mln": "milioni", "mld": "miliardi"},
    first_day="primo",
    scale_of=("di ", "di "),
)
"""How numbers, dates, money and abbreviations are read."""
# fmt: on

UI_WORDS = {
    "all_episodes": "Tutti gli episodi",
    "episodes": "Episodi",
    "subscribe": "Iscriviti",
    "feed_url": "Indirizzo del feed",
    "apps": "Oppure incolla l’indirizzo del feed in qualsiasi app per podcast.",
    "copy": "Copia",
    "copied": "Copiato",
    "play": "Riproduci",
    "pause": "Pausa",
    "back": "Indietro di 15 secondi",
    "forward": "Avanti di 15 secondi",
    "speed": "Velocità",
    "position": "Posizione",
    "of": "di",
    "player": "Lettore",
    "keys": "Spazio: riproduci o metti in pausa. Frecce sinistra e destra: indietro o "
            "avanti di 15 secondi.",
    "chapters": "Capitoli",
    "transcript": "Trascrizione",
    "follow": "Tieni in vista la frase letta",
    "no_transcript": "Questo episodio non ha una trascrizione.",
    "download": "Scarica",
    "mp3": "Audio (MP3)",
    "vtt": "Trascrizione (WebVTT)",
    "srt": "Trascrizione (SRT)",
    "chapters_json": "Capitoli (JSON)",
    "embed": "Incorpora",
    "embed_hint": "Incolla questo codice in una pagina web per mostrarvi il lettore.",
    "embed_code": "Codice da incorporare",
    "listen": "Ascolta",
    "open_page": "Apri la pagina dell’episodio",
    "article": "Leggi l’articolo",
    "published": "Pubblicato",
    "duration": "Durata",
    "date": "{d} {month} {y}",
    "decimal": ",",
}
"""The words of the listening pages (:mod:`audio_edition.pages`), by their role on the page."""


LANGUAGE = Language(
    code="it", iso639_2="ita", name="Italian", full=True,
    quotes=(("«", "»"), ("“", "”"), ("‘", "’"), ('"', '"')),
    guillemet_opener="«",
    speech_verbs=frozenset(SPEECH_VERBS.split("|")),
    auxiliaries=frozenset({"ha", "aveva", "avrebbe", "hanno", "avevano"}),
    pronouns=frozenset({"lui", "lei"}),
    pronoun_gender={"lui": "m", "lei": "f"},
    determiners=frozenset({"il", "lo", "la", "i", "gli", "le", "l", "un", "uno", "una", "suo",
                           "sua"}),
    honorifics=frozenset({"signor", "signore", "signora", "sig", "sig.ra", "dott", "dott.ssa",
                          "prof", "avv", "ing"}),
    offices=frozenset({"sindaco", "sindaca", "ministro", "ministra", "presidente", "portavoce",
                       "direttore", "direttrice", "assessore", "assessora", "segretario",
                       "segretaria", "giudice", "prefetto", "rettore", "rettrice"}),
    months=("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
            "settembre", "ottobre", "novembre", "dicembre"),
    weekdays=("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    abbreviations=frozenset({"sig", "dott", "prof", "avv", "ing", "ecc", "pag", "n", "on",
                             "geom", "rag"}),
    function_words=frozenset("il la di che e è un una per non in del della con sono si gli "
                             "le al anche".split()),
    calibration=("Buonasera, e benvenuti alla nostra trasmissione. Oggi parliamo del tempo, della "
                 "città e delle persone che fanno muovere le cose. Restate con noi, ne vale la "
                 "pena. Cominciamo con una notizia dal municipio."),
    intro="In questa edizione:",
    num2words="it",
    reading=READING,
    ui_words=UI_WORDS,
)
