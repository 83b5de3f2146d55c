"""Tests for attribution/ar.py: an Arabic quote followed by a verb of saying is speech, and the
words after the verb name the speaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_edition.attribution import NameBook, speaker_after
from audio_edition.model import Article, Block, BlockKind, Role
from audio_edition.segmenter import segment


def _quotes(text: str) -> list[tuple[str, str | None]]:
    article = Article(path=Path("x.md"), title="عنوان", teaser=None,
                      blocks=[Block(BlockKind.PARAGRAPH, text)])
    return [(s.text, s.speaker) for s in segment(article, "ar") if s.role is Role.QUOTE]


def test_a_quote_and_the_name_after_the_verb_of_saying():
    text = "افتتحت البلدية مكتبة جديدة. «ستفتح المكتبة كل يوم»، قالت سارة خليل. وأضافت: «حتى المساء.»"
    assert _quotes(text) == [("ستفتح المكتبة كل يوم", "سارة خليل"), ("حتى المساء.", "سارة خليل")]


def test_a_term_in_guillemets_stays_with_the_narrator():
    assert _quotes("ما يسمى «المدينة الذكية» مشروع قديم.") == []


@pytest.mark.parametrize("after, speaker", [
    ("، قال الوزير.", "الوزير"),
    ("، قال إن الخطة جاهزة.", None),   # "said that …": what was said, no speaker
])
def test_the_words_after_the_verb_up_to_the_next_mark(after, speaker):
    mention, end = speaker_after(after, "ar", NameBook(lang="ar"))
    assert (mention.name if mention else None) == speaker
