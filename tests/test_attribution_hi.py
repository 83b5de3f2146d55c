"""Tests for attribution/hi.py: a Hindi quote followed by a verb of saying is speech, and the
words before ने, without a title, name the speaker."""

from __future__ import annotations

from pathlib import Path

from audio_edition.model import Article, Block, BlockKind, Role
from audio_edition.segmenter import segment


def _said(text: str) -> list[tuple[str, str | None]]:
    article = Article(path=Path("x.md"), title="शीर्षक", teaser=None,
                      blocks=[Block(BlockKind.PARAGRAPH, text)])
    return [(s.text, s.person) for s in segment(article, "hi") if s.role is Role.QUOTE]


def test_a_quote_and_the_name_before_ne_kaha():
    text = ('नगर निगम ने नया पुस्तकालय खोला। "पुस्तकालय हर दिन खुलेगा", मंत्री सुनीता वर्मा ने कहा। '
            '"बच्चों के लिए भी किताबें हैं", उन्होंने बताया।')
    assert _said(text) == [("पुस्तकालय हर दिन खुलेगा", "सुनीता वर्मा"),
                           ("बच्चों के लिए भी किताबें हैं", "सुनीता वर्मा")]


def test_a_term_in_marks_stays_with_the_narrator():
    assert _said('तथाकथित "धीमी जिंदगी" छोटे शहरों में लोकप्रिय हो रही है।') == []
