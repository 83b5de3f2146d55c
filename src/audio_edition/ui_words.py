"""The few words of the listening pages (:mod:`audio_edition.pages`), per language.

Each full language's module in :mod:`audio_edition.languages` holds its words
(``Language.ui_words``); :data:`WORDS` gathers them, keyed by language and then by the word's
role on the page. A language that has none, or a word a language lacks, falls back to English.
"""

from __future__ import annotations

import datetime as dt

from audio_edition import languages

FALLBACK = "en"
"""The language whose words stand in for missing ones."""

WORDS: dict[str, dict[str, str]] = {
    code: languages.get(code).ui_words for code in languages.full_codes() if languages.get(code).ui_words
}
"""Language -> the page's words: labels of controls, headings and short hints, each from its
language's module in :mod:`audio_edition.languages` (``UI_WORDS``)."""


def words(lang: str) -> dict[str, str]:
    """Returns every word of the pages in ``lang`` (or its base language), English where the
    language has no word of its own."""
    return {**WORDS[FALLBACK], **WORDS.get(languages.base_code(lang), {})}


def megabytes(size: int, lang: str) -> str:
    """Returns ``size`` bytes in megabytes with one decimal, as ``lang`` writes it (``4,2 MB``)."""
    return f"{size / 1e6:.1f} MB".replace(".", words(lang)["decimal"])


def long_date(when: dt.date, lang: str) -> str:
    """Returns ``when`` written out as readers of ``lang`` expect (``28. November 2026``)."""
    own = languages.base_code(lang) in WORDS
    month = languages.get(lang if own else FALLBACK).months[when.month - 1]
    return words(lang)["date"].format(d=when.day, month=month, y=when.year)


__all__ = ["FALLBACK", "WORDS", "long_date", "megabytes", "words"]
