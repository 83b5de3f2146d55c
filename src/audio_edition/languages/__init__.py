"""Everything one language needs, in one place: a module per fully written language, and a
generic language for every other language the engines can speak.

A full language is a module in this package (``de.py``, ``es.py`` …) that defines ``LANGUAGE``,
a :class:`Language`. Adding a language means adding one such file; :func:`get` finds it by its
ISO 639-1 code. Any other code gets :func:`generic.language`, built from the Unicode CLDR data
that ICU carries (quotation marks, months, weekdays) and from num2words where it knows the
language.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Currency", "Language", "Reading", "base_code", "feed_tag", "get", "full_codes"]


@dataclass(frozen=True)
class Currency:
    """How a currency is said in one language."""

    one: str
    """The name after the number one (``Euro``, ``dollar``)."""
    many: str
    """The name after other amounts."""
    sub_one: str
    """The hundredth after one (``Cent``, ``penny``)."""
    sub_many: str
    """The hundredth after other amounts."""


EUR_SYMBOLS = ("€", "EUR")
USD_SYMBOLS = ("$", "US$", "USD")
GBP_SYMBOLS = ("£", "GBP")

COMMON_WORD_ACRONYMS = frozenset(
    {"NATO", "NASA", "UNESCO", "UNICEF", "FIFA", "UEFA", "OPEC", "COVID", "AIDS", "SARS", "MERS",
     "ASEAN", "INTERPOL", "LASER", "RADAR", "PIN", "SIM", "RAM", "ROM", "GIF", "DAX", "ISO"}
)
"""All-caps words every language reads as words, not letter by letter."""


def currencies(eur: Currency, usd: Currency, gbp: Currency, chf: Currency,
               yen: Currency) -> dict[str, Currency]:
    """Returns the table of currency symbols and codes -> names for one language."""
    table = {s: eur for s in EUR_SYMBOLS}
    table.update({s: usd for s in USD_SYMBOLS})
    table.update({s: gbp for s in GBP_SYMBOLS})
    table.update({"CHF": chf, "¥": yen, "JPY": yen})
    return table


@dataclass(frozen=True, eq=False)
class Reading:
    """How a language with written rules reads numbers, dates, times, units, money and
    abbreviations aloud (see :mod:`audio_edition.normalize`, which applies it).

    The shapes of dates, times and ordinals are chosen by name from the patterns normalize
    knows; a new language picks the ones it writes and fills in its own words.
    """

    decimal: str
    """The decimal separator as written."""
    group: str
    """Characters that separate thousands (in a regex character class)."""
    dot: str
    """The word for the dot in an address."""
    slash: str
    """The word for ``/`` in an address."""
    at: str
    """The word for ``@``."""
    percent: str
    """The word for ``%``."""
    range_word: str
    """The word for a dash between two numbers (``10–12``)."""
    and_word: str
    """The word for ``&``."""
    degree: str
    """The word for ``°``."""
    month_abbr: dict[str, int]
    """Abbreviated month names (with their dot) and the month number."""
    abbreviations: tuple[tuple[str, str, bool], ...]
    """(written form, spoken form, may end a sentence); inner dots may be followed by a space."""
    word_acronyms: frozenset[str]
    """All-caps words read as words, not spelled (``NATO``)."""
    currencies: dict[str, Currency]
    """Currency symbol or code -> its names."""
    scales: dict[str, str]
    """Scale words after an amount as written -> as spoken (``bn`` -> ``billion``)."""
    web_words: frozenset[str] = frozenset({"com", "org", "net", "info", "online", "shop", "blog"})
    """Address parts read as words; other short top-level domains are spelled."""
    paragraph: str = "section"
    """The word for ``§``."""
    celsius: str = "degrees Celsius"
    """The words for ``°C``."""
    decimal_word: str | None = None
    """The word for the decimal comma where num2words' own reading is wrong (Spanish ``punto``
    for ``coma``) or missing (Italian drops the decimals); None: num2words' reading."""
    zero: str = "zero"
    """The word for a leading zero after the decimal separator."""
    minus: str = "minus"
    """The word for a minus sign."""
    context_abbreviations: tuple[tuple[str, str], ...] = ()
    """(regex, spoken form): abbreviations that are one only in context (French ``M.`` before a
    name, English ``No.`` before a number)."""
    clock: str | None = None
    """How clock times are written: ``uhr`` (``14:30 Uhr``), ``am_pm`` (``2:30 pm``),
    ``heures`` (``14 h 30``); None: no clock rule."""
    dates: str = "cardinal"
    """How dates are read: ``german`` (an ordinal with case endings, ``3.10.2026``), ``english``
    (``October 3rd, 2026``, ``3 October``), ``cardinal`` (the day as a cardinal, see
    :attr:`date_words`)."""
    date_words: str = "{day} {month} {year}"
    """The spoken order of a ``cardinal`` date (Spanish ``{day} de {month} de {year}``)."""
    first_day: str | None = None
    """The word for the first of a month in a ``cardinal`` date (``premier``, ``primo``);
    None: the cardinal."""
    ordinals: str | None = None
    """How ordinals are written: ``dot`` (German ``3.``), ``english`` (``3rd``), ``french``
    (``3e``, ``1er``); None: no ordinal rule."""
    decades: str | None = None
    """The ending of a decade: ``s`` (``1990s``), ``er`` (``1990er``); None: no decade rule."""
    years: bool = True
    """Whether four-digit numbers from 1100 to 2099 are read as years (not in French)."""
    year_cues: frozenset[str] = frozenset()
    """Lower-case words before a four-digit number that make it a year."""
    count_words: frozenset[str] = frozenset()
    """Lower-case words after a four-digit number that make it a count (``1500 people``)."""
    nouns_count: bool = False
    """Whether a capitalized word after a four-digit number makes it a count (German nouns)."""
    one_before_noun: tuple[str, str] | None = None
    """The words for 1 before a capitalized noun, (masculine or neuter, feminine): German
    ``ein``/``eine``; None: the cardinal."""
    feminine_nouns: frozenset[str] = frozenset()
    """Nouns after 1 that take the feminine form of :attr:`one_before_noun`."""
    ordinal_cues: frozenset[str] = frozenset()
    """Lower-case words before a ``dot`` ordinal that make ``3.`` an ordinal, not a number
    ending a sentence (German ``am``, ``der``)."""
    ordinal_ending: Callable[[str, bool], str] | None = None
    """Returns the case ending an ordinal takes after the text before it (and whether it is a
    date's day); German only. None: no ending."""
    scale_plurals: dict[str, str] = field(default_factory=dict)
    """A scale word -> its plural after amounts other than one (``Million`` -> ``Millionen``)."""
    scale_of: tuple[str, str] | None = None
    """What joins a scale to the currency, before a consonant and before a vowel (French
    ``de``/``d'``); None: a space."""
    cents_words: str = "{whole} {name} {cents}"
    """The spoken order of an amount with cents (English ``{whole} {name} and {cents} {sub}``)."""


@dataclass(frozen=True)
class Language:
    """What the pipeline knows about one language."""

    code: str
    """The base code: ISO 639-1 where the language has one (``de``), else ISO 639-2/3 (``cmn``)."""
    iso639_2: str
    """The three-letter ISO 639-2/T code ID3 frames use (``deu``); ``und`` when unknown."""
    name: str
    """The language's English name."""
    full: bool
    """Whether rules are written for it (a module here), rather than generic."""
    quotes: tuple[tuple[str, str], ...]
    """Quotation mark pairs (opening, closing) in the order the language prefers them."""
    guillemet_opener: str = "»"
    """Which guillemet opens a quote when a text's own use does not tell: ``«`` or ``»``."""
    guillemets_fixed: bool = False
    """Whether :attr:`guillemet_opener` holds even when a text opens with the other guillemet
    (French always writes « … »)."""
    dialogue_dash: bool = False
    """Whether a paragraph opening with a dash (—) is a line of dialogue (Spanish)."""
    speech_verbs: frozenset[str] = frozenset()
    """Verbs and phrases that attribute a quote (``sagte``, ``dijo``, ``selon``)."""
    auxiliaries: frozenset[str] = frozenset()
    """Auxiliary verbs that come before a speech verb's participle (``ha detto``, ``a dit``)."""
    pronouns: frozenset[str] = frozenset()
    """Third-person subject pronouns that can stand for a speaker."""
    pronoun_gender: dict[str, str] = field(default_factory=dict)
    """Pronoun -> ``m``/``f``."""
    determiners: frozenset[str] = frozenset()
    """Articles and possessives that may open a noun phrase naming a speaker."""
    honorifics: frozenset[str] = frozenset()
    """Forms of address dropped from a name (``Herr``, ``señora``), lower case, no dot."""
    offices: frozenset[str] = frozenset()
    """Titles of office that make the following words a name (``ministra``, ``sindaco``)."""
    months: tuple[str, ...] = ()
    """Month names, January first, as written in running text."""
    weekdays: tuple[str, ...] = ()
    """Weekday names, Monday first."""
    abbreviations: frozenset[str] = frozenset()
    """Abbreviations (lower case, no final dot) after which a full stop does not end a sentence."""
    function_words: frozenset[str] = frozenset()
    """The commonest short words, to tell the language from others in a text."""
    calibration: str = ""
    """What a voice of the language reads to have its loudness measured."""
    intro: str = ""
    """The line before an edition's list of articles; empty: the titles alone."""
    num2words: str | None = None
    """The language num2words spells numbers in, or None when it does not know it."""
    sentence_ends: str = ".!?…"
    """Characters that end a sentence."""
    reading: Reading | None = None
    """How numbers, dates and abbreviations are read, for a language with rules written; None:
    the generic reading (plain numbers spelled by num2words where it knows the language)."""
    decimal_sign: str = "."
    """The decimal separator of a generic language's numbers, from CLDR (``,`` in Portuguese);
    a full language's is its :attr:`Reading.decimal`."""
    group_sign: str = ","
    """The thousands separator of a generic language's numbers, from CLDR (``.`` in
    Portuguese, a no-break space in Polish)."""
    ui_words: dict[str, str] = field(default_factory=dict)
    """The words of the listening pages (:mod:`audio_edition.ui_words`) by their role on the
    page: labels of controls, headings, short hints, the month names and date format; empty:
    English's stand in."""


def base_code(tag: str | None) -> str:
    """Returns the base language of a tag, lower case: ``de-AT`` -> ``de``, ``pt_BR`` -> ``pt``,
    ``cmn`` -> ``cmn``; ``""`` for an empty tag. The one normalizer of language tags."""
    return re.split(r"[-_]", (tag or "").strip(), maxsplit=1)[0].lower()


# Languages espeak-ng names by an ISO 639-3 code that feed readers do not know, as BCP 47 writes
# them under the ISO 639-1 code of their macrolanguage (an extended language subtag) or as a
# registered variant: Mandarin, Hakka, Min Nan, Cantonese, Latgalian, Western Armenian.
_FEED_TAGS = {"cmn": "zh-cmn", "hak": "zh-hak", "nan": "zh-nan", "yue": "zh-yue", "ltg": "lv-ltg",
              "hyw": "hy-arevmda"}


def feed_tag(tag: str) -> str:
    """Returns the language tag ``tag`` in the form feeds carry it: its primary subtag an ISO 639
    code that podcast apps and the W3C feed validator know (``cmn`` -> ``zh-cmn``, ``yue-HK`` ->
    ``zh-yue-HK``); any other tag as it is."""
    base, sep, rest = (tag or "").partition("-")
    mapped = _FEED_TAGS.get(base.lower())
    return f"{mapped}{sep}{rest}" if mapped else tag


@functools.cache
def full_codes() -> tuple[str, ...]:
    """Returns the codes of the fully written languages, the modules of this package."""
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__)
                        if m.name != "generic" and not m.name.startswith("_")))


@functools.cache
def get(tag: str | None) -> Language:
    """Returns the language of ``tag``: its module when written, else the generic one."""
    code = base_code(tag) or "und"
    if code in full_codes():
        return importlib.import_module(f"{__name__}.{code}").LANGUAGE
    from audio_edition.languages import generic

    return generic.language(code)
