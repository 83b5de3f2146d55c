"""English: the words, quotation marks and numbers of English."""

from audio_edition.languages import (
    COMMON_WORD_ACRONYMS, Currency, Language, Reading, currencies,
)

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|explained|explains|warned|warns|noted|notes|argued|argues|"
    "asked|asks|replied|replies|wrote|writes|stressed|stresses|insisted|insists|recalled|recalls|"
    "remarked|continued|continues|admitted|admits|announced|declared|claimed|claims|suggested|"
    "observed|commented|conceded|acknowledged|agreed|countered|cautioned|urged|joked|laughed|"
    "sighed|shouted|promised|predicted|confirmed|tweeted|posted|concluded|emphasised|emphasized|"
    "believes|thinks|thought|put it|according"
)
"""Verbs (and a few phrases) that attribute a quote, separated by ``|``."""


COUNT_WORDS = frozenset(
    {"people", "persons", "men", "women", "children", "employees", "workers", "jobs", "staff",
     "members", "users", "visitors", "students", "homes", "houses", "cars", "units", "copies",
     "words", "pages", "times", "votes", "dollars", "euros", "pounds", "francs", "km", "kg",
     "miles", "meters", "metres", "kilometers", "kilometres", "feet", "tons", "tonnes",
     "hours", "minutes", "seconds", "days", "years", "calories", "points", "items", "books",
     "signatures", "participants", "patients", "residents", "beds", "seats", "tickets"}
)
"""Words after a four-digit number that make it a count ("1500 people"), not a year."""

# fmt: off
READING = Reading(
    decimal=".",
    group=",\u00a0\u202f\u2009 ",
    dot="dot",
    slash="slash",
    at="at",
    percent="percent",
    range_word="to",
    and_word="and",
    degree="degrees",
    month_abbr={"Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8,
                "Sep.": 9, "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12},
    abbreviations=(
        ("e.g.", "for example", False),
        ("i.e.", "that is", False),
        ("etc.", "et cetera", True),
        ("vs.", "versus", False),
        ("approx.", "approximately", False),
        ("Mr.", "Mister", False),
        ("Mr", "Mister", False),
        ("Mrs.", "Missus", False),
        ("Mrs", "Missus", False),
        ("Ms.", "Mizz", False),
        ("Dr.", "Doctor", False),
        ("Prof.", "Professor", False),
        ("Jr.", "Junior", True),
        ("Sr.", "Senior", True),
        ("Inc.", "Incorporated", True),
        ("Ltd.", "Limited", True),
        ("a.m.", "A-M", True),
        ("p.m.", "P-M", True),
    ),
    word_acronyms=COMMON_WORD_ACRONYMS | {"NAFTA", "SWAT", "SCUBA", "LAN", "FEMA", "OSHA"},
    currencies=currencies(
        Currency("euro", "euros", "cent", "cents"),
        Currency("dollar", "dollars", "cent", "cents"),
        Currency("pound", "pounds", "penny", "pence"),
        Currency("Swiss franc", "Swiss francs", "centime", "centimes"),
        Currency("yen", "yen", "sen", "sen"),
    ),
    scales={"thousand": "thousand", "million": "million", "billion": "billion",
            "trillion": "trillion", "k": "thousand", "m": "million", "bn": "billion",
            "tn": "trillion"},
    context_abbreviations=((r"(?<![\w.])No\.(?=\s*\d)", "number"),),
    clock="am_pm",
    dates="english",
    ordinals="english",
    decades="s",
    count_words=COUNT_WORDS,
    cents_words="{whole} {name} and {cents} {sub}",
)
"""How numbers, dates, money and abbreviations are read."""
# fmt: on

UI_WORDS = {
    "all_episodes": "All episodes",
    "episodes": "Episodes",
    "subscribe": "Subscribe",
    "feed_url": "Feed address",
    "apps": "Or paste the feed address into any podcast app.",
    "copy": "Copy",
    "copied": "Copied",
    "play": "Play",
    "pause": "Pause",
    "back": "Back 15 seconds",
    "forward": "Forward 15 seconds",
    "speed": "Speed",
    "position": "Position",
    "of": "of",
    "player": "Player",
    "keys": "Space: play or pause. Left and right arrows: 15 seconds back or forward.",
    "chapters": "Chapters",
    "transcript": "Transcript",
    "follow": "Keep the sentence being read in view",
    "no_transcript": "There is no transcript of this episode.",
    "download": "Download",
    "mp3": "Audio (MP3)",
    "vtt": "Transcript (WebVTT)",
    "srt": "Transcript (SRT)",
    "chapters_json": "Chapters (JSON)",
    "embed": "Embed",
    "embed_hint": "Paste this code into a web page to show the player there.",
    "embed_code": "Embed code",
    "listen": "Listen",
    "open_page": "Open the episode page",
    "article": "Read the article",
    "published": "Published",
    "duration": "Duration",
    "date": "{d} {month} {y}",
    "decimal": ".",
}
"""The words of the listening pages (:mod:`audio_edition.pages`), by their role on the page."""


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
    reading=READING,
    ui_words=UI_WORDS,
)
