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
from dataclasses import dataclass, field

__all__ = ["Language", "base_code", "get", "full_codes"]


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


def base_code(tag: str | None) -> str:
    """Returns the base language of a tag, lower case: ``de-AT`` -> ``de``, ``pt_BR`` -> ``pt``,
    ``cmn`` -> ``cmn``; ``""`` for an empty tag. The one normalizer of language tags."""
    return re.split(r"[-_]", (tag or "").strip(), maxsplit=1)[0].lower()


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
