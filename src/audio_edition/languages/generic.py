"""The generic language: what can be said about any language from CLDR (through ICU) and
num2words, without rules written for it.

Quotation marks, months and weekdays come from the locale's CLDR data; the numbers are spelled by
num2words when it knows the language and are left as digits (for the engine to read) otherwise.
Sentences are split by ICU's sentence rules, which know the full stops of scripts other than the
Latin one (``。``, ``।``, ``؟``).

Why ICU rather than Babel, which the issue names for CLDR's quotation marks: ICU carries the same
CLDR data (quotation delimiters, month and weekday names, language names, ISO 639-2 codes) and
also the sentence break iterator, which Babel does not have; one library (``pyicu-wheels``, PyICU
as binary wheels, so ``pip install`` needs no compiler or libicu) covers both.
"""

from __future__ import annotations

import functools

from audio_edition.languages import Language

_NUM2WORDS_ALIASES = {"nb": "no", "kk": "kz", "cmn": "zh", "yue": "zh"}
"""Where num2words' code differs from ours."""


@functools.cache
def num2words_lang(code: str) -> str | None:
    """Returns the language code num2words spells numbers in for ``code``, or None."""
    from num2words import CONVERTER_CLASSES

    code = _NUM2WORDS_ALIASES.get(code, code)
    return code if code in CONVERTER_CLASSES else None


_ICU_ALIASES = {"cmn": "zh", "yue": "zh_Hant_HK", "hak": "zh", "nan": "zh"}
"""espeak-ng's codes for Chinese languages, and the CLDR locale that has their data."""


def _locale(code: str):
    import icu

    return icu.Locale(_ICU_ALIASES.get(code, code))


def sentences(text: str, code: str) -> list[str]:
    """Returns the sentences of ``text`` by ICU's sentence rules for the locale of ``code``,
    stripped, empty ones dropped. ICU knows the full stops of every script (``。``, ``।``,
    ``؟``, ``።``) and needs no space after them."""
    import icu

    whole = icu.UnicodeString(text)  # ICU counts in UTF-16 units; slicing its string keeps them
    breaker = icu.BreakIterator.createSentenceInstance(_locale(code))
    breaker.setText(whole)
    out = []
    start = breaker.first()
    for end in breaker:
        piece = str(whole[start:end]).strip()
        if piece:
            out.append(piece)
        start = end
    return out


def cldr_quotes(code: str) -> tuple[tuple[str, str], ...]:
    """Returns the locale's quotation mark pairs, the primary pair first (CLDR)."""
    import icu

    data = icu.LocaleData(_ICU_ALIASES.get(code, code))
    kinds = icu.ULocaleDataDelimiterType
    primary = (data.getDelimiter(kinds.QUOTATION_START), data.getDelimiter(kinds.QUOTATION_END))
    alternate = (data.getDelimiter(kinds.ALT_QUOTATION_START),
                 data.getDelimiter(kinds.ALT_QUOTATION_END))
    pairs = [primary, alternate, ("“", "”"), ('"', '"')]
    return tuple(dict.fromkeys(p for p in pairs if all(p)))


@functools.cache
def language(code: str) -> Language:
    """Returns the generic :class:`Language` for ``code`` (a base code)."""
    import icu

    locale = _locale(code)
    try:
        iso = locale.getISO3Language() or "und"
    except icu.ICUError:
        iso = "und"
    name = locale.getDisplayLanguage(icu.Locale("en")) or code
    symbols = icu.DateFormatSymbols(locale)
    months = tuple(symbols.getMonths())
    weekdays = tuple(symbols.getWeekdays())[1:]
    weekdays = weekdays[1:] + weekdays[:1]  # Monday first
    quotes = cldr_quotes(code)
    opener = "«" if ("«", "»") in quotes else "»"
    # Something the voice can read in its own language to be measured: its month and day names.
    calibration = ", ".join(months) + ". " + ", ".join(weekdays) + "."
    signs = icu.DecimalFormatSymbols(locale)
    decimal = signs.getSymbol(icu.DecimalFormatSymbols.kDecimalSeparatorSymbol) or "."
    group = signs.getSymbol(icu.DecimalFormatSymbols.kGroupingSeparatorSymbol) or ","
    return Language(
        code=code, iso639_2=iso if len(iso) == 3 else "und", name=name, full=False,
        decimal_sign=decimal, group_sign=group,
        quotes=quotes, guillemet_opener=opener, months=months, weekdays=weekdays,
        calibration=calibration, num2words=num2words_lang(code),
        sentence_ends=".!?…。！？।॥؟۔፧።",
    )
