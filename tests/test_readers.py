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


_UMLAUTS = "Größere Fähre\n\nDie Fähre fährt öfter, sagt der Fährmann.\n"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_with_a_byte_order_mark_is_decoded(tmp_path, codec):
    p = tmp_path / "unicode.txt"
    data = _UMLAUTS.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):  # these codecs write no BOM: add it
        data = "\ufeff".encode(codec) + data
    p.write_bytes(data)
    art = read_article(p)
    assert art.title == "Größere Fähre" and art.blocks[0].text.startswith("Die Fähre fährt")


@pytest.mark.parametrize("data, problem", [
    (_UMLAUTS.encode("utf-16-le"), "looks like UTF-16LE without a byte-order mark"),
    (_UMLAUTS.encode("utf-16-be"), "looks like UTF-16BE without a byte-order mark"),
    (b"\xff\xfe" + _UMLAUTS.encode("utf-16-le")[:-1],
     "starts with a UTF-16 byte-order mark but is not valid UTF-16"),
    ("見出し\n\n本文です。\n".encode("shift_jis"),
     "not UTF-8 text (invalid UTF-8 byte 0x8c at byte 0), and not cp1252/Latin-1 either"),
])
def test_text_in_another_encoding_names_the_problem(tmp_path, data, problem):
    p = tmp_path / "encoded.txt"
    p.write_bytes(data)
    with pytest.raises(ReaderError) as info:
        read_article(p)
    assert info.value.path == str(p) and problem in info.value.problem


def test_utf8_cut_off_inside_a_character_loses_only_that_character(tmp_path, caplog):
    p = tmp_path / "cut.txt"
    p.write_bytes((_UMLAUTS + "Zuletzt: ä").encode("utf-8")[:-1])
    art = read_article(p)
    assert art.blocks[-1].text.endswith("fährt öfter, sagt der Fährmann. Zuletzt:")
    assert "ends inside a UTF-8 character" in caplog.text


@pytest.mark.parametrize("front, problem", [
    ("title: T\nauthor: [x\nlang: de\n",
     "line 4 (while parsing a flow sequence that starts on line 3): expected ',' or ']', but "
     "got ':'"),
    ("title: T\nauthor: \"A\n", "line 4 (while scanning a quoted scalar that starts on line 3): "
     "found unexpected end of stream"),
    ("title: T\nauthor: A\n  bad: indent\n", "line 4: mapping values are not allowed here"),
    ("title: Absturz: Russland\nauthor: A\n\tlang: de\n",
     "line 4: found character '\\t' that cannot start any token"),
])
def test_a_yaml_error_names_the_line_of_the_file(tmp_path, front, problem):
    p = tmp_path / "b.md"
    p.write_text(f"---\n{front}---\n\nText.\n", encoding="utf-8")
    with pytest.raises(ReaderError) as info:
        read_article(p)
    assert info.value.problem == f"front matter: {problem}"


@pytest.mark.parametrize("value", ["2026-13-45", "2026-02-30", "2026-01-01 25:00:00"])
def test_an_impossible_date_is_named_with_its_value(tmp_path, value):
    p = tmp_path / "d.md"
    p.write_text(f"---\ntitle: T\ndate: {value}\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(ReaderError) as info:
        read_article(p)
    assert info.value.problem == (f"front matter: date: expected a date like 2026-11-28 but "
                                  f"got {value!r}")


def test_an_alias_bomb_in_front_matter_is_refused_at_once(tmp_path):
    import time

    lines = ["title: Bomb", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    p = tmp_path / "bomb.md"
    p.write_text("---\n" + "\n".join(lines) + "\n---\n\nText.\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ReaderError) as info:
        read_article(p)
    assert time.perf_counter() - started < 2
    assert info.value.problem.startswith("front matter: line 7: more than 10,000 values")
    small = tmp_path / "alias.md"  # an alias or two is fine
    small.write_text("---\ntitle: &t Die Fähre\nsubtitle: *t\n---\n\nText.\n", encoding="utf-8")
    assert read_article(small).teaser == "Die Fähre"


def test_huge_front_matter_is_refused(tmp_path):
    p = tmp_path / "huge.md"
    p.write_text("---\ntitle: T\n" + "".join(f"k{i}: {'v' * 60}\n" for i in range(2000))
                 + "---\n\nText.\n", encoding="utf-8")
    with pytest.raises(ReaderError, match=r"front matter: 1\d\d,\d\d\d characters; at most "
                                          r"65,536 are read"):
        read_article(p)


@pytest.mark.parametrize("front, problem", [
    ("title: [1, 2]", "title: expected text but got [1, 2]"),
    ("title: {a: 1}", "title: expected text but got {'a': 1}"),
    ("title: ''", "no title: add 'title:' to the front matter or a '# heading'"),
    ("author: [x]", "author: expected text"),
    ("subtitle: {a: 1}", "subtitle: expected text"),
    ("source: [x]", "source: expected text"),
    ("description: [x]", "description: expected text"),
    ("date: [1]", "date: expected a date but got [1]"),
    ("date: 5", "date: expected a date but got 5"),
    ("lang: 5", "lang: expected a language code"),
    ("lang: [de]", "lang: expected text"),
    ("id: [1]", "id: expected text but got [1]"),
    ("guid: {a: b}", "guid: expected text"),
    ("id: true", "id: expected text but got True"),
    ("id: x\nguid: y", "id and guid differ ('x', 'y')"),
    (f"id: {'x' * 201}", "id: expected up to 200 characters but got 201"),
    ("? [a, b]\n: c", "found unhashable key"),
    ("x: !!python/object/apply:os.system ['echo hi']", "could not determine a constructor"),
    ("- just\n- a list", "expected key: value pairs but got ['just', 'a list']"),
])
def test_every_wrong_type_in_front_matter_names_the_key(tmp_path, front, problem):
    p = tmp_path / "w.md"
    body = "# Heading\n\nText." if "title" not in front else "Text."
    p.write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")
    with pytest.raises(ReaderError) as info:
        read_article(p)
    assert info.value.path == str(p) and problem in info.value.problem


def test_front_matter_may_declare_the_articles_identity(tmp_path):
    from audio_edition.readers import declared_id

    p = tmp_path / "a.md"
    p.write_text("---\ntitle: T\nid: ferry-2026-11\n---\n\nText.\n", encoding="utf-8")
    assert read_article(p).meta.id == declared_id(p) == "ferry-2026-11"
    p.write_text("---\ntitle: T\nguid: 42\n---\n\nText.\n", encoding="utf-8")
    assert declared_id(p) == "42"
    (tmp_path / "b.txt").write_text("Titel\n\nText.\n", encoding="utf-8")
    assert declared_id(tmp_path / "b.txt") is None


# --- deeply nested Markdown (issue 15) -----------------------------------------------------------

def _words_of(article) -> list[str]:
    return [w for b in article.blocks for w in b.text.split()]


def test_a_blockquote_nested_deeper_than_markdown_it_parses_keeps_its_text_and_warns(tmp_path, caplog):
    from audio_edition.readers.markdown import MAX_NESTING

    lines = [">" * (k + 1) + f" level{k} of the tower" for k in range(3 * MAX_NESTING)]
    path = tmp_path / "tower.md"
    path.write_text("---\ntitle: Tower\nlang: en\n---\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with caplog.at_level("WARNING"):
        art = read_article(path)
    words = _words_of(art)
    assert [w for w in words if w.startswith("level")] == [f"level{k}" for k in range(3 * MAX_NESTING)]
    assert ">" not in " ".join(words)
    [warning] = [r.getMessage() for r in caplog.records]
    assert warning.startswith(f"{path}: line ") and f"deeper than {MAX_NESTING} levels" in warning


def test_a_list_nested_500_deep_keeps_every_item_in_order(tmp_path, caplog):
    items = "\n".join("  " * k + f"- item{k} with words" for k in range(500))
    path = tmp_path / "stairs.md"
    path.write_text("# Stairs\n\n" + items + "\n\nThe last paragraph.\n", encoding="utf-8")
    with caplog.at_level("WARNING"):
        art = read_article(path)
    words = _words_of(art)
    assert [w for w in words if w.startswith("item")] == [f"item{k}" for k in range(500)]
    assert art.blocks[-1].text == "The last paragraph."
    assert len(caplog.records) == 1


def test_deep_list_items_keep_their_continuation_lines(tmp_path):
    items = "\n".join("   " * k + f"1. first{k}\n" + "   " * k + f"   second{k}" for k in range(60))
    path = tmp_path / "steps.md"
    path.write_text("# Steps\n\n" + items + "\n", encoding="utf-8")
    art = read_article(path)
    texts = [b.text for b in art.blocks]
    assert texts[-1].split() == ["first59", "second59"]
    assert [w for w in _words_of(art) if w[0] in "fs"] == \
        [w for k in range(60) for w in (f"first{k}", f"second{k}")]


def test_a_line_of_100000_quote_markers_is_read_quickly(tmp_path):
    path = tmp_path / "deep.md"
    path.write_text("# Deep\n\n" + ">" * 100_000 + " bottom words\n", encoding="utf-8")
    assert _words_of(read_article(path)) == ["bottom", "words"]


def test_nesting_within_the_limit_is_parsed_as_before_without_a_warning(tmp_path, caplog):
    path = tmp_path / "calm.md"
    path.write_text("# Calm\n\n> outer\n>\n> > inner quote\n\n- one\n  - two\n", encoding="utf-8")
    with caplog.at_level("WARNING"):
        art = read_article(path)
    assert [b.text for b in art.blocks] == ["outer", "inner quote", "one", "two"]
    assert not caplog.records


def test_a_fetched_article_is_read_back_as_it_was_kept(tmp_path):
    from audio_edition.model import Article, ArticleMeta, Block, Role
    from audio_edition.readers import fetched, origin, source_id

    article = Article(path=tmp_path / "x", title="Neue Bänke", teaser="Am Ufer.", blocks=[
        Block(BlockKind.PARAGRAPH, "Die Stadt hat Bänke aufgestellt."),
        Block(BlockKind.LIST_ITEM, "Eiche", number=1, role=Role.QUOTE, speaker="Helga")],
        meta=ArticleMeta(author="Jonas", date=dt.datetime(2026, 11, 4, 6, tzinfo=dt.timezone.utc),
                         lang="de", categories=["Stadt"], url="https://blog.example/b"))
    path = tmp_path / "baenke.article"
    path.write_bytes(fetched.dumps(article, "id:tag:b", "https://blog.example/b"))
    again = read_article(path)
    assert again == Article(path=path, title=article.title, teaser=article.teaser,
                            blocks=article.blocks, meta=article.meta)
    assert source_id(path) == "id:tag:b" and origin(path) == "https://blog.example/b"
    assert fetched.dumps(again, "id:tag:b", "https://blog.example/b") == path.read_bytes()


def test_a_damaged_fetched_article_is_one_error(tmp_path):
    path = tmp_path / "x.article"
    path.write_text('{"format": 1, "source": "id:a", "origin": "https://e/a", "blocks": 3}')
    with pytest.raises(ReaderError) as err:
        read_article(path)
    assert err.value.format_message().startswith("https://e/a: damaged fetched article")
    path.write_text("{not json")
    with pytest.raises(ReaderError, match="damaged fetched article"):
        read_article(path)
