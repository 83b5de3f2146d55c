"""Dutch: de woorden, aanhalingstekens en getallen van het Nederlands."""

from audio_edition.languages import Language

SPEECH_VERBS = (
    "zei|zegt|zeggen|zeiden|vertelde|vertelt|verklaarde|verklaart|legde|legt|benadrukte|"
    "benadrukt|waarschuwde|waarschuwt|voegde|voegt|aldus|stelde|stelt|meldde|meldt|schreef|"
    "schrijft|antwoordde|antwoordt|vroeg|vraagt|reageerde|reageert|erkende|erkent|concludeerde|"
    "concludeert|liet|bevestigde|bevestigt|beloofde|belooft|vindt|vond|merkte|merkt|riep|roept|"
    "herhaalde|herhaalt|onderstreepte|betoogde|betoogt|verzekerde|verzekert|gaf|geeft|zucht|"
    "zuchtte|volgens"
)
"""Verbs (and ``aldus``, ``volgens``) that attribute a quote, separated by ``|``."""

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
)
