"""Italian: le parole, le virgolette e i numeri dell'italiano."""

from audio_edition.languages import Language

SPEECH_VERBS = (
    "detto|dice|dicono|disse|dichiarato|dichiara|dichiarò|affermato|afferma|affermò|spiegato|"
    "spiega|spiegò|sottolineato|sottolinea|aggiunto|aggiunge|aggiunse|ricordato|ricorda|osservato|"
    "osserva|commentato|commenta|precisato|precisa|assicurato|assicura|annunciato|annuncia|"
    "avvertito|avverte|ammesso|ammette|raccontato|racconta|risposto|risponde|chiesto|chiede|"
    "concluso|conclude|denunciato|denuncia|insistito|insiste|scritto|scrive|confermato|conferma|"
    "rilevato|rileva|evidenziato|evidenzia|replicato|replica|ribadito|ribadisce|sostiene|"
    "sostenuto|spiegava|diceva|secondo"
)
"""Verbs (and ``secondo``) that attribute a quote, separated by ``|``."""

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
)
