"""Arabic: a quote is speech when a verb of saying follows it after the Arabic comma
(``«…»، قال أحمد حسن.``); up to three words after the verb, to the next mark, name the speaker
(not ``إن``, "that", which opens what was said). See :mod:`.grammar`."""

from __future__ import annotations

import re

from audio_edition.attribution.grammar import Grammar

_SAYING = ("قال", "قالت", "أضاف", "أضافت", "أكد", "أكدت", "أوضح", "أوضحت", "صرح", "صرحت", "تابع",
           "تابعت", "ذكر", "ذكرت", "أشار", "أشارت", "يقول", "تقول")
_WORD = r"[^\s،,.؛;:؟?!«»\"“”]+"

GRAMMAR = Grammar(
    quotative=re.compile(r"\s*[،,]?\s*و?(?:" + "|".join(_SAYING) + r")(?![^\s،,.؛;:؟?!])"
                         rf"(?:\s+(?!(?:إن|أن|ان)\b)(?P<speaker>{_WORD}(?:\s+{_WORD}){{0,2}}))?"
                         r"(?=\s*[.،,؛;:؟?!]|\s*$)"),
)
"""Arabic's own finders (see :mod:`.grammar`)."""
