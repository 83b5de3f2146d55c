"""The feed, checked with XPath and feedparser, and the manifest that keeps episodes."""

from __future__ import annotations

import datetime as dt

import pytest

import feedparser
from lxml import etree

from audio_edition.config import EditionConfig
from audio_edition.feed import (
    ITUNES, PODCAST, load_manifest, merge, render_feed, save_manifest, write_feed,
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


# -- what the W3C feed validator and the Podcasting 2.0 namespace ask for ------------------------

from dataclasses import replace  # noqa: E402

from feedcheck import build_date, errors, problems  # noqa: E402

from audio_edition.feed import feed_url, podcast_guid  # noqa: E402

NS["podcast"] = PODCAST
FULL = EditionConfig(title="Hafenfunk", description="Nachrichten vom Hafen, vorgelesen.",
                     author="Inselradio", owner_email="redaktion@inselradio.example",
                     category="News / Daily News", base_url="https://pod.example/hafen/")
WHEN = dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc)


def _full(slug: str, day: int, number: int | None = None) -> Episode:
    return replace(_ep(slug, day), number=number, vtt_file=f"audio/{slug}.vtt",
                   srt_file=f"audio/{slug}.srt", chapters_file=f"audio/{slug}.chapters.json")


def test_feed_passes_the_validator_rules():
    eps = merge([], [_full("a", 1), _full("b", 2)])
    xml = render_feed(FULL, eps, "feed/cover.png", WHEN)
    assert problems(xml, "https://pod.example/hafen/feed/feed.xml") == []


@pytest.mark.parametrize("change, complaint", [
    ({"owner_email": ""}, "itunes:owner/itunes:email"),
    ({"category": "Religion & Spirituality / Religion"}, "invalid subcategory 'Religion'"),
    ({"show_type": "weekly"}, "itunes:type"),
])
def test_the_rules_catch_mistakes(change, complaint):
    xml = render_feed(replace(FULL, **change), [_full("a", 1, 1)], "feed/cover.png", WHEN)
    assert any(complaint in p for p in problems(xml, feed_url(FULL))), problems(xml, feed_url(FULL))
    good = render_feed(FULL, [_full("a", 1, 1)], "feed/cover.png", WHEN)
    assert any("does not match" in p for p in problems(good, "http://elsewhere/feed.xml"))


def test_channel_podcasting_2_0():
    doc = etree.fromstring(render_feed(FULL, [], "feed/cover.png", WHEN))
    assert doc.nsmap["podcast"] == (
        "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md")
    assert doc.xpath("//channel/podcast:guid/text()", namespaces=NS) == [
        podcast_guid("https://pod.example/hafen/feed/feed.xml")]
    locked = doc.xpath("//channel/podcast:locked", namespaces=NS)[0]
    assert locked.text == "yes" and locked.get("owner") == "redaktion@inselradio.example"
    doc = etree.fromstring(render_feed(
        replace(FULL, locked=False, guid="917393e3-1b1e-5cef-ace4-edaa54e1f810"), [],
        "feed/cover.png", WHEN))
    assert doc.xpath("//podcast:locked/text()", namespaces=NS) == ["no"]
    assert doc.xpath("//podcast:guid/text()", namespaces=NS) == [
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"]


@pytest.mark.parametrize("url, guid", [
    # the examples of the Podcasting 2.0 guid tag
    ("https://mp3s.nashownotes.com/pc20rss.xml", "917393e3-1b1e-5cef-ace4-edaa54e1f810"),
    ("http://podnews.net/rss/", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
    ("podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
])
def test_podcast_guid_is_the_uuid5_of_the_bare_feed_url(url, guid):
    assert podcast_guid(url) == guid


def test_items_link_transcripts_and_chapters_with_absolute_urls():
    doc = etree.fromstring(render_feed(FULL, [_full("a", 1, 7)], "feed/cover.png", WHEN))
    item = doc.xpath("//item")[0]
    assert item.xpath("itunes:episode/text()", namespaces=NS) == ["7"]
    transcripts = {t.get("type"): t for t in item.xpath("podcast:transcript", namespaces=NS)}
    assert set(transcripts) == {"text/vtt", "application/x-subrip"}
    assert transcripts["text/vtt"].get("url") == "https://pod.example/hafen/audio/a.vtt"
    assert transcripts["text/vtt"].get("language") == "de"
    assert transcripts["text/vtt"].get("rel") == "captions"
    assert transcripts["application/x-subrip"].get("url") == "https://pod.example/hafen/audio/a.srt"
    chapters = item.xpath("podcast:chapters", namespaces=NS)[0]
    assert chapters.get("url") == "https://pod.example/hafen/audio/a.chapters.json"
    assert chapters.get("type") == "application/json+chapters"


def test_episode_defaults():
    cfg = replace(FULL, explicit=False, episode_explicit=True, episode_type="bonus",
                  episode_season=3)
    doc = etree.fromstring(render_feed(cfg, [_full("a", 1, 1)], "feed/cover.png", WHEN))
    assert doc.xpath("//channel/itunes:explicit/text()", namespaces=NS) == ["false"]
    assert doc.xpath("//item/itunes:explicit/text()", namespaces=NS) == ["true"]
    assert doc.xpath("//item/itunes:episodeType/text()", namespaces=NS) == ["bonus"]
    assert doc.xpath("//item/itunes:season/text()", namespaces=NS) == ["3"]


def test_episode_numbers_are_given_once_and_kept():
    eps = merge([], [_ep("b", 5), _ep("a", 2)])
    assert {e.slug: e.number for e in eps} == {"a": 1, "b": 2}
    # an older article added later gets the next number; nobody is renumbered
    eps = merge(eps, [_ep("old", 1), replace(_ep("a", 2), title="Neu")])
    assert {e.slug: e.number for e in eps} == {"a": 1, "b": 2, "old": 3}
    assert [e.slug for e in eps] == ["b", "a", "old"]  # still newest first


def test_last_build_date_moves_only_with_the_content(tmp_path):
    stale = render_feed(FULL, [_full("a", 1, 1)], "feed/cover.png", WHEN)
    path = tmp_path / "feed" / "feed.xml"
    path.parent.mkdir()
    path.write_bytes(stale)
    # the same content again: the file, date included, stays as it is
    write_feed(tmp_path, FULL, [_full("a", 1, 1)], "feed/cover.png")
    assert path.read_bytes() == stale and build_date(path.read_bytes()) == WHEN
    # new content: a new date
    write_feed(tmp_path, FULL, [_full("a", 1, 1), _full("b", 2, 2)], "feed/cover.png")
    assert build_date(path.read_bytes()) > WHEN


def test_a_hostile_feed_on_disk_is_never_parsed(tmp_path):
    # XXE and entity expansion in an existing feed.xml: the build neither reads the secret nor
    # expands the entities; it only ever writes the feed from the manifest.
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    lol = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    hostile = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">'
               f'<!ENTITY l0 "lol">{lol}]><rss><channel><title>&xxe;&l9;</title>'
               "<lastBuildDate>&xxe;</lastBuildDate></channel></rss>")
    path = tmp_path / "feed" / "feed.xml"
    path.parent.mkdir()
    path.write_text(hostile)
    write_feed(tmp_path, FULL, [_full("a", 1, 1)], "feed/cover.png")
    xml = path.read_bytes()
    assert b"TOP SECRET" not in xml and b"lol" not in xml and b"DOCTYPE" not in xml
    assert problems(xml, feed_url(FULL)) == []


def test_without_owner_email_the_feed_has_no_itunes_owner_and_no_error():
    default = EditionConfig(title="Hafenfunk", base_url="http://127.0.0.1:8000/")
    xml = render_feed(default, [_full("a", 1, 1)], "feed/cover.png", WHEN)
    root = etree.fromstring(xml)
    assert root.xpath("channel/itunes:owner", namespaces=NS) == []
    assert root.xpath("channel/podcast:locked/@owner",
                      namespaces={"podcast": PODCAST}) == []
    assert errors(xml, feed_url(default)) == []
    assert problems(xml, feed_url(default)) == [
        "warning: channel: missing itunes:owner/itunes:email"]


def test_the_w3c_validator_finds_no_error_in_the_default_feed():
    """Runs w3c/feedvalidator when a checkout is named in FEEDVALIDATOR (its src/ folder), as
    tests/test_clients.py does; the only thing it may say is the missing email's warning."""
    import os
    import subprocess
    import sys

    src = os.environ.get("FEEDVALIDATOR")
    if not src:
        pytest.skip("set FEEDVALIDATOR to a w3c/feedvalidator checkout's src/ (see docs/FEED.md)")
    default = EditionConfig(title="Hafenfunk", base_url="http://127.0.0.1:8000/")
    xml = render_feed(default, [_full("a", 1, 1)], "feed/cover.png", WHEN)
    script = (
        "import sys\n"
        f"sys.path.insert(0, {src!r})\n"
        "import feedvalidator\n"
        "from feedvalidator.logging import Error, Warning\n"
        "events = feedvalidator.validateString(sys.stdin.buffer.read(), firstOccurrenceOnly=1,"
        " base=sys.argv[1])['loggedEvents']\n"
        "for e in events:\n"
        "    if isinstance(e, (Error, Warning)):\n"
        "        print(('Error' if isinstance(e, Error) else 'Warning'), type(e).__name__)\n")
    python = os.environ.get("FEEDVALIDATOR_PYTHON", sys.executable)
    res = subprocess.run([python, "-c", script, feed_url(default)], input=xml,
                         capture_output=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode().split("\n")[:-1] == ["Warning MissingItunesEmail"]


def test_urls_in_the_feed_are_ascii(tmp_path):
    from audio_edition.config import load_edition

    config = load_edition(tmp_path, {"base_url": "https://bücher.example/hörbuch/",
                                     "link": "https://bücher.example/?seite=ä"})
    xml = render_feed(config, [_full("a", 1, 1)], "feed/Größe Fähre.png", WHEN)
    root = etree.fromstring(xml)
    urls = root.xpath("//@url | //@href | //link/text() | //image/url/text()")
    assert len(urls) >= 7 and all(u.isascii() and " " not in u for u in urls)
    assert "https://xn--bcher-kva.example/h%C3%B6rbuch/audio/a.mp3" in urls
    assert "https://xn--bcher-kva.example/h%C3%B6rbuch/feed/Gr%C3%B6%C3%9Fe%20F%C3%A4hre.png" \
        in urls
    assert "https://xn--bcher-kva.example/?seite=%C3%A4" in urls


def test_an_item_links_its_episode_page_and_has_the_categories_of_its_article():
    ep = replace(_ep("a", 1), link="https://blog.example/fähre?x=1", categories=["Hafen", "Insel"])
    doc = etree.fromstring(render_feed(CFG, [ep, _ep("b", 2)], "feed/cover.png", WHEN))
    first, second = doc.xpath("//item")
    assert first.xpath("link/text()") == [CFG.base_url + "episodes/a.html"]
    assert first.xpath("category/text()") == ["Hafen", "Insel"]
    assert second.xpath("link/text()") == [CFG.base_url + "episodes/b.html"]
    assert second.xpath("category") == []
    parsed = feedparser.parse(etree.tostring(doc)).entries[0]
    assert [t.term for t in parsed.tags] == ["Hafen", "Insel"]


def test_a_feed_mixing_languages_has_the_edition_s_language_and_each_item_its_own():
    from dataclasses import replace as with_

    german, english = _ep("a", 1), with_(_ep("b", 2, title="A bridge reopens"), lang="en")
    xml = render_feed(CFG, [english, german], "feed/cover.png", WHEN)
    doc = etree.fromstring(xml)
    assert doc.xpath("/rss/channel/language/text()") == ["de"]  # edition.toml's language
    assert doc.xpath("//item/dc:language/text()",
                     namespaces={"dc": "http://purl.org/dc/elements/1.1/"}) == ["en", "de"]
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    assert parsed.feed.language == "de"
    assert [e.language for e in parsed.entries] == ["en", "de"]


@pytest.mark.parametrize("lang, tag", [
    ("cmn", "zh-cmn"), ("yue", "zh-yue"), ("ltg", "lv-ltg"), ("hyw", "hy-arevmda"),
    ("de-AT", "de-AT"), ("haw", "haw"),
])
def test_an_item_in_a_language_espeak_names_by_an_iso_639_3_code_carries_a_tag_readers_know(lang, tag):
    """Feed readers and the W3C validator know ISO 639-1 and 639-2 primary subtags, not
    Mandarin's ``cmn``: the macrolanguage's code comes first, the language after it."""
    from dataclasses import replace as with_

    ep = with_(_ep("a", 1), lang=lang, vtt_file="audio/a.vtt")
    doc = etree.fromstring(render_feed(CFG, [ep], "feed/cover.png", WHEN))
    assert doc.xpath("//item/dc:language/text()",
                     namespaces={"dc": "http://purl.org/dc/elements/1.1/"}) == [tag]
    assert doc.xpath("//item/podcast:transcript/@language", namespaces={"podcast": PODCAST}) == [tag]


def test_the_channel_language_is_the_one_in_edition_toml(tmp_path):
    from audio_edition.config import load_edition

    (tmp_path / "edition.toml").write_text(
        'title = "Harbour Radio"\nbase_url = "http://127.0.0.1:8000/"\nlanguage = "en-GB"\n')
    config = load_edition(tmp_path, {})
    xml = render_feed(config, [_ep("a", 1)], "feed/cover.png", WHEN)
    parsed = feedparser.parse(xml)
    assert parsed.feed.language == "en-GB"
    assert parsed.entries[0].language == "de"
