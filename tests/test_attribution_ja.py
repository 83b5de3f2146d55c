"""Tests for attribution/ja.py: a Japanese quote followed by the quotative と and a verb of
saying is speech, said by the topic of its sentence; a term in 「…」 is not."""

from __future__ import annotations

from pathlib import Path

from audio_edition.attribution import NameBook, speaker_after
from audio_edition.model import Article, Block, BlockKind, Role
from audio_edition.segmenter import segment


def _said(text: str) -> list[tuple[str, str | None]]:
    article = Article(path=Path("x.md"), title="題", teaser=None,
                      blocks=[Block(BlockKind.PARAGRAPH, text)])
    return [(s.text, s.speaker) for s in segment(article, "ja") if s.role is Role.QUOTE]


def _quotes(text: str) -> list[str]:
    return [quote for quote, _ in _said(text)]


def test_a_quote_followed_by_to_and_a_verb_of_saying_is_speech():
    text = ("港区の田中花子区長は会見で、「来年の春に新しい図書館を開く」と述べた。"
            "「子どもたちのためだ」とも語った。")
    assert _quotes(text) == ["来年の春に新しい図書館を開く", "子どもたちのためだ"]


def test_the_topic_of_the_sentence_without_its_title_says_the_quote():
    text = ("港区の田中花子区長は会見で、「来年の春に新しい図書館を開く」と述べた。"
            "「子どもたちのためだ」とも語った。")
    assert _said(text) == [("来年の春に新しい図書館を開く", "田中花子"), ("子どもたちのためだ", "田中花子")]


def test_a_term_in_corner_brackets_stays_with_the_narrator():
    assert _quotes("いわゆる「働き方改革」は今年も続く。") == []


def test_the_quotative_ends_the_reporting_clause_without_naming_anyone():
    mention, end = speaker_after("と述べた。", "ja", NameBook(lang="ja"))
    assert mention is None and end == len("と述べ")
