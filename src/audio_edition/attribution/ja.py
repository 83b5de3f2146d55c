"""Japanese: a quote in 「…」 is speech when the quotative と and a verb of saying follow it
(``「…」と述べた``, ``「…」とも語った``); the speaker stands before it as the topic of the
sentence and is not named here. See :mod:`.grammar`."""

from __future__ import annotations

import re

from audio_edition.attribution.grammar import Grammar

_SAYING = ("述べ", "語っ", "語り", "話し", "話す", "言っ", "言い", "説明し", "強調し", "指摘し",
           "明らかにし", "訴え", "答え", "発表し", "コメントし", "述懐し", "主張し", "批判し",
           "明かし", "呼びかけ", "報告し", "結論づけ", "付け加え", "記し", "書い")

GRAMMAR = Grammar(
    quotative=re.compile(r"と(?:も|は)?(?:" + "|".join(_SAYING) + ")"),
)
"""Japanese's own finders (see :mod:`.grammar`)."""
