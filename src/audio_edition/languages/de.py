"""German: Wörter, Anführungszeichen und Zahlen des Deutschen."""

from audio_edition.languages import Language

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
    months=('Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'),
    weekdays=('Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'),
    abbreviations=frozenset(['a', 'abs', 'art', 'aug', 'b', 'bzw', 'ca', 'd', 'dez', 'dr', 'feb', 'fr', 'h', 'hr', 'jan', 'nov', 'nr', 'okt', 'prof', 's', 'sept', 'st', 'str', 'tel', 'u', 'usw', 'vgl', 'z']),
    function_words=frozenset('der die das und ist nicht ein eine zu mit den von auf für sich dem im auch es wir'.split()),
    calibration=("Guten Abend, und willkommen zu unserer Sendung. Heute sprechen wir über das Wetter, "
    "über die Stadt und über Menschen, die etwas bewegen. Bleiben Sie dran, es lohnt "
    "sich. Wir beginnen mit einer Nachricht aus dem Rathaus."),
    intro='In dieser Ausgabe:',
    num2words="de",
)
