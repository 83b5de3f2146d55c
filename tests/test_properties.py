"""Property-based tests (hypothesis): no words lost or repeated, the text stage always finishes,
feeds always valid, slugs safe."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import time
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import feedparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audio_edition.build import slugify
from audio_edition.config import EditionConfig
from audio_edition.feed import render_feed
from audio_edition import languages
from audio_edition import quotes as _quotes
from audio_edition import segmenter as _seg
from audio_edition.assembly import split_sentences
from audio_edition.model import Article, Block, BlockKind, Episode
from audio_edition.normalize import speakable
from audio_edition.readers import read_article
from audio_edition.segmenter import segment
from audio_edition.attribution import (chain, clauses, context, coreference, de, finders, gender,
                                       lexicon, nouns)

# The attribution package's rule tables, each by its name in its module without the underscore.
_att = SimpleNamespace(**{name.lstrip("_"): value
                          for module in (lexicon, gender, nouns, clauses, de, finders, context,
                                         coreference, chain)
                          for name, value in vars(module).items() if name.lstrip("_").isupper()})

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


# --- the text stage finishes: sentences made of the rules' own words ---------------------------
#
# Every word class the attribution rules branch on, taken from the rule tables themselves (not
# retyped), so that a word added to a table is exercised too, in every language the rules know,
# with random capitalisation, every quote mark and punctuation. A loop that fails to advance on
# some word (issue 15: "Every Monday the market …" hung parse_np for ever) shows up as a timeout.

TEXT_DEADLINE = 5.0
"""Seconds one article of rule words may take to segment (it takes milliseconds)."""
RULE_SETTINGS = settings(
    # The parse_np hang of issue 15 took 12 to 405 examples to find (mean 115, 30 seeds): 1000
    # miss it with a chance of about 1 in 5000. See docs/RELIABILITY.md;
    # TEXT_STAGE_EXAMPLES=20000 runs many more locally.
    max_examples=int(os.environ.get("TEXT_STAGE_EXAMPLES", "1000")), deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class _TooSlow(Exception):
    """Raised by :func:`_deadline` when the guarded code runs out of time."""


@contextmanager
def _deadline(seconds: float):
    """Interrupts the block with _TooSlow after ``seconds`` (SIGALRM: a pure-Python loop that
    never advances is stopped too)."""
    def fire(signum, frame):
        raise _TooSlow(f"did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _regex_words(*patterns: re.Pattern[str]) -> list[str]:
    """Returns the plain words a regex's alternatives spell out (``sagte``, ``Titel``)."""
    return sorted({w for p in patterns for w in re.findall(r"[^\W\d_]{2,}", p.pattern)
                   if w not in {"s", "es"}})


_DAY_PARTS = {"abend", "morgen", "mittag", "nachmittag", "vormittag", "nacht", "wochenende"}
_WEEKDAYS = sorted(w for w in _att.TIME_WORDS
                   if w not in _DAY_PARTS and not any(w.endswith(p) for p in _DAY_PARTS))
_READINGS = [languages.get(code).reading for code in languages.full_codes()]
_VOCABULARY = {
    "time words": sorted(_att.TIME_WORDS),
    "weekdays": _WEEKDAYS,
    "months": sorted({m for code in languages.full_codes()
                      for m in (*languages.get(code).months, *languages.get(code).reading.month_abbr)}),
    "name particles": sorted(_att.NAME_PARTICLES | _att.ARTICLE_PARTICLES),
    "titles": sorted(_att.HONORIFICS | _att.ROLE_EXACT | set(_att.ROLE_SUFFIXES)
                     | _att.FEMALE_OFFICES | _att.MALE_OFFICES | _att.COMMON_OFFICES
                     | _att.FEMALE_HONORIFICS | _att.MALE_HONORIFICS),
    "bodies and documents": sorted(set(_att.INSTITUTION_SUFFIXES) | set(_att.DOCUMENT_SUFFIXES)
                                   | _att.STATEMENT_NOUNS | _att.DOCUMENT_PARTS
                                   | set(_att.PUBLICATIONS)),
    "speech verbs": sorted(set().union(*_att.VERBS.values()) | _att.CITING | _att.DESCRIBING
                           | _att.PARTICLE_VERBS | _att.PLACE_VERBS | _att.PASSIVE
                           | {p + v for p in _att.PARTICLES for v in ("sagte", "teilte", "gab")}
                           | set(_regex_words(_seg._SPEECH_VERB, _att.REPORTED))),
    "pronouns": sorted(_att.ALL_PRONOUNS | set().union(*_att.PRONOUNS.values())
                       | _att.DEMONSTRATIVES | _att.SHORT_DEMONSTRATIVES | set(_att.POINTING_BACK)
                       | {"es", "they", "il", "elle", "sich", "selbst"}),
    "relatives": sorted(_att.RELATIVES),
    "conjunctions": sorted(_att.CONJUNCTIONS | _att.NOT_FINITE_VERBS),
    "determiners": sorted(_att.DETERMINERS | _att.GENITIVE | _att.CONTRACTED
                          | _att.OBJECT_ARTICLES | _att.PARTITIVES | _att.ORDER_ADJECTIVES),
    "prepositions and adverbs": sorted(_att.PREPOSITIONS | _att.FUNCTION_WORDS | _att.NP_STOP
                                       | _att.SKIP_AFTER_VERB | _att.ES_ADVERBS
                                       | _att.SOURCE_PREPOSITIONS | _att.PARTICIPLE_ADVERBS
                                       | _att.NOT_VERB_ADVERBS | _att.OTHER_PREPOSITIONS
                                       | _att.PLACE_PREPOSITIONS | _att.FOR_WHOM
                                       | set(_att.PARTICLES) | _att.CLOSING_PARTICLES),
    "first names": sorted(_att.FIRST_NAMES | _att.FEMALE_NAMES | _att.MALE_NAMES),
    "cue words": _regex_words(_seg._TITLE_CUES, _seg._SPEECH_CUES, _att.THERE, _att.MONTH,
                              _att.LIST_INTRO, _att.LAUT, _att.ACCORDING, _att.CALLING,
                              _att.WITH_THESE_WORDS, _att.STATEMENT_AFTER),
    "abbreviations": sorted({a for r in _READINGS for a, _, _ in r.abbreviations}
                            | {a for r in _READINGS for a in r.word_acronyms}),
}
_PUNCTUATION = [",", ".", ":", ";", "!", "?", "(", ")", "[", "]", "–", "—", "-", "…", "...", "/",
                "[…]", "(…)", "&", "§", "%", "€", "$", "°"]
_NUMBERS = st.one_of(
    st.integers(0, 3000).map(str),
    st.integers(1, 31).map(lambda d: f"{d}."),  # a German ordinal or a date
    st.integers(1, 99).map(lambda n: f"{n}-Jährige"),
    st.sampled_from(["1er", "2nd", "3rd", "27\"", "12,5", "1.000", "3.–5.", "14:30", "1990er",
                     "2026-11-28", "3.10.2026", "0301234", "10–12"]),
)
_CASE = st.sampled_from([str.lower, str.capitalize, str.upper, lambda w: w, lambda w: w])


@st.composite
def _rule_word(draw) -> str:
    """One word of the rules' vocabulary, a quote mark, punctuation or a number."""
    kind = draw(st.sampled_from(["word"] * 6 + ["mark"] * 3 + ["punct"] * 2 + ["number"]))
    if kind == "mark":
        return draw(st.sampled_from(_quotes.MARKS))
    if kind == "punct":
        return draw(st.sampled_from(_PUNCTUATION))
    if kind == "number":
        return draw(_NUMBERS)
    table = draw(st.sampled_from(sorted(_VOCABULARY)))
    return draw(_CASE)(draw(st.sampled_from(_VOCABULARY[table])))


@st.composite
def _rule_text(draw, max_words: int = 40) -> str:
    """A sentence or a few, joined with spaces, no-break spaces, or glued (``„Wir``)."""
    words = draw(st.lists(_rule_word(), min_size=1, max_size=max_words))
    seps = draw(st.lists(st.sampled_from([" "] * 6 + ["", "\u00a0", "\u202f"]),
                         min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps)).strip()


@st.composite
def _rule_paragraph(draw) -> str:
    """Rule words, often around a quote: narrator text, any opening mark, quoted rule words,
    any closing mark, narrator text (the shape the attribution rules look at)."""
    if draw(st.booleans()):
        return draw(_rule_text())
    space = draw(st.sampled_from(["", " ", "\u00a0", "\u202f"]))
    return (f"{draw(_rule_text(15))} {draw(st.sampled_from(_quotes.MARKS))}{space}"
            f"{draw(_rule_text(15))}{space}{draw(st.sampled_from(_quotes.MARKS))} "
            f"{draw(_rule_text(15))}").strip()


# Every full language, and generic ones of Latin, Cyrillic and Han script: the shared rules, each
# language's own (attribution/de.py, fr.py) and the shape rules of languages without a module.
_TEXT_LANGS = [*languages.full_codes(), "pt", "pl", "ru", "zh"]
_KINDS = st.sampled_from([BlockKind.PARAGRAPH] * 4 + [BlockKind.LIST_ITEM, BlockKind.HEADING])


@RULE_SETTINGS
@given(title=_rule_text(12), teaser=st.none() | _rule_text(20),
       blocks=st.lists(st.tuples(_KINDS, _rule_paragraph()), min_size=1, max_size=4),
       lang=st.sampled_from(_TEXT_LANGS))
def test_segment_finishes_and_keeps_every_word_of_any_text_made_of_rule_words(title, teaser, blocks, lang):
    article = Article(path=Path("rules.md"), title=title, teaser=teaser,
                      blocks=[Block(kind, text) for kind, text in blocks])
    with _deadline(TEXT_DEADLINE):
        segs = segment(article, lang)
    expected = _words(title) + _words(teaser or "") + [w for _, text in blocks for w in _words(text)]
    assert [w for s in segs for w in _words(s.text)] == expected


@RULE_SETTINGS
@given(text=_rule_text(60), lang=st.sampled_from([c for c in _TEXT_LANGS if languages.get(c).num2words]))
def test_normalizing_rule_words_finishes_and_leaves_no_digit(text, lang):
    """A full language leaves no digit; a generic one (num2words spells its numbers) leaves
    only digits glued to letters, codes such as ``MP3`` that espeak-ng reads itself."""
    for sentence in split_sentences(text):
        with _deadline(TEXT_DEADLINE):
            spoken = speakable(sentence, lang)
        if languages.get(lang).full:
            assert not re.search(r"\d", spoken), spoken
        else:
            assert not re.search(r"(?<![^\W_])\d+(?![^\W_])", spoken), spoken


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
