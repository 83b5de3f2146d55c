"""The HTML reader: a web page read like its article, once, without the page around it.

Each fixture in tests/fixtures/html imitates one way real pages went wrong; every page is read
under a time budget, so a reader that hangs fails instead of stalling the suite.
"""

from __future__ import annotations

import logging
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from audio_edition.errors import ReaderError
from audio_edition.model import BlockKind
from audio_edition.readers import read_article
from audio_edition.readers.html import read, read_markup

PAGES = Path(__file__).parent / "fixtures" / "html"
BUDGET = 15.0
"""Seconds any page may take: the limit real pages are held to."""


@contextmanager
def _deadline(seconds: float = BUDGET):
    def expired(signum, frame):
        raise TimeoutError(f"reading took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _read(name: str):
    with _deadline():
        return read(PAGES / name)


def _markup(markup: str, source: str = "page.html"):
    with _deadline():
        return read_markup(markup, source)


def _texts(article) -> list[str]:
    return [b.text for b in article.blocks]


def _spoken(article) -> str:
    """Everything read aloud after the headline."""
    return " ".join(([article.teaser] if article.teaser else []) + _texts(article))


_LEAD = "<p>" + "The harbour council met on Monday to talk about the new quay. " * 5 + "</p>"


def test_a_page_without_any_title_is_headed_by_its_first_sentence_read_once():
    art = _read("no-title.html")
    assert art.title == "The night bus to the coast returns this winter after a pause of two years."
    spoken = _spoken(art)
    assert "pause of two years" not in spoken
    assert spoken.startswith("It will leave the central station")
    assert "publish the numbers each month" in spoken


def test_a_page_whose_article_is_all_in_pre_is_read_as_paragraphs():
    art = _read("pre-article.html")
    assert art.title == "A letter from the lighthouse"
    texts = _texts(art)
    assert "the storm last week broke two of the upper windows, but the lamp itself was not " \
           "harmed and the light kept turning all night long." in texts
    assert len(texts) == 5 and "\n" not in " ".join(texts)


def test_text_in_bare_divs_and_br_paragraphs_is_read():
    art = _read("div-paragraphs.html")
    assert art.title == "Orchard harvest ends early"
    texts = _texts(art)
    assert len(texts) == 5
    assert texts[2].startswith("Some of the fruit will go to the cider press")
    assert texts[3].startswith("The cooperative plans a market day")
    assert texts[4] == "Prices for the juice apples stayed the same as last year, the " \
                       "cooperative's treasurer said."


def test_an_article_laid_out_in_a_table_is_read_and_a_data_table_row_by_row():
    art = _read("table-article.html")
    texts = _texts(art)
    assert texts[0].startswith("The winter timetable of the island ferry starts")
    assert "Departure; Arrival; Boat" in texts
    assert texts.index("06:10; 06:55; Gull") < texts.index("12:30; 13:15; Heron")
    assert texts[-1] == "Tickets bought for the summer remain valid until the end of the year."
    assert "Home" not in texts


def test_nested_list_items_are_read_once_with_their_numbers():
    art = _read("nested-lists.html")
    items = [(b.number, b.text) for b in art.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        (1, "Warm clothes for the evening"),
        (None, "a wool sweater"),
        (None, "thick socks for the hut slippers"),
        (2, "A sleeping bag liner, since the blankets are shared"),
        (3, "A torch with fresh batteries"),
    ]


def test_a_short_list_is_read_although_readability_drops_it():
    art = _markup(
        f"<html><head><title>Pancakes</title></head><body><article>{_LEAD}"
        "<p>You will need:</p><ul><li>eggs</li><li>milk</li><li>flour</li></ul>"
        "<p>Mix everything and let the batter rest for half an hour.</p></article></body></html>")
    assert [b.text for b in art.blocks if b.kind is BlockKind.LIST_ITEM] == [
        "eggs", "milk", "flour"]


def test_a_body_carried_twice_in_the_markup_is_read_once():
    art = _read("duplicated-body.html")
    texts = _texts(art)
    assert len(texts) == 3
    assert sum("sechs neue Ladesäulen" in t for t in texts) == 1
    assert art.meta.lang == "de"


def test_a_brand_h1_is_not_the_headline_and_furniture_is_not_read():
    art = _read("brand-h1.html")
    assert art.title == "Library extends its opening hours"
    spoken = _spoken(art)
    for furniture in ("Hillside Gazette", "By Mara Quill", "Updated 9:15", "Share on Facebook",
                      "Read more", "Council approves budget", "Book sale raises money"):
        assert furniture not in spoken
    assert len(art.blocks) == 3
    assert art.meta.author == "Mara Quill"
    assert art.meta.source == "Hillside Gazette"
    assert art.meta.date is not None and art.meta.date.date().isoformat() == "2026-03-03"


def test_captions_and_image_credits_are_not_read():
    art = _read("image-credit.html")
    spoken = _spoken(art)
    assert "(Bild:" not in spoken and "Foto:" not in spoken and "Hersteller)" not in spoken
    assert "etwas dicker als sein Vorgänger" not in spoken  # the caption
    assert "Der Bildschirm ist mit elf Zoll so groß wie beim Vorgänger, das Gehäuse aber etwas " \
           "dicker." in _texts(art)
    assert len(art.blocks) == 3


def test_a_code_block_is_skipped_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="audio_edition.readers.html"):
        art = _read("code-block.html")
    assert "print(len" not in _spoken(art) and "notes.txt" not in _spoken(art)
    assert len(art.blocks) == 2
    assert any("1 code block(s) skipped" in r.getMessage() and "code-block.html" in r.getMessage()
               for r in caplog.records)


def test_a_description_repeating_the_lead_is_not_read_as_teaser():
    art = _read("description-lead.html")
    assert art.teaser is None
    assert _spoken(art).count("rye loaf baked in a wood oven") == 1
    assert art.meta.description.startswith("A small bakery")


def test_a_standfirst_beside_the_headline_is_read_once():
    art = _read("standfirst.html")
    assert _spoken(art).count("opens its doors again") == 1


def test_a_description_the_page_does_not_show_is_not_read():
    art = _markup(
        '<html><head><title>Quay plans</title><meta name="description" content="Everything '
        'about the town, every day: news, weather and sport."></head><body><article>'
        f"<h1>Quay plans</h1>{_LEAD}</article></body></html>")
    assert art.teaser is None
    assert "weather and sport" not in _spoken(art)


@pytest.mark.parametrize("depth", [30, 500])
@pytest.mark.parametrize("tag", ["blockquote", "div"])
def test_deeply_nested_text_is_read(tag, depth):
    art = _markup(
        f"<html><head><title>Deep</title></head><body><article>{_LEAD}"
        + f"<{tag}>" * depth + "<p>The innermost sentence is still read aloud.</p>"
        + f"</{tag}>" * depth + "<p>The closing sentence follows the nesting.</p>"
        "</article></body></html>")
    texts = _texts(art)
    assert "The innermost sentence is still read aloud." in texts
    assert texts[-1] == "The closing sentence follows the nesting."


@pytest.mark.parametrize("depth", [30, 500])
def test_every_item_of_a_deeply_nested_list_is_read_once(depth):
    art = _markup(
        f"<html><head><title>Deep list</title></head><body><article>{_LEAD}"
        + "".join(f"<ul><li>item {i}" for i in range(depth)) + "</li></ul>" * depth
        + "<p>The closing sentence follows the nesting.</p></article></body></html>")
    items = [b.text for b in art.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [f"item {i}" for i in range(depth)]


def test_text_nested_deeper_than_the_parser_allows_is_reported(caplog):
    depth = 5000
    with caplog.at_level(logging.WARNING, logger="audio_edition.readers.html"):
        art = _markup(
            f"<html><head><title>Too deep</title></head><body><article>{_LEAD}"
            + "<blockquote>" * depth + "<p>Far below the limit of the parser.</p>"
            + "</blockquote>" * depth + "</article></body></html>", "deep.html")
    if "Far below the limit of the parser." not in _texts(art):
        assert any("could not be parsed" in r.getMessage() and "deep.html" in r.getMessage()
                   for r in caplog.records)


def test_markup_from_a_string_is_read_with_its_source_named():
    art = _markup(
        f'<html lang="fr-CA"><head><title>Le quai</title></head><body><article><h1>Le quai'
        f"</h1>{_LEAD}</article></body></html>", "https://example.org/quai")
    assert art.title == "Le quai"
    assert art.meta.lang == "fr"
    with pytest.raises(ReaderError, match="no readable main content") as info:
        read_markup("<html><body><nav><a href='/'>Home</a></nav></body></html>", "feed item 3")
    assert info.value.path == "feed item 3"


def test_a_page_date_that_is_not_iso_does_not_fail_the_page(tmp_path):
    page = tmp_path / "dated.html"
    page.write_text(
        '<html><head><title>Quay</title><meta property="article:published_time" '
        f'content="November 19, 2019, 07:47 PM EST"></head><body><article>{_LEAD}</article>'
        "</body></html>", encoding="utf-8")
    art = read_article(page)
    assert art.meta.date is None or art.meta.date.year == 2019


def test_every_fixture_page_is_read_within_the_time_budget():
    for page in sorted(PAGES.glob("*.html")):
        start = time.perf_counter()
        _read(page.name)
        assert time.perf_counter() - start < BUDGET, page.name
