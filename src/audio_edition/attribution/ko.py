"""Korean: a quote is speech when the quotative 라고 (or 고) and a verb of saying follow it
(``"…"라고 말했다``, ``"…"고 밝혔다``); the speaker stands before it as the subject and is not
named here. See :mod:`.grammar`."""

from __future__ import annotations

import re

from audio_edition.attribution.grammar import Grammar

_SAYING = ("말했", "말한", "밝혔", "밝힌", "전했", "설명했", "강조했", "주장했", "덧붙였", "지적했",
           "답했", "말하", "발표했", "언급했")

GRAMMAR = Grammar(
    quotative=re.compile(r"\s*(?:라|이라)?고\s*(?:\S+\s+){0,2}?(?:" + "|".join(_SAYING) + ")"),
)
"""Korean's own finders (see :mod:`.grammar`)."""
