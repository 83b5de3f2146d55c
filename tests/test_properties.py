"""Property-based tests (hypothesis): no words lost or repeated, feeds always valid, slugs safe."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import feedparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audio_edition.build import slugify
from audio_edition.config import EditionConfig
from audio_edition.feed import render_feed
from audio_edition.model import Episode
from audio_edition.readers import read_article
from audio_edition.segmenter import segment

WORD = re.compile(r"\w+")
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

# Words, quote marks of every convention, punctuation and the odd apostrophe, in any order.
_TOKENS = st.sampled_from([
    "Die", "Stadt", "sagte", "Anna", "Weber", "said", "the", "mayor", "a", "déclaré", "Marie",
    "„", "“", "”", "‚", "‘", "’", "»", "«", "›", "‹", '"', "'", ":", ",", ".", "!", "?", "-",
    "geht’s", "27\"", "(", ")", "Work-Life-Balance", "3.", "2026", "—", "…",
])
_TEXT = st.lists(_TOKENS, min_size=1, max_size=60).map(" ".join)


def _words(text: str) -> list[str]:
    return WORD.findall(text)


@SETTINGS
@given(title=_TEXT, paragraphs=st.lists(_TEXT, min_size=1, max_size=5),
       lang=st.sampled_from(["de", "en", "fr"]))
def test_segmenter_keeps_every_word_once(tmp_path_factory, title, paragraphs, lang):
    path = tmp_path_factory.mktemp("art") / "a.md"
    body = "\n\n".join(p.replace("\n", " ") for p in paragraphs)
    path.write_text(f"---\ntitle: x\nlang: {lang}\n---\n\n# {title}\n\n{body}\n", encoding="utf-8")
    try:
        article = read_article(path)
    except Exception as exc:  # only a clear ReaderError is acceptable
        assert type(exc).__name__ == "ReaderError", exc
        return
    segs = segment(article, lang)
    expected = _words(article.title) + [w for b in article.blocks for w in _words(
        (f"{b.number}. " if b.number is not None else "") + b.text)]
    got = [w for s in segs for w in _words(s.text)]
    # list numbers are read from the block's text, not its number: compare without them
    assert [w for w in got if not w.isdigit()] == [w for w in expected if not w.isdigit()]


@SETTINGS
@given(text=st.text(min_size=1, max_size=400))
def test_text_reader_never_loses_words(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("art") / "a.txt"
    path.write_text(text, encoding="utf-8")
    try:
        article = read_article(path)
    except Exception as exc:
        assert type(exc).__name__ == "ReaderError", exc
        return
    read = _words(article.full_text())
    # the reader normalizes to NFC, so "豈" (U+F900) is read as its canonical form
    source = _words(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", " ",
                           unicodedata.normalize("NFC", text)))
    # list numbers ("1.") move from the text into Block.number, so digits are left out
    assert [w for w in read if not w.isdigit()] == [w for w in source if not w.isdigit()]


_XMLISH = st.text(alphabet=st.characters(codec="utf-8"), max_size=80) | st.sampled_from(
    ["& < > ]]>", "\"'", "\x00\x01\x0b\x1f", "<![CDATA[x]]>", "&amp;&#0;", "\ufffe\uffff"])


@SETTINGS
@given(title=_XMLISH, description=_XMLISH, podcast=_XMLISH, author=_XMLISH)
def test_feed_is_always_valid_xml(title, description, podcast, author):
    ep = Episode(guid="urn:uuid:x", slug="x", title=title, description=description, lang="de",
                 pub_date=dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc),
                 audio_file="audio/x.mp3", size=1, duration=1.0, author=author)
    cfg = EditionConfig(title=podcast or "p", author=author or "a",
                        base_url="http://127.0.0.1:8000/")
    xml = render_feed(cfg, [ep], "feed/cover.png", dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc))
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.bozo_exception
    assert len(parsed.entries) == 1


@SETTINGS
@given(name=st.text(max_size=400))
def test_slugs_are_always_safe(tmp_path_factory, name):
    slug = slugify(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert len(slug) <= 80
    assert slug.upper() not in {"CON", "PRN", "AUX", "NUL"} and not re.fullmatch(r"(com|lpt)\d", slug)
    root = tmp_path_factory.mktemp("out")
    target = (root / "audio" / f"{slug}.mp3").resolve()
    assert target.parent == (root / "audio").resolve()
