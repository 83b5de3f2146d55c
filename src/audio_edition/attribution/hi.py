"""Hindi: a quote is speech when a verb of saying follows it (``"…", मंत्री राजेश शर्मा ने कहा।``,
``"…", उन्होंने बताया।``); the words before ने name the speaker, without a title before the
name (मंत्री राजेश शर्मा ने कहा: राजेश शर्मा). See :mod:`.grammar`."""

from __future__ import annotations

import re

from audio_edition.attribution.grammar import Grammar

_SAYING = ("कहा", "बताया", "कहती", "कहते", "कहता", "जोड़ा", "दोहराया", "स्पष्ट किया", "लिखा")
_WORD = r"[\u0900-\u097f]+"
# titles written before a name (मंत्री राजेश शर्मा: the minister Rajesh Sharma)
_TITLES = ("प्रधानमंत्री", "मुख्यमंत्री", "मंत्री", "अध्यक्ष", "महापौर", "प्रोफेसर", "डॉ.", "श्रीमती",
           "श्री", "निदेशक", "प्रवक्ता")

GRAMMAR = Grammar(
    quotative=re.compile(r"\s*[,،]?\s*(?:उन्होंने|उसने|(?:(?:" + "|".join(map(re.escape, _TITLES))
                         + r")\s)?(?P<speaker>" + _WORD + r"(?:\s" + _WORD + r"){0,2}?)\sने)\s(?:"
                         + "|".join(_SAYING) + r")"),
)
"""Hindi's own finders (see :mod:`.grammar`)."""
