"""Spanish: las palabras, las comillas y los números del español."""

from audio_edition.languages import (
    COMMON_WORD_ACRONYMS, Currency, Language, Reading, currencies,
)

SPEECH_VERBS = (
    "dijo|dice|dicen|dijeron|afirmó|afirma|aseguró|asegura|explicó|explica|señaló|señala|declaró|"
    "declara|añadió|añade|indicó|indica|subrayó|subraya|advirtió|advierte|comentó|comenta|"
    "manifestó|manifiesta|sostuvo|sostiene|agregó|agrega|insistió|insiste|reconoció|reconoce|"
    "admitió|admite|precisó|precisa|destacó|destaca|recordó|recuerda|apuntó|apunta|relató|relata|"
    "contó|cuenta|respondió|responde|preguntó|pregunta|concluyó|concluye|lamentó|lamenta|criticó|"
    "critica|denunció|denuncia|anunció|anuncia|confirmó|confirma|escribió|escribe|detalló|detalla|"
    "expresó|expresa|opinó|opina|resumió|resume|aclaró|aclara|prometió|promete|bromeó|sentenció|"
    "zanjó|defendió|defiende|exclamó|replicó|replica|avisó|avisa|según|"
    # participles after "ha"/"había": "ha dicho la alcaldesa", "había advertido"
    "dicho|afirmado|asegurado|explicado|señalado|declarado|añadido|indicado|subrayado|advertido|"
    "comentado|manifestado|sostenido|agregado|insistido|reconocido|admitido|precisado|destacado|"
    "recordado|apuntado|relatado|contado|respondido|preguntado|concluido|lamentado|criticado|"
    "denunciado|anunciado|confirmado|escrito|detallado|expresado|aclarado|prometido|defendido|"
    "replicado|avisado"
)
"""Verbs (and ``según``) that attribute a quote, separated by ``|``."""

# fmt: off
READING = Reading(
    minus="menos",
    decimal_word="coma",
    zero="cero",
    paragraph="artículo",
    celsius="grados Celsius",
    decimal=",",
    group="\u00a0\u202f\u2009 .",
    dot="punto",
    slash="barra",
    at="arroba",
    percent="por ciento",
    range_word="a",
    and_word="y",
    degree="grados",
    month_abbr={"ene.": 1, "feb.": 2, "mar.": 3, "abr.": 4, "jun.": 6, "jul.": 7, "ago.": 8,
                "sept.": 9, "sep.": 9, "oct.": 10, "nov.": 11, "dic.": 12},
    abbreviations=(
        ("p. ej.", "por ejemplo", False),
        ("etc.", "etcétera", True),
        ("aprox.", "aproximadamente", False),
        ("Sr.", "señor", False),
        ("Sra.", "señora", False),
        ("Srta.", "señorita", False),
        ("Dr.", "doctor", False),
        ("Dra.", "doctora", False),
        ("EE. UU.", "Estados Unidos", True),
        ("núm.", "número", False),
        ("n.º", "número", False),
    ),
    word_acronyms=COMMON_WORD_ACRONYMS | {"OTAN", "ONU", "ONCE", "RENFE", "OCDE", "IVA"},
    currencies=currencies(
        Currency("euro", "euros", "céntimo", "céntimos"),
        Currency("dólar", "dólares", "centavo", "centavos"),
        Currency("libra", "libras", "penique", "peniques"),
        Currency("franco suizo", "francos suizos", "céntimo", "céntimos"),
        Currency("yen", "yenes", "sen", "sen"),
    ),
    scales={"mil": "mil", "millón": "millón", "millones": "millones", "M": "millones",
            "mm": "mil millones", "millardos": "mil millones"},
    date_words="{day} de {month} de {year}",
    scale_of=("de ", "de "),
)
"""How numbers, dates, money and abbreviations are read."""
# fmt: on

UI_WORDS = {
    "all_episodes": "Todos los episodios",
    "episodes": "Episodios",
    "subscribe": "Suscribirse",
    "feed_url": "Dirección del feed",
    "apps": "O pegue la dirección del feed en cualquier aplicación de pódcasts.",
    "copy": "Copiar",
    "copied": "Copiado",
    "play": "Reproducir",
    "pause": "Pausa",
    "back": "Retroceder 15 segundos",
    "forward": "Avanzar 15 segundos",
    "speed": "Velocidad",
    "position": "Posición",
    "of": "de",
    "player": "Reproductor",
    "keys": "Espacio: reproducir o pausar. Flechas izquierda y derecha: retroceder o "
            "avanzar 15 segundos.",
    "chapters": "Capítulos",
    "transcript": "Transcripción",
    "follow": "Mantener a la vista la frase que se lee",
    "no_transcript": "Este episodio no tiene transcripción.",
    "download": "Descargar",
    "mp3": "Audio (MP3)",
    "vtt": "Transcripción (WebVTT)",
    "srt": "Transcripción (SRT)",
    "chapters_json": "Capítulos (JSON)",
    "embed": "Insertar",
    "embed_hint": "Pegue este código en una página web para mostrar allí el reproductor.",
    "embed_code": "Código para insertar",
    "listen": "Escuchar",
    "open_page": "Abrir la página del episodio",
    "article": "Leer el artículo",
    "published": "Publicado",
    "duration": "Duración",
    "date": "{d} de {month} de {y}",
    "decimal": ",",
}
"""The words of the listening pages (:mod:`audio_edition.pages`), by their role on the page."""


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
    reading=READING,
    ui_words=UI_WORDS,
)
