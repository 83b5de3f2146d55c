"""Tests for attribution/ko.py: a Korean quote followed by the quotative 라고 or 고 and a verb
of saying is speech, however short; a term in marks is not."""

from __future__ import annotations

from pathlib import Path

from audio_edition.model import Article, Block, BlockKind, Role
from audio_edition.segmenter import segment


def _said(text: str) -> list[tuple[str, str | None]]:
    article = Article(path=Path("x.md"), title="제목", teaser=None,
                      blocks=[Block(BlockKind.PARAGRAPH, text)])
    return [(s.text, s.speaker) for s in segment(article, "ko") if s.role is Role.QUOTE]


def _quotes(text: str) -> list[str]:
    return [quote for quote, _ in _said(text)]


def test_a_quote_followed_by_rago_and_a_verb_of_saying_is_speech():
    text = '박지영 구청장은 "새 도서관을 봄에 열겠다"라고 말했다. 그는 "주민들이 기다려 왔다"고 덧붙였다.'
    assert _quotes(text) == ["새 도서관을 봄에 열겠다", "주민들이 기다려 왔다"]


def test_the_subject_before_the_quote_without_its_title_says_it():
    assert _said('박지영 구청장은 "새 도서관을 봄에 열겠다"라고 말했다.') == [("새 도서관을 봄에 열겠다", "박지영")]
    assert _said('시장은 "내년에 열겠다"고 밝혔다.') == [("내년에 열겠다", "시장")]


def test_a_term_in_marks_stays_with_the_narrator():
    assert _quotes('이른바 "새로운 일상"이 시작됐다.') == []
