"""Korean: a quote is speech when the quotative 라고 (or 고) and a verb of saying follow it
(``"…"라고 말했다``, ``"…"고 밝혔다``); the speaker is the subject or topic before the quote,
marked by 은/는/이/가 (``김민수 장관은 "…"라고 말했다``: 김민수, without the title after the name). See :mod:`.grammar`."""

from __future__ import annotations

import re

from audio_edition.attribution.grammar import Grammar

_SAYING = ("말했", "말한", "밝혔", "밝힌", "전했", "설명했", "강조했", "주장했", "덧붙였", "지적했",
           "답했", "말하", "발표했", "언급했")

_TITLES = ("장관", "시장", "대표", "의원", "교수", "회장", "사장", "위원장", "대통령", "총리", "구청장",
           "군수", "지사", "국장", "원장", "감독", "씨")

GRAMMAR = Grammar(
    # the subject or topic: a word or two, the last with 은, 는, 이 or 가 after it; a title after
    # the name is not the name (김민수 장관: 김민수)
    topic=re.compile(r"(?:^|\s)(?:(?P<speaker>[가-힣]{2,4})\s(?:" + "|".join(_TITLES) + r")|"
                     r"(?P<other>(?:[가-힣]+\s)?[가-힣]{2,}?))(?:은|는|이|가)(?=\s|$)"),
    quotative=re.compile(r"\s*(?:라|이라)?고\s*(?:\S+\s+){0,2}?(?:" + "|".join(_SAYING) + ")"),
)
"""Korean's own finders (see :mod:`.grammar`)."""
