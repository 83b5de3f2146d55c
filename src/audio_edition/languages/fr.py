"""French: les mots, les guillemets et les nombres du français."""

from audio_edition.languages import (
    COMMON_WORD_ACRONYMS, Currency, Language, Reading, currencies,
)

SPEECH_VERBS = (
    "déclaré|déclare|dit|expliqué|explique|affirmé|affirme|ajouté|ajoute|souligné|souligne|estimé|"
    "estime|averti|avertit|indiqué|indique|répondu|répond|précisé|précise|lancé|lance|confié|confie|"
    "raconté|raconte|insisté|insiste|noté|note|rappelé|rappelle|poursuivi|poursuit|assuré|assure|"
    "reconnu|reconnaît|martelé|martèle|prévenu|prévient|regretté|regrette|dénoncé|dénonce|jugé|"
    "juge|commenté|commente|annoncé|annonce|écrit|résumé|résume|confirmé|confirme|interrogé|"
    "sourit|souri|glisse|glissé|lâche|lâché|tranche|tranché|ironise|conclut|conclu|admet|admis|"
    "avoue|avoué|s'exclame|s’exclame|témoigne|témoigné|observe|observé|prévient|"
    "selon|d'après|d’après"
)
"""Verbs (and a few phrases) that attribute a quote, separated by ``|``."""

# fmt: off
READING = Reading(
    minus="moins",
    paragraph="article",
    celsius="degrés Celsius",
    decimal=",",
    group="\u00a0\u202f\u2009 .",
    dot="point",
    slash="barre oblique",
    at="arobase",
    percent="pour cent",
    range_word="à",
    and_word="et",
    degree="degrés",
    month_abbr={"janv.": 1, "févr.": 2, "avr.": 4, "juil.": 7, "sept.": 9, "oct.": 10,
                "nov.": 11, "déc.": 12},
    abbreviations=(
        ("p.ex.", "par exemple", False),
        ("c.-à-d.", "c'est-à-dire", False),
        ("etc.", "et cetera", True),
        ("env.", "environ", False),
        ("cf.", "confer", False),
        ("Mme", "Madame", False),
        ("Mmes", "Mesdames", False),
        ("Mlle", "Mademoiselle", False),
        ("Mlles", "Mesdemoiselles", False),
        ("MM.", "Messieurs", False),
        ("Dr", "Docteur", False),
        ("Dr.", "Docteur", False),
        ("Pr", "Professeur", False),
        ("n°", "numéro", False),
        ("nº", "numéro", False),
        ("N°", "numéro", False),
    ),
    word_acronyms=COMMON_WORD_ACRONYMS | {"OTAN", "ONU", "SIDA", "OVNI", "INSEE", "CAC", "SMIC",
                                           "ENA", "CNIL"},
    currencies=currencies(
        Currency("euro", "euros", "centime", "centimes"),
        Currency("dollar", "dollars", "cent", "cents"),
        Currency("livre", "livres", "penny", "pence"),
        Currency("franc suisse", "francs suisses", "centime", "centimes"),
        Currency("yen", "yens", "sen", "sen"),
    ),
    scales={"mille": "mille", "million": "million", "millions": "millions",
            "milliard": "milliard", "milliards": "milliards", "M": "millions",
            "Md": "milliards", "Mds": "milliards"},
    # "M." is "Monsieur" only before a name; elsewhere it may be an initial.
    context_abbreviations=((r"(?<![\w.])M\.(?=\s+[A-ZÀ-Ý])", "Monsieur"),),
    clock="heures",
    first_day="premier",
    ordinals="french",
    years=False,  # French reads years as ordinary cardinals
    scale_of=("de ", "d'"),
)
"""How numbers, dates, money and abbreviations are read."""
# fmt: on

UI_WORDS = {
    "all_episodes": "Tous les épisodes",
    "episodes": "Épisodes",
    "subscribe": "S’abonner",
    "feed_url": "Adresse du flux",
    "apps": "Ou collez l’adresse du flux dans n’importe quelle application de podcasts.",
    "copy": "Copier",
    "copied": "Copié",
    "play": "Lecture",
    "pause": "Pause",
    "back": "Reculer de 15 secondes",
    "forward": "Avancer de 15 secondes",
    "speed": "Vitesse",
    "position": "Position",
    "of": "sur",
    "player": "Lecteur",
    "keys": "Espace : lecture ou pause. Flèches gauche et droite : reculer ou avancer "
            "de 15 secondes.",
    "chapters": "Chapitres",
    "transcript": "Transcription",
    "follow": "Garder la phrase lue à l’écran",
    "no_transcript": "Cet épisode n’a pas de transcription.",
    "download": "Télécharger",
    "mp3": "Audio (MP3)",
    "vtt": "Transcription (WebVTT)",
    "srt": "Transcription (SRT)",
    "chapters_json": "Chapitres (JSON)",
    "embed": "Intégrer",
    "embed_hint": "Collez ce code dans une page web pour y afficher le lecteur.",
    "embed_code": "Code d’intégration",
    "listen": "Écouter",
    "open_page": "Ouvrir la page de l’épisode",
    "article": "Lire l’article",
    "published": "Publié",
    "duration": "Durée",
    "date": "{d} {month} {y}",
    "decimal": ",",
}
"""The words of the listening pages (:mod:`audio_edition.pages`), by their role on the page."""


LANGUAGE = Language(
    code="fr", iso639_2="fra", name="French", full=True,
    quotes=(("«", "»"), ("“", "”"), ("‹", "›"), ('"', '"')),
    guillemet_opener="«",
    guillemets_fixed=True,
    speech_verbs=frozenset(SPEECH_VERBS.split("|")),
    auxiliaries=frozenset({"a", "avait", "aurait", "ont", "avaient"}),
    pronouns=frozenset(['elle', 'il']),
    pronoun_gender={'il': 'm', 'elle': 'f'},
    determiners=frozenset(['l', 'la', 'le', 'les', 'leur', 'sa', 'ses', 'son', 'un', 'une']),
    honorifics=frozenset(['dr', 'm', 'madame', 'mademoiselle', 'mlle', 'mme', 'monsieur', 'pr']),
    offices=frozenset(['directeur', 'directrice', 'juge', 'maire', 'ministre', 'porte-parole', 'président', 'présidente', 'secrétaire']),
    months=('janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'),
    weekdays=('lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'),
    abbreviations=frozenset(['av', 'bd', 'cf', 'env', 'etc', 'ex', 'm', 'mlle', 'mme', 'p']),
    function_words=frozenset('le la les et est un une des du en que qui dans pour pas au sur il nous ce'.split()),
    calibration=("Bonsoir, et bienvenue dans notre émission. Ce soir, nous parlons du temps qu'il fait, "
    "de la ville et des gens qui font bouger les choses. Restez avec nous, cela en vaut "
    "la peine. Nous commençons par une nouvelle de la mairie."),
    intro='Dans cette édition :',
    num2words="fr",
    reading=READING,
    ui_words=UI_WORDS,
)
