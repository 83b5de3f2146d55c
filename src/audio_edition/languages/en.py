"""English: the words, quotation marks and numbers of English."""

from audio_edition.languages import Language

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|explained|explains|warned|warns|noted|notes|argued|argues|"
    "asked|asks|replied|replies|wrote|writes|stressed|stresses|insisted|insists|recalled|recalls|"
    "remarked|continued|continues|admitted|admits|announced|declared|claimed|claims|suggested|"
    "observed|commented|conceded|acknowledged|agreed|countered|cautioned|urged|joked|laughed|"
    "sighed|shouted|promised|predicted|confirmed|tweeted|posted|concluded|emphasised|emphasized|"
    "believes|thinks|thought|put it|according"
)
"""Verbs (and a few phrases) that attribute a quote, separated by ``|``."""

LANGUAGE = Language(
    code="en", iso639_2="eng", name="English", full=True,
    quotes=(("“", "”"), ("‘", "’"), ('"', '"')),
    guillemet_opener="»",
    speech_verbs=frozenset(SPEECH_VERBS.split("|")),
    pronouns=frozenset(['he', 'she', 'they']),
    pronoun_gender={'he': 'm', 'she': 'f'},
    determiners=frozenset(['a', 'an', 'her', 'his', 'its', 'the', 'their']),
    honorifics=frozenset(['dame', 'dr', 'lady', 'lord', 'miss', 'mr', 'mrs', 'ms', 'prof', 'professor', 'sir']),
    offices=frozenset(['chairman', 'chairwoman', 'director', 'mayor', 'minister', 'president', 'spokesman', 'spokesperson', 'spokeswoman']),
    months=('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'),
    weekdays=('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'),
    abbreviations=frozenset(['aug', 'co', 'dec', 'dr', 'e', 'etc', 'feb', 'g', 'i', 'inc', 'jan', 'jr', 'ltd', 'mr', 'mrs', 'ms', 'no', 'nov', 'oct', 'prof', 'sept', 'sr', 'st', 'vs']),
    function_words=frozenset('the and of to is in that it for on with as was are this by be at we not'.split()),
    calibration=("Good evening, and welcome to the programme. Tonight we talk about the weather, about "
    "the town and about people who get things done. Stay with us, it is worth it. We "
    "begin with a story from the town hall."),
    intro='In this edition:',
    num2words="en",
)
