"""Readers: plain text, Markdown with front matter, HTML main content, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from audio_edition.errors import ReaderError
from audio_edition.model import BlockKind
from audio_edition.readers import read_article


def test_text_article_structure(fixtures):
    art = read_article(fixtures / "kurz.txt")
    assert art.title == "Neuer Fahrplan für die Inselfähre"
    assert art.teaser == '"Wir fahren künftig jede halbe Stunde"'
    kinds = [b.kind for b in art.blocks]
    assert kinds == [
        BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.HEADING,
        BlockKind.LIST_ITEM, BlockKind.LIST_ITEM, BlockKind.CREDIT,
    ]
    assert [b.number for b in art.blocks if b.kind is BlockKind.LIST_ITEM] == [1, 2]
    assert art.blocks[4].text.startswith("Über den Takt:")
    assert art.meta.source == "inselradio.de"


def test_text_teaser_on_next_line_and_lead_paragraph(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Titel\nUnterzeile ohne Anführungszeichen\n\nErster Absatz. Mit zwei Sätzen.\n",
                 encoding="utf-8")
    art = read_article(p)
    assert art.teaser == "Unterzeile ohne Anführungszeichen"
    assert [b.kind for b in art.blocks] == [BlockKind.PARAGRAPH]


def test_text_separate_unquoted_line_is_not_a_teaser(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Titel\n\nEin Absatz, der mit einem Punkt endet.\n", encoding="utf-8")
    art = read_article(p)
    assert art.teaser is None
    assert art.blocks[0].kind is BlockKind.PARAGRAPH


def test_cp1252_text_is_decoded(tmp_path):
    p = tmp_path / "alt.txt"
    p.write_bytes("Größere Fähre\n\nDie Fähre fährt öfter.\n".encode("cp1252"))
    art = read_article(p)
    assert art.title == "Größere Fähre"
    assert "fährt" in art.blocks[0].text


def test_markdown_front_matter_and_blocks(fixtures):
    art = read_article(fixtures / "short.md")
    assert art.title == "A bridge reopens after two years"
    assert art.teaser == "Commuters get their shortcut back"
    assert art.meta.author == "Dana Field"
    assert art.meta.lang == "en"
    assert art.meta.date == dt.datetime(2026, 10, 2, tzinfo=dt.timezone.utc)
    assert [b.kind for b in art.blocks] == [
        BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM, BlockKind.LIST_ITEM,
    ]
    assert art.blocks[1].text == "The cost"
    assert "\n" not in art.blocks[0].text


def test_markdown_title_from_first_heading(tmp_path):
    p = tmp_path / "t.md"
    p.write_text("# Only a heading\n\nSome *emphasised* and `code` text.\n", encoding="utf-8")
    art = read_article(p)
    assert art.title == "Only a heading"
    assert art.blocks[0].text == "Some emphasised and code text."


def test_html_main_content(fixtures):
    art = read_article(fixtures / "page.html")
    assert art.title == "New ferry timetable for the island"
    texts = " ".join(b.text for b in art.blocks)
    assert "twice as often" in texts
    assert "Subscribe" not in texts and "Home" not in texts
    assert art.meta.lang == "en"
    assert art.meta.author == "Dana Field"
    assert any(b.kind is BlockKind.HEADING and b.text == "More staff" for b in art.blocks)


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_bad_files(tmp_path, content, problem):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(ReaderError, match=problem) as info:
        read_article(p)
    assert info.value.path == str(p)


def test_broken_front_matter(tmp_path):
    p = tmp_path / "b.md"
    p.write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="front matter"):
        read_article(p)


def test_bad_front_matter_values(tmp_path):
    p = tmp_path / "b.md"
    p.write_text("---\ntitle: T\ndate: next tuesday\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="date: expected a date"):
        read_article(p)
    p.write_text("---\ntitle: T\nlang: Deutsch!\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="lang"):
        read_article(p)


def test_unknown_extension(tmp_path):
    p = tmp_path / "a.docx"
    p.write_text("x")
    with pytest.raises(ReaderError, match="unsupported file type"):
        read_article(p)


def test_html_entities_are_never_expanded(tmp_path):
    """An HTML article cannot read local files (XXE) or blow up memory (billion laughs)."""
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    page = tmp_path / "evil.html"
    page.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">'
        f'<!ENTITY l0 "lol">{laughs}]>\n<html lang="en"><head><title>Evil</title></head><body>'
        "<article><h1>Evil page</h1><p>Before &secret; after, and &l9; at the end of a long "
        "enough paragraph for the extractor to keep it as the main content of the page.</p>"
        "</article></body></html>", encoding="utf-8")
    art = read_article(page)
    text = " ".join(b.text for b in art.blocks)
    assert "root:" not in text
    assert text.count("lol") < 10
