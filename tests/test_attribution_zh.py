"""Tests for attribution/zh.py: a Chinese quote followed by a verb of saying is speech, and the
characters right before the verb name the speaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_edition.model import Article, Block, BlockKind, Role
from audio_edition.segmenter import segment


def _quotes(text: str, lang: str = "zh") -> list[tuple[str, str | None]]:
    article = Article(path=Path("x.md"), title="标题", teaser=None,
                      blocks=[Block(BlockKind.PARAGRAPH, text)])
    return [(s.text, s.speaker) for s in segment(article, lang) if s.role is Role.QUOTE]


@pytest.mark.parametrize("lang", ["zh", "cmn"])
def test_a_quote_and_the_name_before_the_verb_of_saying(lang):
    assert _quotes("“新桥下个月通车，”王丽表示。", lang) == [("新桥下个月通车，", "王丽")]


def test_a_whole_sentence_in_marks_before_the_speaker_is_speech():
    assert _quotes("“我们会按时完工。”局长说。") == [("我们会按时完工。", "局长")]


def test_a_quote_after_a_full_width_colon_is_speech_with_nobody_named():
    assert _quotes("市长在会上说：“明年开放新的图书馆。”") == [("明年开放新的图书馆。", None)]


def test_a_term_in_marks_stays_with_the_narrator():
    assert _quotes("所谓的“新常态”已经到来。") == []
