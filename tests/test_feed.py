"""The feed, checked with XPath and feedparser, and the manifest that keeps episodes."""

from __future__ import annotations

import datetime as dt

import feedparser
from lxml import etree

from audio_edition.config import EditionConfig
from audio_edition.feed import (
    ITUNES, load_manifest, merge, render_feed, save_manifest, write_feed,
)
from audio_edition.model import Episode

NS = {"itunes": ITUNES, "atom": "http://www.w3.org/2005/Atom"}


def _ep(slug: str, day: int, title: str = "Titel") -> Episode:
    return Episode(guid=f"urn:uuid:{slug}", slug=slug, title=title, description="Beschreibung",
                   lang="de", pub_date=dt.datetime(2026, 11, day, tzinfo=dt.timezone.utc),
                   audio_file=f"audio/{slug}.mp3", size=12345, duration=61.4, author="A")


CFG = EditionConfig(title="Hafenfunk", base_url="http://127.0.0.1:8000/", owner_email="a@b.de")


def test_channel_and_item_fields():
    xml = render_feed(CFG, [_ep("b", 2), _ep("a", 1)], "feed/cover.png",
                      dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc))
    doc = etree.fromstring(xml)
    ch = doc.find("channel")
    assert ch.findtext("title") == "Hafenfunk"
    assert ch.findtext("language") == "de"
    assert doc.xpath("//channel/atom:link[@rel='self']/@href", namespaces=NS) == [
        "http://127.0.0.1:8000/feed/feed.xml"]
    assert doc.xpath("//channel/itunes:category/@text", namespaces=NS) == ["News"]
    assert doc.xpath("//channel/itunes:explicit/text()", namespaces=NS) == ["false"]
    assert doc.xpath("//channel/itunes:image/@href", namespaces=NS) == [
        "http://127.0.0.1:8000/feed/cover.png"]
    enc = doc.xpath("//item[1]/enclosure")[0]
    assert enc.get("url") == "http://127.0.0.1:8000/audio/b.mp3"
    assert enc.get("length") == "12345" and enc.get("type") == "audio/mpeg"
    assert doc.xpath("//item[1]/itunes:duration/text()", namespaces=NS) == ["61"]
    assert doc.xpath("//item[1]/pubDate/text()") == ["Mon, 02 Nov 2026 00:00:00 +0000"]

    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    assert [e.id for e in parsed.entries] == ["urn:uuid:b", "urn:uuid:a"]


def test_hostile_text_is_valid_xml():
    ep = _ep("x", 1, title="A & B <c> ]]> \"q\" 'p' \x01\x0b end")
    xml = render_feed(CFG, [ep], "feed/cover.png", dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc))
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    assert parsed.entries[0].title == "A & B <c> ]]> \"q\" 'p'  end"


def test_manifest_round_trip_and_merge(tmp_path):
    save_manifest(tmp_path, [_ep("a", 1)])
    eps = merge(load_manifest(tmp_path), [_ep("b", 3), _ep("a", 1, title="Neu")])
    assert [e.slug for e in eps] == ["b", "a"]
    assert eps[1].title == "Neu"


def test_unchanged_feed_is_not_rewritten(tmp_path):
    path = write_feed(tmp_path, CFG, [_ep("a", 1)], "feed/cover.png")
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    write_feed(tmp_path, CFG, [_ep("a", 1)], "feed/cover.png")
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
