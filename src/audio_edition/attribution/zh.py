"""Chinese: a quote is speech when a verb of saying follows it within its sentence (``“…”部长说。``,
``“…，”张伟说。``); two to four characters right before the verb after the closing mark name
the speaker. Mandarin's code ``cmn`` shares this module. See :mod:`.grammar`."""

from __future__ import annotations

import re

from audio_edition.attribution.grammar import Grammar

_SAYING = ("说", "說", "表示", "指出", "称", "稱", "强调", "強調", "告诉", "告訴", "回答", "写道",
           "寫道", "认为", "認為", "透露", "宣布", "宣佈")

GRAMMAR = Grammar(
    quotative=re.compile(r"[，,]?\s*(?:(?P<speaker>[\u4e00-\u9fff]{2,4}?)\s*)?(?:" + "|".join(_SAYING)
                         + r")(?=[。！？，,：:]|$)"),
)
"""Chinese's own finders (see :mod:`.grammar`)."""
