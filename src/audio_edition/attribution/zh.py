"""Chinese: a quote is speech when a verb of saying follows it within its sentence (``“…”部长说。``,
``“…，”张伟说。``); two to four characters right before the verb after the closing mark name
the speaker, after a title written before them (``馆长李敏表示``: 李敏). Mandarin's code ``cmn`` shares this module. See :mod:`.grammar`."""

from __future__ import annotations

import re

from audio_edition.attribution.grammar import Grammar

_SAYING = ("说", "說", "表示", "指出", "称", "稱", "强调", "強調", "告诉", "告訴", "回答", "写道",
           "寫道", "认为", "認為", "透露", "宣布", "宣佈")

# titles written before a name (馆长李敏: the librarian Li Min), longest first
_TITLES = ("董事长", "发言人", "發言人", "总经理", "總經理", "馆长", "館長", "部长", "部長", "市长",
           "市長", "局长", "局長", "院长", "院長", "校长", "校長", "主任", "教授", "总统", "總統",
           "总理", "總理", "经理", "經理", "主席", "县长", "縣長", "区长", "區長", "医生", "醫生",
           "记者", "記者", "律师", "律師", "老师", "老師")

GRAMMAR = Grammar(
    quotative=re.compile(r"[，,]?\s*(?:(?:" + "|".join(_TITLES) + r")?"
                         r"(?P<speaker>[\u4e00-\u9fff]{2,4}?)\s*)?(?:" + "|".join(_SAYING)
                         + r")(?=[。！？，,：:]|$)"),
)
"""Chinese's own finders (see :mod:`.grammar`)."""
