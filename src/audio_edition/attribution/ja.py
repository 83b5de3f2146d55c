"""Japanese: a quote in 「…」 is speech when the quotative と and a verb of saying follow it
(``「…」と述べた``, ``「…」とも語った``); the speaker is the topic of the sentence, marked by
は (``港区の田中花子区長は会見で、「…」と述べた``: 田中花子, without the title after the name). See :mod:`.grammar`."""

from __future__ import annotations

import re

from audio_edition.attribution.grammar import Grammar

_SAYING = ("述べ", "語っ", "語り", "話し", "話す", "言っ", "言い", "説明し", "強調し", "指摘し",
           "明らかにし", "訴え", "答え", "発表し", "コメントし", "述懐し", "主張し", "批判し",
           "明かし", "呼びかけ", "報告し", "結論づけ", "付け加え", "記し", "書い")

_TITLES = ("市長", "区長", "町長", "村長", "知事", "大臣", "首相", "社長", "会長", "教授", "議員",
           "代表", "部長", "課長", "院長", "校長", "監督", "委員長", "館長", "局長", "長官", "氏",
           "さん")

GRAMMAR = Grammar(
    quotative=re.compile(r"と(?:も|は)?(?:" + "|".join(_SAYING) + ")"),
    # the topic: two to twelve characters before は, after the last particle の or a comma, and
    # before a title that follows the name (田中花子区長: 田中花子)
    topic=re.compile(r"(?:^|[、。の])(?P<speaker>[^、。「」『』の\s]{2,12}?)(?:" + "|".join(_TITLES)
                     + r")?は"),
)
"""Japanese's own finders (see :mod:`.grammar`)."""
