"""French: les mots, les guillemets et les nombres du français."""

from audio_edition.languages import Language

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

LANGUAGE = Language(
    code="fr", iso639_2="fra", name="French", full=True,
    quotes=(("«", "»"), ("“", "”"), ("‹", "›"), ('"', '"')),
    guillemet_opener="«",
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
)
