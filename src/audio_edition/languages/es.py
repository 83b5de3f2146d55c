"""Spanish: las palabras, las comillas y los números del español."""

from audio_edition.languages import Language

SPEECH_VERBS = (
    "dijo|dice|dicen|dijeron|afirmó|afirma|aseguró|asegura|explicó|explica|señaló|señala|declaró|"
    "declara|añadió|añade|indicó|indica|subrayó|subraya|advirtió|advierte|comentó|comenta|"
    "manifestó|manifiesta|sostuvo|sostiene|agregó|agrega|insistió|insiste|reconoció|reconoce|"
    "admitió|admite|precisó|precisa|destacó|destaca|recordó|recuerda|apuntó|apunta|relató|relata|"
    "contó|cuenta|respondió|responde|preguntó|pregunta|concluyó|concluye|lamentó|lamenta|criticó|"
    "critica|denunció|denuncia|anunció|anuncia|confirmó|confirma|escribió|escribe|detalló|detalla|"
    "expresó|expresa|opinó|opina|resumió|resume|aclaró|aclara|prometió|promete|bromeó|sentenció|"
    "zanjó|defendió|defiende|exclamó|replicó|replica|avisó|avisa|según"
)
"""Verbs (and ``según``) that attribute a quote, separated by ``|``."""

LANGUAGE = Language(
    code="es", iso639_2="spa", name="Spanish", full=True,
    # «…» in print, “…” inside them and in much online news; the dash opens dialogue.
    quotes=(("«", "»"), ("“", "”"), ("‘", "’"), ('"', '"')),
    guillemet_opener="«",
    dialogue_dash=True,
    speech_verbs=frozenset(SPEECH_VERBS.split("|")),
    auxiliaries=frozenset({"ha", "había", "habría", "han", "habían"}),
    pronouns=frozenset({"él", "ella"}),
    pronoun_gender={"él": "m", "ella": "f"},
    determiners=frozenset({"el", "la", "los", "las", "un", "una", "su", "sus"}),
    honorifics=frozenset({"señor", "señora", "señorita", "sr", "sra", "srta", "don", "doña", "dr",
                          "dra"}),
    offices=frozenset({"alcalde", "alcaldesa", "ministro", "ministra", "presidente", "presidenta",
                       "portavoz", "director", "directora", "consejero", "consejera", "concejal",
                       "concejala", "secretario", "secretaria", "juez", "jueza", "delegado",
                       "delegada"}),
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre"),
    weekdays=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    abbreviations=frozenset({"sr", "sra", "srta", "dr", "dra", "ud", "uds", "etc", "pág", "núm",
                             "av", "avda", "ee", "uu", "aprox"}),
    function_words=frozenset("el la los las de del y que en un una es por con para no se su al "
                             "lo como".split()),
    calibration=("Buenas noches, y bienvenidos a nuestro programa. Hoy hablamos del tiempo, de la "
                 "ciudad y de las personas que mueven las cosas. Quédense con nosotros, merece la "
                 "pena. Empezamos con una noticia del ayuntamiento."),
    intro="En esta edición:",
    num2words="es",
)
